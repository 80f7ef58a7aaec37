"""Is AI the subject of the article, or only mentioned in passing?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.analysis.dates import fold

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document

# Folded, word-bounded AI vocabulary.
_AI_TERMS = re.compile(
    r"\b(intelligence artificielle|ia generative|ia|i\.a\.|chatbot|chatbots|agent conversationnel|"
    r"assistant conversationnel|modeles? de langage|llm|llms|grand modele|reseaux? de neurones|"
    r"apprentissage automatique|machine learning|deep learning|genai|ia agentique|agents? ia|"
    r"modele d'ia|modeles d'ia|generateur d'images|generation d'images|generation de videos?|"
    r"openai|anthropic|deepmind|mistral ai)\b"
)


def ai_term_count(text: str) -> int:
    """How many AI terms a text holds."""
    return len(_AI_TERMS.findall(fold(text)))


def is_ai_news(doc: Document, mentions: list[Mention]) -> bool:
    """AI news when the title or lead is about AI and the body keeps talking about it."""
    head = f"{doc.title}\n{doc.lead or ''}"
    head_len = len(head) + 1
    head_entities = sum(1 for m in mentions if m.start < head_len)
    body_entities = len(mentions) - head_entities
    head_terms = ai_term_count(head)
    body_terms = ai_term_count(doc.text)
    words = max(1, len(doc.text.split()))
    density = (body_terms + body_entities) / words * 100  # AI signals per 100 words
    if head_entities + head_terms > 0:
        return body_terms + body_entities >= 2
    return density >= 1.2 and body_terms + body_entities >= 5
