"""Page bytes -> Document: decoding, main text (trafilatura), metadata (JSON-LD, OpenGraph, bylines)."""

from __future__ import annotations

import json
import logging
import re
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import trafilatura
import trafilatura.metadata as tm
from cssselect import SelectorError
from lxml import etree
from lxml import html as lxml_html
from trafilatura.external import (
    SANITIZED_XPATH,  # what makes trafilatura call justext on a result
    try_readability,
)
from trafilatura.settings import Document as TrafilaturaDocument

from app.charset import decode, looks_binary
from app.pagedate import PageDates, article_object, find_dates, in_aside

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200  # below this a page holds no article (JS-rendered shell, index page...)
# Fast-path gates (see doubtful()): trafilatura's own minimum (below it, its cascade tries justext and its
# wild-text recovery), and readability's "twice as long" rule, read against readability's own result; it is
# run only when the fast text holds less than half of the page's paragraph text, or more than all of it.
FAST_MIN_CHARS = 250
FAST_MAX_READABILITY = 2.0
FAST_MIN_SHARE = 0.5


class ExtractionError(Exception):
    """The page cannot become an article; `reason` is a short code, `message` says it in French."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class SiteRules:
    """Per-site extraction hints: where the text is and what to drop first."""

    content_selector: str | None = None
    noise_selectors: tuple[str, ...] = ()


@dataclass
class Document:
    """What extraction gives the analysis stage."""

    url: str
    title: str
    text: str
    author: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    date_source: str = "none"  # see app.pagedate.SOURCES
    site_name: str | None = None
    lead: str | None = None
    language: str | None = None
    keywords: list[str] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return (urlsplit(self.url).hostname or "").removeprefix("www.")


def _json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    found: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content().strip() or "null")
        except (json.JSONDecodeError, ValueError):
            log.debug("invalid JSON-LD ignored")
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return found


def _ld_author(article: dict, objs: list[dict]) -> str | None:
    by_id = {o.get("@id"): o for o in objs if o.get("@id")}
    raw = article.get("author")
    items = raw if isinstance(raw, list) else [raw]
    names = []
    for a in items:
        if isinstance(a, dict) and "name" not in a and a.get("@id") in by_id:
            a = by_id[a["@id"]]
        if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip():
            names.append(a["name"].strip())
        elif isinstance(a, str) and a.strip():
            names.append(a.strip())
    return ", ".join(names) or None


_META_KEYS = ("property", "name", "itemprop")


def meta_index(tree: lxml_html.HtmlElement) -> dict[tuple[str, str], str]:
    """(attribute, value) -> content of the first <meta> with that attribute value and a content, read in
    one pass over the page (instead of one XPath scan per name and attribute)."""
    index: dict[tuple[str, str], str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None:
            continue
        for attr in _META_KEYS:
            value = node.get(attr)
            if value is not None:
                index.setdefault((attr, value), content)
    return index


def _meta(metas: dict[tuple[str, str], str], *names: str) -> str | None:
    for n in names:
        for attr in _META_KEYS:
            val = metas.get((attr, n))
            if val and val.strip():
                return str(val).strip()
    return None


def _drop(tree: lxml_html.HtmlElement, selectors: tuple[str, ...]) -> None:
    for sel in selectors:
        try:
            nodes = tree.cssselect(sel)
        except SelectorError:  # sources files are checked at load; rules built elsewhere must not stop a page
            log.warning("invalid noise selector selector=%r", sel)
            continue
        for node in nodes:
            node.drop_tree()


def find_url(tree: lxml_html.HtmlElement, metas: dict[tuple[str, str], str] | None = None) -> str | None:
    """Canonical link, then og:url."""
    canon = tree.xpath('//link[@rel="canonical"]/@href')
    if canon and str(canon[0]).startswith("http"):
        return str(canon[0]).strip()
    og = _meta(meta_index(tree) if metas is None else metas, "og:url")
    return og if og and og.startswith("http") else None


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Every element is a plain HtmlElement, chosen in C: lxml.html's default lookup calls a Python function for
# each element proxy (about a million calls on trafilatura's 990 evaluation pages) to build form and label
# classes nothing here uses. Comments and processing instructions are dropped at parse, as trafilatura's own
# parser does: its default extract() works on such a tree, and every XPath pass over ours is shorter.
_PARSER = lxml_html.HTMLParser(collect_ids=False)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)


def parse_html(text_html: str) -> lxml_html.HtmlElement:
    """Decoded page text to a tree; an XHTML page's `<?xml … encoding=…?>` line is dropped first, since lxml
    refuses an encoding declaration in text it did not decode itself."""
    try:
        return lxml_html.fromstring(_XML_DECLARATION.sub("", text_html, count=1), parser=_PARSER)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise ExtractionError("unparsable", f"HTML illisible : {exc}") from exc


def extract(
    raw: bytes, url: str | None = None, charset: str | None = None, rules: SiteRules | None = None
) -> Document:
    """Turn a saved or fetched page into a Document, or raise ExtractionError."""
    if not raw or not raw.strip():
        raise ExtractionError("empty", "fichier vide")
    if looks_binary(raw, charset):
        raise ExtractionError("binary", "contenu binaire, pas une page HTML")
    tree = parse_html(decode(raw, charset))
    objs = _json_ld_objects(tree)
    metas = meta_index(tree)
    page_url = find_url(tree, metas) or url
    if not page_url:
        raise ExtractionError("no-url", "aucune URL (ni lien canonique, ni og:url, ni --url)")
    ld = article_object(objs, page_url)

    # Everything read from the raw tree is read before trafilatura, which then gets the same parsed tree
    # (parsing a page twice cost ~15 % of extraction time).
    title_hint = (
        (ld or {}).get("headline") or _meta(metas, "og:title") or next(iter(tree.xpath("//h1//text()")), None)
    )
    author_ld = _ld_author(ld, objs) if ld else None
    keywords_raw = (ld or {}).get("keywords") or []
    keywords = (
        [k.strip() for k in keywords_raw.split(",")]
        if isinstance(keywords_raw, str)
        else [str(k).strip() for k in keywords_raw if str(k).strip()]
    )
    site_name = _meta(metas, "og:site_name")
    if isinstance((ld or {}).get("publisher"), dict):
        site_name = site_name or ld["publisher"].get("name")  # type: ignore[index]
    lead = (ld or {}).get("description") or _meta(metas, "description", "og:description")
    page_lang = tree.get("lang")
    dates = find_dates(tree, page_url, metas, objs)

    own_title = isinstance(title_hint, str) and bool(title_hint.strip())
    meta = (
        None
        if own_title and author_ld and site_name
        else fallback_metadata(tree, metas, page_url, not own_title, not author_ld, not site_name)
    )

    _strip_for_text(tree)
    if rules and (rules.noise_selectors or rules.content_selector):
        _apply_rules(tree, rules)

    result = main_text(tree, page_url)
    body_text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(body_text) < MIN_TEXT_CHARS:
        raise ExtractionError(
            "no-text", "pas de texte d'article exploitable (page vide, index ou rendue en JavaScript)"
        )
    title = title_hint if own_title else getattr(meta, "title", None)
    if not isinstance(title, str) or not title.strip():
        raise ExtractionError("no-title", "aucun titre trouvé")
    author = author_ld or getattr(meta, "author", None)
    site_name = site_name or getattr(meta, "sitename", None)
    lang = (page_lang or _meta(metas, "og:locale") or "").replace("_", "-").split("-")[0].lower() or None
    return Document(
        url=page_url,
        title=" ".join(title.split()),
        text=body_text,
        author=_clean_author(author),
        published_at=dates.published,
        modified_at=dates.modified,
        date_source=dates.source,
        site_name=site_name,
        lead=lead if isinstance(lead, str) else None,
        language=lang,
        keywords=keywords,
    )


@dataclass(frozen=True)
class FallbackMetadata:
    """Title, author and site name for what the page's own JSON-LD and OpenGraph did not say."""

    title: str | None
    author: str | None
    sitename: str | None


def fallback_metadata(
    tree: lxml_html.HtmlElement,
    metas: dict[tuple[str, str], str],
    url: str | None,
    need_title: bool,
    need_author: bool,
    need_site: bool,
) -> FallbackMetadata:
    """Only what is missing, each from its cheapest place: trafilatura's title and site-name heuristics, the
    author <meta> tags, then the byline. Not trafilatura's whole metadata pass: it runs htmldate a second time
    (dates are ours, app.pagedate), reads categories, tags and licences we do not use, and its author search
    alone (11 ms a page) cost a third of the text extraction."""
    title = tm.extract_title(tree) if need_title else None
    author = None
    if need_author:
        author = _meta(metas, "author", "article:author", "dc.creator", "DC.creator", "citation_author")
        if author and (" " not in author or author.startswith("http")):
            author = None  # a single word is a handle or a site, as trafilatura's own pass assumes
        author = author or byline_author(tree)
    sitename = None
    if need_site:
        sitename = tm.extract_sitename(tree) or (
            (urlsplit(url).hostname or "").removeprefix("www.") if url else None
        )
    return FallbackMetadata(title, author, sitename or None)


# Elements marked as the author's. Written over the attribute nodes (then their element) rather than as a
# predicate on every element: libxml2 then tests only the elements that carry the attribute, twice as fast
# for the same nodes in the same order.
_AUTHOR_NODES = etree.XPath(
    ".//@class[contains(., 'author') or contains(., 'auteur') or contains(., 'byline') or contains(., 'signature')]/.."
    " | .//@rel[. = 'author']/.. | .//@itemprop[. = 'author']/.."
)
_NOT_A_NAME = re.compile(r"\d|@|https?:|\|")


def byline_author(tree: lxml_html.HtmlElement) -> str | None:
    """The name in the article's byline ("Par Jeanne Martin"), never one of a sidebar's or a comment's."""
    for node in _AUTHOR_NODES(tree):
        if in_aside(node):
            continue
        text = node.get("content") or node.text_content()
        name = re.sub(r"^\s*(par|by|auteur|author)\s*:?\s+", "", " ".join(text.split()), flags=re.I).strip(
            " ,;"
        )
        if 3 <= len(name) <= 80 and len(name.split()) <= 6 and not _NOT_A_NAME.search(name):
            return name
    return None


def _trafilatura(
    tree: lxml_html.HtmlElement, url: str, fast: bool, with_metadata: bool = False, precision: bool = True
) -> TrafilaturaDocument | None:
    # bare_extraction copies a tree it is given, so it can run twice on the same one.
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=True,
        favor_precision=precision,
        target_language=None,
        fast=fast,
        as_dict=False,
    )
    return result if isinstance(result, TrafilaturaDocument) else None  # as_dict=False: never a dict


_PARAGRAPH_TEXT = etree.XPath("//p//text()", smart_strings=False)  # plain strings: no parent link to build


def paragraph_chars(tree: lxml_html.HtmlElement) -> int:
    """How much text the page holds in <p> elements (menus, comments and footers included)."""
    return sum(map(len, _PARAGRAPH_TEXT(tree)))


def readability_chars(tree: lxml_html.HtmlElement) -> int:
    """Length of the text readability (trafilatura's copy of it) takes for the page's article, measured as
    trafilatura's cascade measures it. About 1 ms on a 35 KB page, 2 ms on 100 KB: a tenth of the cascade."""
    found = try_readability(deepcopy(tree))  # readability edits the tree it reads
    return len(" ".join(etree.tostring(found, method="text", encoding="unicode").split()))


def doubtful(result: TrafilaturaDocument | None, tree: lxml_html.HtmlElement) -> bool:
    """Whether trafilatura's full cascade may find better text than its fast mode did.

    The cascade departs from the fast result when the main extractor came up short (below trafilatura's
    250-character minimum: justext, wild-text recovery, recall escalation), when the result has no paragraph
    or still holds page furniture (justext), or when readability finds a block more than twice as long.
    That last test is readability itself, not an estimate: counting the page's paragraph text instead made
    reader comments, teaser boxes and legal footers look like missed article text, and sent nearly every
    real-size news page down the cascade (about ten times the fast path's cost) for the same text.
    Readability is skipped when the fast text holds between half and all of the page's paragraph text: the
    paragraphs it would score are then mostly in the result already. It runs when the fast text holds less
    (paragraphs may be missed) or more (the article is written outside <p>, in <br> lines or bare <div>s,
    which readability reads as paragraphs)."""
    if result is None:
        return True
    text = (result.text or "").strip()
    body = result.body
    if (
        len(text) < FAST_MIN_CHARS
        or body is None
        or body.find(".//p") is None
        or bool(body.xpath(SANITIZED_XPATH))
    ):
        return True
    page_paragraphs = paragraph_chars(tree)
    if FAST_MIN_SHARE * page_paragraphs <= len(text) < page_paragraphs:
        return False
    return readability_chars(tree) > FAST_MAX_READABILITY * len(text)


def main_text(
    tree: lxml_html.HtmlElement, url: str, with_metadata: bool = False
) -> TrafilaturaDocument | None:
    """trafilatura: its fast mode in precision mode first (no readability/justext comparison, no deep
    copies), its full cascade only when the fast result is doubtful."""
    result = _trafilatura(tree, url, fast=True, with_metadata=with_metadata)
    if doubtful(result, tree):
        return _trafilatura(tree, url, fast=False, with_metadata=with_metadata, precision=False)
    return result


def _strip_for_text(tree: lxml_html.HtmlElement) -> None:
    """Drop, once and in place, what no text pass reads: comments and processing instructions (kept until
    the dates are read: htmldate reads RDF in comments), styles and inline SVG drawings. trafilatura
    copies and walks the tree with dozens of XPath expressions on each pass; a smaller tree is cheaper
    for all of them. Also what a browser never shows: elements with the `hidden` attribute (a consent dialog's
    list of partners, a closed menu; not `hidden="until-found"`, collapsed text a reader can open) and
    `<template>` contents."""
    etree.strip_elements(
        tree, etree.Comment, etree.ProcessingInstruction, "style", "svg", "template", with_tail=False
    )
    for node in tree.xpath("//*[@hidden][not(self::html or self::body)]"):
        if node.get("hidden", "").strip().lower() != "until-found" and node.getparent() is not None:
            node.drop_tree()


def _apply_rules(tree: lxml_html.HtmlElement, rules: SiteRules) -> None:
    """Drop a site's noise, then keep only its content block when the selector finds one."""
    _drop(tree, rules.noise_selectors)
    if not rules.content_selector:
        return
    try:
        nodes = tree.cssselect(rules.content_selector)
    except SelectorError:  # sources files are checked at load; rules built elsewhere must not stop a page
        log.warning("invalid content selector selector=%r", rules.content_selector)
        return
    body = tree.find(".//body")
    if nodes and body is not None:
        for child in list(body):
            body.remove(child)
        for node in nodes:
            body.append(node)


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    author = re.sub(r"^\s*(par|by)\s+", "", author, flags=re.I).strip(" ,;")
    return author[:300] or None


def page_dates(raw: bytes, url: str | None = None, charset: str | None = None) -> PageDates:
    """Only the dates of a page (what bench/dates_bench.py scores); no date when the page cannot be read."""
    try:
        tree = parse_html(decode(raw, charset))
    except ExtractionError:
        return PageDates()
    metas = meta_index(tree)
    page_url = find_url(tree, metas) or url
    return find_dates(tree, page_url, metas, _json_ld_objects(tree))
