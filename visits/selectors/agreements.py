"""Agreements: the rows the filters narrow, the rows the list shows, and one agreement in full."""

from __future__ import annotations

from django.db.models import F, Max, Min, OuterRef, QuerySet, Subquery

from visits.models import Agreement

from .levels import levels_then_and_now
from .rows import evidence_prefetch, per_row


def _party(agg) -> Subquery:
    parties = Agreement.parties.through.objects.filter(agreement=OuterRef("pk"))
    return per_row(parties, group="agreement", value=agg("country_id"))


def agreement_base() -> QuerySet[Agreement]:
    """Agreements with only their pair, the first and last party (`pair_a` <= `pair_b`):
    what the filters narrow and the facets count."""
    return Agreement.objects.annotate(pair_a=_party(Min), pair_b=_party(Max))


def agreement_list() -> QuerySet[Agreement]:
    """Agreements with parties and agreed level; the pair is the first and last party."""
    return (
        agreement_base()
        .select_related("level", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related("parties")
        .annotate(**levels_then_and_now(a="pair_a", b="pair_b", day="date"))
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def agreement_detail(*, pk: int) -> Agreement:
    return agreement_list().prefetch_related(evidence_prefetch()).get(pk=pk)
