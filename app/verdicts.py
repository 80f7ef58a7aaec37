"""The verdicts of the live status: one definition, used by the service, the API and the pages."""

from __future__ import annotations

from enum import StrEnum


# How a followed service is doing now. The values are the public (API) names. (A comment, not a docstring:
# pydantic would publish a docstring as the enum's description on the French OpenAPI page.)
class Verdict(StrEnum):
    OPERATIONAL = "operational"
    DEGRADED = "degraded"
    DOWN = "down"
    UNKNOWN = "unknown"

    @property
    def label_fr(self) -> str:
        """The French words a reader sees: opérationnel, perturbé, en panne, inconnu."""
        return _LABELS_FR[self]


_LABELS_FR = {
    Verdict.OPERATIONAL: "opérationnel",
    Verdict.DEGRADED: "perturbé",
    Verdict.DOWN: "en panne",
    Verdict.UNKNOWN: "inconnu",
}
# Status-page component statuses in French (Statuspage's vocabulary, which app/scrapers/status_now maps onto).
COMPONENT_FR = {
    "operational": "opérationnel",
    "under_maintenance": "en maintenance",
    "degraded_performance": "performances dégradées",
    "partial_outage": "panne partielle",
    "major_outage": "panne majeure",
    "unknown": "état non reconnu",
}
