"""Meetings: the rows the filters narrow, the rows the list shows, and one meeting in full."""

from __future__ import annotations

from django.db.models import F, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, Least

from visits.models import Evidence, Meeting, Participation

from .levels import levels_then_and_now
from .rows import count_of, evidence_prefetch, participations_prefetch, per_row


def _participant_countries(agg) -> Subquery:
    present = Participation.objects.filter(meeting=OuterRef("pk"), leader__country__isnull=False)
    return per_row(present, group="meeting", value=agg("leader__country_id"))


def meeting_base() -> QuerySet[Meeting]:
    """Meetings with only their pair (`pair_a` <= `pair_b`): what the filters narrow and
    the facets count."""
    return Meeting.objects.annotate(
        # The visit's pair when there is one (a join, cheap); otherwise the
        # first and last of the participants' countries.
        pair_a=Coalesce(
            Least("visit__visitor_country_id", "visit__host_country_id"),
            _participant_countries(Min),
        ),
        pair_b=Coalesce(
            Greatest("visit__visitor_country_id", "visit__host_country_id"),
            _participant_countries(Max),
        ),
    )


def meeting_list() -> QuerySet[Meeting]:
    """Meetings with place, visit, participants, and the level of the pair then and now."""
    return (
        meeting_base()
        .select_related("country", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related(participations_prefetch())
        .annotate(
            **levels_then_and_now(a="pair_a", b="pair_b", day="date"),
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
