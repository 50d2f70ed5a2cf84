"""Visits: the rows the filters narrow, the rows the list shows, and one visit in full."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, QuerySet

from visits.models import Agreement, Evidence, Meeting, Visit

from .levels import levels_then_and_now
from .rows import count_of, evidence_prefetch, participations_prefetch


def visit_base() -> QuerySet[Visit]:
    """Visits with nothing joined or annotated: what the filters narrow and the facets count."""
    return Visit.objects.all()


def visit_list() -> QuerySet[Visit]:
    """Visits with both countries, the visitor and the pair's levels then and now."""
    return (
        visit_base()
        .select_related("visitor_country", "host_country", "visitor_leader")
        .annotate(
            **levels_then_and_now(a="visitor_country_id", b="host_country_id", day="start"),
            source_count=count_of(Evidence.objects.filter(visit=OuterRef("pk")), "visit"),
            curated_count=count_of(
                Evidence.objects.filter(visit=OuterRef("pk"), article__kind="curated"), "visit"
            ),
        )
        .order_by(F("start").desc(nulls_last=True), "-id")
    )


def visit_detail(*, pk: int) -> Visit:
    meetings = Prefetch(
        "meetings",
        queryset=Meeting.objects.select_related("country")
        .prefetch_related(participations_prefetch())
        .order_by(F("date").asc(nulls_last=True), "id"),
    )
    agreements = Prefetch(
        "agreements",
        queryset=Agreement.objects.select_related("level")
        .prefetch_related("parties")
        .order_by(F("date").asc(nulls_last=True), "id"),
    )
    return (
        visit_list()
        .prefetch_related(meetings, agreements, evidence_prefetch())
        .select_related("visitor_leader__country")
        .get(pk=pk)
    )


def visit_disagreements() -> QuerySet[Visit]:
    """Visits whose curated row and news reports disagree (on days or kind)."""
    return (
        Visit.objects.exclude(disagreement={})
        .select_related("visitor_country", "host_country", "visitor_leader")
        .order_by(F("start").desc(nulls_last=True), "-id")
    )
