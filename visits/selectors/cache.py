"""Django's cache as the page and facet caches use it: a failing cache is a miss, never an error.

The cache is local memory by default and Redis when DJANGO_CACHE_URL names one
(several web machines then share it). Every key carries the data version, so
nothing is ever deleted: a commit moves readers to new keys and the old entries
expire (PAGE_CACHE_SECONDS) or are culled.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def cache_get(key: str):
    """The value stored under `key`, or None when absent or the cache cannot answer."""
    try:
        return cache.get(key)
    except Exception as error:  # noqa: BLE001  (Redis down: render the page instead)
        log.warning("cache unavailable, reading %s from the database: %s", key, error)
        return None


def cache_set(key: str, value) -> bool:
    """Store `value` under `key` for PAGE_CACHE_SECONDS; False when the cache refused it."""
    try:
        cache.set(key, value, getattr(settings, "PAGE_CACHE_SECONDS", 600))
    except Exception as error:  # noqa: BLE001
        log.warning("cache unavailable, %s not stored: %s", key, error)
        return False
    return True
