"""Whole-page caching of the public pages for anonymous readers, per data version.

A GET without a session is answered from Django's cache when the same address
was rendered, for a reader of the same language, at the same data version
(`visits.models.DataVersion`, changed by every commit that writes the app's
tables). So a cached page is never older than the data: the version is read
before anything else, and a page is stored under the version read before it
was rendered. Editors (a session cookie) and the admin always get fresh pages.

Only complete 200 answers in HTML or CSS are kept: no downloads, no streamed or
large bodies, nothing that sets a cookie or says it is private.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from visits import selectors

MAX_BYTES = 2_000_000
CACHED_TYPES = ("text/html", "text/css")
HEADER = "X-Page-Cache"  # hit or miss, for benches and readers who wonder


def page_cacheable_request(request) -> bool:
    """An anonymous GET of a public page (not the admin, not a static file)."""
    if request.method != "GET" or not selectors.data_caching():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    return not (path.startswith("/admin") or path.startswith("/" + settings.STATIC_URL.strip("/")))


def page_cacheable_response(response) -> bool:
    """A complete, public 200 page small enough to keep."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    if not response.get("Content-Type", "").startswith(CACHED_TYPES):
        return False
    return len(response.content) <= MAX_BYTES


def page_key(request, version: int) -> str:
    """The page's key: the data version, the reader's language and the full address."""
    language = getattr(request, "reader_language", "")
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{language}:{address}"


def page_from_cache(key: str):
    """The response stored under `key`, rebuilt, or None."""
    from django.http import HttpResponse

    stored = selectors.cache_get(key)
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


def page_to_cache(key: str, response) -> None:
    headers = [(k, v) for k, v in response.items() if k != HEADER]
    selectors.cache_set(key, (response.status_code, headers, response.content))


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache, per data version.

    Placed after ReaderLanguageMiddleware (it keys on `request.reader_language`),
    so the outer middleware (security, CSP, Vary) still run on every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cacheable_request(request):
            return self.get_response(request)
        version = selectors.data_version_read()
        key = page_key(request, version)
        cached = page_from_cache(key)
        if cached is not None:
            return cached
        token = selectors.data_version_pin(version)
        try:
            response = self.get_response(request)
        finally:
            selectors.data_version_unpin(token)
        if page_cacheable_response(response):
            page_to_cache(key, response)
            response[HEADER] = "miss"
        return response
