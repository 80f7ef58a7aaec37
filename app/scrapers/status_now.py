"""The current status of a status page's components: a Statuspage v2 summary, or derived from the ongoing
incidents of an incidents list (Statuspage v2 or Google) when the page publishes no component list."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from app.bidi import strip_bidi
from app.scrapers.statuspage import OfficialRecord, StatusPageError, parse_google, parse_statuspage_v2

# The statuses a component can have, from the best to the worst (Statuspage's vocabulary; incident.io and
# Google are mapped onto it). "unknown" is a word we did not recognise: it says nothing either way.
STATUSES = ("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage")
UNKNOWN = "unknown"
_ALIASES = {
    "full_outage": "major_outage",
    "degraded": "degraded_performance",
    "maintenance": "under_maintenance",
}
# An ongoing incident without component statuses: its impact says how bad it is ("none" is a notice).
_IMPACT_STATUS = {"critical": "major_outage", "major": "major_outage", "minor": "partial_outage"}
_CLOSED = frozenset({"resolved", "postmortem", "completed"})
MAX_COMPONENTS = 500
MAX_NAME = 300


@dataclass(frozen=True)
class Component:
    """One component as the page names it, the group it sits in, and its normalised status."""

    name: str
    group: str | None
    status: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StatusNow:
    """What a status page says now. `complete`: every component is listed (else only the troubled ones)."""

    components: list[Component]
    complete: bool
    incidents: list[OfficialRecord] = field(default_factory=list)  # unresolved, as a summary lists them


def normalise(status: object) -> str:
    """A provider's component status in our vocabulary (`unknown` when it is not one we know)."""
    word = str(status or "").strip().lower()
    word = _ALIASES.get(word, word)
    return word if word in STATUSES else UNKNOWN


def worst(statuses: list[str]) -> str:
    """The worst known status of a list (`unknown` when none is known)."""
    known = [s for s in statuses if s in STATUSES]
    return max(known, key=STATUSES.index) if known else UNKNOWN


def _name(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return strip_bidi(value.strip())[:MAX_NAME]


def _load(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StatusPageError(f"JSON illisible : {exc}") from exc
    except RecursionError:
        raise StatusPageError("JSON illisible : imbrication trop profonde") from None


def parse_summary(data: Any) -> StatusNow:
    """A Statuspage v2 `/api/v2/summary.json`: every component, its group, and the unresolved incidents."""
    if not isinstance(data, dict) or not isinstance(data.get("components"), list):
        raise StatusPageError("JSON Statuspage v2 attendu : un objet avec une liste « components »")
    raw = [c for c in data["components"] if isinstance(c, dict)]
    groups = {c.get("id"): _name(c.get("name")) for c in raw if c.get("group") is True and c.get("id")}
    components = []
    for c in raw[:MAX_COMPONENTS]:
        name = _name(c.get("name"))
        if name is None:
            continue
        group = groups.get(c.get("group_id")) if c.get("group_id") else None
        components.append(Component(name=name, group=group, status=normalise(c.get("status"))))
    incidents = (
        parse_statuspage_v2({"incidents": data["incidents"]})
        if isinstance(data.get("incidents"), list)
        else []
    )
    return StatusNow(components, complete=True, incidents=[r for r in incidents if r.status not in _CLOSED])


def _from_v2_incidents(data: Any) -> StatusNow:
    records = parse_statuspage_v2(data)  # checks the shape
    open_ids = {r.external_id for r in records if r.status not in _CLOSED and r.resolved_at is None}
    found: dict[str, str] = {}
    for inc in data["incidents"]:
        if not isinstance(inc, dict) or str(inc.get("id")) not in open_ids:
            continue
        fallback = _IMPACT_STATUS.get(str(inc.get("impact") or ""), None)
        for c in inc.get("components") or []:
            name = _name(c.get("name")) if isinstance(c, dict) else None
            if name is None:
                continue
            status = normalise(c.get("status"))
            if status in (UNKNOWN, "operational") and fallback:
                status = fallback  # the component list of an ongoing incident may lag behind its impact
            found[name] = worst([found.get(name, UNKNOWN), status])
    return StatusNow([Component(n, None, s) for n, s in list(found.items())[:MAX_COMPONENTS]], complete=False)


def _from_google(data: Any, base_url: str) -> StatusNow:
    found: dict[str, str] = {}
    for r in parse_google(data, base_url):
        if r.resolved_at is not None or r.status == "resolved":
            continue
        status = _IMPACT_STATUS.get(r.impact or "")
        if status is None:  # a notice (SERVICE_INFORMATION) leaves the product operational
            continue
        for product in r.components:
            name = _name(product)
            if name is not None:
                found[name] = worst([found.get(name, UNKNOWN), status])
    return StatusNow([Component(n, None, s) for n, s in list(found.items())[:MAX_COMPONENTS]], complete=False)


def parse_now(raw: bytes, fmt: str, summary: bool, base_url: str = "") -> StatusNow:
    """What the page says now: from a summary (`summary=True`, Statuspage v2) or from its incidents list."""
    data = _load(raw)
    if summary:
        return parse_summary(data)
    if fmt == "google":
        return _from_google(data, base_url)
    return _from_v2_incidents(data)
