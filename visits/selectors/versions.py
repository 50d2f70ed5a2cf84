"""The data version caches key on, read once per request and shared with what it renders."""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.db import connection

from visits.models import DataVersion

# The version a request read first (visits.pagecache sets it): the facets of that
# request key on the same number the page does, without a second query.
_request_version: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "data_version", default=None
)


def data_version_read() -> int:
    """The number of the data version now (one query; 0 before any is stored)."""
    table = DataVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def data_version() -> int:
    """The version the current request read, else the version now."""
    number = _request_version.get()
    return data_version_read() if number is None else number


def data_version_pin(number: int | None) -> contextvars.Token:
    """Make `number` the current request's version until `data_version_unpin`."""
    return _request_version.set(number)


def data_version_unpin(token: contextvars.Token) -> None:
    _request_version.reset(token)


def data_caching() -> bool:
    """Whether whole pages are cached per data version (PAGE_CACHE)."""
    return bool(getattr(settings, "PAGE_CACHE", False))


def facet_caching() -> bool:
    """Whether facet counts are cached per data version (FACET_CACHE, else PAGE_CACHE)."""
    return bool(getattr(settings, "FACET_CACHE", data_caching()))
