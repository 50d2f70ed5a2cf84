"""Meetings: the rows the filters narrow, the rows the list shows, and one meeting in full."""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet

from visits.models import Evidence, Meeting

from .levels import level_now
from .rows import count_of, evidence_prefetch, participations_prefetch


def meeting_base() -> QuerySet[Meeting]:
    """Meetings with nothing joined or annotated: what the filters narrow and the facets
    count. Their pair (`pair_a` <= `pair_b`: the visit's, else the participants' first
    and last country), year and level then are stored on each (migration 0019)."""
    return Meeting.objects.all()


def meeting_list() -> QuerySet[Meeting]:
    """Meetings with place, visit, participants, and the level of the pair now."""
    return (
        meeting_base()
        .select_related("country", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related(participations_prefetch())
        .annotate(
            level_now=level_now(a="pair_a", b="pair_b"),
            source_count=count_of(Evidence.objects.filter(meeting=OuterRef("pk")), "meeting"),
            curated_count=count_of(
                Evidence.objects.filter(meeting=OuterRef("pk"), article__kind="curated"),
                "meeting",
            ),
        )
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def meeting_detail(*, pk: int) -> Meeting:
    return meeting_list().prefetch_related(evidence_prefetch()).get(pk=pk)
