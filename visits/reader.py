"""The reader's language for country names on the pages: `?lang=`, else Accept-Language.

Country names come from the same CLDR data (Babel) extraction reads; English and
Vietnamese show the stored names, which editors may correct. Only the names change:
the pages themselves stay in English.
"""

from __future__ import annotations

from functools import cache

from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from visits.models import ArticleLanguage

READER_LANGUAGES: tuple[str, ...] = tuple(ArticleLanguage.values)
DEFAULT = "en"
# Each language's own name for itself, for the chooser.
AUTONYMS: dict[str, str] = {
    "en": "English",
    "vi": "Tiếng Việt",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "id": "Bahasa Indonesia",
    "de": "Deutsch",
}


def reader_language(request) -> str:
    """`?lang=fr` when it is one of ours (anything else is passed over), else the first
    of ours in Accept-Language, else English."""
    asked = request.GET.get("lang", "")
    if isinstance(asked, str) and asked.strip().lower() in READER_LANGUAGES:
        return asked.strip().lower()
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500]
    try:
        ranked = parse_accept_lang_header(header)
    except ValueError:
        ranked = ()
    for tag, _quality in ranked:
        code = tag.split("-")[0].lower()
        if code in READER_LANGUAGES:
            return code
    return DEFAULT


@cache
def _cldr(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).territories)


def country_display_name(country, language: str) -> str:
    """The country's name for a reader of `language`: the stored English or Vietnamese
    name, or CLDR's; the English name when CLDR has none."""
    if country is None:
        return ""
    if language == "vi" and country.name_vi:
        return country.name_vi
    if language in READER_LANGUAGES and language not in ("en", "vi"):
        name = _cldr(language).get(country.code)
        if name:
            return name
    return country.name_en


class ReaderLanguageMiddleware:
    """Puts `request.reader_language` for the templates; pages vary on Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.reader_language = reader_language(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Accept-Language",))
        return response
