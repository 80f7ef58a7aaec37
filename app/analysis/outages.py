"""Outage reports: French outage vocabulary tied to an AI service, its kind, the day and times it happened."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.analysis import OutageReport
from app.analysis.dates import DATELINE, PARIS
from app.analysis.learned import restriction_likely
from app.analysis.outage_words import (
    ACCESS_DECISION,
    ACCESS_FAIL,
    AFTER_EVENT,
    AI_FEATURE,
    ANAPHORA,
    ANNOUNCE,
    ANNOUNCE_AFTER,
    ANY_KIND,
    ASIDE_PARTY,
    BARE_API,
    BELIEF,
    BEYOND,
    CLAUSE_BREAK,
    CLEARED,
    CLOCK_WINDOW,
    COMMUNITY_OF,
    COMPANY_NOUN,
    COMPANY_SUBJECT,
    COMPARED,
    CONVERTED,
    COORDINATED,
    COURT_BLOCK,
    CUTS_ACCESS,
    DAY_START_CUE,
    DELIBERATE,
    DENIED_OUTAGE,
    DENIED_TITLE,
    DISTINCT,
    EARLIER_CLAUSE,
    EARLIER_EVENT,
    END_AT,
    END_CLOCK,
    END_DAY_CUE,
    EXAMPLE_OF,
    EXCEPTED,
    EXPLICIT_RESTRICTION,
    FACT_CHECK_TITLE,
    FALLBACK,
    FEATURE_CUT,
    FEATURE_GONE,
    FEATURE_WITHDRAWN,
    FOREIGN,
    FOREIGN_BEFORE,
    FRONTED_CLAUSE,
    FRONTED_COMPARISON,
    FUTURE,
    GEO_ACTION,
    GUIDE_TITLE,
    HALF_UP,
    HIT,
    HOST_DOWN,
    IDIOM,
    IN_FORCE_SINCE,
    INTERMITTENT,
    KIND_RX,
    LAUNCH,
    LAUNCHED_ON,
    LIFTED,
    LINE_NOTE,
    LONE_INCIDENT,
    LONG_ABSENCE,
    MAKER_OF,
    METAPHOR,
    MODEL_SCOPED,
    MONEY_CONTEXT,
    MONEY_TITLE,
    MONTH_PERIOD,
    NEG_OUTAGE,
    NEGATED,
    NEWCOMER_OFFER,
    NO_EVENT,
    NOT_HIT,
    NOW_TITLE,
    OFFER_OF,
    ONLY_NOW,
    OUTAGE_NOUN,
    OVERLOAD,
    PACE_OBJECTS,
    PARTIAL,
    PARTIAL_FAIL,
    PARTY_CUT,
    PARTY_DEPRIVED,
    PAST,
    PAST_CLAUSE,
    PLACE_BEFORE,
    PLACE_ENTRY,
    PLAN_SHELVED,
    PLATFORM_EXIT,
    PLUPERFECT,
    PUBLIC_BAN,
    QUALITY,
    QUOTA_FROM_TO,
    RANGE,
    RECENT,
    RECOVERY,
    REOPENED,
    REPLACED,
    REVERSAL,
    RIVAL_IN_VIEW,
    ROLLED_BACK,
    ROLLOUT,
    ROLLOUT_PACE,
    SAME_EVENT,
    SCAM_NEWS,
    SCOPE,
    SCOPE_API,
    SECURITY_INCIDENT,
    SECURITY_NEWS,
    SIGNUP_STOP,
    SINCE_CLOCK,
    SMALL_NUMBER,
    SOFT,
    STAFF_BAN,
    STANDING,
    START_CUE,
    STATUS_OPEN,
    STORE_REMOVAL,
    SUBJECT,
    TAKES_EFFECT,
    TARGETED,
    TOPIC_REFUSAL,
    UNRELATED,
    UNTIL_NOW,
    USER_SWITCH_OFF,
    WITHHELD,
    WRITTEN,
    quota_raised,
)
from app.analysis.prefilter import Screen, Screened
from app.analysis.refdate import APPROXIMATE, EXACT, INFERRED, Reference, reference
from app.analysis.sentences import sentence_spans
from app.analysis.timeexpr import (
    DAY_RX,
    PART_OF_DAY,
    ClockExpr,
    DayExpr,
    at,
    dateline_zone,
    find_clocks,
    find_days,
    find_duration,
)
from app.kinds import SEVERITY_ORDER, IncidentKind
from app.textfold import fold

# An outage told more than this many days after it started is a look back, not the news (the longest gap between
# an outage and a report of it in the labelled sets is a post-mortem of 44 days)
RETROSPECTIVE_DAYS = 90
_INFRA = ("cloudflare", "amazon")  # third parties whose outages take AI services down
_BODY_SENTENCES = 14  # where news puts the facts: reports here count on their own
# "[Mise à jour 12 h 40]", "(MAJ 18 h 05)": the time a live article's note was written, not the outage's
NOTE_CLOCK = re.compile(r"[\[(]\s*(?:mise? a jour|maj|actualisation|actualise|update|edit)\b[^\])]{0,25}$")
# Feature-style openings (a question, an anecdote) push the facts further: sentences up to here are read too, and
# a report there counts when it names the service of the title.
_SCAN_SENTENCES = 40
# how far a long article is read for an outage buried in it, when outage words lie past the sentences above
_DEEP_SENTENCES = 120
_GATE_CHARS = 6000
_OLD_DAYS = 30  # a report dated only by days this old or older recalls an earlier event
_INCIDENT = re.compile(r"\bincidents?\b")
_HOURS_LONG = re.compile(
    r"\b(?:pendant|durant|plus de|pres de|pendant pres de|pendant plus de) (?:[\w-]+ ){0,2}(?:heures?|minutes?)\b"
)
_MONTHS = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split()

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document


@dataclass
class _Sentence:
    start: int
    end: int
    folded: str
    where: str  # title | lead | body
    kinds: dict[IncidentKind, int]
    recovery: bool
    raw_kind: bool  # outage words anywhere, even in a clause about an older event
    excluded: bool  # past, hypothetical or metaphor
    services: list[Mention]
    overload: int = 0  # overload words ("saturés", "surcharge") among the outage words
    rank: int = 0  # 0 for the title, then 1, 2… in text order
    named: list[Mention] = field(default_factory=list)  # every entity the sentence names, AI or not
    possible: set[int] = field(default_factory=set)  # ids of the screened patterns that may match (_SCREEN)
    kind_at: tuple[tuple[int, int], ...] = ()  # where its outage words are (ANY_KIND's spans in `folded`)
    # its only AI services are named as rivals or references ("la tendance dépasse le seul chatbot d'OpenAI :
    # l'Australie ferme…"): what it tells is another's story, its days too
    compared_only: bool = False

    def may(self, rx: re.Pattern[str]) -> bool:
        """Whether `rx` may match in this sentence (or any part of it): its anchors are there, or it is not
        screened."""
        return _SCREEN.may(rx, self.possible)

    def search(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        """rx.search(self.folded), skipped where its anchors are absent."""
        return rx.search(self.folded) if self.may(rx) else None


def _kinds(f: str, screen: Screen | None = None, possible: set[int] | None = None) -> dict[IncidentKind, int]:
    # the rules below whose words are absent from the sentence are not run (`screen`: another one, for tests;
    # `possible`: what the screen found in f, when known)
    screen = screen or _SCREEN
    t = Screened(screen, f, possible if screen is _SCREEN else None)
    t.sub(NEGATED, " ")
    t.sub(USER_SWITCH_OFF, " ")  # "j'ai coupé Copilot pendant une semaine": the writer's choice
    t.sub(STANDING, " ")  # "l'offre gratuite reste plafonnée à dix minutes": a rule as it stands
    t.sub(SMALL_NUMBER, " ")  # "ne concerne qu'un nombre restreint de textes": few, not a restriction
    if t.search(ROLLED_BACK):
        t.sub(PLATFORM_EXIT, " ")  # "le nouveau GPT-4o est retiré de ChatGPT": an update rolled back
    # a service withdrawn from a platform ("ont disparu de la messagerie", "retiré d'AI Studio"): a restriction,
    # unless an outage noun says the withdrawal is an outage's effect
    if not t.search(OUTAGE_NOUN):
        t.sub(PLATFORM_EXIT, " restriction ")
    # "X coupé par vagues, Grok au ralenti": the host's outage words, beside the AI service's slowness, are not its
    if t.search(HOST_DOWN) and KIND_RX[IncidentKind.DEGRADATION].search(rest := HOST_DOWN.sub(" ", t.text)):
        t = Screened(screen, rest)
    # "des clients pensent que leur mise à jour a échoué": a belief, not a report ("les ingénieurs pensent que la
    # panne vient d'une mise à jour" names the outage: kept)
    t.sub(BELIEF, lambda m: m.group(0) if OUTAGE_NOUN.search(m.group(0)) else " ")
    t.sub(LIFTED, " ")  # "double les limites d'utilisation": a restriction lifted, no incident
    t.sub(QUOTA_FROM_TO, quota_raised)  # "le nombre de messages passe de 50 à 150": a quota raised
    t.sub(IDIOM, " ")  # "Meta coupe court": an idiom, no cut
    t.sub(NEWCOMER_OFFER, " ")  # "propose des générations d'essai aux nouveaux venus": an offer
    t.sub(DENIED_OUTAGE, " ")  # "une fonction coupée plutôt qu'une panne": the outage word is denied
    t.sub(SECURITY_INCIDENT, " ")  # "un incident de sécurité": a breach
    if t.search(SECURITY_NEWS):
        t.sub(LONE_INCIDENT, " ")  # "fuite de données … l'incident Mixpanel": the leak is the incident
    # decisions that outage words would tell: sign-ups stopped ("l'ouverture de comptes était indisponible"), a
    # service cut down to part of what it does ("ne répondait plus qu'avec des images"), a feature cut or muted
    t.sub(SIGNUP_STOP, " restriction ")
    t.sub(ONLY_NOW, " restriction ")
    # a share of calls failing ("un appel sur trois a échoué"): errors, not the service down
    t.sub(PARTIAL_FAIL, " erreurs intermittentes ")
    # access cut by a decision aimed at a country, an owner or an authority: a restriction, unless an outage noun
    # says the cut is an outage's reach
    f = t.text
    t.sub(ACCESS_DECISION, lambda _: " " if OUTAGE_NOUN.search(f) else " restriction ")
    # a launch's pace ("GPT-4.5 arrive au compte-gouttes"), not answers that come slowly
    f = t.text
    t.sub(ROLLOUT_PACE, lambda m: m.group(0) if PACE_OBJECTS.search(f, 0, m.start()) else " ")
    if not t.search(OUTAGE_NOUN):
        t.sub(CUTS_ACCESS, " restreint ")
    t.sub(GEO_ACTION, " geoblocage ")
    # a provider cutting one party's access, a company banning a rival's staff, a court blocking a service
    # ("restriction", not "restreint": a launch's "accès restreint" is a rollout, these never are)
    t.sub(PARTY_CUT, " restriction ")
    t = _withheld(t, screen)
    t.sub(COURT_BLOCK, " restriction ")
    # a state keeping its public sector off a service: "proscrit DeepSeek dans ses administrations"
    t.sub(PUBLIC_BAN, " restriction ")
    if t.search(RIVAL_IN_VIEW) and not t.search(FALLBACK):
        t.sub(PARTY_DEPRIVED, " restriction ")  # "OpenAI privé de Claude : … son grand rival"
    # an app withdrawn from the stores: a restriction, unless a new version takes its place
    f = t.text
    t.sub(STORE_REMOVAL, lambda _: " " if REPLACED.search(f) else " geoblocage ")
    t.sub(TARGETED, " restreint ")
    t.sub(PARTIAL, " partiellement disponible ")
    t.sub(NEG_OUTAGE, " ")  # "ne plante pas", "pas de « service indisponible »"
    t.sub(PLAN_SHELVED, " ")  # "met en sommeil son projet": a plan shelved, no service restricted
    if not t.search(OUTAGE_NOUN):
        t.sub(FEATURE_CUT, " restriction ")  # "a coupé ses réponses écrites", "mis en sourdine"
    # "ne répond plus aux questions sur les élections": a policy restriction, not an outage
    t.sub(TOPIC_REFUSAL, " restreint ")
    f = t.text
    t.sub(FEATURE_WITHDRAWN, lambda _: " " if REPLACED.search(f) else " restreint ")
    t.sub(FEATURE_GONE, " restreint ")  # "l'option qui gardait la voix sur l'appareil a disparu"
    f = t.text
    t.sub(PAST_CLAUSE, lambda m: m.group(0) if RECENT.search(f[max(0, m.start() - 15) : m.end()]) else " ")
    counts = {k: t.count(rx) for k, rx in KIND_RX.items()}
    if counts[IncidentKind.OUTAGE] and not t.search(OUTAGE_NOUN) and t.search(DELIBERATE):
        # "ne marche plus dans OpenCode, et c'est voulu": stopped on purpose, a restriction
        counts[IncidentKind.RESTRICTION] += counts[IncidentKind.OUTAGE]
        counts[IncidentKind.OUTAGE] = 0
    if counts[IncidentKind.DEGRADATION] and counts[IncidentKind.OUTAGE] == t.count(_INCIDENT):
        # "des erreurs… selon la page d'incident": beside errors, "incident" names the event, not a service down
        counts[IncidentKind.OUTAGE] = 0
    return {k: n for k, n in counts.items() if n}


def _withheld(t: Screened, screen: Screen) -> Screened:
    """A feature withheld from a region by its provider ("n'arrivera pas en Europe", "les Européens en sont privés"):
    a restriction, its outage-like words ("coupée pour l'Europe", "privés") no longer counted as an outage. In a
    sentence about an outage ("une panne prive les Européens de Claude") it is the outage's reach: left out."""
    if t.search(WITHHELD) is None:
        return t
    rest = Screened(screen, WITHHELD.sub(" ", t.text))
    reach = (
        t.search(OUTAGE_NOUN)
        or any(rest.search(KIND_RX[k]) for k in (IncidentKind.OUTAGE, IncidentKind.DEGRADATION))
        # "des clients européens privés de la plateforme pendant deux heures": a policy is not counted in hours
        or _HOURS_LONG.search(t.text) is not None
    )
    if reach:
        return rest
    t.sub(WITHHELD, " restriction ")
    return t


def _sentences(
    full: str,
    full_f: str,
    title_len: int,
    head_len: int,
    mentions: list[Mention],
    scan: int = _SCAN_SENTENCES,
) -> list[_Sentence]:
    spans = (
        [(0, title_len)] + sentence_spans(full[title_len:head_len])
        if head_len > title_len
        else [(0, title_len)]
    )
    spans = [spans[0]] + [(s + title_len, e + title_len) for s, e in spans[1:]]
    body = [(s + head_len, e + head_len) for s, e in sentence_spans(full[head_len:], scan)]
    spans = spans + body
    limit = spans[-1][1]
    # the outage words in one pass over the head and first sentences, bucketed by sentence (their anchors are too
    # common to screen them); every other pattern only in the sentences that hold its anchors (_SCREEN)
    starts = [s for s, _ in spans]
    kind_spans: dict[int, list[tuple[int, int]]] = {}
    for m in ANY_KIND.finditer(full_f, 0, limit):
        i = bisect.bisect_right(starts, m.start()) - 1
        if m.end() <= spans[i][1]:  # (within its sentence: spans relative to the sentence's start)
            kind_spans.setdefault(i, []).append((m.start() - starts[i], m.end() - starts[i]))
    # past and recovery clauses matter everywhere in the first sentences, further on only where outage words are
    near = len(spans) - len(body) + _BODY_SENTENCES
    mention_starts = [m.start for m in mentions]
    may = _SCREEN.may
    out = []
    for i, (s, e) in enumerate(spans):
        f = full_f[s:e]
        on = _SCREEN.possible(f)
        where = "title" if s < title_len else "lead" if s < head_len else "body"
        kind_at = tuple(kind_spans.get(i, ()))
        raw = (
            bool(kind_at)
            or (may(ACCESS_DECISION, on) and ACCESS_DECISION.search(f) is not None)
            or (may(PUBLIC_BAN, on) and PUBLIC_BAN.search(f) is not None)
        )
        clauses = i < near or raw
        past = clauses and may(PAST, on) and PAST.search(f) is not None
        excluded = past or (raw and may(METAPHOR, on) and METAPHOR.search(f) is not None)
        inside = mentions[bisect.bisect_left(mention_starts, s) : bisect.bisect_left(mention_starts, e)]
        if (
            may(AI_FEATURE, on)
            and any(m.entity.kind == "company" and not m.entity.ai_native for m in inside)
            and AI_FEATURE.search(f)
        ):
            # "Meta efface ses profils animés par l'IA": the company stands for the AI feature it runs
            inside = [
                replace(m, entity=replace(m.entity, ai_native=True))
                if m.entity.kind == "company" and not m.entity.ai_native
                else m
                for m in inside
            ]
        # the windows searched below lie inside the sentence: patterns whose anchors it lacks cannot match there
        maker, distinct, excepted = may(MAKER_OF, on), may(DISTINCT, on), may(EXCEPTED, on)
        community = may(COMMUNITY_OF, on)
        compared, offer = may(COMPARED, on), may(OFFER_OF, on)
        services = [
            m
            for m in inside
            if (m.entity.kind == "product" or m.entity.ai_native or m.entity.slug in _INFRA)
            and not (maker and MAKER_OF.search(full_f, max(s, m.start - 70), m.start))
            and not (community and COMMUNITY_OF.search(full_f, max(s, m.start - 60), m.start))
        ]
        # "à ne pas confondre avec GitHub Copilot": a namesake set apart is never the one hit
        if distinct:
            services = [m for m in services if not DISTINCT.search(full_f, max(s, m.start - 60), m.start)]
        # "le jeton n'est valable que pour Claude Code": the tool a restriction spares is not hit
        if excepted:
            services = [m for m in services if not EXCEPTED.search(full_f, max(s, m.start - 50), m.start)]
        rivals = [m for m in services if compared and COMPARED.search(full_f, max(s, m.start - 40), m.start)]
        kept = [
            m
            for m in services
            if m not in rivals
            and not FRONTED_COMPARISON.fullmatch(full_f, s, m.start)
            # the offer the service named before comes with: "Sora, ouvert aux abonnés de ChatGPT"
            and not (
                offer
                and OFFER_OF.search(full_f, max(s, m.start - 40), m.start)
                and any(o.start < m.start and o.entity.key != m.entity.key for o in services)
            )
        ]
        fronted = FRONTED_CLAUSE.match(full_f, s, e)
        if fronted is not None and not ANY_KIND.search(full_f, s, fronted.end()):
            main = [m for m in kept if m.start >= fronted.end()]
            kept = main if _ai_hit(main) else kept
        # (a sentence whose only services are named as rivals, "la concurrence de DeepSeek-R1", names none hit)
        compared_only = (
            raw
            and bool(rivals)
            and not _ai_hit(kept)
            and all(BEYOND.search(full_f, max(s, m.start - 50), m.start) for m in rivals)
        )
        services = kept if _ai_hit(kept) or rivals else services
        recovery = clauses and may(RECOVERY, on) and RECOVERY.search(f) is not None
        out.append(
            _Sentence(
                s,
                e,
                f,
                where,
                _kinds(f, possible=on) if raw else {},
                recovery,
                raw,
                excluded,
                services,
                len(OVERLOAD.findall(f)) if raw and may(OVERLOAD, on) else 0,
                i,
                inside,
                on,
                kind_at,
                compared_only,
            )
        )
    return out


# "ne sera pas déployée en 2024", "fin 2025": a year that reads as past only once it is over
_YEAR_AHEAD = re.compile(r"\b(?:en|fin) (20\d\d)\b")


def _year_ahead(s: _Sentence, year: int) -> _Sentence:
    """A sentence kept out as past only for a year that is not over when the article is written ("Apple
    Intelligence ne sera pas déployée en 2024 dans l'Union européenne", in June 2024): it reports."""
    if not (s.excluded and s.kinds):
        return s
    rest = _YEAR_AHEAD.sub(lambda m: " " * len(m[0]) if int(m[1]) >= year else m[0], s.folded)
    if rest == s.folded or PAST.search(rest) or METAPHOR.search(rest):
        return s
    return replace(s, excluded=False)


def _rollout_only(s: _Sentence) -> _Sentence:
    """A sentence whose only restriction words are a launch's ("réservé aux abonnés") reports no restriction."""
    if not s.kinds.get(IncidentKind.RESTRICTION):
        return s
    rest = SOFT.sub(" ", NEGATED.sub(" ", s.folded))
    # (the rules, not the words alone: a decision's restriction, "proscrit DeepSeek dans ses administrations", has
    # no restriction word of its own)
    if KIND_RX[IncidentKind.RESTRICTION].search(rest) or _kinds(rest).get(IncidentKind.RESTRICTION):
        return s
    kinds: dict[IncidentKind, int] = {k: n for k, n in s.kinds.items() if k != IncidentKind.RESTRICTION}
    return replace(s, kinds=kinds)


def _governs(full_f: str, s: _Sentence) -> bool:
    """Outage words that bear on a service of the sentence: "panne de ChatGPT", "ChatGPT est inaccessible"."""
    for k_start, k_end in s.kind_at:
        ks, ke = s.start + k_start, s.start + k_end
        for m in s.services:
            if m.start < s.start or not (m.entity.kind == "product" or m.entity.ai_native):
                continue
            after = 0 <= m.start - ke <= 12  # "la panne de ChatGPT", "coupure d'OpenAI"
            before = 0 <= ks - m.end <= 40 and not re.search(
                r"(?:\ba|\bde|d'|\bdu|\bsur|\bpar)\s*$", full_f[max(s.start, m.start - 4) : m.start]
            )
            if after or before:
                return True
    return False


def _spared(full_f: str, s: _Sentence, m: Mention) -> bool:
    """A service not hit in a sentence that speaks of spared services or of where users went instead ("ChatGPT
    épargné", "les utilisateurs se tournent vers ChatGPT"). Only a service in a clause of its own that reports the
    outage without such words stays hit: "Le Chat est en panne : beaucoup se tournent vers ChatGPT"."""
    if not s.search(FALLBACK):
        return False
    if m.start < s.start or m.end > s.end:
        return True  # a service carried over from a neighbouring sentence (anaphora)
    lo, hi = m.start - s.start, m.end - s.start
    # a title's topic before its colon is the subject of what follows ("Claude : l'accès réduit…")
    breaks = [b for b in CLAUSE_BREAK.finditer(s.folded) if not (s.where == "title" and b.group() == ":")]
    before = [b.end() for b in breaks if b.end() <= lo]
    after = next((b for b in breaks if b.start() >= hi), None)
    a, b = (before[-1] if before else 0), (after.start() if after else len(s.folded))
    return FALLBACK.search(s.folded, a, b) is not None or ANY_KIND.search(s.folded, a, b) is None


def _dated_statement(s: _Sentence, pub: datetime) -> bool:
    """A sentence that opens on a day, then someone's statement ("Jeudi 27 mars, Sam Altman a reconnu…")."""
    if not s.may(DAY_RX):
        return False
    first = next(iter(find_days(s.folded, pub)), None)
    return first is not None and first.start <= 3 and ANNOUNCE_AFTER.match(s.folded, first.end) is not None


def _bare_api_hit(s: _Sentence) -> bool:
    """Whether the sentence names "son API" or "l'API" as hit: not where fallback words come before any outage
    word in what follows it ("l'API, elle, continuait de répondre normalement")."""
    for m in BARE_API.finditer(s.folded) if s.may(BARE_API) else ():
        stop = _CLAUSE_END.search(s.folded, m.end())
        end = stop.start() if stop else len(s.folded)
        spared = FALLBACK.search(s.folded, m.end(), end)
        if spared is None or ANY_KIND.search(s.folded, m.end(), spared.start()):
            return True
    return False


# what closes a statement about a service: a semicolon, a full stop, a "but"
_CLAUSE_END = re.compile(r"[;.!?]|\smais\s")


def _customer(s: _Sentence, m: Mention) -> bool:
    """The party a restriction is aimed at, not the service restricted: "Anthropic a révoqué l'accès d'OpenAI à
    Claude" restricts Claude (Anthropic's), not OpenAI; "OpenAI privé de Claude" likewise. The provider is the
    service named right before the cut ("Anthropic coupe…") or right after the deprivation ("privé de Claude");
    a mention of another company than the provider's is the customer (or a bystander)."""
    cut = s.search(PARTY_CUT)
    if cut is None and not s.search(OUTAGE_NOUN):
        cut = s.search(CUTS_ACCESS)  # "Google a retiré à Perplexity l'accès…", no outage in view
    provider = None
    named = s.named or s.services
    if cut is not None:
        provider = next((x for x in reversed(named) if x.end <= s.start + cut.start()), None)
    elif s.search(RIVAL_IN_VIEW) and (deprived := s.search(PARTY_DEPRIVED)) is not None:
        provider = next((x for x in named if x.start >= s.start + deprived.end()), None)
    if provider is None:
        return False
    owner = provider.entity.company or provider.entity.slug
    return (m.entity.company or m.entity.slug) != owner


def _place(full_f: str, s: _Sentence, m: Mention) -> bool:
    """The platform a service was withdrawn from, not the service withdrawn: "Gemma retiré d'AI Studio", "ChatGPT
    quitte WhatsApp" (the place named after the withdrawal words, right after "de", "dans", "sur"…)."""
    if m.start < s.start or (exit_ := s.search(PLATFORM_EXIT)) is None:
        return False
    if not any(o.entity.key != m.entity.key and o.entity.kind == "product" for o in s.services):
        return False  # nothing else withdrawn from it: "retire la fonction de résumé vocal de Gemini" restricts Gemini
    return (
        m.start >= s.start + exit_.start()
        and PLACE_BEFORE.search(full_f, max(s.start, m.start - 40), m.start) is not None
    )


def _aside(full_f: str, s: _Sentence, m: Mention, title: _Sentence) -> bool:
    """Under a headline naming an AI service or its maker, another maker's service named in a report sentence as an
    aside: its own parallel story ("OpenAI a, de son côté, activé un contrôle parental dans ChatGPT", "ses propres
    difficultés") or an example ("l'usage d'assistants comme ChatGPT"). A service of a maker the headline names, or
    said to be hit too ("lui aussi"), is not an aside."""
    heads = {k for x in title.named for k in (x.entity.slug, x.entity.company) if k}
    if not heads or not _ai_hit(title.named) or heads & {m.entity.slug, m.entity.company}:
        return False
    if s.search(ASIDE_PARTY) and not s.search(SAME_EVENT):
        return True
    return m.start >= s.start and EXAMPLE_OF.search(full_f, max(s.start, m.start - 60), m.start) is not None


def _beside(full_f: str, s: _Sentence, m: Mention) -> bool:
    """A service named beside the one hit, in its own clause: the earlier event the news is dated against ("…,
    deux jours après le trou d'air de ChatGPT") or the service the hit one was just built into ("le soir même de son
    arrivée dans Siri"). Only when another AI service is named in the sentence: a sentence's only service is its
    subject."""
    if m.start < s.start or not any(o.entity.key != m.entity.key and _ai_hit([o]) for o in s.services):
        return False
    lo = max(s.start, m.start - 80)
    return (
        EARLIER_EVENT.search(full_f, lo, m.start) is not None
        or PLACE_ENTRY.search(full_f, lo, m.start) is not None
    )


def _ai_hit(services: list[Mention]) -> bool:
    return any(m.entity.kind == "product" or m.entity.ai_native for m in services)


def detect_outage(
    doc: Document, text: str, mentions: list[Mention], folded: str | None = None, ref: Reference | None = None
) -> OutageReport | None:
    """The primary outage reported by the article, or None.

    `ref` is what relative dates resolve against (the page's date, else one inferred from its URL or text, else
    the time it was first seen): a page without a date still reports its outage, with a less sure day.
    """
    title_len = len(doc.title)
    head_len = title_len + 1 + len(doc.lead or "") + 1
    full = f"{doc.title}\n{doc.lead or ''}\n{text}"
    full_f = folded if folded is not None and len(folded) == len(full) else fold(full)
    gate = head_len + _GATE_CHARS
    if not ANY_KIND.search(full_f, 0, gate) and not any(
        rx.search(full_f, 0, gate) for rx in _screened(full_f[:gate], (ACCESS_DECISION, PUBLIC_BAN))
    ):
        return None  # no outage word where news puts the facts: most articles stop here
    if GUIDE_TITLE.search(full_f, 0, title_len) and not NOW_TITLE.search(full_f, 0, title_len):
        return (
            None  # a checklist or how-to ("cinq vérifications avant de crier à la panne") reports no outage
        )
    sents = _sentences(full, full_f, title_len, head_len, mentions)
    if _staff_rule(sents) or _ends_a_restriction(sents) or _no_event(sents):
        return None
    if any(COMMUNITY_OF.search(full_f, max(0, m.start - 60), m.start) for m in sents[0].named):
        return None  # "Mistral verrouille le serveur Discord de Le Chat": the headline's story is the community's
    if any(s.excluded and s.kinds and s.search(_YEAR_AHEAD) for s in sents):
        ref = ref if ref is not None else reference(doc, full_f)
        sents = [_year_ahead(s, ref.moment.year) for s in sents]
    # (the launch said in the title, the lead or the first body sentences: a quote or an anecdote may open the body,
    # "« Trouve un créneau libre… » Ce genre de consigne… Anthropic a présenté mardi Claude for Chrome")
    body0 = next((i for i, s in enumerate(sents) if s.where == "body"), len(sents))
    if ROLLOUT.search(full_f, 0, sents[min(len(sents) - 1, max(4, body0 + 2))].end):
        sents = [_rollout_only(s) for s in sents]
    title = sents[0]
    if title.kinds and not title.excluded and not _ai_hit(title.services) and title.search(_THEIR_ASSISTANT):
        # "Des bureaux privés de leur assistant d'IA": the headline names the service by what it is to its users,
        # the article's main AI service
        main = _main_service(mentions, head_len)
        if main is not None:
            title = sents[0] = replace(title, services=[main])
    reports = [s for s in sents[1:] if s.kinds and not s.excluded and _ai_hit(s.services)]
    # a launch or money news ("lève 13 milliards") in a title without outage words: its body's outage words are
    # background unless they are many or early
    launch = not title.kinds and (
        LAUNCH.search(title.folded) is not None or MONEY_TITLE.search(title.folded) is not None
    )
    left_out: list[_Sentence] = []
    if not launch:
        reports += _neighbour_reports(sents, full)
        reports += _subject_reports(sents, reports, _main_service(mentions, head_len), full)
    else:
        # a launch that leaves a region out ("… arrivent en Espagne et en Italie. La France ne figure pas dans la
        # liste"): the launch's news is a restriction there
        left_out = [
            r for r in _neighbour_reports(sents, full) if r.search(WITHHELD) and not r.search(UNTIL_NOW)
        ]
        reports += left_out
    reports = _unique(reports)
    if title.services:
        # "Le même soir, ChatGPT connaissait de son côté une panne sans rapport": another service's outage, said to
        # be unrelated to the headline's, is not part of it
        hit = {m.entity.key for m in title.services}
        reports = [
            r
            for r in reports
            if not (
                r.search(UNRELATED)
                and not r.search(SAME_EVENT)
                and not hit & {m.entity.key for m in r.services}
            )
        ]
    if reports and (not title.kinds or title.excluded):
        # an outage recalled as background: a report dated only by a month weeks before the publication ("le
        # lancement, en décembre, avait été chahuté" in a February article)
        ref = ref if ref is not None else reference(doc, full_f)
        reports = [r for r in reports if not _older(r, ref.moment)]
    # a headline about people deprived ("ces programmeurs privés de leur forfait…")
    deprived = _DEPRIVED_TITLE.search(title.folded) is not None
    # "Meta diffère le lancement de son assistant d'IA en Europe": a headline about the maker of a service the
    # body reports is about that service
    maker = {m.entity.slug for m in title.named if m.entity.kind == "company"}
    makers_service = any(m.entity.company in maker for r in reports for m in r.services)
    # ("Le robot conversationnel chinois suspend les inscriptions", "La société chinoise gèle les recharges": an AI
    # service or its maker named by what it is, not another's outage)
    if (
        title.kinds
        and not title.excluded
        and not _ai_hit(title.services)
        and not makers_service
        and not title.search(COMPANY_SUBJECT)
        and (bool(title.named) or not deprived)  # (naming no one, it tells no one else's outage)
    ):
        # the headline outage is another's ("Orange : panne géante du réseau"): an AI service in the body is hit
        # only where the outage words govern it, not where it is named beside them ("demandé à ChatGPT des
        # nouvelles de la panne")
        reports = [r for r in reports if _is_hit(r.folded) or _governs(full_f, r)]
    if title.kinds and not title.excluded and not _ai_hit(title.services) and not reports:
        # "Panne géante de Google Cloud" then "les clients de Vertex AI ont été parmi les plus exposés"
        reports = [s for s in sents[1:] if not s.excluded and _ai_hit(s.services) and _is_hit(s.folded)]
    # "Un fichier trop lourd fait vaciller une partie du Web", its standfirst telling a provider's outage ("a rendu
    # de nombreux sites inaccessibles"), then "parmi les victimes… figurent ChatGPT": the AI services hit early
    lead_outage = [s for s in sents[1:] if s.where == "lead" and s.kinds and not s.excluded]
    lead_report = False
    if not title.kinds and not reports and lead_outage and not any(_ai_hit(s.services) for s in lead_outage):
        opening = _opening(sents)
        reports = [
            s
            for s in sents[1:]
            if s.start in opening and not s.excluded and _ai_hit(s.services) and _is_hit(s.folded)
        ]
        lead_report = bool(reports)
    title_report = bool(title.kinds) and not title.excluded and (_ai_hit(title.services) or bool(reports))
    buried, stretch = False, []
    if (
        not title_report
        and not lead_report
        and not _reported_in_body(sents, reports, echo=not launch or bool(left_out))
    ):
        ref = ref if ref is not None else reference(doc, full_f)
        # (a launch's own hiccups are its background; a money piece may bury a fresh outage: "la facture suit",
        # then four sections on, « Ce mardi 9 décembre… Copilot est devenu muet »)
        if launch and LAUNCH.search(title.folded):
            return None
        stretch = _buried_report(sents, reports, ref.moment)
        if not stretch and len(sents) - body0 >= _SCAN_SENTENCES and ANY_KIND.search(full_f, sents[-1].end):
            # the paragraph may lie past the sentences read so far (a long reportage's fourth section): read on
            sents = _sentences(full, full_f, title_len, head_len, mentions, _DEEP_SENTENCES)
            reports = reports + [
                s
                for s in sents[body0 + _SCAN_SENTENCES :]
                if s.kinds and not s.excluded and _ai_hit(s.services)
            ]
            stretch = _buried_report(sents, reports, ref.moment)
        if not stretch:
            return None
        buried = True  # (the caller lets the learned model, when sure, tell this page's outage instead)
        # (the paragraph's reports only: the article's other outage words were too few to report anything)
        reports = [r for r in reports if any(r is x for x in stretch)]
    if ref is None:
        ref = reference(doc, full_f)
    if not title_report and _round_up(title, reports, ref.moment):
        # "Quotas, plafonds : ce que les assistants gratuits permettent": standing rules, no event
        return None
    told_before = _others_told_before(title, reports) if title_report else set()
    reports = [r for r in reports if r.start not in told_before]
    primary = [
        m
        for s in ([title] if title_report else []) + reports
        for m in s.services
        if not _spared(full_f, s, m)
        and not _customer(s, m)
        and not _place(full_f, s, m)
        and not (s is not title and _aside(full_f, s, m, title))
        and not _beside(full_f, s, m)
    ]
    said = [title] * title_report + reports
    # (a buried report naming only its maker, "Anthropic a expliqué que ses systèmes… avaient plié", hit the
    # maker's products its paragraph names, not those the whole article names most)
    near = [m for x in stretch for m in x.named] if stretch else mentions
    services = _services_hit(primary, near, any(_bare_api_hit(s) for s in said))
    if not services:
        return None
    services = _scoped(sents, services, primary)
    slugs = set(services)
    # (such a headline naming no service says who lost what, not how: the reports tell the kind)
    title_weight = 0.0 if deprived and not title.services else 3.0
    kind = _kind_of(
        [(title, title_weight)] * title_report + [(s, 2.0 if s.where == "lead" else 1.0) for s in reports]
    )
    if kind == IncidentKind.OUTAGE and _denied(sents, [title] * title_report + reports):
        kind = IncidentKind.RESTRICTION  # "une fonction coupée plutôt qu'une panne"
    # (a buried report's kind is its paragraph's: the rest of the page is about something else)
    kind = _page_kind(kind, stretch or sents, slugs | {m.entity.company or m.entity.slug for m in primary})
    if (
        not stretch
        and kind != IncidentKind.RESTRICTION
        and restriction_likely(full_f, title_len, head_len, mentions)
    ):
        # a restriction told without the rules' restriction words (« cesse de vendre des crédits », « réservé aux
        # abonnés Max »): the kind model, trained on every labelled incident, reads it in the page as a whole
        kind = IncidentKind.RESTRICTION
    # (a statement dated in its opening words, right before a body sentence with outage words: the day of the
    # decision that sentence tells, "Jeudi 27 mars, Sam Altman a reconnu…", then "Conséquence annoncée dans le même
    # message : des limites de débit temporaires s'appliquent")
    before_report = {
        sents[i - 1].start
        for i, s in enumerate(sents)
        if i > 1
        and s.where == "body"
        and s.kinds
        and not s.excluded
        and _dated_statement(sents[i - 1], ref.moment)
    }
    candidates = [title] + [
        s
        for i, s in enumerate(sents[1:])
        if s.start not in told_before
        and not s.compared_only
        and (
            s.kinds
            or s.recovery
            or s.search(START_CUE)
            or s.search(SINCE_CLOCK)
            or (i < _BODY_SENTENCES and (s.search(CLOCK_WINDOW) or s.search(END_AT)) is not None)
            or (i < _BODY_SENTENCES and kind == IncidentKind.RESTRICTION and s.search(ANNOUNCE) is not None)
            or (i < 3 and not s.search(MONEY_CONTEXT))
            or (i < 6 and any(m.entity.slug in slugs or m.entity.company in slugs for m in s.services))
            or any(s is x for x in stretch)  # (the paragraph of a buried report: its day may sit beside it)
            or s.start in before_report
        )
    ]
    if stretch:
        # a buried report is dated by its paragraph: the article's other days are about something else ("un
        # dimanche consacré au grand ménage des papiers" three paragraphs before « Mardi soir, vers 21 heures »)
        candidates = [title] + [s for s in candidates[1:] if any(s is x for x in stretch)]
    if kind == IncidentKind.RESTRICTION:
        services = _api_quota(title, said, services)
        slugs = set(services)
    start_day, start, end, cue, when_sent = _when(
        candidates, ref.moment, full, ref.precision == "exact", decision=kind == IncidentKind.RESTRICTION
    )
    if cue == "none" and kind == IncidentKind.RESTRICTION:
        # no sentence gave the day: a decision told with it in words the restriction patterns miss ("Mercredi 10
        # mai, Google a ouvert Bard dans 180 pays", under "… mais pas en France")
        taken = {c.start for c in candidates}
        # (or its maker: "C'est jeudi qu'OpenAI a choisi de réagir", before "Sam Altman a annoncé des plafonds"; or
        # the sentence right before a report: "Jeudi 27 mars, Sam Altman a écrit… Il a annoncé dans la foulée…")
        makers = {m.entity.company or m.entity.slug for m in primary}
        before = {
            sents[c.rank - 1].start for c in candidates if c.rank > 1 and IncidentKind.RESTRICTION in c.kinds
        }
        more = [
            s
            for s in sents[1 : _BODY_SENTENCES + 1]
            if s.start not in taken
            and (
                any(m.entity.slug in slugs for m in s.services)
                or any(m.entity.slug in makers for m in s.named)
                or s.start in before
            )
        ]
        if more:
            found = _when(
                sorted(candidates + more, key=lambda s: s.start),
                ref.moment,
                full,
                ref.precision == "exact",
                True,
            )
            if found[3] != "none":
                start_day, start, end, cue, when_sent = found
    if start_day > ref.moment.date() and ref.precision == EXACT:
        # a day after the article ("l'extinction est fixée au 26 août 2026"): a decision announced ahead is dated by
        # its announcement, the article's day at the latest; the timeline never holds a day to come (an inferred
        # reference may be the one that is wrong: a URL's month read as its first day); the announcement's own day
        # when the same sentence gives it ("a prévenu lundi … que Claude 3 Opus quittera son API le 5 janvier")
        days_given = [d.day for d in find_days(when_sent.folded, ref.moment)] if when_sent is not None else []
        announced = [d for d in days_given if d <= ref.moment.date()]
        if announced:
            start_day, start, end, cue = max(announced), None, None, "relative"
        else:
            start_day, start, end, cue = ref.moment.date(), None, None, "none"
    if _look_back(ref, start_day):
        return None
    duration = find_duration(" ".join(s.folded for s in candidates if not s.excluded))
    if start and end and end > start:
        duration = int((end - start).total_seconds() // 60)
    return OutageReport(
        kind=kind,
        day=start_day,
        services=tuple(services),
        companies=tuple(sorted({m.entity.company or m.entity.slug for m in primary})),
        start=start,
        end=end,
        duration_minutes=duration,
        date_precision=_precision(cue, ref.precision),
        report_spans=_summary_spans(sents, reports, slugs, when_sent, ref.moment)
        + _summary_extras(sents, reports, kind, start_day, ref.moment),
        recovered=any(s.recovery and not s.excluded and not s.search(FUTURE) for s in sents[:4]),
        buried=buried,
    )


def _summary_spans(
    sents: list[_Sentence], reports: list[_Sentence], slugs: set[str], when: _Sentence | None, pub: datetime
) -> tuple[tuple[int, int], ...]:
    """The body sentences a summary needs to say what broke, how and when: the first report naming the service
    (one with a day or time if there is one), and the sentence that gave the day when that is another."""
    body = [s for s in reports if s.where == "body"] or [
        s
        for s in sents
        if s.where == "body"
        and s.raw_kind
        and not s.excluded
        and any(m.entity.slug in slugs or m.entity.company in slugs for m in s.services)
    ]
    out: list[_Sentence] = []
    if body:
        dated = [s for s in body if find_days(s.folded, pub) or find_clocks(s.folded)]
        first = min(dated or body, key=lambda s: s.rank)
        out.append(first)
        # "… Gemini ne discute plus d'élections. Le chatbot décline, renvoie vers la recherche…": the next sentence
        # goes on about the same failure (it opens on "le chatbot", "l'assistant"…, and is not about the recovery)
        nxt = next((s for s in sents if s.rank == first.rank + 1), None)
        if (
            nxt is not None
            and nxt.where == "body"
            and not (nxt.excluded or nxt.recovery)
            and ANAPHORA.match(nxt.folded)
        ):
            out.append(nxt)
    if when is not None and when.where == "body" and all(when.folded != s.folded for s in out):
        out.append(when)
    return tuple((s.start, s.end) for s in sorted(out, key=lambda s: s.start))


def _summary_extras(
    sents: list[_Sentence], reports: list[_Sentence], kind: IncidentKind, day: date, pub: datetime
) -> tuple[tuple[int, int], ...]:
    """What a summary must carry besides the report: for a restriction, the body sentence that states it (the first
    with restriction words, when the first report is only the launch it hides in); and the outage's day, when no
    chosen sentence gives it (the title had it: "Claude injoignable ce mardi soir"), from the first body sentence
    that names that day."""
    body = [s for s in reports if s.where == "body"]
    first = min(body, key=lambda s: s.rank) if body else None
    out: list[_Sentence] = []
    if kind == IncidentKind.RESTRICTION and (first is None or IncidentKind.RESTRICTION not in first.kinds):
        # a report, else (the title alone reported it) an early body sentence whose subject is a pronoun or a
        # common noun ("Elle refusera tout échange…")
        out += [s for s in body if IncidentKind.RESTRICTION in s.kinds][:1] or [
            s
            for s in sents[1:_BODY_SENTENCES]
            if s.where == "body" and not s.excluded and IncidentKind.RESTRICTION in s.kinds
        ][:1]
    said = [first] if first is not None else []
    # the cause the title names ("Cloudflare flanche encore : Perplexity et Claude…"): the summary names it too
    causes = {m.entity.slug for m in sents[0].services if m.entity.slug in _INFRA}
    if causes and not any(m.entity.slug in causes for s in said + out for m in s.named):
        out += [
            s
            for s in sents[1:_BODY_SENTENCES]
            if s.where == "body" and not s.excluded and any(m.entity.slug in causes for m in s.named)
        ][:1]
    if not any(d.day == day for s in said + out for d in find_days(s.folded, pub)):
        out += [
            s
            for s in sents[1:_BODY_SENTENCES]
            if s.where == "body" and not s.excluded and any(d.day == day for d in find_days(s.folded, pub))
        ][:1]
    return tuple((s.start, s.end) for s in out if first is None or s.start != first.start)


def _unique(reports: list[_Sentence]) -> list[_Sentence]:
    """Reports in text order, a sentence repeated word for word (the lead printed again atop the body) once."""
    seen: set[str] = set()
    out = []
    for s in sorted(reports, key=lambda s: s.start):
        if s.folded not in seen:
            seen.add(s.folded)
            out.append(s)
    return out


def _main_service(mentions: list[Mention], head_len: int) -> Mention | None:
    """The article's main AI product or company: the first named in the title or lead, else the most named."""
    ai = [m for m in mentions if m.entity.kind == "product" or m.entity.ai_native]
    head = [m for m in ai if m.start < head_len]
    if head:
        return head[0]
    counts = Counter(m.entity.key for m in ai)
    return next((m for m in ai if m.entity.key == counts.most_common(1)[0][0]), None) if counts else None


# a subject that names another thing right after it: "La plateforme Remotasks a coupé…", "le service Doctolib"
_NAMED_AFTER = re.compile(r" (?:« ?)?[A-Z][\w-]+")


def _names_another(full: str, s: _Sentence, m: re.Match[str]) -> bool:
    """Whether a name the analysis does not know follows a subject word ("la plateforme Remotasks"): then it is not
    the article's service (a known or discovered one, "l'application Dévêtix", is followed as such)."""
    if s.end - s.start != len(s.folded):
        return False
    named = _NAMED_AFTER.match(full, s.start + m.end())
    if named is None:
        return False
    return not any(named.start() <= n.start < named.end() for n in s.named + s.services)


def _subject_reports(
    sents: list[_Sentence], reports: list[_Sentence], main: Mention | None, full: str = ""
) -> list[_Sentence]:
    """Outage words whose subject is "la société", "la start-up", "le service"…: about the article's main service
    (not when a name follows the subject: "la plateforme Remotasks" is another one)."""
    if main is None:
        return []
    seen = {s.start for s in reports}
    out = []
    for s in sents[1:]:
        if (
            not s.kinds
            or s.excluded
            or s.start in seen
            or _ai_hit(s.services)
            or s.search(FALLBACK)
            or s.search(PLUPERFECT)
        ):
            continue
        # the subject comes before the outage words it governs: "la start-up a fermé ses inscriptions"; in the
        # opening, a restriction's target may follow them, named as a company ("a ordonné aux agences de cesser
        # d'utiliser la technologie de la jeune pousse"; not "bloqués… à l'outil de sécurité")
        subject, word = s.search(SUBJECT), ANY_KIND.search(s.folded)
        restriction = IncidentKind.RESTRICTION in s.kinds
        target = s.search(COMPANY_NOUN) if restriction and s.rank <= 4 and word is not None else None
        if subject is not None and _names_another(full, s, subject):
            subject = None
        if (
            word is not None
            and (
                (subject is not None and subject.start() < word.start() <= subject.end() + 80)
                or (target is not None and word.end() <= target.start() <= word.end() + 80)
            )
            and (restriction or s.rank <= 6)
        ):
            out.append(replace(s, services=[main]))
    return out


def _neighbour_reports(sents: list[_Sentence], full: str = "") -> list[_Sentence]:
    """Outage words without a service right after a sentence that names one ("Copilot… L'assistant a cessé…", "…
    arrive en Espagne. La France ne figure pas dans la liste")."""
    out = []
    for prev, s in zip(sents[1:], sents[2:_BODY_SENTENCES], strict=False):
        if (
            s.kinds
            and not s.excluded
            and not s.services
            # "L'assistant a cessé…", or a region left out of what the sentence before launched ("La France, elle,
            # ne figure pas dans la liste")
            and (
                ((ana := s.search(ANAPHORA)) is not None and not _names_another(full, s, ana))
                or (IncidentKind.RESTRICTION in s.kinds and s.search(WITHHELD))
            )
            and _ai_hit(prev.services)
            and not prev.excluded
            and not FALLBACK.search(prev.folded)
            and not s.search(FALLBACK)
        ):
            out.append(
                replace(
                    s, services=[m for m in prev.services if m.entity.kind == "product" or m.entity.ai_native]
                )
            )
    return out


def _is_hit(folded: str) -> bool:
    """A service said to be hit ("touchés", "renvoyé des erreurs"), not spared ("pas été touché")."""
    return any(
        not NOT_HIT.search(folded, 0, m.start()) for m in HIT.finditer(folded)
    ) and not FALLBACK.search(folded)


def _others_told_before(title: _Sentence, reports: list[_Sentence]) -> set[int]:
    """Under a headline that reports its service, the report sentences about other services told in the pluperfect
    ("La veille, Google avait annoncé que Gemini refuserait…" under "Midjourney ferme la porte aux images de…"):
    another, earlier event given as context. Their starts."""
    hit = {k for m in title.services for k in (m.entity.slug, m.entity.company) if k}
    if not hit:
        return set()  # a headline that names no service: the body's reports say which one, in any tense
    return {
        r.start
        for r in reports
        if r.services
        and r.search(PLUPERFECT)
        and not any(m.entity.slug in hit or (m.entity.company or "") in hit for m in r.services)
    }


def _no_event(sents: list[_Sentence]) -> bool:
    """The headline or lead says nothing happened: a drill, a retrospective over months, a headline denying the
    rumour ("Non, DeepSeek n'a pas été bloqué en France") whose own outage words are denied, or a security story."""
    head = [s for s in sents if s.where != "body"]
    return (
        any(s.search(NO_EVENT) for s in head)
        or (not sents[0].kinds and bool(sents[0].search(DENIED_TITLE)))
        # a fact-check ("Non, … n'a pas décidé d'interdire ChatGPT"), or the headline or lead clearing the service
        or _fact_check(sents[0])
        or any(s.search(CLEARED) for s in head)
        # a scam whose lure is the outage words, quoted in the headline: nothing happened to the service
        or (any(s.search(SCAM_NEWS) for s in head) and not _kinds(_QUOTED.sub(" ", sents[0].folded)))
        # a leak or a flaw in the headline or the lead, the headline telling no outage: the access cut that seals it
        # ("la start-up a coupé l'accès en moins d'une heure") is no restriction of the service
        or (not sents[0].kinds and any(s.search(SECURITY_NEWS) for s in head))
    )


_QUOTED = re.compile(r"«[^»]*»")


def _fact_check(title: _Sentence) -> bool:
    """A headline that clears a claim and reports nothing else: "Non, … n'a pas décidé d'interdire ChatGPT",
    "« Bard a disparu » ? Non, Google l'a rebaptisé" (not "Non, l'API de DeepSeek n'est pas fermée : seules les
    recharges sont suspendues", nor "Non, vos conversations n'ont pas été effacées : retour sur la panne de mardi":
    past the denial, the headline tells what did happen)."""
    m = title.search(FACT_CHECK_TITLE)
    if m is None:
        return False
    colon = title.folded.find(" : ", m.end())
    rest = title.folded[colon + 3 :] if m.group(0).lstrip("?» ").startswith("non") and colon >= 0 else ""
    if (
        rest
        and _BLAME_ELSEWHERE.match(rest)
        and not any(m.start >= title.start + colon for m in title.services)
    ):
        return True  # "Non, ChatGPT n'était pas en panne : c'est le réseau de SFR qui avait lâché"
    return not (rest and _kinds(rest))


# what did happen, to someone else: "c'est le réseau de SFR qui avait lâché", "c'est votre box qui…"
_BLAME_ELSEWHERE = re.compile(
    r"c'(?:est|etait) (?:le|la|l'|les|votre|vos|ton|ta|tes|un|une|son|sa|leur) ?[^:;]{0,60}? qui\b"
)


def _staff_rule(sents: list[_Sentence]) -> bool:
    """The headline or lead tells a company's rule for its own staff ("Microsoft interdit l'application DeepSeek à ses
    salariés", "Apple bride l'usage de ChatGPT par ses propres salariés"): no incident of the service."""
    # (the company may be named in the headline and the rule told in the lead: "Apple ferme la porte à ChatGPT…",
    # then "la firme de Cupertino restreint l'usage de ChatGPT en interne")
    # (or an assembly for its own members: "le Parlement européen coupe les fonctions d'IA des appareils des
    # eurodéputés")
    # (an employer the gazetteer does not know keeps "ses salariés", "son personnel": "Apple tient ses salariés à
    # distance de ChatGPT")
    company = any(m.entity.kind == "company" for s in sents[:2] for m in s.named) or any(
        s.search(_MEMBERS) or s.search(_OWN_STAFF) for s in sents[:2]
    )
    return company and any(s.search(STAFF_BAN) and not s.search(PUBLIC_BAN) for s in sents[:2])


_ORIGIN = re.compile(r"\b(?:point de depart|origine|racine|germe)s?\b[^.;]{0,25}\bremont\w* (?:au|a)\s*$")
_OWN_STAFF = re.compile(
    r"\b(?:ses|son|leurs|nos) (?:propres? )?(?:salaries|employes|collaborateurs|personnels?|equipes|agents)\b"
)
_MEMBERS = re.compile(r"\b(?:des|aux|de ses|a ses) (?:elus|eurodeputes|deputes|parlementaires|senateurs)\b")


def _ends_a_restriction(sents: list[_Sentence]) -> bool:
    """The title or lead lifts a restriction, reverses a decision or brings a service back after weeks away
    ("Microsoft desserre la bride de Bing Chat", "Rétropédalage : GPT-4o refait son apparition"): that is the news,
    the restriction it ends is background (not under a headline that reports one: "Bard s'ouvre à 180 pays… mais
    pas à l'Union européenne")."""
    head = [s for s in sents if s.where != "body"]
    if len(head) == 1:
        head += sents[1:4]  # no lead: the body's first lines (a rubric, then the standfirst) stand for it
    # (a headline that asks, "faut-il encore s'inscrire sur liste d'attente ?", reports no restriction of its own)
    # (not "Bard ouvert dans 180 pays mais pas en France : pourquoi ?", which reports the region left out)
    asks = sents[0].folded.rstrip().endswith("?") and _STILL.search(sents[0].folded) is not None
    if (not sents[0].kinds or asks) and any(s.search(REVERSAL) or s.search(LIFTED) for s in head):
        return True
    # back after weeks away ("Quatre semaines après son blocage, ChatGPT revient dans la Péninsule"): the end of a
    # long block or withdrawal, not an incident of its own
    return bool(
        sents[0].search(LONG_ABSENCE)
        and not sents[0].kinds
        and any(s.search(REOPENED) or s.search(RECOVERY) for s in head)
    )


# people deprived of something, in a headline ("ces développeurs privés de leur abonnement dans les outils tiers")
def _look_back(ref: Reference, day: date) -> bool:
    """An outage told more than RETROSPECTIVE_DAYS after it started ("Trois ans de ChatGPT : les journées où le robot
    a calé") is a look back, not an incident the article reports (a post-mortem comes within weeks). A page dated
    only by when it was first seen may have been found late: its gap says nothing."""
    return ref.precision != APPROXIMATE and (ref.moment.date() - day).days > RETROSPECTIVE_DAYS


_DEPRIVED_TITLE = re.compile(r"\bprive(?:e|s|es)? (?:de|d')")


_WORDS = re.compile(r"[a-z0-9]+")
# a headline's AI service named by what it is to its users: "privés de leur assistant d'IA", "sans son chatbot"
_THEIR_ASSISTANT = re.compile(
    r"\b(?:son|sa|ses|leur|leurs) (?:assistant|chatbot|robot conversationnel|agent|copilote)s? "
    r"(?:d'ia|d'intelligence artificielle|ia|conversationnel|virtuel)\b|"
    r"\b(?:son|sa|ses|leur|leurs) (?:ia|intelligence artificielle)\b"
)


_STILL = re.compile(r"\b(?:encore|toujours)\b")
RANGE_TITLE = re.compile(r"\bdu \d{1,2}(?:er)?(?: \w+)? (?:au|a) \d{1,2}(?:er)? \w+")
_WHAT_HAPPENED = re.compile(
    r"^(?:que s'est-il passe|qu'est-ce qui s'est passe|que se passe-t-il|qu'est-il arrive|de quoi s'agit-il)"
    r"(?: exactement| au juste)?\s*\?"
)


def _opening(sents: list[_Sentence], size: int = 5) -> set[int]:
    """The starts of the article's first `size` sentences of prose: the lead's sentences, then the body's, passing
    over rubric and byline lines ("Questions-réponses", "Dossier pratique · lecture 5 min", "Que s'est-il passé ?")
    and the standfirst printed again at the top of the body."""
    lead = " ".join(s.folded for s in sents if s.where == "lead")
    out: set[int] = set()
    for s in sents[1:]:
        if len(out) >= size:
            break
        if s.where == "body" and (
            (lead and s.folded.rstrip(" .!?…")[:80] in lead) or len(_WORDS.findall(s.folded)) < 6
        ):
            continue
        out.add(s.start)
    return out


def _reported_in_body(sents: list[_Sentence], reports: list[_Sentence], echo: bool = True) -> bool:
    """Without a headline report: two report sentences, one early, or one early that echoes the title's service."""
    title = sents[0]
    early_starts = _opening(sents)
    early = [s for s in reports if s.where == "lead" or s.start in early_starts]
    title_slugs = {
        k
        for m in title.services
        if m.entity.kind == "product" or m.entity.ai_native
        for k in (m.entity.slug, m.entity.company)
        if k
    }
    # (a maker that is no AI company names its product too: "l'assistant de Microsoft lâche les bureaux", then
    # "Copilot ne répondait plus")
    makers = title_slugs | {m.entity.slug for m in title.named if m.entity.kind == "company"}
    # the title names the service (with an outage word, even in a "since"/"after" clause, or none) and an early
    # report names it again: "DeepSeek ferme le robinet…" then "les recharges de DeepSeek sont suspendues"
    # (or its maker named in the title: "Anthropic tourne la page…" then "Claude Sonnet 3.5 ne répond plus sur l'API")
    echoed = any(
        m.entity.slug in title_slugs or (m.entity.company is not None and m.entity.company in makers)
        for s in early
        for m in s.services
    ) and (echo or title.raw_kind)
    if bool(early) and (len({s.start for s in reports}) >= 2 or echoed):
        return True
    # a questions-and-answers page: the answer to « Que s'est-il passé ? » is its news, wherever it comes
    position = {s.start: i for i, s in enumerate(sents)}
    if any(
        r.where == "body"
        and position.get(r.start, 0) > 1
        and sents[position[r.start] - 1].search(_WHAT_HAPPENED)
        for r in reports
    ):
        return True
    # a feature-style opening: the title names the service, a later report names it again (or its company)
    late = [
        s
        for s in reports
        if s.rank > 5
        and IncidentKind.RESTRICTION in s.kinds
        and any(k in title_slugs for m in s.services for k in (m.entity.slug, m.entity.company) if k)
    ]
    return echo and bool(late) and bool(title_slugs)


def _buried_report(sents: list[_Sentence], reports: list[_Sentence], pub: datetime) -> list[_Sentence]:
    """An outage told in one paragraph deep in a long article about something else ("Mardi, la leçon est tombée sans
    prévenir. Peu après 12 h 20, Cloudflare a flanché, et l'accès à ChatGPT…"): an outage report near another
    sentence with outage words, and in that stretch a day at most a week before the article, given in full or with a
    clock time: fresh news, not a recall. A restriction (rules and caps are background in such pieces) only with its
    own full date: "Vendredi 28 novembre, … OpenAI a ramené à six vidéos par jour la limite…". The stretch (the
    report, three sentences before it and two after), or none."""
    for r in reports:
        if r.where != "body" or r.excluded:
            continue
        if not (r.kinds.keys() - {IncidentKind.RESTRICTION}) and not any(
            d.explicit and timedelta(0) <= pub.date() - d.day <= timedelta(days=7)
            for d in (find_days(r.folded, pub) if r.may(DAY_RX) else ())
        ):
            continue
        # (a sentence's rank is its index; the paragraph may open three sentences up: "Ce mercredi 29 octobre, … les
        # ennuis ont débuté à 16 h 45", then the provider's brick, the suite, then the AI service)
        stretch = sents[max(0, r.rank - 3) : r.rank + 3]
        # (the companion outage words may sit one sentence further up: the paragraph's heading, "Quatre heures à
        # l'arrêt", above a sentence of context and one of facts; or in the report itself, twice, with its own
        # clock time: "Un peu après 19 heures, ChatGPT s'est arrêté net… chaque question se soldait par un
        # message d'erreur")
        if not any(x is not r and x.kinds and not x.excluded for x in stretch) and not (
            len(r.kind_at) >= 2 and find_clocks(r.folded)
        ):
            continue
        fresh = [
            d
            for x in stretch
            if x.may(DAY_RX)
            for d in find_days(x.folded, pub)
            if timedelta(0) <= pub.date() - d.day <= timedelta(days=7)
        ]
        # (a date in full, "le mardi 2 décembre", or a day with a clock time, "Lundi … à 12 h 49")
        if any(d.explicit for d in fresh) or (
            fresh and any(find_clocks(x.folded) for x in stretch if not x.excluded)
        ):
            return stretch
    return []


def _kind_of(weighted: list[tuple[_Sentence, float]]) -> IncidentKind:
    """The kind most weighted across the title (x3), lead (x2) and report sentences; then the kind more sentences
    report, then outage.

    An explicit restriction (a quota, closed sign-ups) is the news even when overload words explain it: with one,
    "saturés" or "surcharge" do not count as outage words.
    """
    score: dict[IncidentKind, float] = {}
    carriers: dict[IncidentKind, set[str]] = {}  # the distinct sentences that report each kind
    explicit = any(
        s.kinds.get(IncidentKind.RESTRICTION) and s.search(EXPLICIT_RESTRICTION) for s, _ in weighted
    )
    for s, w in weighted:
        for k, n in s.kinds.items():
            if explicit and k == IncidentKind.OUTAGE:
                n -= s.overload
            if n > 0:
                score[k] = score.get(k, 0.0) + w * min(n, 2)
                carriers.setdefault(k, set()).add(s.folded)
    if not score:
        return IncidentKind.RESTRICTION if explicit else IncidentKind.OUTAGE
    # on a tie, the kind more sentences report ("Panne de X" over a lead and a body that say "par intermittence")
    return sorted(score, key=lambda k: (-score[k], -len(carriers[k]), SEVERITY_ORDER.index(k)))[0]


def _round_up(title: _Sentence, reports: list[_Sentence], pub: datetime) -> bool:
    """A round-up of standing rules rather than an event: a title that names no AI service, body reports that each
    name another service (none twice), and not one day or time among them ("ChatGPT accorde un nombre restreint de
    messages…", "Claude plafonne les échanges…")."""
    if _ai_hit(title.services) or len(reports) < 2:
        return False
    named = [
        {
            m.entity.company or m.entity.slug
            for m in r.services
            if m.entity.kind == "product" or m.entity.ai_native
        }
        for r in reports
    ]
    seen: set[str] = set()
    for keys in named:
        if keys & seen:
            return False
        seen |= keys
    return not any(find_days(r.folded, pub) or find_clocks(r.folded) for r in reports)


def _denied(sents: list[_Sentence], reports: list[_Sentence]) -> bool:
    """The text says no outage happened ("plutôt qu'une panne", "rien ne relève d'une défaillance technique") and
    reports a restriction: the decision is the news, whatever outage words tell its effect."""
    return any(IncidentKind.RESTRICTION in r.kinds for r in reports) and any(
        not s.excluded and s.search(DENIED_OUTAGE) for s in sents[: _BODY_SENTENCES + 3]
    )


def _page_kind(kind: IncidentKind, sents: list[_Sentence], slugs: set[str]) -> IncidentKind:
    """The kind the sentences' words gave, corrected by what the article says of the service as a whole: half up
    ("la page se charge", "seul le modèle était en cause") or answering wrongly (gibberish, off-topic or flattering
    answers, an update rolled back) is a degradation, not an outage."""
    if kind == IncidentKind.RESTRICTION:
        return kind
    head = [s for s in sents[: _BODY_SENTENCES + 3] if not s.excluded]
    if any(s.search(PLATFORM_EXIT) and not s.search(ROLLED_BACK) for s in head) and not any(
        s.search(OUTAGE_NOUN) for s in head
    ):
        # the service was withdrawn from a platform and no outage is named: "ne répond plus dans WhatsApp" tells the
        # withdrawal's effect
        return IncidentKind.RESTRICTION
    if kind == IncidentKind.OUTAGE and _half_up(sents, slugs):
        return IncidentKind.DEGRADATION  # "la page se charge, mais aucune réponse ne s'affiche"
    quality = [s for s in head if s.search(QUALITY)]
    if any(s.where != "body" for s in quality) or len(quality) >= 2:
        return IncidentKind.DEGRADATION
    if (
        kind == IncidentKind.DEGRADATION
        and any(s.search(ACCESS_FAIL) for s in head)
        and not any(s.search(PARTIAL_FAIL) or s.search(PARTIAL) or s.search(INTERMITTENT) for s in head)
    ):
        # errors that kept users out ("une vague d'erreurs a empêché de se connecter"): the service was down
        return IncidentKind.OUTAGE
    return kind


def _older(s: _Sentence, pub: datetime) -> bool:
    """A sentence dated only by a month ("en décembre", "fin août") that ended two weeks or more before the
    publication, without a recent day: about an earlier event."""
    if s.search(RECENT):
        return False
    days = find_days(s.folded, pub)
    if days:
        # "le soir du 3 février" in an April post: a day given in full, every one a month or more before
        return all(d.explicit and d.night_to is None and (pub.date() - d.day).days >= _OLD_DAYS for d in days)
    periods = [(m.group(0), _MONTHS.index(m.group(1)) + 1) for m in MONTH_PERIOD.finditer(s.folded)]
    if not periods:
        return False
    # told in the pluperfect ("l'entreprise avait essuyé début mars une panne", in a mid-March article), a period
    # already over is enough; otherwise it must have ended two weeks or more before the publication
    told_before = s.search(PLUPERFECT) is not None
    for said, month in periods:
        year = pub.year if month <= pub.month else pub.year - 1
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if said.startswith("debut"):
            end = date(year, month, 10)
        if (pub.date() - end).days < (1 if told_before else 14):
            return False
    return True


def _half_up(sents: list[_Sentence], slugs: set[str]) -> bool:
    """The article says the hit service is half up ("l'application mobile tient le coup", "la page se charge",
    "les questions sont bien envoyées"): not about a rival (a sentence naming only other services does not count),
    nor about an older event."""
    for s in sents:
        if s.excluded or not (s.search(HALF_UP) or s.search(MODEL_SCOPED)):
            continue
        named = {k for m in s.services for k in (m.entity.slug, m.entity.company) if k}
        if not named or named & slugs:
            return True
    return False


def _scoped(sents: list[_Sentence], services: list[str], primary: list[Mention]) -> list[str]:
    """Products of a hit company that a sentence names as in the report's scope ("les développeurs passant par
    l'API d'Anthropic ont été concernés", "elle vise Claude, l'API et Claude Code"), not spared nor a fallback."""
    companies = {m.entity.company or m.entity.slug for m in primary}
    out = set(services)
    for s in sents[1 : _BODY_SENTENCES + 3]:
        if s.excluded or s.search(FALLBACK):
            continue
        scope = s.search(SCOPE)
        if scope is None or NOT_HIT.search(s.folded, 0, scope.start()):
            continue
        out |= {
            m.entity.slug for m in s.services if m.entity.kind == "product" and m.entity.company in companies
        }
        if SCOPE_API.search(s.folded) is not None:
            out |= _company_apis(companies)
    return sorted(out)


def _company_apis(companies: set[str]) -> set[str]:
    """The API product that "son API", "l'API" stands for: the API of the one company in view that has one
    ("openai" -> "openai-api"); none when several have one (Anthropic cutting OpenAI's access: whose API?)."""
    from app.analysis.entities import gazetteer

    entities = gazetteer().entities
    apis = {f"{c}-api" for c in companies if f"product:{c}-api" in entities}
    return apis if len(apis) == 1 else set()


def _services_hit(primary: list[Mention], mentions: list[Mention], bare_api: bool = False) -> list[str]:
    """Product slugs hit (plus infrastructure causes); empty when no AI service is among them. `bare_api`: the
    reports name "son API" or "l'API" without a name: the API product of the company hit, when there is one."""
    services = sorted(
        {m.entity.slug for m in primary if m.entity.kind == "product"}
        | {m.entity.slug for m in primary if m.entity.kind == "company" and m.entity.slug in _INFRA}
    )
    if bare_api:
        # (the API of the maker hit, whether or not a product is named beside it: "ChatGPT, son API et Sora")
        services = sorted(set(services) | _company_apis({m.entity.company or m.entity.slug for m in primary}))
    if not any(s not in _INFRA for s in services):
        # "l'assistant d'OpenAI est en panne": the company's product the article names most is the one hit
        ai_companies = {m.entity.company or m.entity.slug for m in primary if m.entity.ai_native}
        named = Counter(
            m.entity.slug for m in mentions if m.entity.kind == "product" and m.entity.company in ai_companies
        )
        services = sorted(set(services) | ({named.most_common(1)[0][0]} if named else ai_companies))
    return services if any(s not in _INFRA for s in services) else []


def _api_quota(title: _Sentence, said: list[_Sentence], services: list[str]) -> list[str]:
    """A quota cut of an API the title names ("Gemini API : le palier gratuit fond"): the API is restricted, not the
    models it serves (Gemini 2.5 Flash named in the developer's logs is the API's model, not the assistant)."""
    apis = [m.entity for m in title.services if m.entity.kind == "product" and m.entity.slug.endswith("-api")]
    if not apis or not any(s.search(EXPLICIT_RESTRICTION) for s in said):
        return services
    served = {f for e in apis for f in e.families}
    kept = [s for s in services if s not in served]
    return sorted(set(kept) | {e.slug for e in apis})


# what may follow a live blog entry's time on its own line ("15 h 35", "12 h 58 :")
_STAMP_ONLY = re.compile(r"[\s:.–—-]*")
_STAMP_DASH = re.compile(r"\s*[–—]\s")
_CLAUSE_SEP = re.compile(r"[:;]")
# a relative clause opened right before a day: ", que le grand public découvre depuis "
_RELATIVE_OPEN = re.compile(r", (?:que|qu'|qui|dont) [^,;:.]*$")


def _precision(cue: str, ref: str) -> str:
    """How sure an outage day is: exact when the text gives the day in full (not in a dateline); a relative day
    ("hier", "mardi") is as sure as the date it resolves against (the page's own: exact; the URL's or the
    dateline's: inferred; first sight: approximate); with no day cue at all the reference date is only an
    inference (the outage may be older than the article), and first sight stays an approximation."""
    if cue == "full":
        return EXACT
    if cue == "relative":
        return ref
    return APPROXIMATE if ref == APPROXIMATE else INFERRED


def _near_outage(folded: str, pos: int, kind_spans: list[int], rec_spans: list[int]) -> tuple[bool, int]:
    d_out = min((abs(pos - p) for p in kind_spans), default=10_000)
    d_rec = min((abs(pos - p) for p in rec_spans), default=10_000)
    return d_out <= d_rec, d_out


# "juste avant 10 heures", "peu avant midi": a round time the outage started a little before
JUST_BEFORE = re.compile(r"\b(?:juste|peu|un peu|tout juste|quelques minutes) avant\s*$")


def _refines(rough: ClockExpr | None, precise: ClockExpr, before: bool = False) -> bool:
    """A body time that makes a title's round one precise: "depuis midi", then "depuis 12 h 49" (same zone, within
    the hour after); "juste avant 10 heures" (`before`), then "de 9 h 47 à 10 h 12" (within the half hour before)."""
    if rough is None or rough.minute or precise.zone != rough.zone:
        return False
    gap = (precise.hour * 60 + precise.minute) - rough.hour * 60
    return -30 <= gap < 0 if before else 0 < gap < 60


def _when(
    sents: list[_Sentence], pub: datetime, full: str, sure_ref: bool = True, decision: bool = False
) -> tuple[date, datetime | None, datetime | None, str, _Sentence | None]:
    """Start day, start time, end time from the outage sentences (recovery clauses give the end), what gave the
    day (full | relative | none: see _precision), and the sentence that gave it.

    `decision`: a restriction, which takes effect when it is announced: the day of the announcement counts as
    its start unless the same sentence gives another day ("annoncé mardi… détectée la veille au soir").
    """
    day = None
    cue = "none"  # what gave the day: a full date ("10 juin"), a relative one ("hier", "mardi"), or nothing
    anchor: date | None = None  # the last full date given: "la veille" and "le lendemain" count from it
    night_to = None
    start = end = None
    start_clock = None
    start_before = False  # the start clock was said as « juste avant 10 heures »
    # the end is a live note's time ("[Mise à jour 12 h 40]"): the page was updated then, after its publication
    end_note = False
    end_said = (
        False  # the end was given in so many words ("ont pris fin vers 20 h 52", a range's second time)
    )
    when_idx = clock_idx = None  # the sentences that gave the day and the start time
    found: list[tuple] = []
    local = dateline_zone(full)  # what "heure locale" means in a foreign dispatch
    clock_days: list[tuple[ClockExpr, DayExpr]] = []  # the day said right before (or after) a clock time
    for idx, s in enumerate(sents):
        f = s.folded
        if s.excluded:
            # "Tout a commencé hier vers 14 h 30 : … pourrait être perturbé": the fact before the hypothesis holds
            past = PAST.search(f)
            if past is None or not START_CUE.search(f, 0, past.start()):
                continue
            f = f[: past.start()]
        # where the outage words are, a decision's words too ("Taïwan a interdit vendredi à ses services publics…")
        kind_pos = (
            [a for a, b in s.kind_at if b <= len(f)]
            + ([m.start() for m in ACCESS_DECISION.finditer(f)] if s.may(ACCESS_DECISION) else [])
            + ([m.start() for m in PUBLIC_BAN.finditer(f)] if s.may(PUBLIC_BAN) else [])
            if s.raw_kind
            else []
        )
        rec_pos = [m.start() for m in RECOVERY.finditer(f)] if s.may(RECOVERY) else []
        days = find_days(f, pub, anchor) if s.may(DAY_RX) else []
        dateline = DATELINE.match(full, s.start) if s.where != "title" else None
        anchor = next(
            (
                d.day
                for d in reversed(days)
                if d.night_to is None and any(c.isdigit() for c in f[d.start : d.end])
            ),
            anchor,
        )
        # the date of a dateline ("Pékin, 28 janvier 2025 (ATP) –") is the dispatch's, not the event's (f is
        # sentence-relative)
        in_dateline_at = [dateline is not None and d.end <= dateline.end() - s.start for d in days]
        # (a participle that opens the sentence, "Présenté mardi, le nouveau Bing ne s'ouvre qu'au compte-gouttes",
        # dates what the sentence reports: the waiting list opened with the launch)
        launched_at = [
            (m := LAUNCHED_ON.search(f, max(0, d.start - 70), d.start)) is not None
            and (bool(f[: m.start()].strip()) or not kind_pos)
            for d in days
        ]
        for k, d in enumerate(days):
            if k and COORDINATED.fullmatch(f, days[k - 1].end, d.start):
                continue  # "samedi et dimanche", "de lundi à mardi": the outage started on the first day
            near, dist = _near_outage(f, d.start, kind_pos, rec_pos)
            # ("l'incident survient pendant les 12 jours d'OpenAI : depuis le 5 décembre, l'entreprise présente…":
            # beside an outage's words, a day in another clause starts something else)
            apart = (
                IncidentKind.RESTRICTION not in s.kinds
                and bool(kind_pos)
                and all(_CLAUSE_SEP.search(f, min(p, d.start), max(p, d.start)) for p in kind_pos)
            )
            if apart and DAY_START_CUE.search(f, max(0, d.start - 30), d.start) is not None:
                near, dist = False, 10_000
            in_force = not apart and IN_FORCE_SINCE.search(f, max(0, d.start - 30), d.start) is not None
            # ("depuis mardi, ChatGPT sait générer des images": a capability since a day, no rule in force)
            if not near and in_force and s.raw_kind:
                near, dist = True, 5_000
            if (
                not near
                and decision
                and (
                    ANNOUNCE.search(f[max(0, d.start - 40) : d.end + 12])
                    # "Jeudi, Sam Altman, à la tête de l'entreprise, a reconnu…": the sentence's one day is its
                    # statement's
                    or (len(days) == 1 and s.may(ANNOUNCE) and ANNOUNCE.search(f))
                )
            ):
                # "l'annonce a été faite hier lors de la conférence": a decision's day, said without its words
                near, dist = True, 5_000
            if near:
                in_dateline = in_dateline_at[k]
                announce = bool(
                    ANNOUNCE.search(f[max(0, d.start - 30) : d.end + 12]) or ANNOUNCE_AFTER.match(f, d.end)
                )
                if announce and decision and len(days) - sum(in_dateline_at) - sum(launched_at) == 1:
                    announce = False  # a decision's day is its announcement's (a dateline's date aside)
                # "Après des ratés mardi, … a décroché ce mercredi": the opening clause's day is an earlier event
                # (not "Après les coupures de mercredi, ChatGPT fonctionne normalement": the clause is the report)
                earlier = (
                    (clause := EARLIER_CLAUSE.match(f)) is not None
                    and d.end <= clause.end()
                    and any(o.start >= clause.end() for o in days)
                    and (
                        not ANY_KIND.search(f, 0, clause.end())
                        or ANY_KIND.search(f, clause.end()) is not None
                    )
                )
                foreign = bool(FOREIGN.match(f, d.end) or CONVERTED.match(f, d.end)) or (
                    FOREIGN_BEFORE.search(f, max(0, d.start - 60), d.start) is not None
                )
                # ("le samedi 15 février 2025 au soir, heure de Séoul": a full date in another zone yields to a Paris
                # day the text gives, not to a vague one, "a précisé lundi" on a page dated from its own text)
                foreign_full = foreign and d.explicit and d.certain
                demoted = (
                    in_dateline
                    or announce
                    # "la panne ne s'est achevée que lundi matin": the end's day
                    or END_DAY_CUE.search(f, max(0, d.start - 40), d.start) is not None
                    # "Sora, que le grand public découvre depuis lundi, …": a relative clause describing a service
                    or (
                        _RELATIVE_OPEN.search(f, max(0, d.start - 60), d.start) is not None
                        and f.startswith(",", d.end)
                    )
                    or earlier
                    or launched_at[k]
                    # "en fin de journée", "dans la soirée": a part of a day the text names better elsewhere
                    or f.startswith(PART_OF_DAY, d.start)
                    or (foreign and not foreign_full)
                )
                # "le premier problème remonte au 5 août": a day named as the start comes first
                # a restriction starts the day it takes effect ("la coupure prend effet ce 9 juillet"), not on
                # the day it was announced
                started = (
                    in_force
                    or (
                        not apart
                        and (
                            (
                                DAY_START_CUE.search(f, max(0, d.start - 30), d.start) is not None
                                # ("le point de départ remonte au 29 mai": where the cause began, not the outage)
                                and _ORIGIN.search(f, max(0, d.start - 50), d.start) is None
                            )
                            or (
                                decision and TAKES_EFFECT.search(f, max(0, d.start - 30), d.start) is not None
                            )
                        )
                        and any(ch.isdigit() for ch in f[d.start : d.end])
                    )
                )
                # a full date beats a bare weekday when the reference moment is only inferred or approximate;
                # a day in a body sentence with outage words beats one in a body sentence without
                vague = not (sure_ref or d.certain)
                found.append(
                    (
                        demoted,
                        2 if vague and not started else int(foreign_full),
                        not started,
                        # (a headline's period, "La semaine IA du 13 au 17 novembre", is no outage's day)
                        dist == 10_000 and (s.where == "body" or RANGE_TITLE.search(f) is not None),
                        idx,
                        dist,
                        d.start,
                        d,
                        # a year-less "13 juillet" takes its year from the reference: as sure as it is
                        d.explicit and not in_dateline and (d.certain or sure_ref),
                    )
                )
        clocks = find_clocks(
            f, full[s.start : s.start + len(f)] if len(f) == s.end - s.start else None, local
        )
        for c in clocks:
            # "lundi vers 10 h 33": a day said right before a time is that time's day
            with_day = next((d for d in days if d.night_to is None and 0 <= c.start - d.end <= 12), None)
            if with_day is None:  # "à 15 h 16 ce mercredi 11 décembre": or right after
                with_day = next((d for d in days if d.night_to is None and 0 <= d.start - c.end <= 6), None)
            if with_day is not None:
                clock_days.append((c, with_day))
        for i, c in enumerate(clocks):
            if LINE_NOTE.fullmatch(f, 0, c.start) or (
                not f[: c.start].strip()
                and (
                    _STAMP_ONLY.fullmatch(f, c.end)
                    or (
                        _STAMP_DASH.match(f, c.end)
                        and not (i + 1 < len(clocks) and clocks[i + 1].start - c.end < 6)
                    )
                )
            ):
                # "Mise à jour 21 h 15 : …", a live blog's "15 h 35" line, or its "15h10 – AWS assure que…" entry
                # (not "19 h 34 – 20 h 52": a window): when the note was written
                continue
            if END_CLOCK.search(f, max(0, c.start - 45), c.start) and not end_said:
                end, end_said, end_note = c, True, False  # "les perturbations ont pris fin vers 20 h 52"
                continue
            if (
                END_CLOCK.search(f, max(0, c.start - 45), c.start)
                and end is not None
                and not end_note
                and c.zone == end.zone
                and (s.kinds.get(IncidentKind.OUTAGE) or s.kinds.get(IncidentKind.DEGRADATION))
                and 0 < (c.hour * 60 + c.minute) - (end.hour * 60 + end.minute) <= 360
            ):
                end = c  # "entre 19 h 23 et 20 h", then "…a continué d'afficher des erreurs jusqu'à 21 h 20"
                continue
            if NOTE_CLOCK.search(f, max(0, c.start - 40), c.start):
                # "[Mise à jour 12 h 40] … s'affichent de nouveau": the time of a note, at most the end of the outage
                if rec_pos and end is None:
                    end, end_note = c, True
                continue
            if AFTER_EVENT.search(f, max(0, c.start - 70), c.start):
                continue  # "quelques heures après la présentation diffusée à 19 h": another event's time
            written = WRITTEN.search(f, max(0, c.start - 100), c.start)
            if written is not None and not ANY_KIND.search(f, written.end(), c.start):
                continue  # "note écrite à chaud, ce midi", "un message publié… après minuit": when it was written
            if (
                start_clock is not None
                and clock_idx is not None
                and idx > clock_idx
                and c.zone == start_clock.zone
                and (
                    STATUS_OPEN.search(f, max(0, c.start - 60), c.start)
                    # "les premiers signalements sont arrivés vers 14 heures": before the first alert we read
                    or START_CUE.search(f, max(0, c.start - 70), c.start)
                )
                and 0 < (start_clock.hour * 60 + start_clock.minute) - (c.hour * 60 + c.minute) < 60
            ):
                start_clock, clock_idx = (
                    c,
                    idx,
                )  # the provider's incident opened before the first alert we read
                continue
            # (not a time a start verb introduces: "les premières erreurs sont apparues vers 08H47 GMT, …, qui a
            # indiqué…" is the outage's start, the statement comes after it)
            said = (
                None
                if decision or START_CUE.search(f, max(0, c.start - 40), c.start)
                else ANNOUNCE.search(f, c.end, c.end + 70)
            )
            if said is not None and not ANY_KIND.search(f, c.end, said.start()):
                # "À 22 h 49, heure de l'Est, l'entreprise a complété sa page d'état : les coupures…": the time of
                # a statement, not of the outage
                continue
            near, _ = _near_outage(f, c.start, kind_pos, rec_pos)
            # "l'incident a démarré à 10 h 51…, soit 19 h 51": a start verb before the time makes it the start
            start_cue = START_CUE.search(f, max(0, c.start - 70), c.start)
            near = near or (start_cue is not None and not RECOVERY.search(f, start_cue.end(), c.start))
            # "depuis 12 h 49", "à partir d'environ 11 h GMT" (the pattern looks ahead at the time: searched up to
            # its end, kept only when it ends where the time starts)
            since = SINCE_CLOCK.search(f, max(0, c.start - 24), c.end)
            near = near or (
                since is not None
                and since.end() == c.start
                and not RECOVERY.search(f, max(0, since.start() - 60), since.start())
            )
            first = near and start_clock is None
            if first or (
                near and clock_idx is not None and idx > clock_idx and _refines(start_clock, c, start_before)
            ):
                # the start, or a body time that makes a round one precise ("en panne depuis midi" in the title,
                # "depuis 12 h 49" in the body)
                start_clock, clock_idx = c, idx
                start_before = first and JUST_BEFORE.search(f, max(0, c.start - 24), c.start) is not None
                # "entre 0 h 16 et 4 h 38", "de 12 h 49 à 16 h 47", "de 9 h 47 à 10 h 12": a range gives the end too
                if not end_said and i + 1 < len(clocks) and RANGE.fullmatch(f, c.end, clocks[i + 1].start):
                    end, end_said, end_note = clocks[i + 1], True, False
            elif not near and end is None:
                end = c
    end_day = (
        next((d for c, d in clock_days if c is end), None)
        if end is not None and end_said and start_clock is not None
        else None
    )
    if end_day is not None and any(x[7] is end_day for x in found):
        # the day said with the end ("n'a déclaré l'incident clos qu'à 1 h 05 jeudi matin", after "dès 16 h 45") is
        # the end's: alone, it gives the start's day, the day before when the start's time comes later in a day
        found = [x for x in found if x[7] is not end_day]
        if not found and start_clock is not None and end is not None:
            later = (start_clock.hour, start_clock.minute) > (end.hour, end.minute)
            day, cue = end_day.day - timedelta(days=int(later)), "relative"
    if found:
        top = min(found, key=lambda x: x[:7])
        best, when_idx, full_date = top[7], top[4], top[8]
        day, night_to = best.day, best.night_to
        cue = "full" if full_date else "relative"
    if day is None and start_clock is not None and at(pub.date(), start_clock) > pub + timedelta(hours=1):
        # no day given and the clock time is still to come on the publication day: it was the day before
        day = pub.date() - timedelta(days=1)
    day = day or pub.date()
    # (the night's second day, unless the text says it began the evening before and gives no time after midnight)
    evening = found and min(found, key=lambda x: x[:7])[7].evening
    if night_to is not None and (
        (start_clock is None and not evening) or (start_clock and start_clock.hour < 12)
    ):
        day = night_to
    if start_clock is not None:
        # a time in another zone is on the day said with it ("dimanche 19 octobre à 23 h 49, heure du Pacifique" is
        # Monday 08:49 in Paris), which may not be the Paris day the other sentences give
        zone_day = (
            next((d.day for c, d in clock_days if c is start_clock), None) if start_clock.zone else None
        )
        start = at(zone_day if zone_day is not None and abs((zone_day - day).days) <= 1 else day, start_clock)
        if start > pub + timedelta(hours=1):
            start = None
        else:
            # a time given in another zone ("2 h, heure de Pékin") may fall on another day in Paris
            day = start.astimezone(PARIS).date()
    end_dt = None
    if end is not None:
        on = start.date() if start else night_to if night_to is not None and end.hour < 12 else day
        # "le retour à la normale… lundi vers 10 h 33": the day said with the time, if later
        said_on = next((d.day for c, d in clock_days if c is end), None)
        if said_on is not None and said_on > (start.date() if start else day) and (said_on - day).days <= 2:
            on = said_on
        end_dt = at(on, end)
        if start is not None and end_dt <= start:
            end_dt += timedelta(days=1)
        if end_dt > pub + timedelta(hours=1) and not end_note:
            end_dt = None
    source = when_idx if when_idx is not None else clock_idx
    return day, start, end_dt, cue, (sents[source] if source is not None else None)


# The patterns screened by their literal anchors (prefilter.py): one automaton pass per sentence tells which of them
# may match it; the others are not run there. Not the outage words themselves (ANY_KIND, KIND_RX): their anchors
# are in most sentences.
_SCREEN = Screen(
    [
        NEGATED,
        ROLLED_BACK,
        PLATFORM_EXIT,
        OUTAGE_NOUN,
        HOST_DOWN,
        BELIEF,
        LIFTED,
        IDIOM,
        NEWCOMER_OFFER,
        DENIED_OUTAGE,
        SIGNUP_STOP,
        ONLY_NOW,
        PARTIAL_FAIL,
        ACCESS_DECISION,
        ROLLOUT_PACE,
        CUTS_ACCESS,
        GEO_ACTION,
        PARTY_CUT,
        WITHHELD,
        COURT_BLOCK,
        RIVAL_IN_VIEW,
        FALLBACK,
        PARTY_DEPRIVED,
        STORE_REMOVAL,
        TARGETED,
        PARTIAL,
        NEG_OUTAGE,
        PLAN_SHELVED,
        FEATURE_CUT,
        TOPIC_REFUSAL,
        FEATURE_WITHDRAWN,
        FEATURE_GONE,
        PAST_CLAUSE,
        DELIBERATE,
        _INCIDENT,
        USER_SWITCH_OFF,
        STANDING,
        PUBLIC_BAN,
        # the sentence loop and the reports
        STAFF_BAN,
        REVERSAL,
        AI_FEATURE,
        PAST,
        RECOVERY,
        METAPHOR,
        MAKER_OF,
        COMMUNITY_OF,
        DISTINCT,
        EXCEPTED,
        COMPARED,
        OFFER_OF,
        OVERLOAD,
        UNRELATED,
        SAME_EVENT,
        # sentence checks of the reports, their services and their times
        ACCESS_FAIL,
        INTERMITTENT,
        ANAPHORA,
        BARE_API,
        CLOCK_WINDOW,
        END_AT,
        EXPLICIT_RESTRICTION,
        FUTURE,
        HALF_UP,
        MODEL_SCOPED,
        PLUPERFECT,
        QUALITY,
        RECENT,
        SCOPE,
        SINCE_CLOCK,
        START_CUE,
        SUBJECT,
        DAY_RX,
        QUOTA_FROM_TO,
        ASIDE_PARTY,
    ]
)


def _screened(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[re.Pattern[str]]:
    """The patterns that may match in `text`: one pass of the screen over it instead of each pattern's own scan
    (a long page without outage words costs one Aho-Corasick pass, not two full regex scans)."""
    on = _SCREEN.possible(text)
    return [rx for rx in patterns if _SCREEN.may(rx, on)]
