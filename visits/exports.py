"""Records as plain rows in the export format of ../shared/eval/README.md.

Used by `manage.py export` and by the `format=csv|json` downloads of the list
pages, so that both give the same fields. Each function takes a queryset (any
filtering already applied) and runs a fixed number of queries.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import PurePath

from django.db.models import Prefetch, QuerySet

from visits.models import Agreement, Article, Meeting, Participation, SourceKind, Visit

VISIT_FIELDS = [
    "id",
    "visitor_country",
    "host_country",
    "visitor_leader",
    "kind",
    "start",
    "end",
    "start_precision",
    "end_precision",
    "year_settled",
    "cities",
    "confidence",
    "reviewed",
    "sources",
]
MEETING_FIELDS = [
    "id",
    "visit",
    "date",
    "date_precision",
    "kind",
    "participants",
    "country",
    "city",
    "venue",
    "confidence",
    "reviewed",
    "sources",
]
AGREEMENT_FIELDS = [
    "id",
    "visit",
    "kind",
    "parties",
    "level",
    "date",
    "date_precision",
    "title",
    "document_count",
    "confidence",
    "reviewed",
    "sources",
]

_sources = Prefetch(
    "sources", queryset=Article.objects.only("id", "source_name", "path", "kind").distinct()
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _day(value, precision: str, year_settled: bool) -> str | None:
    """YYYY-MM-DD only for a known day of a known year: never a made-up day or year."""
    if value is None or precision != "day" or not year_settled:
        return None
    return value.isoformat()


def _file_name(article: Article) -> str:
    """The plain name of the file an article came from (its identity may be a URL); a
    curated row by its identity, `state-department/visits#2991`."""
    if article.kind == SourceKind.CURATED:
        return article.source_name
    return PurePath(article.path or article.source_name.split("#")[0]).name


def _names(articles: Iterable[Article]) -> list[str]:
    return sorted({_file_name(a) for a in articles})


def visit_rows(queryset: QuerySet[Visit]) -> list[dict]:
    rows = []
    for v in queryset.select_related("visitor_leader").prefetch_related(_sources):
        rows.append(
            {
                "id": v.id,
                "visitor_country": v.visitor_country_id,
                "host_country": v.host_country_id,
                "visitor_leader": v.visitor_leader.name if v.visitor_leader else None,
                "kind": v.kind,
                "start": _day(v.start, v.start_precision, v.year_settled),
                "end": _day(v.end, v.end_precision, v.year_settled),
                "start_precision": v.start_precision,
                "end_precision": v.end_precision,
                "year_settled": v.year_settled,
                "cities": list(v.cities),
                "confidence": round(v.confidence, 3),
                "reviewed": v.reviewed,
                "sources": _names(v.sources.all()),
            }
        )
    return rows


def meeting_rows(queryset: QuerySet[Meeting]) -> list[dict]:
    participations = Prefetch(
        "participation_set",
        queryset=Participation.objects.select_related("leader").order_by("id"),
    )
    rows = []
    for m in queryset.prefetch_related(participations, _sources):
        rows.append(
            {
                "id": m.id,
                "visit": m.visit_id,
                "date": _day(m.date, m.date_precision, m.year_settled),
                "date_precision": m.date_precision,
                "kind": m.kind,
                "participants": [p.leader.name for p in m.participation_set.all()],
                "country": m.country_id,
                "city": m.city or None,
                "venue": m.venue or None,
                "confidence": round(m.confidence, 3),
                "reviewed": m.reviewed,
                "sources": _names(m.sources.all()),
            }
        )
    return rows


def agreement_rows(queryset: QuerySet[Agreement]) -> list[dict]:
    rows = []
    for a in queryset.prefetch_related("parties", _sources):
        rows.append(
            {
                "id": a.id,
                "visit": a.visit_id,
                "kind": a.kind,
                "parties": sorted(c.code for c in a.parties.all()),
                "level": a.level_id,
                "date": _day(a.date, a.date_precision, a.year_settled),
                "date_precision": a.date_precision,
                "title": a.title or None,
                "document_count": a.document_count,
                "confidence": round(a.confidence, 3),
                "reviewed": a.reviewed,
                "sources": _names(a.sources.all()),
            }
        )
    return rows


def rows_to_csv(rows: list[dict], fields: list[str]) -> str:
    """CSV text; list values are joined with '; '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        )
    return out.getvalue()


def export_all() -> dict[str, list[dict]]:
    """Every record, in the scorer's format."""
    return {
        "visits": visit_rows(Visit.objects.order_by("id")),
        "meetings": meeting_rows(Meeting.objects.order_by("id")),
        "agreements": agreement_rows(Agreement.objects.order_by("id")),
    }


# --- The other public lists (leaders, countries, articles) --------------------------------

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


def leader_rows(queryset) -> list[dict]:
    """Leaders of visits.selectors.leader_list() (annotated with visit and meeting counts)."""
    return [
        {
            "id": x.id,
            "name": x.name,
            "country": x.country_id,
            "aliases": list(x.aliases),
            "visits": getattr(x, "visit_count", None),
            "meetings": getattr(x, "meeting_count", None),
        }
        for x in queryset
    ]


def country_rows(queryset) -> list[dict]:
    """Countries of visits.selectors.country_list() (annotated with visit counts)."""
    return [
        {
            "code": c.code,
            "name_en": c.name_en,
            "name_vi": c.name_vi or None,
            "visits_made": getattr(c, "made", None),
            "visits_received": getattr(c, "received", None),
        }
        for c in queryset
    ]


def article_rows(queryset) -> list[dict]:
    """Articles of visits.selectors.article_list() (annotated with record counts)."""
    return [
        {
            "id": a.id,
            "source": _file_name(a),
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
        for a in queryset
    ]
