"""Partnership levels: a pair's level on a day, as a subquery or an EXISTS over the periods."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Greatest, Least

from visits.models import Partnership, PartnershipLevel, PartnershipPeriod


def level_at(*, a, b, day) -> Subquery:
    """The level code of the pair (a, b) on `day`: the row with the latest `since` by then.

    `a`, `b` and `day` are expressions (usually OuterRef); the pair is ordered
    inside, as Partnership stores it with a < b.
    """
    rows = Partnership.objects.filter(
        country_a_id=Least(a, b), country_b_id=Greatest(a, b), since__lte=day
    ).order_by("-since", "-level__rank")
    return Subquery(rows.values("level_id")[:1])


def level_on(*, a, b, day, levels: list[str] | None = None, ordered: bool = False) -> Exists:
    """Whether the pair (a, b) was at one of `levels` (at any level if None) on `day`.

    The same answer as `level_at(...) in levels`, as an EXISTS over the
    partnership periods (since <= day < until): PostgreSQL turns it into a hash
    semi-join on the pair, one pass over the records instead of a lookup per row.
    `a`, `b` and `day` are expressions (OuterRef or values); `ordered` says a <= b
    already, so the pair is not put in order again.
    """
    if not ordered:
        a, b = Least(a, b), Greatest(a, b)
    periods = PartnershipPeriod.objects.filter(
        Q(until__isnull=True) | Q(until__gt=day), country_a_id=a, country_b_id=b, since__lte=day
    )
    if levels is not None:
        periods = periods.filter(level_id__in=levels)
    return Exists(periods)


def level_now(*, a: str, b: str) -> Subquery:
    """The `level_now` annotation of a record whose ordered pair is in the fields `a`
    and `b`: the pair's level today, for the rows shown. The level then is stored on
    the record (`level_then`, migration 0019)."""
    return level_at(a=OuterRef(a), b=OuterRef(b), day=dt.date.today())


def levels_by_code() -> dict[str, PartnershipLevel]:
    """Every level, keyed by code (one query; the vocabulary is small)."""
    return {level.code: level for level in PartnershipLevel.objects.all()}
