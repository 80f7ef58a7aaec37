"""The sources file: a TOML array of `[[sources]]` tables, loaded and checked into typed declarations."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from app.bidi import strip_bidi
from app.extract import SiteRules

log = logging.getLogger(__name__)

DEFAULT_DELAY = 1.0
STATUS_FORMATS = ("statuspage-v2", "google")
_SITE_KEYS = {
    "name",
    "kind",
    "site",
    "homepage",
    "feeds",
    "sitemaps",
    "sitemaps_from_robots",
    "delay",
    "url_pattern",
    "content_selector",
    "noise_selectors",
}
_STATUS_KEYS = {
    "name",
    "kind",
    "homepage",
    "url",
    "format",
    "provider",
    "products",
    "match",
    "delay",
    "summary_url",
}


class SourcesError(ValueError):
    """The sources file cannot be used; the message says why, in French."""


@dataclass(frozen=True)
class SourceConfig:
    """One declared source: a news site (feeds, sitemaps, rules) or an official status page."""

    name: str
    homepage: str
    kind: str = "site"  # site | statuspage
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sitemaps_from_robots: bool = False
    delay: float = DEFAULT_DELAY
    url_pattern: str | None = None
    rules: SiteRules | None = None
    url: str | None = None  # status pages: the JSON endpoint
    format: str | None = None  # status pages: statuspage-v2 | google
    provider: str | None = None  # status pages: who publishes it (e.g. "Anthropic")
    products: tuple[str, ...] = ()  # status pages: our product/company slugs it covers
    match: tuple[str, ...] = ()  # status pages: keep incidents naming one of these components/products
    summary_url: str | None = None  # status pages (Statuspage v2): every component's current status
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.url or self.homepage).hostname or ""

    def accepts(self, url: str) -> bool:
        """Whether a discovered URL is an article of this source (pattern, else same host)."""
        if self._pattern is not None:
            return self._pattern.search(url) is not None
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        return host == urlsplit(self.homepage).hostname.removeprefix("www.")  # type: ignore[union-attr]


def _where(i: int, name: object) -> str:
    return f"source n° {i}" + (f" « {name} »" if isinstance(name, str) and name else "")


def _http_url(value: object, what: str, where: str) -> str:
    if (
        not isinstance(value, str)
        or urlsplit(value).scheme not in ("http", "https")
        or not urlsplit(value).hostname
    ):
        raise SourcesError(f"{where} : {what} doit être une URL http(s) complète (reçu {value!r})")
    return value


def _url_list(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise SourcesError(f"{where} : « {key} » doit être une liste d'URL (reçu {value!r})")
    return tuple(_http_url(v, f"chaque élément de « {key} »", where) for v in value)


def _str_list(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourcesError(f"{where} : « {key} » doit être une liste de textes non vides")
    return tuple(value)


def _opt_str(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise SourcesError(f"{where} : « {key} » doit être un texte non vide")
    return value


def _check_selector(selector: str, key: str, where: str) -> None:
    """A site rule's CSS selector must compile now, not be skipped page after page during a crawl."""
    try:
        CSSSelector(selector)
    except SelectorError as exc:
        raise SourcesError(
            f"{where} : « {key} » contient un sélecteur CSS invalide {selector!r} ({exc})"
        ) from None


def _summary_url(raw: dict[str, Any], fmt: str, where: str) -> str | None:
    """A status page's component summary: only Statuspage v2 publishes one (Google's list is incidents only)."""
    if "summary_url" not in raw:
        return None
    if fmt != "statuspage-v2":
        raise SourcesError(f"{where} : « summary_url » n'existe que pour le format statuspage-v2")
    return _http_url(raw["summary_url"], "« summary_url »", where)


def _parse_one(i: int, raw: object) -> SourceConfig:
    if not isinstance(raw, dict):
        raise SourcesError(f"source n° {i} : une table [[sources]] est attendue")
    name = raw.get("name")
    name = (
        strip_bidi(name) if isinstance(name, str) else name
    )  # a name is shown on pages: no direction tricks
    where = _where(i, name)
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where} : « name » est obligatoire (un texte non vide)")
    kind = raw.get("kind", "site")
    if kind not in ("site", "statuspage"):
        raise SourcesError(f"{where} : « kind » vaut « site » ou « statuspage » (reçu {kind!r})")
    unknown = set(raw) - (_SITE_KEYS if kind == "site" else _STATUS_KEYS)
    if unknown:
        raise SourcesError(f"{where} : clé(s) inconnue(s) {', '.join(sorted(unknown))}")
    delay = raw.get("delay", DEFAULT_DELAY)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        raise SourcesError(
            f"{where} : « delay » doit être un nombre de secondes positif ou nul (reçu {delay!r})"
        )
    if kind == "statuspage":
        url = _http_url(raw.get("url"), "« url »", where)
        fmt = raw.get("format")
        if fmt not in STATUS_FORMATS:
            raise SourcesError(f"{where} : « format » vaut {' ou '.join(STATUS_FORMATS)} (reçu {fmt!r})")
        homepage = _http_url(raw.get("homepage", url), "« homepage »", where)
        return SourceConfig(
            name=name,
            homepage=homepage,
            kind=kind,
            url=url,
            format=fmt,
            delay=float(delay),
            provider=_opt_str(raw, "provider", where) or name,
            products=_str_list(raw, "products", where),
            match=_str_list(raw, "match", where),
            summary_url=_summary_url(raw, fmt, where),
        )
    homepage = _http_url(raw.get("homepage"), "« homepage »", where)
    if "feeds" not in raw:
        raise SourcesError(f"{where} : « feeds » est obligatoire (une liste d'URL, éventuellement vide)")
    feeds = _url_list(raw, "feeds", where)
    sitemaps = _url_list(raw, "sitemaps", where)
    from_robots = raw.get("sitemaps_from_robots", False)
    if not isinstance(from_robots, bool):
        raise SourcesError(f"{where} : « sitemaps_from_robots » vaut true ou false")
    pattern_text = _opt_str(raw, "url_pattern", where)
    pattern = None
    if pattern_text:
        try:
            pattern = re.compile(pattern_text)
        except re.error as exc:
            raise SourcesError(
                f"{where} : « url_pattern » n'est pas une expression régulière valide ({exc})"
            ) from exc
    content = _opt_str(raw, "content_selector", where)
    noise = _str_list(raw, "noise_selectors", where)
    for key, selectors in (("content_selector", (content,) if content else ()), ("noise_selectors", noise)):
        for sel in selectors:
            _check_selector(sel, key, where)
    rules = SiteRules(content_selector=content, noise_selectors=noise) if content or noise else None
    return SourceConfig(
        name=name,
        homepage=homepage,
        feeds=feeds,
        sitemaps=sitemaps,
        sitemaps_from_robots=from_robots,
        delay=float(delay),
        url_pattern=pattern_text,
        rules=rules,
        _pattern=pattern,
    )


def parse_sources(text: str, origin: str = "fichier des sources") -> list[SourceConfig]:
    """Parse and check the TOML text of a sources file; raise SourcesError with a French message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{origin} : TOML invalide ({exc})") from exc
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SourcesError(f"{origin} : aucune source (un tableau [[sources]] non vide est attendu)")
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_sources, start=1):
        try:
            src = _parse_one(i, raw)
        except SourcesError as exc:
            raise SourcesError(f"{origin} : {exc}") from None
        if src.name in seen:
            raise SourcesError(f"{origin} : le nom « {src.name} » est utilisé par plusieurs sources")
        seen.add(src.name)
        sources.append(src)
    return sources


def load_sources(path: Path) -> list[SourceConfig]:
    """Read the sources file at `path` (VEILLE_SOURCES_FILE or the packaged one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"fichier des sources introuvable : {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"fichier des sources illisible : {path} ({exc})") from None
    return parse_sources(text, origin=str(path))


def select_sources(sources: list[SourceConfig], names: list[str] | None) -> list[SourceConfig]:
    """Keep the sources named by --source (all when none); unknown names are an error."""
    if not names:
        return sources
    by_name = {s.name.casefold(): s for s in sources}
    missing = [n for n in names if n.casefold() not in by_name]
    if missing:
        known = ", ".join(s.name for s in sources)
        raise SourcesError(f"source(s) inconnue(s) : {', '.join(missing)} (sources connues : {known})")
    return [by_name[n.casefold()] for n in dict.fromkeys(names)]
