"""French analysis and the query language, without a database."""

from __future__ import annotations

import pytest

from app.search import fts5
from app.search.base import ArticleQuery
from app.search.query import AnyOf, Phrase, Word, parse
from app.search.text import STOP_WORDS, terms
from app.textfold import fold, spell_out


def test_fold_strips_accents_and_ligatures() -> None:
    assert fold(spell_out("Œuvre GÉNÉRÉE à Noël, façade")) == "oeuvre generee a noel, facade"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pannes", "panne"),
        ("génération", "generation"),
        ("modèles", "modele"),
        ("Intelligences", "intelligence"),
    ],
)
def test_inflections_and_accents_share_a_term(a: str, b: str) -> None:
    assert terms(a) == terms(b)
    assert terms(a)[0]


def test_stop_words_are_dropped() -> None:
    assert terms("la panne de l'assistant et des serveurs") == terms("panne assistant serveurs")
    assert {"le", "de", "et", "des"} <= STOP_WORDS


def test_parse_words_phrase_exclusion_or_prefix() -> None:
    q = parse('pannes "nouvelle génération" -Gemini Claude OR Mistral génér*')
    assert isinstance(q.must[0], Word) and q.must[0].term == terms("panne")[0]
    assert isinstance(q.must[1], Phrase) and q.must[1].terms == tuple(terms("nouvelle génération"))
    assert isinstance(q.must[2], AnyOf) and len(q.must[2].options) == 2
    assert isinstance(q.must[3], Word) and q.must[3].prefix and q.must[3].term == "gener"
    assert [n.folded for n in q.must_not] == ["gemini"]  # type: ignore[union-attr]


def test_entities_named_in_a_query_are_recognised() -> None:
    q = parse("panne Le Chat")
    assert isinstance(q.must[1], Phrase) and "qqplechat" in q.must[1].entities
    assert "qqcgoogle" in parse("Alphabet").must[0].entities  # type: ignore[union-attr]
    assert parse("le chat").must[0].entities == ()  # type: ignore[union-attr]  # strict alias: case matters


HOSTILE = [
    '"',
    "*",
    "AND (",
    "NEAR(",
    "'; DROP TABLE article;--",
    '"unbalanced quote',
    "-",
    "--",
    "- -",
    "!@#$%^&*()_+{}|:<>?~`" * 25,
    "😀🔥 panne 🤖",
    "OR",
    "OR OR panne OR",
    "a OR -b",
    "-panne",
    '"" ""',
    "col:panne",
    "title:panne",
    "panne^2",
    "{title}:x",
    "\x00\x01",
    "NOT panne",
    "* panne *",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_strings_compile_to_quoted_terms(q: str) -> None:
    match = fts5.compile_match(parse(q), ArticleQuery())
    # Outside the quoted strings only our own operators, column names and brackets remain.
    outside = "".join(part for i, part in enumerate(match.split('"')) if i % 2 == 0)
    leftovers = outside.replace("{title summary body}", "").replace("tags", "").replace("pairs", "")
    for op in ("AND", "OR", "NOT", "(", ")", ":", "*"):
        leftovers = leftovers.replace(op, "")
    assert leftovers.strip() == "", (q, match)


def test_short_prefixes_are_plain_words() -> None:
    assert parse("a*").is_empty
    w = parse("ia*").must[0]
    assert isinstance(w, Word) and not w.prefix and w.term == "ia"


def test_long_queries_are_bounded() -> None:
    q = parse(" ".join(f"mot{i}" for i in range(400)))
    assert len(q.must) <= 12


def test_text_terms_skip_the_column_filter_unless_a_tag_could_answer() -> None:
    # Without a column filter FTS5 counts and ranks without decoding every position list.
    assert fts5.compile_match(parse("pannes"), ArticleQuery()) == '"pann"'
    assert (
        fts5.compile_match(parse('"intelligence artificielle"'), ArticleQuery()) == '"intelligent_artificiel"'
    )
    assert fts5.compile_match(parse("qqcopenai"), ArticleQuery()).startswith("{title summary body} :")
    assert fts5.compile_match(parse("qq*"), ArticleQuery()).startswith("{title summary body} :")
