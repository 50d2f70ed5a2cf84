"""The other public lists (leaders, countries, articles) as plain rows, a chunk at a time.

Their selectors annotate the counts each row shows, so a row needs no query of
its own; the rows come as tuples from one server-side cursor (`base.tuples`).
"""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Value

from .base import CHUNK, Rows, file_name, made, tuples

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


def _values(queryset: QuerySet, *names: str, counts: tuple[str, ...]):
    """`queryset` as a values_list of `names` then `counts`; a count the selector did
    not annotate is None."""
    queryset = queryset.prefetch_related(None)
    missing = [n for n in counts if n not in queryset.query.annotations]
    if missing:
        none = Value(None, output_field=IntegerField())
        queryset = queryset.annotate(**{f"export_{n}": none for n in missing})
    return queryset.values_list(*names, *(f"export_{n}" if n in missing else n for n in counts))


def leader_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Rows:
    """Leaders of visits.selectors.leader_list() (annotated with visit and meeting counts)."""
    values = _values(
        queryset, "id", "name", "country_id", "aliases", counts=("visit_count", "meeting_count")
    )

    def leader(r: tuple) -> tuple:
        return (r[0], r[1], r[2], list(r[3]), r[4], r[5])

    return Rows(LEADER_FIELDS, made(tuples(values, size=size), leader), ["aliases"])


def country_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Rows:
    """Countries of visits.selectors.country_list() (annotated with visit counts)."""
    values = _values(queryset, "code", "name_en", "name_vi", counts=("made", "received"))
    return Rows(COUNTRY_FIELDS, made(tuples(values, size=size), _country), [])


def _country(r: tuple) -> tuple:
    return (r[0], r[1], r[2] or None, r[3], r[4])


def article_rows(queryset: QuerySet, *, size: int = CHUNK, **_) -> Rows:
    """Articles of visits.selectors.article_list() (annotated with record counts)."""
    values = _values(
        queryset,
        "id",
        "kind",
        "source_name",
        "path",
        "title",
        "url",
        "language",
        "language_confidence",
        "published",
        "status",
        counts=("visit_count", "meeting_count", "agreement_count"),
    )
    return Rows(ARTICLE_FIELDS, made(tuples(values, size=size), _article), [])


def _article(r: tuple) -> tuple:
    pk, kind, source_name, path, title, url, language, confidence, published = r[:9]
    return (
        pk,
        file_name(kind=kind, source_name=source_name, path=path),
        title or None,
        url or None,
        language or None,
        confidence,
        published.isoformat() if published else None,
        *r[9:],
    )
