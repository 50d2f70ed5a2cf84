"""Links to the outside world: only http and https addresses ever become an href."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def web_url(value: str | None) -> str:
    """`value` when it is an http(s) address with a host and no control characters, else "".

    >>> web_url("https://example.org/a")
    'https://example.org/a'
    >>> web_url("javascript:alert(1)")
    ''
    """
    if not value or any(ord(c) < 32 or c == "\x7f" for c in value):
        return ""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return ""
    return value.strip()
