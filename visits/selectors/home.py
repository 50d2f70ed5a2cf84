"""The home page's figures: counts, the date range, the latest visits, visits by month."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Max, Min, OuterRef, QuerySet
from django.db.models.functions import TruncMonth

from visits.models import Agreement, Article, Leader, Meeting, Participation, Visit

from .visits import visit_list


def home_summary() -> dict:
    """Counts, the date range, and the latest visits."""
    span = Visit.objects.aggregate(first=Min("start"), last=Max("start"))
    return {
        "counts": {
            "visits": Visit.objects.count(),
            "meetings": Meeting.objects.count(),
            "agreements": Agreement.objects.count(),
            "articles": Article.objects.count(),
            "leaders": Leader.objects.filter(
                Exists(Visit.objects.filter(visitor_leader=OuterRef("pk")))
                | Exists(Participation.objects.filter(leader=OuterRef("pk")))
            ).count(),
        },
        "first": span["first"],
        "last": span["last"],
        "latest": list(visit_list()[:10]),
    }


def visits_by_month(*, queryset: QuerySet[Visit] | None = None) -> list[tuple[dt.date, int]]:
    """(first day of month, number of visits) for each month with a dated visit."""
    queryset = Visit.objects.all() if queryset is None else queryset
    rows = (
        queryset.filter(start__isnull=False)
        .order_by()
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [(r["month"], r["n"]) for r in rows]
