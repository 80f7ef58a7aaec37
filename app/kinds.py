"""The kinds of incident: one definition, used by the analysis, the services, the API and the pages."""

from __future__ import annotations

from enum import StrEnum


# What happened to a service. The values are the stored and public (API) names. (A comment, not a docstring:
# pydantic would publish a docstring as the enum's description on the French OpenAPI page.)
class IncidentKind(StrEnum):
    OUTAGE = "outage"
    DEGRADATION = "degradation"
    RESTRICTION = "restriction"

    @property
    def label_fr(self) -> str:
        """The French word a reader sees: panne, dégradation, restriction."""
        return _LABELS_FR[self]


_LABELS_FR = {
    IncidentKind.OUTAGE: "panne",
    IncidentKind.DEGRADATION: "dégradation",
    IncidentKind.RESTRICTION: "restriction",
}
# The kinds from the most to the least severe (an incident's kind is the most severe its articles report).
SEVERITY_ORDER = (IncidentKind.OUTAGE, IncidentKind.DEGRADATION, IncidentKind.RESTRICTION)
# A query-parameter pattern for the kinds, empty allowed (an empty GET form field means "all").
KIND_PATTERN = "^(" + "|".join(k.value for k in IncidentKind) + ")?$"
