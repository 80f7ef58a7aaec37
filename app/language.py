"""Which language an article is written in, from its text (py3langid).

A page's declared language (`<html lang>`, og:locale) is a template setting that French sites often leave at
"en-US"; the article text is what counts. py3langid (the maintained fork of langid.py, the classifier trafilatura
itself uses for its language filter) ships its model in the package: nothing is downloaded. Its model takes
about 2 s and 80 MB to load, so it is loaded once, in the process that stores pages, on first use (not in every
extraction worker, whose memory the pool watches).
"""

from __future__ import annotations

import threading
from typing import Any

SAMPLE_CHARS = (
    3000  # title and first paragraphs: more adds time (about 1 ms per 3,000 characters), not accuracy
)
_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        return _identifier


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ('fr', 'en'…), None for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    lang, _score = _model().classify(sample)
    return str(lang)
