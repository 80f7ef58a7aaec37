"""Feeds and exports of incidents: Atom, JSON Feed, CSV and JSON (ETag/Last-Modified come from the middleware)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import documented
from app.models import Incident
from app.services.entities import entity_ids
from app.services.incidents import list_incidents
from app.templating import KIND_FR, date_fr, duration_fr, time_fr

router = APIRouter(tags=["flux et exports"])


def _answers(media_type: str, schema: dict[str, str]) -> dict:
    """OpenAPI for a route that answers `media_type` (not JSON by default), and a JSON 404 for an unknown
    company or product, or 422; the route's response_class is the bare Response so FastAPI adds no JSON 200."""
    return {"response_class": Response,
            "responses": {200: {"description": "Réponse", "content": {media_type: {"schema": schema}}},
                          **documented(404, 422)}}
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
SlugParam = Annotated[str | None, Query(max_length=100)]
KindParam = Annotated[str | None, Query(pattern="^(outage|degradation|restriction)?$")]


def _check_slugs(session: Session, company: str | None, product: str | None) -> None:
    ids = entity_ids(session)
    if company and ("company", company) not in ids:
        raise HTTPException(404, f"entreprise inconnue : {company}")
    if product and ("product", product) not in ids:
        raise HTTPException(404, f"produit inconnu : {product}")


def _incidents(session: Session, limit: int | None = None, **filters: object) -> list[dict]:
    _check_slugs(session, filters.get("company"), filters.get("product"))  # type: ignore[arg-type]
    items = list_incidents(session, limit=limit, **{k: v or None for k, v in filters.items()})  # type: ignore[arg-type]
    return items


def _updated(session: Session, items: list[dict]) -> dict[int, datetime]:
    rows = session.execute(select(Incident.id, Incident.updated_at).where(Incident.id.in_([i["id"] for i in items])))
    return {i: (u if u.tzinfo else u.replace(tzinfo=UTC)) for i, u in rows}


def _when(inc: dict) -> str:
    text = date_fr(inc["date"])
    if inc["started_at"]:
        text += f" vers {time_fr(inc['started_at'])}"
    if inc["duration_minutes"]:
        text += f", durée {duration_fr(inc['duration_minutes'])}"
    return text


def _summary(inc: dict) -> str:
    names = ", ".join(e["name"] for e in inc["products"] + inc["companies"])
    n = len(inc["articles"])
    official = " Confirmé par le statut officiel." if inc.get("official") else ""
    return (f"{KIND_FR.get(inc['kind'], inc['kind']).capitalize()} le {_when(inc)}. {names}. "
            f"{n} article{'s' if n > 1 else ''} de presse.{official}")


def _self_url(request: Request, settings: Settings) -> str:
    """This feed's own address under the public origin (never under the visitor's Host header)."""
    query = request.url.query
    return settings.base_url + request.url.path + (f"?{query}" if query else "")


def _feed_title(company: str | None, product: str | None) -> str:
    scope = product or company
    return f"Pannes des services d'IA : {scope}" if scope else "Pannes des services d'IA"


@router.get("/flux/pannes.atom", summary="Flux Atom des incidents", **_answers("application/atom+xml", {"type": "string"}))
def atom_feed(request: Request, session: SessionDep, settings: SettingsDep,
              company: SlugParam = None, product: SlugParam = None) -> Response:
    """The latest incidents as Atom, optionally for one company or product."""
    items = _incidents(session, limit=FEED_SIZE, company=company, product=product)
    updated = _updated(session, items)
    base, self_url = settings.base_url, _self_url(request, settings)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{settings.site_name} — {_feed_title(company, product)}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": base + "/"})
    newest = max(updated.values(), default=datetime(2024, 1, 1, tzinfo=UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = settings.site_name
    for inc in items:
        url = f"{base}/incidents/{inc['id']}"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{inc['title']} ({date_fr(inc['date'], weekday=False)})"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated[inc["id"]].isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": inc["kind"], "label": KIND_FR.get(inc["kind"], "")})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _summary(inc)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/flux/pannes.json", summary="JSON Feed des incidents", **_answers("application/feed+json", {"type": "object"}))
def json_feed(request: Request, session: SessionDep, settings: SettingsDep,
              company: SlugParam = None, product: SlugParam = None) -> Response:
    """The latest incidents as JSON Feed 1.1."""
    items = _incidents(session, limit=FEED_SIZE, company=company, product=product)
    updated = _updated(session, items)
    base = settings.base_url
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": f"{settings.site_name} — {_feed_title(company, product)}",
        "home_page_url": base + "/", "feed_url": _self_url(request, settings), "language": "fr",
        "items": [
            {"id": f"{base}/incidents/{i['id']}", "url": f"{base}/incidents/{i['id']}", "title": i["title"],
             "content_text": _summary(i), "date_published": f"{i['date']}T00:00:00+00:00" if not i["started_at"]
             else i["started_at"], "date_modified": updated[i["id"]].isoformat(),
             "tags": [KIND_FR.get(i["kind"], i["kind"]), *(e["name"] for e in i["products"] + i["companies"])],
             "_veille": {"kind": i["kind"], "date": i["date"], "articles": len(i["articles"]),
                         "official": bool(i.get("official"))}}
            for i in items
        ],
    }
    return Response(json.dumps(feed, ensure_ascii=False).encode(), media_type="application/feed+json; charset=utf-8")


def _export_filters(company: SlugParam = None, product: SlugParam = None, kind: KindParam = None,
                    since: date | None = None, until: date | None = None) -> dict:
    return {"company": company, "product": product, "kind": kind, "since": since, "until": until}


CSV_COLUMNS = ["id", "date", "type", "titre", "debut", "fin", "duree_minutes", "origine", "entreprises", "produits",
               "articles", "confirme_officiellement", "url"]


def _cell(value: object) -> object:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@router.get("/export/incidents.csv", summary="Export CSV des incidents", **_answers("text/csv", {"type": "string"}))
def export_csv(session: SessionDep, settings: SettingsDep, company: SlugParam = None, product: SlugParam = None,
               kind: KindParam = None, since: date | None = None, until: date | None = None) -> Response:
    """Every incident matching the filters, one line each (UTF-8, comma-separated)."""
    items = _incidents(session, **_export_filters(company, product, kind, since, until))
    base = settings.base_url
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for i in items:
        w.writerow([_cell(v) for v in (
            i["id"], i["date"], i["kind"], i["title"], i["started_at"] or "", i["ended_at"] or "",
            i["duration_minutes"] or "", i["origin"], " ".join(e["slug"] for e in i["companies"]),
            " ".join(e["slug"] for e in i["products"]), len(i["articles"]), "oui" if i.get("official") else "non",
            f"{base}/incidents/{i['id']}")])
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="incidents.csv"'})


@router.get("/export/incidents.json", summary="Export JSON des incidents",
            **_answers("application/json", {"type": "object"}))
def export_json(session: SessionDep, company: SlugParam = None, product: SlugParam = None, kind: KindParam = None,
                since: date | None = None, until: date | None = None) -> Response:
    """Every incident matching the filters, with entities, articles and official incidents."""
    items = _incidents(session, **_export_filters(company, product, kind, since, until))
    body = json.dumps({"count": len(items), "items": items}, ensure_ascii=False).encode()
    return Response(body, media_type="application/json",
                    headers={"content-disposition": 'attachment; filename="incidents.json"'})
