"""Literal anchors screen the outage rules: a pattern is skipped only where it cannot match.

Checked on what the rules really read: every pattern of the analysis against every page of the evaluation sets
(each match holds one of its pattern's anchors), and the screened rules against the unscreened ones on every
sentence of those pages (the same kinds, sentence by sentence)."""

from __future__ import annotations

import re
from functools import cache

import pytest

from app.analysis import analyse_document, outage_words, outages, summary, timeexpr
from app.analysis.outages import _kinds
from app.analysis.prefilter import Screen, Screened, anchors
from app.analysis.sentences import sentence_spans
from app.extract import Document, ExtractionError, extract
from app.textfold import fold
from tests.conftest import ROOT

PAGE_DIRS = ("tests/eval/pages", "tests/holdout/pages", "tests/blind/pages", "app/demo/pages")


@cache
def folded_pages() -> tuple[str, ...]:
    """The folded title, lead and text of every labelled page (as the analysis reads them)."""
    out = []
    for d in PAGE_DIRS:
        for p in sorted((ROOT / d).rglob("*.html")):
            try:
                doc = extract(p.read_bytes(), url="https://pages.invalid/" + p.name)
            except ExtractionError:
                continue
            out.append(fold(f"{doc.title}\n{doc.lead or ''}\n{doc.text}"))
    return tuple(out)


def analysis_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for module in (outage_words, outages, summary, timeexpr):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module.__name__}.{name}"] = value
    for kind, rx in outage_words.KIND_RX.items():
        found[f"KIND_RX[{kind}]"] = rx
    return found


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(panne|plante\w*)\b", {"panne", "plante"}),
        (r"\b(?:est|sont) tombee?s?\b", {"est tombe", "sont tombe"}),
        (r"p(?:anne|lante)s?", {"panne", "plante"}),  # a letter then its tails: whole words
        (r"(?<!pas de )coupure", {"coupure"}),  # a lookbehind is not in the match
        (r"(?:« )?perdu (?:» )?la main", {"perdu "}),
    ],
)
def test_anchors_of_simple_patterns(pattern: str, expected: set[str]) -> None:
    found = anchors(pattern)
    assert found is not None
    assert all(any(e in a for a in found) for e in expected)
    assert all(len(a) >= 3 for a in found)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b\d{1,3} %",  # " %" is too short to screen anything
        r"(?:panne|\w+)",  # an alternative without any literal
        r"(?=panne)\w+",  # a lookahead only: not part of the match
        r"a|b",
    ],
)
def test_patterns_without_anchors_are_never_skipped(pattern: str) -> None:
    assert anchors(pattern) is None
    screen = Screen([re.compile(pattern)])
    assert screen.possible("rien à voir") == screen.always


def test_case_insensitive_patterns_are_not_screened() -> None:
    assert anchors(re.compile("panne", re.IGNORECASE)) is None
    assert anchors(re.compile("(?i:panne)")) is None


def test_a_rewrite_makes_a_later_rule_possible() -> None:
    mark = re.compile(r"\bferme\w*")
    later = re.compile(r"\brestriction\b")
    t = Screened(Screen([mark, later]), "les inscriptions sont fermees")
    assert t.search(later) is None
    t.sub(mark, " restriction ")
    assert t.search(later) is not None  # the text changed: the anchors were looked for again


def test_every_match_on_real_pages_holds_an_anchor() -> None:
    checked = 0
    for name, rx in analysis_patterns().items():
        found = anchors(rx)
        if found is None:
            continue
        for text in folded_pages():
            for m in rx.finditer(text):
                if m.end() > m.start():
                    checked += 1
                    assert any(a in m.group(0) for a in found), (name, m.group(0)[:80])
    assert checked > 10_000


def test_screened_outage_rules_give_the_same_kinds_as_unscreened() -> None:
    unscreened = Screen([])  # nothing screened: every rule runs
    sentences = [t[s:e] for t in folded_pages() for s, e in sentence_spans(t, 60)]
    assert len(sentences) > 3000
    differ = [s for s in sentences if _kinds(s) != _kinds(s, unscreened)]
    assert not differ, differ[:3]


@cache
def labelled_documents() -> tuple[Document, ...]:
    out = []
    for d in PAGE_DIRS:
        for p in sorted((ROOT / d).rglob("*.html")):
            try:
                out.append(extract(p.read_bytes(), url="https://pages.invalid/" + p.name))
            except ExtractionError:
                continue
    return tuple(out)


def test_the_whole_analysis_is_the_same_without_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = labelled_documents()
    screened = [analyse_document(d) for d in docs]
    monkeypatch.setattr(outages, "_SCREEN", Screen([]))  # every pattern runs everywhere
    plain = [analyse_document(d) for d in docs]
    assert len(docs) > 400
    assert sum(a.outage is not None for a in plain) > 150
    differ = [d.url for d, a, b in zip(docs, screened, plain, strict=True) if a != b]
    assert not differ, differ[:5]
