"""Feeds and exports of incidents: Atom, JSON Feed, CSV and JSON (ETag/Last-Modified come from the middleware)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.analysis.dates import iso_paris
from app.config import Settings
from app.deps import IncidentFilterDep, SessionDep, SettingsDep
from app.errors import documented
from app.responses import json_of
from app.schemas import IncidentItem, IncidentList
from app.services.entities import unknown_entity
from app.services.incident_list import IncidentFilter, list_incidents
from app.templating import date_fr, duration_fr, time_fr

router = APIRouter(tags=["flux et exports"])


def _answers(media_type: str, schema: dict[str, str]) -> dict:
    """OpenAPI for a route that answers `media_type` (not JSON by default), and a JSON 404 for an unknown
    company or product, or 422; the route's response_class is the bare Response so FastAPI adds no JSON 200."""
    return {
        "response_class": Response,
        "responses": {
            200: {"description": "Réponse", "content": {media_type: {"schema": schema}}},
            **documented(404, 422),
        },
    }


FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


def _incidents(session: Session, f: IncidentFilter, limit: int | None = None) -> list[IncidentItem]:
    """The incidents of a feed or an export; a company or product we do not know is a 404."""
    unknown = unknown_entity(session, company=f.company, product=f.product)
    if unknown:
        raise HTTPException(404, unknown)
    return list_incidents(session, f, limit)


def _when(inc: IncidentItem) -> str:
    text = date_fr(inc.date)
    if inc.started_at:
        text += f" vers {time_fr(inc.started_at)}"
    if inc.duration_minutes:
        text += f", durée {duration_fr(inc.duration_minutes)}"
    return text


def _summary(inc: IncidentItem) -> str:
    names = ", ".join(e.name for e in inc.products + inc.companies)
    n = len(inc.articles)
    official = " Confirmé par le statut officiel." if inc.official else ""
    return (
        f"{inc.kind.label_fr.capitalize()} le {_when(inc)}. {names}. "
        f"{n} article{'s' if n > 1 else ''} de presse.{official}"
    )


def _self_url(request: Request, settings: Settings) -> str:
    """This feed's own address under the public origin (never under the visitor's Host header)."""
    query = request.url.query
    return settings.base_url + request.url.path + (f"?{query}" if query else "")


def _feed_title(company: str | None, product: str | None) -> str:
    scope = product or company
    return f"Pannes des services d'IA : {scope}" if scope else "Pannes des services d'IA"


@router.get(
    "/flux/pannes.atom",
    summary="Flux Atom des incidents",
    description="Les 50 derniers incidents en Atom, avec les filtres de la chronologie.",
    **_answers("application/atom+xml", {"type": "string"}),
)
def atom_feed(request: Request, session: SessionDep, settings: SettingsDep, f: IncidentFilterDep) -> Response:
    """The latest incidents as Atom, optionally for one company or product."""
    items = _incidents(session, f, limit=FEED_SIZE)
    base, self_url = settings.base_url, _self_url(request, settings)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    ET.SubElement(
        feed, f"{{{ATOM}}}title"
    ).text = f"{settings.site_name} — {_feed_title(f.company, f.product)}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": base + "/"})
    newest = max((i.updated_at for i in items), default=datetime(2024, 1, 1, tzinfo=UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = settings.site_name
    for inc in items:
        url = f"{base}/incidents/{inc.id}"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{inc.title} ({date_fr(inc.date, weekday=False)})"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = inc.updated_at.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": inc.kind, "label": inc.kind.label_fr})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _summary(inc)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        feed, encoding="utf-8", xml_declaration=False
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get(
    "/flux/pannes.json",
    summary="JSON Feed des incidents",
    description="Les 50 derniers incidents en JSON Feed 1.1, avec les filtres de la chronologie.",
    **_answers("application/feed+json", {"type": "object"}),
)
def json_feed(request: Request, session: SessionDep, settings: SettingsDep, f: IncidentFilterDep) -> Response:
    """The latest incidents as JSON Feed 1.1."""
    items = _incidents(session, f, limit=FEED_SIZE)
    base = settings.base_url
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{settings.site_name} — {_feed_title(f.company, f.product)}",
        "home_page_url": base + "/",
        "feed_url": _self_url(request, settings),
        "language": "fr",
        "items": [
            {
                "id": f"{base}/incidents/{i.id}",
                "url": f"{base}/incidents/{i.id}",
                "title": i.title,
                "content_text": _summary(i),
                "date_published": f"{i.date.isoformat()}T00:00:00+00:00"
                if not i.started_at
                else iso_paris(i.started_at),
                "date_modified": i.updated_at.isoformat(),
                "tags": [i.kind.label_fr, *(e.name for e in i.products + i.companies)],
                "_veille": {
                    "kind": i.kind.value,
                    "date": i.date.isoformat(),
                    "articles": len(i.articles),
                    "official": bool(i.official),
                },
            }
            for i in items
        ],
    }
    return Response(
        json.dumps(feed, ensure_ascii=False).encode(), media_type="application/feed+json; charset=utf-8"
    )


CSV_COLUMNS = [
    "id",
    "date",
    "type",
    "titre",
    "debut",
    "fin",
    "duree_minutes",
    "origine",
    "entreprises",
    "produits",
    "articles",
    "confirme_officiellement",
    "url",
]


def _cell(value: object) -> object:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@router.get(
    "/export/incidents.csv",
    summary="Export CSV des incidents",
    description="Tous les incidents correspondant aux filtres, un par ligne (UTF-8, virgules).",
    **_answers("text/csv", {"type": "string"}),
)
def export_csv(session: SessionDep, settings: SettingsDep, f: IncidentFilterDep) -> Response:
    """Every incident matching the filters, one line each (UTF-8, comma-separated)."""
    items = _incidents(session, f)
    base = settings.base_url
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for i in items:
        w.writerow(
            [
                _cell(v)
                for v in (
                    i.id,
                    i.date.isoformat(),
                    i.kind.value,
                    i.title,
                    iso_paris(i.started_at) or "",
                    iso_paris(i.ended_at) or "",
                    i.duration_minutes or "",
                    i.origin,
                    " ".join(e.slug for e in i.companies),
                    " ".join(e.slug for e in i.products),
                    len(i.articles),
                    "oui" if i.official else "non",
                    f"{base}/incidents/{i.id}",
                )
            ]
        )
    return Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="incidents.csv"'},
    )


@router.get(
    "/export/incidents.json",
    summary="Export JSON des incidents",
    description="Tous les incidents correspondant aux filtres, avec entités, articles et incidents officiels.",
    **_answers("application/json", {"type": "object"}),
)
def export_json(session: SessionDep, f: IncidentFilterDep) -> Response:
    """Every incident matching the filters, with entities, articles and official incidents."""
    items = _incidents(session, f)
    return json_of(
        IncidentList(count=len(items), items=items),
        headers={"content-disposition": 'attachment; filename="incidents.json"'},
    )
