"""Per-row subqueries and prefetches that several list selectors share."""

from __future__ import annotations

from django.db.models import Count, Field, IntegerField, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from visits.models import Evidence, Participation


def per_row(
    queryset: QuerySet, *, group: str, value, output_field: Field | None = None
) -> Subquery:
    """`value`, an aggregate over `queryset` (filtered on OuterRef) grouped by `group`:
    one value per outer row, as a correlated subquery that never multiplies rows."""
    rows = queryset.order_by().values(group).annotate(c=value).values("c")[:1]
    return Subquery(rows, output_field=output_field)


def count_of(queryset: QuerySet, group: str, counted=None) -> Coalesce:
    """A correlated COUNT(*) (or `counted`) as a subquery, 0 when there is no row."""
    counted = Count("*") if counted is None else counted
    return Coalesce(
        per_row(queryset, group=group, value=counted, output_field=IntegerField()), Value(0)
    )


def evidence_prefetch(name: str = "evidence") -> Prefetch:
    return Prefetch(
        name,
        queryset=Evidence.objects.select_related("article").order_by("article_id", "start", "id"),
    )


def participations_prefetch() -> Prefetch:
    """A meeting's participants, with each leader and country, in the order recorded."""
    return Prefetch(
        "participation_set",
        queryset=Participation.objects.select_related("leader", "leader__country").order_by("id"),
    )
