"""Is AI the subject of the article, or only mentioned in passing?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.analysis.rxfactor import factored
from app.textfold import fold

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document

# Folded, word-bounded AI vocabulary. A lone "IA" counts: in a title or lead it is the subject.
_AI_TERMS = re.compile(
    r"\b(intelligence artificielle|ia generative|ia|i\.a\.|chatbots?|agents? conversationnels?|"
    r"assistants? (?:conversationnels?|ia|d'ia|vocal|vocaux|de code)|"
    # an assistant named by its maker: "l'assistant de Microsoft lâche les bureaux"
    r"assistants? (?:de |d')(?:microsoft|google|apple|amazon|meta|openai|anthropic|mistral ai|mistral|xai)|modeles? (?:de dialogue|conversationnels?|"
    r"de langage|de langue|d'ia|ouverts?|"
    r"de fondation|d'intelligence artificielle|multimodal|multimodaux|de raisonnement|generatifs?)|llms?|"
    r"grands? modeles?|reseaux? (?:de neurones|neuronaux)|apprentissage (?:automatique|profond)|machine learning|"
    r"deep learning|genai|ia agentique|agents? (?:ia|d'ia|autonomes?)|generateurs? d'images|"
    # coding agents: "l'agent de programmation de Replit", "une journée avec un agent de code", "vibe coding"
    r"(?:agents?|assistants?) (?:de programmation|de codage|de code|de developpement)|vibe[- ]coding|"
    # companions and characters run by AI: "avatars conversationnels", "personnages IA", "compagnons virtuels"
    r"avatars? conversationnels?|personnages? (?:ia|d'ia|conversationnels?)|compagnons? (?:virtuels?|ia|d'ia)|"
    r"robots? conversationnels?|programmes? conversationnels?|"
    r"generation (?:d'images|de videos?|de texte|de code)|systemes? de dialogue|"
    # the chips AI runs on: "puces pour l'intelligence artificielle", "accélérateurs d'IA"
    r"(?:puces?|processeurs?|accelerateurs?) (?:d'ia|ia|pour l'ia|pour l'intelligence artificielle|dediee?s? a l'ia)|"
    # AI features named by what they do: "la traduction en direct des AirPods", "la synthèse vocale"
    r"traductions? (?:en direct|en temps reel|instantanees?|simultanees?|automatiques?)|synthese vocale|"
    r"voix (?:de synthese|synthetiques?|clonees?)|clonage (?:de (?:la )?voix|vocal)|reconnaissance (?:faciale|vocale)|"
    r"donnees d'entrainement|entrainer des modeles|"
    r"entrainement (?:des|de) modeles?|inference|prompts?|requetes? (?:a|aux) (?:l'ia|chatbots?)|"
    # English terms the French press uses as they are, and the vocabulary of AI regulation
    r"ai act|ia act|reglement (?:europeen )?sur l'ia|general[- ]purpose ai|gpai|(?:ia|modeles?(?: d'ia)?) a usage "
    r"general|generative ai|artificial intelligence|large language models?|chat ?bots?|agentic(?: ai)?|"
    r"ia generatives?|ias generatives|deepfakes?|hypertrucages?|fine-tuning|text-to-(?:image|video|speech)|"
    # the retrieval side: "un modèle de plongements", "embeddings", "bases vectorielles", "RAG"
    r"embeddings?|plongements? (?:vectoriels?|semantiques?)|modeles? (?:de|d') ?(?:plongements?|embeddings?)|"
    r"bases? (?:de donnees )?vectorielles?|generation augmentee(?: par (?:la )?recherche)?|"
    # the error vocabulary of AI providers' APIs, as a client's log or blog note quotes it: a note about
    # "overloaded_error" or "erreurs 529" is about an AI service even when it names it only once
    r"overloaded_error|rate_limit_error|insufficient_quota|context_length_exceeded|model_not_found|"
    r"unsupported_country_region_territory|(?:erreurs?|code|statut|http) 529|tokens? (?:par|per) minute)\b"
)

_AI_TERMS = factored(_AI_TERMS)  # same matches, grouped by first letter for speed
AI_TERMS = _AI_TERMS  # (the discovery of unlisted services reads it too)


def _ai_mentions(mentions: list[Mention]) -> list[Mention]:
    """Mentions that are AI signals: products and AI-native companies (not Google or Amazon alone)."""
    return [m for m in mentions if m.entity.kind == "product" or m.entity.ai_native]


STANDFIRST_WORDS = 40  # a first paragraph this short, on a page without a lead, is its standfirst


def _standfirst(doc: Document, text: str) -> int:
    """Length of the text's first paragraph when it stands for a missing lead (a blog's "J'ai coupé GitHub Copilot
    pendant une semaine. Récit d'un sevrage." under its title), else 0."""
    if doc.lead:
        return 0
    # (past a rubric or kicker line, "Streaming", and the headline printed again atop the body)
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:end].strip() if end > 0 else ""
        if end > 0 and (len(line.split()) <= 3 or line == doc.title.strip()):
            start = end + 1
            continue
        break
    if end <= 0 or len(text[start:end].split()) > STANDFIRST_WORDS:
        return 0
    return end + 1


def relevance_score(
    doc: Document, text: str, mentions: list[Mention], folded: str | None = None, standfirst: int = 0
) -> tuple[int, int, float]:
    """(AI signals in title and lead, AI signals in the body, body signals per 100 words).

    `folded` is the folded "title\nlead\ntext" when the caller has it. `standfirst`: the length of the text's
    first paragraph to read as the lead (a page without one, see _standfirst).
    """
    head = f"{doc.title}\n{doc.lead or ''}"
    if folded is None or len(folded) != len(head) + 1 + len(text):
        folded = fold(f"{head}\n{text}")
    head_len = len(head) + 1 + standfirst
    ai = _ai_mentions(mentions)
    head_entities = sum(1 for m in ai if m.start < head_len)
    body_entities = len(ai) - head_entities
    head_signals = head_entities + len(_AI_TERMS.findall(folded, 0, head_len))
    body_signals = body_entities + len(_AI_TERMS.findall(folded, head_len))
    words = max(1, len(text.split()))
    return head_signals, body_signals, body_signals / words * 100


def is_ai_news(doc: Document, text: str, mentions: list[Mention], folded: str | None = None) -> bool:
    """AI news when the title or lead is about AI and the body keeps at it, or the body is dense in AI."""
    head, body, density = relevance_score(doc, text, mentions, folded)
    head_len = len(doc.title) + len(doc.lead or "") + 2
    if head == 0 and (standfirst := _standfirst(doc, text)):
        # nothing of AI in the title and no lead: a blog's standfirst says what the post is about
        head, body, density = relevance_score(doc, text, mentions, folded, standfirst)
        head_len += standfirst
    # an AI service or lab named in the title or lead is a strong sign; a lone "IA" there needs more support
    head_entity = any(
        m.entity.kind == "product" or m.entity.ai_native for m in mentions if m.start < head_len
    )
    if head > 0:
        # a short piece (a brief, a short feature) says things once: one AI signal in its body is support enough
        short = len(text.split()) < 150
        return body >= (1 if head >= 2 or head_entity or short else 2)
    return density >= 1.5 and body >= 4
