"""Visits: the rows the filters narrow, the rows the list shows, and one visit in full."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, QuerySet

from visits.models import Agreement, Evidence, Leader, Meeting, Visit

from .levels import level_now
from .rows import count_of, evidence_prefetch, participations_prefetch


def visit_base() -> QuerySet[Visit]:
    """Visits with nothing joined or annotated: what the filters narrow and the facets count."""
    return Visit.objects.all()


def visit_list() -> QuerySet[Visit]:
    """Visits with both countries, the visitor and the pair's level now (the level
    then is stored on the visit)."""
    return (
        visit_base()
        .select_related("visitor_country", "host_country", "visitor_leader")
        .annotate(
            level_now=level_now(a="pair_a", b="pair_b"),
            source_count=count_of(Evidence.objects.filter(visit=OuterRef("pk")), "visit"),
            curated_count=count_of(
                Evidence.objects.filter(visit=OuterRef("pk"), article__kind="curated"), "visit"
            ),
        )
        .order_by(F("start").desc(nulls_last=True), "-id")
    )


def with_counterparts(queryset: QuerySet[Visit]) -> QuerySet[Visit]:
    """The visits with their meetings' participants, for `visit_counterparts`: two
    queries for a page of rows, whatever their number."""
    meetings = Prefetch(
        "meetings",
        queryset=Meeting.objects.prefetch_related(participations_prefetch()).order_by(
            F("date").asc(nulls_last=True), "id"
        ),
    )
    return queryset.prefetch_related(meetings)


def visit_counterparts(visit: Visit) -> list[Leader]:
    """Whom the visitor met: the other participants of the visit's meetings, in the
    order met, each once, leaving out the visitor and the visitor's own delegation.
    Reads what `with_counterparts` prefetched."""
    out: dict[int, Leader] = {}
    for meeting in visit.meetings.all():
        for participation in meeting.participation_set.all():
            leader = participation.leader
            if leader.pk == visit.visitor_leader_id or leader.pk in out:
                continue
            if visit.visitor_country_id and leader.country_id == visit.visitor_country_id:
                continue
            out[leader.pk] = leader
    return list(out.values())


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
