"""The other public lists (leaders, countries, articles) as plain rows, a chunk at a time.

Their selectors annotate the counts each row shows, so a row needs no query of
its own; the rows come from one server-side cursor (`records.chunked`).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from .records import CHUNK, chunked, file_name

LEADER_FIELDS = ["id", "name", "country", "aliases", "visits", "meetings"]
COUNTRY_FIELDS = ["code", "name_en", "name_vi", "visits_made", "visits_received"]
ARTICLE_FIELDS = [
    "id",
    "source",
    "title",
    "url",
    "language",
    "language_confidence",
    "published",
    "status",
    "visits",
    "meetings",
    "agreements",
]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _each(queryset: QuerySet, size: int) -> Iterator:
    for chunk in chunked(queryset.prefetch_related(None), size=size):
        yield from chunk


def leader_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Iterator[dict]:
    """Leaders of visits.selectors.leader_list() (annotated with visit and meeting counts)."""
    for x in _each(queryset, size):
        yield {
            "id": x.id,
            "name": x.name,
            "country": x.country_id,
            "aliases": list(x.aliases),
            "visits": getattr(x, "visit_count", None),
            "meetings": getattr(x, "meeting_count", None),
        }


def country_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Iterator[dict]:
    """Countries of visits.selectors.country_list() (annotated with visit counts)."""
    for c in _each(queryset, size):
        yield {
            "code": c.code,
            "name_en": c.name_en,
            "name_vi": c.name_vi or None,
            "visits_made": getattr(c, "made", None),
            "visits_received": getattr(c, "received", None),
        }


def article_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Iterator[dict]:
    """Articles of visits.selectors.article_list() (annotated with record counts)."""
    for a in _each(queryset, size):
        yield {
            "id": a.id,
            "source": file_name(kind=a.kind, source_name=a.source_name, path=a.path),
            "title": a.title or None,
            "url": a.url or None,
            "language": a.language or None,
            "language_confidence": a.language_confidence,
            "published": _iso(a.published),
            "status": a.status,
            "visits": getattr(a, "visit_count", None),
            "meetings": getattr(a, "meeting_count", None),
            "agreements": getattr(a, "agreement_count", None),
        }
