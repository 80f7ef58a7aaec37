"""Official status pages: Atlassian Statuspage v2 and Google status JSON, parsed into plain records."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.analysis.dates import parse_iso_datetime

log = logging.getLogger(__name__)


class StatusPageError(ValueError):
    """The status JSON does not have the documented shape; the message is French."""


@dataclass
class OfficialRecord:
    """One incident as a provider publishes it."""

    external_id: str
    title: str
    status: str | None
    impact: str | None
    started_at: datetime | None
    resolved_at: datetime | None
    url: str | None
    components: list[str] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)


def _dt(value: object) -> datetime | None:
    # stored in UTC: SQLite keeps wall-clock time only, so one zone everywhere keeps comparisons right
    d = parse_iso_datetime(value) if isinstance(value, str) and value.strip() else None
    return d.astimezone(UTC) if d else None


def _iso(value: object) -> str | None:
    d = _dt(value)
    return d.isoformat() if d else None


def parse_statuspage_v2(data: Any) -> list[OfficialRecord]:
    """`/api/v2/incidents.json` of Atlassian Statuspage (and compatible APIs such as OpenAI's)."""
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        raise StatusPageError("JSON Statuspage v2 attendu : un objet avec une liste « incidents »")
    records = []
    for inc in data["incidents"]:
        if not isinstance(inc, dict) or not inc.get("id") or not isinstance(inc.get("name"), str):
            log.warning("statuspage incident without id or name skipped")
            continue
        updates = [
            {
                "status": u.get("status"),
                "body": u.get("body") or "",
                "at": _iso(u.get("display_at") or u.get("created_at")),
            }
            for u in inc.get("incident_updates") or []
            if isinstance(u, dict)
        ]
        names = [str(c["name"]) for c in inc.get("components") or [] if isinstance(c, dict) and c.get("name")]
        for u in inc.get("incident_updates") or []:
            for c in (u.get("affected_components") or []) if isinstance(u, dict) else []:
                if isinstance(c, dict) and c.get("name") and c["name"] not in names:
                    names.append(c["name"])
        records.append(
            OfficialRecord(
                external_id=str(inc["id"]),
                title=inc["name"].strip(),
                status=inc.get("status"),
                impact=inc.get("impact"),
                started_at=_dt(inc.get("started_at")) or _dt(inc.get("created_at")),
                resolved_at=_dt(inc.get("resolved_at")),
                url=inc.get("shortlink") if isinstance(inc.get("shortlink"), str) else None,
                components=names,
                updates=sorted(updates, key=lambda u: u["at"] or ""),
            )
        )
    return records


_GOOGLE_IMPACT = {"SERVICE_OUTAGE": "major", "SERVICE_DISRUPTION": "minor", "SERVICE_INFORMATION": "none"}


def parse_google(data: Any, base_url: str = "") -> list[OfficialRecord]:
    """Google's status JSON: a flat array of incidents (Workspace/Gemini app and Google Cloud)."""
    if not isinstance(data, list):
        raise StatusPageError("JSON Google attendu : une liste d'incidents")
    records = []
    for inc in data:
        if not isinstance(inc, dict) or not inc.get("id") or not isinstance(inc.get("external_desc"), str):
            log.warning("google incident without id or external_desc skipped")
            continue
        latest: dict[str, Any] = (
            inc["most_recent_update"] if isinstance(inc.get("most_recent_update"), dict) else {}
        )
        updates = _google_updates(inc, latest)
        uri = inc.get("uri") if isinstance(inc.get("uri"), str) else None
        if uri and not uri.startswith("http") and base_url:
            uri = base_url.rstrip("/") + "/" + uri.lstrip("/")
        end = _dt(inc.get("end"))
        records.append(
            OfficialRecord(
                external_id=str(inc["id"]),
                title=inc["external_desc"].strip(),
                status="resolved" if end else (latest.get("status") or "ongoing"),
                impact=_GOOGLE_IMPACT.get(inc.get("status_impact", ""), inc.get("severity")),
                started_at=_dt(inc.get("begin")),
                resolved_at=end,
                url=uri,
                components=[
                    p["title"]
                    for p in inc.get("affected_products") or []
                    if isinstance(p, dict) and p.get("title")
                ],
                updates=updates,
            )
        )
    return records


def _google_updates(inc: dict[str, Any], latest: dict[str, Any]) -> list[dict[str, Any]]:
    """Every update Google lists (its `updates` array, newest first), else the most recent one, oldest first.

    When the incident's `created` time comes before every listed update, it is kept as the first one ("posted"):
    that is when Google acknowledged the incident, which the press lead (services/press_lead.py) compares with
    the first article. Keeping only the latest update made the acknowledgement look hours late.
    """
    listed = (
        [u for u in inc.get("updates") or [] if isinstance(u, dict)]
        if isinstance(inc.get("updates"), list)
        else []
    )
    updates = [
        {
            "status": u.get("status"),
            "body": u.get("text") or "",
            "at": _iso(u.get("when") or u.get("created")),
        }
        for u in listed
    ]
    if latest:
        last = {
            "status": latest.get("status"),
            "body": latest.get("text") or "",
            "at": _iso(latest.get("when")),
        }
        if not any(u["at"] == last["at"] and u["body"] == last["body"] for u in updates):
            updates.append(last)
    created = _iso(inc.get("created"))
    if created and all(u["at"] is None or u["at"] > created for u in updates):
        updates.append({"status": "posted", "body": "", "at": created})
    return sorted(updates, key=lambda u: u["at"] or "")


def parse_status(raw: bytes, fmt: str, base_url: str = "") -> list[OfficialRecord]:
    """Decode and parse a status JSON body in the declared format."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StatusPageError(f"JSON illisible : {exc}") from exc
    except RecursionError:  # "[[[[..." nested deeper than the parser's stack
        raise StatusPageError("JSON illisible : imbrication trop profonde") from None
    if fmt == "google":
        return parse_google(data, base_url)
    return parse_statuspage_v2(data)


def matching(records: list[OfficialRecord], match: tuple[str, ...]) -> list[OfficialRecord]:
    """Keep incidents whose components or title name one of `match` (all when empty)."""
    if not match:
        return records
    wanted = [m.casefold() for m in match]
    return [r for r in records if any(w in " ".join([r.title, *r.components]).casefold() for w in wanted)]
