"""The languages we read, and telling which one an article is written in (py3langid).

py3langid ships its model in the wheel (nothing is downloaded) and is restricted here
to our languages, so it always answers one of them; bench/language_detection.py
compares it with other detectors on our own texts. The model is loaded on the first
call, never at import time.
"""

from __future__ import annotations

import threading

# The languages read, in the order the README lists them: ISO 639-1 codes.
LANGUAGES: tuple[str, ...] = ("en", "vi", "fr", "es", "pt", "id", "de")
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "vi": "Vietnamese",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "id": "Indonesian",
    "de": "German",
}
# The detector reads this much of an article: the headline and first paragraphs tell.
_SAMPLE_CHARS = 4000

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(list(LANGUAGES))
                _identifier = ident
    return _identifier


def detect_language(text: str) -> tuple[str, float]:
    """The language among LANGUAGES and the detector's probability for it (0 to 1).

    >>> detect_language("Thu tuong hoi dam voi Tong thong cua hai nuoc")[0]
    'vi'
    >>> detect_language("Le président a reçu l'ambassadeur d'Allemagne.")[0]
    'fr'
    """
    sample = (text or "")[:_SAMPLE_CHARS].strip()
    if not sample:
        return "en", 0.0
    code, probability = _get_identifier().classify(sample)
    return str(code), round(float(probability), 3)
