"""The followed services: which product each live-status line stands for and which status-page components
make it (the list is data: app/services/followed.toml, or VEILLE_SERVICES_FILE)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.analysis.entities import gazetteer

FOLLOWED_FILE = Path(__file__).with_name("followed.toml")
_KEYS = {"name", "product", "status_source", "components"}


class FollowedError(ValueError):
    """The followed-services file cannot be used; the message says why, in French."""


@dataclass(frozen=True)
class FollowedService:
    """One line of the live status."""

    name: str
    product: str  # gazetteer product slug
    product_name: str
    company: str | None  # gazetteer company slug
    company_name: str | None
    status_source: str | None = None  # the status-page source's name in the sources file
    components: tuple[str, ...] = ()  # component or group names (from a word start, any case); empty: all
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # from the start of a word: "API" is in "APIs" and "Claude API", not in "Rapid"
        words = "|".join(re.escape(c.casefold()) for c in self.components)
        object.__setattr__(self, "_pattern", re.compile(rf"(?<!\w)(?:{words})") if words else None)

    def covers(self, name: str, group: str | None) -> bool:
        """Whether a component (or the group it sits in) is part of this service."""
        if self._pattern is None:
            return True
        return any(self._pattern.search(n.casefold()) for n in (name, group or "") if n)


def _one(i: int, raw: Any) -> FollowedService:
    where = f"service n° {i}"
    if not isinstance(raw, dict):
        raise FollowedError(f"{where} : une table [[service]] est attendue")
    unknown = set(raw) - _KEYS
    if unknown:
        raise FollowedError(f"{where} : clé(s) inconnue(s) {', '.join(sorted(unknown))}")
    name, product, source = raw.get("name"), raw.get("product"), raw.get("status_source")
    if not isinstance(name, str) or not name.strip():
        raise FollowedError(f"{where} : « name » est obligatoire (un texte non vide)")
    where = f"{where} « {name} »"
    g = gazetteer()
    ent = g.entities.get(f"product:{product}") if isinstance(product, str) else None
    if ent is None:
        raise FollowedError(f"{where} : « product » doit être un produit du gazetteer (reçu {product!r})")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise FollowedError(f"{where} : « status_source » doit être le nom d'une page de statut")
    components = raw.get("components", [])
    if not isinstance(components, list) or not all(isinstance(c, str) and c.strip() for c in components):
        raise FollowedError(f"{where} : « components » doit être une liste de textes non vides")
    if components and source is None:
        raise FollowedError(f"{where} : « components » demande une « status_source »")
    company = g.company_of(ent.slug)
    return FollowedService(
        name=name.strip(),
        product=ent.slug,
        product_name=ent.name,
        company=company.slug if company else None,
        company_name=company.name if company else None,
        status_source=source,
        components=tuple(c.strip() for c in components),
    )


def parse_followed(text: str, origin: str = "fichier des services suivis") -> tuple[FollowedService, ...]:
    """Parse and check the TOML text of a followed-services file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FollowedError(f"{origin} : TOML invalide ({exc})") from exc
    rows = data.get("service")
    if not isinstance(rows, list) or not rows:
        raise FollowedError(f"{origin} : aucun service (un tableau [[service]] non vide est attendu)")
    services: list[FollowedService] = []
    for i, raw in enumerate(rows, start=1):
        try:
            svc = _one(i, raw)
        except FollowedError as exc:
            raise FollowedError(f"{origin} : {exc}") from None
        if any(s.name == svc.name for s in services):
            raise FollowedError(f"{origin} : le service « {svc.name} » est déclaré deux fois")
        services.append(svc)
    return tuple(services)


@lru_cache(maxsize=4)
def load_followed(path: Path = FOLLOWED_FILE) -> tuple[FollowedService, ...]:
    """The followed services of a file, read once per process."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FollowedError(f"fichier des services suivis introuvable : {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FollowedError(f"fichier des services suivis illisible : {path} ({exc})") from None
    return parse_followed(text, origin=str(path))
