"""Requests refused before they reach a view: what no page can answer but with a 500."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.http import HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import has_vary_header

MSG_NUL_PATH = "The address contains a NUL character (%00); no page has such an address."
MSG_NUL_PARAM = "The parameter '{name}' contains a NUL character (%00), which no value may hold."
MSG_TO_FIELD = (
    "The parameter '_to_field' must name a field the admin lets other forms refer to ({error})."
)
MSG_DATE_PART = "The parameter '{name}' must be a {part} number from {low} to {high}."

# Date lookups (the admin's date hierarchy and list filters: start__year=2024).
_DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def request_problem(*, path: str, params) -> str | None:
    """Why a request cannot be answered, in words naming the parameter; None when it can."""
    if "\x00" in path:
        return MSG_NUL_PATH
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return MSG_NUL_PARAM.format(name=name.replace("\x00", "\\0"))
        part = name.rsplit("__", 1)[-1] if "__" in name else None
        if part in _DATE_PARTS:
            low, high = _DATE_PARTS[part]
            for value in values:
                if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
                    return MSG_DATE_PART.format(name=name, part=part, low=low, high=high)
    return None


class MalformedRequestMiddleware:
    """Answers 400 to a NUL byte in the path or a parameter, and to an impossible date
    part, which PostgreSQL and the admin's date hierarchy would otherwise turn into 500s;
    and names `_to_field` when the admin refuses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(path=request.path, params=request.GET)
        if problem:
            return _bad_request(problem)
        return self.get_response(request)

    def process_exception(self, request, exception):
        # The admin refuses an unknown `_to_field` with a SuspiciousOperation, which
        # Django answers with a bare 400 page that does not say which parameter.
        if isinstance(exception, DisallowedModelAdminToField):
            return _bad_request(MSG_TO_FIELD.format(error=exception))
        return None


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses what anyone may read (the public pages, downloads, static files) and
    leaves uncompressed every response that may carry a secret: one that used the
    CSRF token (a form: the admin, the sign-in page) and any answer to a request with
    a session cookie (a signed-in editor).

    BREACH guesses a secret from the compressed length of pages that reflect what
    the attacker sent beside it. Django already masks the CSRF token anew on each
    page and pads compressed responses with random bytes; the public pages hold no
    secret at all, so they are compressed, and the rest is not, to be sure.
    """

    def process_response(self, request, response):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        # A page that used the CSRF token sets its cookie, and one drawn for the
        # reader's cookies says so in Vary: neither is the same for everyone.
        if settings.CSRF_COOKIE_NAME in response.cookies or has_vary_header(response, "Cookie"):
            return response
        return super().process_response(request, response)
