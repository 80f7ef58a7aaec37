"""Extractive French summaries: 2-3 central sentences, at most 450 characters, never boilerplate."""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from app.analysis.dates import DATELINE, MONTHS
from app.analysis.outage_words import ANY_KIND, RECOVERY
from app.analysis.regions import region_words, regions_named
from app.analysis.sentences import iter_sentence_spans
from app.textfold import fold

MAX_CHARS = 450
MAX_SENTENCES = 30
_WORD = re.compile(r"[a-z0-9]{3,}")  # words of three characters or more: shorter ones never count
_STOP = frozenset(
    "le la les un une des du de d l et en a au aux pour par sur dans avec sans ce cet cette ces son sa ses "
    "leur leurs qui que quoi dont ou est sont ete etre ont avait avoir fait plus moins tres aussi comme "
    "mais donc or ni car ne pas se s y il ils elle elles on nous vous je tu lui meme tout tous toute "
    "toutes deja encore apres avant selon depuis entre vers chez c qu n j m t".split()
)
# Second guard after clean_text: a sentence with one of these is never summary material.
# Only whether one occurs matters: alternatives grouped by first letter, so the engine skips ahead by character set.
_NOISE = re.compile(
    r"l(?:ire aussi)|s(?:ur le meme sujet|uivez-nous)|n(?:ewsletter)|a(?:bonnez)|i(?:nscrivez)|j(?:e m'abonne)|"
    r"c(?:redits? photo|ookies?|ommentaires?|liquez ici)|©|p(?:artager sur|ublicite)|g(?:oogle actualites)|"
    r"v(?:os reactions)|m(?:erci de rester courtois)|e(?:n savoir plus)"
)


# Update notes (folded text): "[Mis à jour à 18 h 20…]", "Mise à jour, 13 h 05 : …", "Mise à jour de 18 h 20 : …",
# and a note about the article itself ("Cet article, publié à 11 h 20, a été complété depuis.").
_UPDATE_NOTE = (
    r"(?:\[|\(mise? a jour|mise? a jour\s*:|maj\s*:|edit\s*:|update\s*:"
    r"|mise? a jour,? (?:de |a )?\d{1,2} ?(?:h|:) ?\d{0,2}\s*:"
    r"|cet article,? (?:[^,.]{0,40},? )?a ete (?:complete|mis a jour|actualise|modifie|corrige|enrichi))"
)
_UPDATE_NOTE_RX = re.compile(_UPDATE_NOTE)
# Not summary material: update notes, encyclopedic boilerplate (folded text).
_NOT_SUMMARY = re.compile(
    _UPDATE_NOTE + r"|(?:fondee?|creee?|lancee?) en (?:19|20)\d\d\b"
    r"|[\w.' -]{2,40}(?:\([^)]{0,40}\) )?(?:est|etait) (?:une|un) (?:entreprise|societe|start-?up|laboratoire|groupe|"
    r"firme|editeur|fabricant|conglomerat|multinationale|agent conversationnel|chatbot|assistant)\b[^.]{0,80}"
    r"\b(?:fondee?|creee?|basee?|installee?|dont le siege|nee?|specialisee?|qui developpe)\b"
    # a note on the page's time convention: "Les horaires sont donnés à l'heure de Paris", "Toutes les heures
    # indiquées sont celles de Paris"
    r"|(?:toutes )?les (?:heures|horaires) (?:[\w']+ ){0,3}?(?:sont|s'entendent|le sont) (?:[\w']+ ){0,4}?"
    r"(?:l')?(?:heure (?:de paris|francaise|locale|utc)|celles de paris|en heure)"
)
# (These two, and DATELINE, are used with .match(text, start): anchored at the sentence start, hence no "^".)
# A sentence that opens on a connector needs the one before it (its antecedent) in the summary too.
_CONNECTOR = re.compile(
    r"(?:d'ailleurs|pourtant|en revanche|cependant|toutefois|par ailleurs|de plus|en outre|ainsi,|mais |or,|"
    r"neanmoins|du coup|enfin,|aussi,|cela |ceci |ce dernier|cette derniere|ces derniers|celui-ci|celle-ci|"
    r"lui aussi|elle aussi|eux aussi|de son cote|de leur cote|dans la foulee|malgre tout|malgre cela|au contraire|"
    r"a l'inverse|quant a|meme si|autrement dit|c'est pourquoi|en effet|resultat|bref|la encore|il s'agit|"
    # "C'est ce qu'ont vu jeudi de nombreux utilisateurs…": what "ce" stands for is in the sentence before
    r"c'est ce qu|c'est (?:la|le|ce) que|c'etait ce qu|"
    r"ils |elles |elle |il (?!y a\b|faut\b|"
    # "il était 22 heures", "il était un peu plus de minuit": the time, no antecedent
    r"etait (?:presque |environ |pres de |un peu (?:plus|moins) de )?(?:\d|une heure|midi|minuit)|"
    r"est (?:\w+ )?(?:impossible|possible|difficile|probable|temps|rare|encore temps|trop tot)\b))"
)
_CLOSES = (".", "!", "…", "»", '"', "”", ")")

# What an outage summary must say besides the service (folded text): the day, and how it broke.
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split()
_NAMED_DAY = re.compile(r"\b(?:" + "|".join(_WEEKDAYS) + r"|\d{1,2}(?:er)? (?:" + "|".join(_MONTHS) + r"))\b")
_RELATIVE_DAY = re.compile(
    r"\b(?:hier|avant-hier|aujourd'hui|la veille|cette nuit|ce matin|ce soir|cet apres-midi|ce week-end)\b"
)
# Failure words beyond the outage vocabulary: a service that stays up but misbehaves (answers that make no sense,
# a flattering model, a broken router), a provider that refuses or forbids, an API that says it is overloaded.
_FAILURE = re.compile(
    r"\b(?:absurd\w*|incoheren\w*|charabia|sans (?:le moindre |aucun )?sens|hors[- ]sujet|hors service|derap\w*|"
    r"deraill\w*|defaill\w*|decevan\w*|plus bete|flatt\w*|complaisan\w*|sycophan\w*|flagorn\w*|errone\w*|"
    r"hallucin\w*|bug\w*|bogue\w*|plus le droit|interdi\w*|refus\w*|rejet\w*|bloqu\w*|suspend\w*|restrei\w*|"
    r"restriction\w*|overloaded\w*|surcharg\w*|satur\w*|erreurs?|unexpected|gibberish|en langues|la tete|"
    r"pas propose\w*|prive\w*|sous cle|"
    # a service that leaves its users hanging: "a connu un trou d'air", "laissé sans réponse", "en rade", "muet"
    r"trou d'air|sans reponse|en rade|rest\w* muet\w*)\b"
)
# Openings that give the background or the writer's own story rather than the news: "Jusqu'ici, X ne vendait
# pas…", "Vendredi dernier, un client m'appelle". A summary takes them only when nothing else says what they say.
_BACKGROUND = re.compile(
    r"(?:jusqu'ici|jusqu'a present|jusqu'alors|auparavant|autrefois|pour rappel|rappelons|l'an dernier|"
    r"l'annee derniere|il y a (?:un|deux|trois|quelques|plusieurs|\d+) (?:ans?|annees|mois)|ils l'attendaient|"
    r"ce n'est pas (?:la premiere fois|une premiere)|(?:deja )?en (?:\w+ )?(?:19|20)\d\d\b)\b"
)
_FIRST_PERSON = re.compile(r"(?:^|[\s«(])(?:je|j'|m'|me|moi|mon|ma|mes|nous|notre|nos)(?=[\s'])|\bj'|\bm'")
_BACK = re.compile(r"\b(?:resolved|operating normally|de nouveau|a nouveau|normalement)\b")
_ENGLISH = re.compile(r"\b(?:the|we|are|is|of|from|to|and|reports|our|with|has|been)\b")


class _Spans:
    """The sentence spans of a text, split lazily and kept: every iteration starts from the first sentence."""

    def __init__(self, text: str) -> None:
        self._source = iter_sentence_spans(text)
        self._seen: list[tuple[int, int]] = []

    def __iter__(self) -> Iterator[tuple[int, int]]:
        i = 0
        while True:
            if i == len(self._seen):
                nxt = next(self._source, None)
                if nxt is None:
                    return
                self._seen.append(nxt)
            yield self._seen[i]
            i += 1


def _usable(text: str, text_f: str, s: int, e: int, shortest: int = 40) -> tuple[int, int] | None:
    """The span of a sentence fit for a summary (dateline cut), or None: headings (no closing punctuation),
    questions, notes and boilerplate are not."""
    d = DATELINE.match(text, s, e)
    if d is not None and d.end() < e:
        s = d.end()
    if not shortest <= e - s <= 400 or not text[s:e].rstrip().endswith(_CLOSES):
        return None
    if _NOISE.search(text_f, s, e) or _NOT_SUMMARY.match(text_f, s, e):
        return None
    # the rest of an update note's paragraph ("Mise à jour, 12 h 20 : … Tout semble rentré dans l'ordre.")
    line = text_f.rfind("\n", 0, s) + 1
    if line < s and _UPDATE_NOTE_RX.match(text_f, line, e):
        return None
    return s, e


def _tokens(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence) if w not in _STOP]


def _norm(v: dict[str, float]) -> float:
    values = v.values()
    return math.sqrt(sum(map(operator.mul, values, values))) or 1.0


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = [w for w in a if w in b]
    return sum(map(operator.mul, map(a.__getitem__, common), map(b.__getitem__, common)))


def summarise(
    text: str,
    title: str = "",
    folded: str | None = None,
    must: tuple[tuple[int, int], ...] = (),
    names: tuple[str, ...] = (),
    day: date | None = None,
    today: date | None = None,
    sure_day: bool = False,
    service: str = "",
    kind: str = "",
) -> str:
    """The most central sentences (mean similarity to the others, plus the title), in text order.

    `must` are spans of sentences that go in first whatever their score (an outage article's report sentences:
    what broke, how and when); `names` (folded) are the services such a summary must name: when the chosen
    sentences say "l'entreprise" or "le service" only, the sentences just before, back to one that names it, come
    along. `day` is the outage's day: such a summary should name it (its weekday or date, or "hier", "cette nuit"
    when `today`, the day the article speaks from, makes them that day). `sure_day`: the day is the page's own or
    the text's, not a guess from first sight: when no chosen sentence says it, it opens the summary. `service` is
    the display name of the service hit: when no chosen sentence names it (« l'assistant d'OpenAI »), it opens the
    summary. `kind` is the outage's kind: when no chosen sentence says plainly that the service was down (« panne »)
    or answered badly (errors, slowness), the opening says it (« ChatGPT en panne, mercredi 11 décembre – … »).
    """
    text_f = folded if folded is not None and len(folded) == len(text) else fold(text)
    # centrality is quadratic and the facts are in the first part anyway: the first MAX_SENTENCES usable ones
    raw = _Spans(text)  # split once, as far as needed, for both uses below
    usable = (u for s, e in raw if (u := _usable(text, text_f, s, e)) is not None)
    spans = list(itertools.islice(usable, MAX_SENTENCES))
    forced = [u for m in must if (u := _usable(text, text_f, *m)) is not None]
    if forced:
        extra = [f for f in forced if f not in spans]
        spans = sorted(set(spans[: MAX_SENTENCES - len(extra)]) | set(extra))
    if not spans:
        return ""
    sentences = [text[s:e] for s, e in spans]
    counts = [Counter(_tokens(text_f[s:e])) for s, e in spans]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(sentences)
    idf = {w: math.log(1 + n / k) for w, k in df.items()}
    vectors = [{w: k * idf[w] for w, k in c.items()} for c in counts]
    title_vec = {w: 1.0 for w in _tokens(fold(title))}
    title_norm = _norm(title_vec)
    norms = [_norm(v) for v in vectors]
    # sum over j != i of cos(i, j) = (v_i / |v_i|) . (sum_j v_j / |v_j|) - cos(i, i): linear, not quadratic
    units = [{w: x / nv for w, x in v.items()} for v, nv in zip(vectors, norms, strict=True)]
    total: dict[str, float] = {}
    for unit in units:
        for w, x in unit.items():
            total[w] = total.get(w, 0.0) + x
    scores = []
    for i, v in enumerate(vectors):
        centrality = (_dot(units[i], total) - _dot(units[i], units[i])) / max(1, n - 1)
        relevance = centrality * 0.6 + _dot(v, title_vec) / (norms[i] * title_norm) * 0.4
        # a light lead bias that only breaks near-ties: French news puts the facts first, but an off-topic
        # opening line (weather, anecdote) has no centrality to multiply
        scores.append(relevance * (1.0 + 0.3 / (1 + i)))
    ranked = sorted(range(n), key=lambda i: (-scores[i], i))
    if names:
        # an outage summary tells the news: background ("Jusqu'ici, la société ne vendait pas…") comes last
        ranked.sort(key=lambda i: bool(_BACKGROUND.match(text_f, *spans[i])))
    if forced:
        first = [spans.index(f) for f in forced]
        ranked = first + [i for i in ranked if i not in first]
    connector = [bool(_CONNECTOR.match(text_f, s, e)) for s, e in spans]
    # the sentence right before in the text, when the two were adjacent there (the antecedent of a connector)
    previous = [i - 1 if i and _adjacent(text, spans[i - 1], spans[i]) else None for i in range(n)]
    chosen: list[int] = []
    length = 0
    for i in ranked:
        if len(chosen) == 3:
            break
        group = [i]
        if connector[i] and previous[i] not in chosen:
            p = previous[i]
            if p is None or connector[p]:
                continue  # no antecedent at hand: the sentence would not make sense alone
            group = [p, i]
        if len(chosen) + len(group) > 3:
            continue
        added = sum(len(sentences[k]) for k in group) + len(group) - (0 if chosen else 1)
        if length + added > MAX_CHARS:
            continue
        chosen.extend(group)
        length += added
    if names and forced and not any(nm in text_f[spans[i][0] : spans[i][1]] for i in chosen for nm in names):
        chosen = _named_chain(chosen, [spans.index(f) for f in forced], spans, text, text_f, names) or chosen
    if len(chosen) < 2 and n > 1:
        # two short sentences beat one long one: fall back to the two shortest central ones
        pair = sorted((i for i in ranked[:4] if not connector[i]), key=lambda i: len(sentences[i]))[:2]
        if (
            len(pair) == 2
            and sum(len(sentences[i]) for i in pair) + 1 <= MAX_CHARS
            and (not forced or not chosen or chosen[0] in pair)
        ):
            chosen = pair
    if names:
        # an outage summary says which service broke, how and when: when the central sentences do not, the
        # sentences that do take their place (the news sentence rather than its background or an anecdote)
        must_i = {spans.index(f) for f in forced}
        # short sentences too ("Le premier problème remonte au 5 août."): they may be the only ones with the day
        short = [
            u
            for s, e in itertools.islice(raw, MAX_SENTENCES)
            if e - s < 40 and (u := _usable(text, text_f, s, e, shortest=25)) is not None and u not in spans
        ]
        spans = spans + short
        sentences = sentences + [text[s:e] for s, e in short]
        connector = connector + [bool(_CONNECTOR.match(text_f, s, e)) for s, e in short]
        chosen = _say_what_happened(
            chosen, ranked, spans, sentences, text_f, names, title, connector, must_i, _day_words(day, today)
        )
    if not chosen:
        plain = next((i for i in ranked if not connector[i]), ranked[0])
        return sentences[plain][: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    chosen = _without_repeats(list(dict.fromkeys(chosen)), ranked, spans, sentences, text_f, connector)
    summary = " ".join(sentences[i] for i in sorted(chosen, key=lambda i: spans[i][0]))
    summary_f = fold(summary)
    opening = ""
    # (a day the summary names only relatively, « ce soir », « hier », means nothing once the page is archived: the
    # opening names it in full)
    if names and day is not None and not _says_day(summary_f, _day_words(day, today, relative=False)):
        # a dispatch whose only day is its dateline's ("PARIS, 18 nov. (Agence) – Peu après 12 h 20…"): the
        # dateline is cut from the sentences, its date, when it is the outage's day, opens the summary
        if _dateline_date(text, text_f, raw) == (day.day, day.month):
            opening = _day_month(day)
        elif sure_day:
            # no sentence that fits says when: the outage's day opens the summary, as a dateline would
            opening = _day_label(day, today)
    what = _what_happened(kind, summary_f, text_f) if service and names else ""
    if what or (service and names and not any(nm in summary_f for nm in names)):
        # no chosen sentence names the service hit ("l'assistant d'OpenAI", "l'outil") or says plainly what
        # happened to it ("Coupure franche pour les outils d'OpenAI"): the opening does
        subject = service + what
        opening = f"{subject}, {opening[:1].lower()}{opening[1:]}" if opening else subject
    return f"{opening} – {summary}" if opening else summary


def _repeats(words: set[str], other: set[str], earlier: bool) -> bool:
    """A sentence another one repeats: at least 80 % of its words are in the other, which says as much or more
    (the earlier of two that say as much is the one kept)."""
    return (
        bool(words)
        and len(words & other) >= 0.8 * len(words)
        and (len(other) > len(words) or (len(other) == len(words) and earlier))
    )


def _without_repeats(
    chosen: list[int],
    ranked: list[int],
    spans: list[tuple[int, int]],
    sentences: list[str],
    text_f: str,
    connector: list[bool],
) -> list[int]:
    """The chosen sentences less those another chosen one says again (a standfirst and the body's first sentence
    often tell the same news in other words: "ChatGPT a été en panne mardi soir." then "…, ChatGPT a été en panne
    ce mardi 2 décembre au soir."), topped up with central sentences that repeat none, while room remains."""
    memo: dict[int, set[str]] = {}

    def words(i: int) -> set[str]:
        """Sentence i's words (read only for the sentences compared)."""
        if i not in memo:
            memo[i] = set(_tokens(text_f[spans[i][0] : spans[i][1]]))
        return memo[i]

    def repeated(i: int, among: list[int]) -> bool:
        return any(j != i and _repeats(words(i), words(j), spans[j][0] < spans[i][0]) for j in among)

    kept = [i for i in chosen if not repeated(i, chosen)]
    if len(kept) == len(chosen):
        return chosen
    length = sum(len(sentences[i]) + 1 for i in kept) - 1
    for i in ranked:
        if len(kept) >= len(chosen):
            break
        if i in kept or i in chosen or connector[i] or length + len(sentences[i]) + 1 > MAX_CHARS:
            continue
        if repeated(i, kept) or any(_repeats(words(j), words(i), spans[i][0] < spans[j][0]) for j in kept):
            continue
        kept.append(i)
        length += len(sentences[i]) + 1
    return kept


_SAYS_DOWN = re.compile(r"\bpannes?\b")
_SAYS_ERRORS = re.compile(r"\b(?:erreurs?|echou\w*|echecs?)\b")
_SAYS_SLOW = re.compile(r"\b(?:lent\w*|lenteurs?|ralenti\w*)\b")
_SAYS_DEGRADED = re.compile(r"\b(?:perturb\w*|degrad\w*)\b")


def _what_happened(kind: str, summary_f: str, text_f: str) -> str:
    """What the opening adds after the service's name when the summary does not say it plainly: « en panne » for an
    outage; for a degradation, the article's own words for it (« : erreurs et lenteurs », « : perturbations »).
    A restriction's summary already says what was restricted (its report sentence goes in first)."""
    if kind == "outage":
        return "" if _SAYS_DOWN.search(summary_f) else " en panne"
    if kind != "degradation" or any(
        rx.search(summary_f) for rx in (_SAYS_ERRORS, _SAYS_SLOW, _SAYS_DEGRADED, _SAYS_DOWN)
    ):
        return ""
    errors, slow = _SAYS_ERRORS.search(text_f), _SAYS_SLOW.search(text_f)
    words = " et ".join(w for w, said in (("erreurs", errors), ("lenteurs", slow)) if said)
    return f" : {words or 'perturbations'}"


def _day_month(day: date) -> str:
    """« 10 juin », « 1er mai »."""
    return f"{day.day}{'er' if day.day == 1 else ''} {_MONTH_NAMES[day.month - 1]}"


def _day_label(day: date, today: date | None) -> str:
    """« Mardi 10 juin », with the year when it is not the article's own."""
    label = f"{_WEEKDAYS[day.weekday()].capitalize()} {_day_month(day)}"
    return label if today is not None and today.year == day.year else f"{label} {day.year}"


_MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_DATELINE_DATE = re.compile(r"\b(\d{1,2})(?:er)? ([a-z]+)\b")


def _dateline_date(text: str, text_f: str, raw: _Spans) -> tuple[int, int] | None:
    """(day, month) of the first dateline among the first sentences, if it gives one."""
    for s, e in itertools.islice(raw, 6):
        d = DATELINE.match(text, s, e)
        if d is not None:
            m = _DATELINE_DATE.search(text_f, s, d.end())
            month = MONTHS.get(m.group(2)) if m is not None else None
            return (int(m.group(1)), month) if m is not None and month is not None else None
    return None


# Relative day words and how many days before the article's own day they may point at.
_RELATIVE_OFFSETS = {
    "hier": (1,),
    "avant-hier": (2,),
    "aujourd'hui": (0,),
    "ce matin": (0,),
    "ce soir": (0,),
    "cet apres-midi": (0,),
    "cette nuit": (0, 1),
    "ce week-end": (0, 1, 2),
}


def _day_words(day: date | None, today: date | None = None, relative: bool = True) -> tuple[str, ...]:
    """How a text names a given day (folded): in full or by its weekday ("mardi", "9 juillet", "1er mai"), and by
    the relative words that point at it from `today` ("hier", "cette nuit"), unless `relative` is False."""
    if day is None:
        return ()
    month = _MONTHS[day.month - 1]
    words: tuple[str, ...] = (_WEEKDAYS[day.weekday()], f"{day.day} {month}")
    if day.day == 1:
        words += ("1er " + month,)
    if not relative:
        return words
    if today is not None:
        words += tuple(w for w, back in _RELATIVE_OFFSETS.items() if (today - day).days in back)
    else:
        words += tuple(_RELATIVE_OFFSETS)
    return words + ("la veille",)


def _says_day(folded: str, day_words: tuple[str, ...]) -> bool:
    """The text names the outage's day: by its weekday or date, or by a relative word pointing at it, when the day
    is known (another weekday is another day: "annoncé mardi" for a Friday outage; "ce matin" in a note about
    yesterday evening is not that day), else by any day expression."""
    if day_words:
        return _day_rx(day_words).search(folded) is not None
    return bool(_NAMED_DAY.search(folded) or _RELATIVE_DAY.search(folded))


@functools.lru_cache(maxsize=256)
def _day_rx(day_words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the words of a day: the same answer as searching each (a word is tried after another
    one fails at the same place)."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, day_words)) + r")\b")


def _aspects(
    folded: str,
    names: tuple[str, ...],
    day_words: tuple[str, ...] = (),
    title_words: frozenset[str] = frozenset(),
    place: re.Pattern[str] | None = None,
    plain: re.Pattern[str] | None = None,
) -> set[str]:
    """What a stretch of folded text says of an outage: the service (one of `names`), the day, how it broke,
    whether it shares a word with the headline (a summary that shares none tells another story), where, when the
    headline names a country or region (`place`: how a text names it), and the headline's plain word for what
    happened (`plain`: the words of its family)."""
    out = set()
    if place is not None and place.search(folded):
        out.add("place")
    if plain is not None and any(
        not _DENIED_BEFORE.search(folded, max(0, m.start() - 24), m.start()) for m in plain.finditer(folded)
    ):
        # ("Microsoft ne parle ni de panne ni de bug" does not say what happened plainly)
        out.add("plain")
    if title_words & set(_tokens(folded)):
        out.add("headline")
    if any(nm in folded for nm in names):
        out.add("service")
    if _says_day(folded, day_words):
        out.add("day")
    # "le « Resolved » est tombé à 8 h 14": a sentence about the return says nothing of how it broke
    back = RECOVERY.search(folded) or _BACK.search(folded)
    if _FAILURE.search(folded) or (ANY_KIND.search(folded) and not back):
        out.add("failure")
    return out


# The plain words of what happened, by family (folded): a headline's family is what its summary says again.
_PLAIN_FAMILIES = (
    r"pannes?",
    r"inaccessibles?|indisponib\w*|hors service|hors ligne|injoignables?",
    r"erreurs?",
    r"lent\w*|ralenti\w*|lenteurs?",
    r"coupure\w*|coupee?s?",
    r"bloqu\w*|blocage",
    r"suspen\w*",
    r"limit\w*|plafon\w*|quotas?|rationn\w*",
    r"retir\w*|retrait",
    r"ferm\w*",
    r"perturb\w*",
)
_PLAIN_RX = tuple(re.compile(rf"\b(?:{f})\b") for f in _PLAIN_FAMILIES)
_DENIED_BEFORE = re.compile(
    r"\b(?:ni|pas|aucune?|sans|non|plutot qu'|rien a voir avec|loin d')(?: d[e'u]| la| une?| des| les)? ?$"
)
_ANY_PLAIN = re.compile(r"\b(?:" + "|".join(_PLAIN_FAMILIES) + r")\b")


@functools.lru_cache(maxsize=256)
def _plain_rx(title_f: str) -> re.Pattern[str] | None:
    """The plain words of the families a folded headline uses ("ChatGPT inaccessible": inaccessible,
    indisponible, hors service…), or None when it uses none."""
    used = [f for f, rx in zip(_PLAIN_FAMILIES, _PLAIN_RX, strict=True) if rx.search(title_f)]
    return re.compile(r"\b(?:" + "|".join(used) + r")\b") if used else None


@functools.lru_cache(maxsize=64)
def _place_rx(keys: frozenset[str]) -> re.Pattern[str] | None:
    """How a text names the regions of these keys (names, adjectives, capitals), or None for no region."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, region_words(keys))) + ")") if keys else None


def _say_what_happened(
    chosen: list[int],
    ranked: list[int],
    spans: list[tuple[int, int]],
    sentences: list[str],
    text_f: str,
    names: tuple[str, ...],
    title: str,
    connector: list[bool],
    must: frozenset[int] | set[int] = frozenset(),
    day_words: tuple[str, ...] = (),
) -> list[int]:
    """The chosen sentences, or others that together say more of what happened (service, day, failure).

    Sentences are taken greedily, each covering most of what is still missing; among equals, news before background
    or the writer's own story, then the outage's report sentences (`must`), then the one closest to the title, then
    the earliest. The result replaces the chosen sentences only when it covers strictly more; it is topped up with
    central sentences while room remains. A summary that shares no word with the headline is not about the
    headline's story ("La société range ces territoires parmi…" under "OpenAI coupe son API…")."""
    title_f = fold(title)
    title_words = frozenset(_tokens(title_f))
    # "DeepSeek introuvable en Italie": where it happened is part of what happened
    place = _place_rx(regions_named(title_f))
    # "Grok inaccessible ce jeudi": the headline's own plain word for what happened, said again (not only "porte
    # close")
    plain = _plain_rx(title_f) or _ANY_PLAIN
    want = (
        {"service", "day", "failure"}
        | ({"headline"} if title_words else set())
        | ({"place"} if place else set())
        | ({"plain"} if plain else set())
    )
    memo: dict[int, set[str]] = {}

    def aspects(i: int) -> set[str]:
        """What sentence i says (once per sentence: the greedy choices below ask again and again)."""
        if i not in memo:
            memo[i] = _aspects(text_f[spans[i][0] : spans[i][1]], names, day_words, title_words, place, plain)
        return memo[i]

    said = set().union(*(aspects(i) for i in chosen)) if chosen else set()
    if said >= want:
        return chosen
    # the opening of the article (its first 16 usable sentences, short ones among them); a report sentence may
    # open on "il" or "elle" (no antecedent needed when the outage detection picked it)
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    cutoff = spans[order[min(len(order), 16) - 1]][0]
    pool = [i for i in order if spans[i][0] <= cutoff and (not connector[i] or i in must)]
    info = {}
    for i in pool:
        f = text_f[spans[i][0] : spans[i][1]]
        # 2: the return or a status line in English (never the news); 1: background or the writer's own story
        aside = (
            2
            if len(_ENGLISH.findall(f)) >= 3 or RECOVERY.search(f) or _BACK.search(f)
            else int(bool(_BACKGROUND.match(f) or _FIRST_PERSON.search(f)))
        )
        info[i] = (aspects(i), aside, len(title_words & set(_tokens(f))))

    def aspects_of(idx: list[int]) -> set[str]:
        return set().union(*(info[i][0] if i in info else aspects(i) for i in idx)) if idx else set()

    def cover(picked: list[int], got: set[str]) -> tuple[list[int], set[str]]:
        """Greedily add the sentences that say most of what is still missing."""
        picked, got = list(picked), set(got)
        length = sum(len(sentences[i]) + 1 for i in picked) - 1
        while len(picked) < 3 and not got >= want:
            best = None
            for i in pool:
                if i in picked or length + len(sentences[i]) + 1 > MAX_CHARS:
                    continue
                aspects, aside, overlap = info[i]
                new = len(aspects - got)
                if new == 0:
                    continue
                key = (-new, aside, i not in must, -overlap, i)
                if best is None or key < best[0]:
                    best = (key, i)
            if best is None:
                break
            picked.append(best[1])
            got |= info[best[1]][0]
            length += len(sentences[best[1]]) + 1
        return picked, got

    def fill(picked: list[int], candidates: list[int], needed: int) -> list[int]:
        picked = list(picked)
        length = sum(len(sentences[i]) + 1 for i in picked) - 1
        for i in candidates:
            if len(picked) >= needed:
                break
            if i in picked or length + len(sentences[i]) + 1 > MAX_CHARS:
                continue
            picked.append(i)
            length += len(sentences[i]) + 1
        return picked

    def keeps(i: int) -> bool:
        """A chosen sentence worth keeping beside the ones that say what was missing."""
        if i not in info:
            return i in must
        aspects, aside, _overlap = info[i]
        # a sentence opening on a connector kept without its antecedent would not make sense
        return aside < 2 and (i in must or (bool(aspects) and not connector[i]))

    # 1. what the chosen sentences miss, said by others, the useful chosen ones kept beside them
    added, _got = cover([], said)
    kept = fill(
        added, [i for i in sorted(chosen, key=lambda i: (i not in must, chosen.index(i))) if keeps(i)], 3
    )
    # 2. a fresh choice of the sentences that say most, topped up with central ones
    fresh, _got = cover([], set())
    fresh = fill(fresh, [i for i in ranked if not connector[i] and info.get(i, (set(), 1, 0))[1] == 0], 2)
    # a change must keep everything the chosen sentences said: trading the day for the headline's word loses news
    better = [idx for idx in (kept, fresh) if aspects_of(idx) > said]
    if not better:
        return chosen
    return max(better, key=lambda idx: len(aspects_of(idx)))  # the first on a tie: the smaller change


def _named_chain(
    chosen: list[int],
    forced: list[int],
    spans: list[tuple[int, int]],
    text: str,
    text_f: str,
    names: tuple[str, ...],
) -> list[int] | None:
    """A forced sentence with the adjacent ones before it, back to one that names the service (three at most)."""
    for f in forced:
        group = [f]
        i = f
        while len(group) < 3 and i > 0 and _adjacent(text, spans[i - 1], spans[i]):
            i -= 1
            group.insert(0, i)
            if any(nm in text_f[spans[i][0] : spans[i][1]] for nm in names):
                if sum(spans[k][1] - spans[k][0] + 1 for k in group) - 1 <= MAX_CHARS:
                    return group
                break
    return None


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two sentence spans with only spaces or a line break between them."""
    return not text[a[1] : b[0]].strip()
