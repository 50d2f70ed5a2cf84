"""Agreements: the rows the filters narrow, the rows the list shows, and one agreement in full."""

from __future__ import annotations

from django.db.models import F, QuerySet

from visits.models import Agreement

from .levels import level_now
from .rows import evidence_prefetch


def agreement_base() -> QuerySet[Agreement]:
    """Agreements with nothing joined or annotated: what the filters narrow and the
    facets count. Their pair (the first and last party, `pair_a` <= `pair_b`), year and
    level then are stored on each (migration 0019)."""
    return Agreement.objects.all()


def agreement_list() -> QuerySet[Agreement]:
    """Agreements with parties and agreed level; the pair is the first and last party."""
    return (
        agreement_base()
        .select_related("level", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related("parties")
        .annotate(level_now=level_now(a="pair_a", b="pair_b"))
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def agreement_detail(*, pk: int) -> Agreement:
    return agreement_list().prefetch_related(evidence_prefetch()).get(pk=pk)
