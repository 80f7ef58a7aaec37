"""AI services the gazetteer does not know, found by how the headline presents them.

Real coverage reports on services nobody listed: a regulator blocks "l'application Clothoff", Microsoft switches off
"Tay, son robot conversationnel". The headline (or the standfirst) introduces such a name with what it is — an
application, a chatbot, an assistant — and the article repeats it. Such a name becomes a product mention for this
article only, so that outage detection, dating and the summary can follow it like a known one; it is never stored
as an entity (nobody curated it), and an outage it suffered carries it as a service token ("~Clothoff", or
"~Tay|microsoft" when the headline or the opening gives its company) that incident titles and links read through
`parse_token`.

Written by hand: no library finds the unlisted AI products of a French article, and the rule is ours (a name
introduced by its kind in the headline, repeated in the article, in an article about AI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.entities import EntityDef, Mention

PREFIX = "~"

# What the headline calls the service, right before its name: "l'application Clothoff", "le chatbot Tay"
_KIND_AI = (
    r"chatbot|robot (?:conversationnel|bavard)|robot|assistant (?:conversationnel|virtuel|IA|d'IA)|"
    r"compagnon (?:virtuel|IA|d'IA)|générateur (?:d'images|de vidéos|d'IA)|modèle (?:d'IA|de langage)|"
    r"agent (?:IA|d'IA|conversationnel)|IA"
)
_KIND_ANY = (
    _KIND_AI + r"|application (?:d'IA|IA)|application|appli|outil (?:d'IA|IA)|outil|logiciel|programme"
)
# a name: one capitalised word, with inner dots, digits or capitals ("Character.AI", "Clothoff", "Tay")
_NAME = r"(?P<name>[A-ZÀ-ÖØ-Þ]\w*(?:\.\w+)?)"
_BEFORE = re.compile(
    r"\b(?:l'|le |la |du |de l'|au |à l')(?P<kind>" + _KIND_ANY + r")\s+" + _NAME + r"(?![\w'’.-]*[\w])",
)
# "Tay, son robot conversationnel", "Clothoff, une application d'IA"
# (not after a preposition of place: "installés en Italie, une application d'IA qui…" is about Clothoff)
_AFTER = re.compile(
    r"(?<!\ben )(?<!\bau )(?<!\baux )(?<!\bdans )(?<!\bvers )(?<!\bdepuis )(?<!\bpour )"
    + _NAME
    + r", (?P<owner>son|sa|leur|une|un|l')\s?(?:nouvel(?:le)? |propre |petit |petite )?(?P<kind>"
    + _KIND_ANY
    + r")\b"
)
# capitalised words that follow those kinds without being a service's name: platforms, stores, plans, places,
# and the big non-AI apps (a ban of "l'application TikTok" is not an AI service's restriction)
_NOT_NAMES = frozenset(
    """Android iOS iPhone iPad Mac MacOS Windows Linux Web Internet Store Play Premium Pro Plus Max Mini Free Business
    Enterprise Team Teams France Europe Twitter Facebook Instagram WhatsApp Messenger Telegram TikTok Snapchat
    YouTube Signal Threads Discord Slack Zoom Netflix Spotify Uber Bluesky Reddit LinkedIn Pinterest Twitch Waze
    Maps Chrome Firefox Safari Edge Office Outlook Gmail Word Excel Le La Les Un Une Des Ce Cette Il Elle On Nous
    Vous Ils Elles Son Sa Ses En Au Aux Du De Et Ou Mais Pour Par Sur Avec Dans Selon Après Avant IA AI X""".split()
)
_AI_DESCRIPTORS = re.compile(r"\b(?:" + _KIND_AI + r")\b")


@dataclass(frozen=True)
class Discovered:
    """A service the headline introduces: its name and the company the headline gives it (if any)."""

    name: str
    company: str | None


def token(d: Discovered) -> str:
    """How an outage names a discovered service among its services (see the module's doc)."""
    return f"{PREFIX}{d.name}" + (f"|{d.company}" if d.company else "")


def parse_token(service: str) -> tuple[str, str | None] | None:
    """(name, company slug or None) of a discovered service's token; None for a gazetteer slug."""
    if not service.startswith(PREFIX):
        return None
    name, _, company = service[len(PREFIX) :].partition("|")
    return name, company or None


def discover(
    full: str, head_len: int, title_len: int, mentions: list[Mention], ai_head: bool
) -> list[Mention]:
    """Mentions of the services the title or lead introduces by their kind and the gazetteer does not know.

    `full` is "title\\nlead\\ntext" (spaces and apostrophes normalised), `mentions` the gazetteer's in it, `ai_head`
    whether the title or lead speaks of AI (a plain "l'application X" needs it; "le chatbot X" is AI by itself).
    A name counts when the article names it at least twice, nowhere inside a known entity's name."""
    head = full[:head_len]
    taken = [(m.start, m.end) for m in mentions]
    title_companies = [m.entity for m in mentions if m.start < title_len and m.entity.kind == "company"]
    found: dict[str, Discovered] = {}
    for rx in (_BEFORE, _AFTER):
        for m in rx.finditer(head):
            name, kind = m.group("name"), m.group("kind")
            if name in _NOT_NAMES or name in found or len(name) < 3:
                continue
            if any(s < m.end("name") and m.start("name") < e for s, e in taken):
                continue  # a known entity's name ("l'assistant Copilot")
            if not (_AI_DESCRIPTORS.fullmatch(kind) or "IA" in kind or ai_head):
                continue
            owner = m.groupdict().get("owner")
            # "Microsoft met au repos Tay, son robot": the headline's one company owns it
            company = (
                title_companies[0].slug
                if owner in ("son", "sa", "leur") and len({e.slug for e in title_companies}) == 1
                else _maker(full, head_len, name, mentions)
            )
            found[name] = Discovered(name, company)
    out: list[Mention] = []
    for d in found.values():
        ent = EntityDef(token(d), d.name, "product", d.company)
        spans = [
            (m.start(), m.end())
            for m in re.finditer(r"(?<![\w.])" + re.escape(d.name) + r"(?![\w]|\.\w)", full)
            if not any(s < m.end() and m.start() < e for s, e in taken)
        ]
        if len(spans) >= 2:
            out.extend(Mention(ent, s, e, full[s:e]) for s, e in spans)
    return out


def _maker(full: str, head_len: int, name: str, mentions: list[Mention]) -> str | None:
    """The company that makes a discovered service, when the opening says so: the one company named before it in
    the sentences of the title, the lead and the first lines that name it ("Meta a suspendu la démonstration
    d'Orakel")."""
    makers: set[str] = set()
    end = min(len(full), head_len + 600)
    for m in re.finditer(r"[^.!?\n]*" + re.escape(name) + r"[^.!?\n]*", full[:end]):
        at = m.start() + m.group().index(name)
        makers |= {
            x.entity.slug for x in mentions if x.entity.kind == "company" and m.start() <= x.start < at
        }
    return makers.pop() if len(makers) == 1 else None
