"""Facet counts: every facet of a filtered list and its length, in one GROUPING SETS query,
cached per data version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest, Least

from visits.models import PartnershipPeriod

from .cache import cache_get, cache_set
from .versions import data_version, facet_caching


@dataclass(frozen=True)
class LevelColumn:
    """How to find a record's pair and day, to count records by the pair's level then."""

    a: str
    b: str
    day: str
    ordered: bool = False  # a <= b already


def facet_counts(
    *, queryset: QuerySet, columns: dict[str, Any], level: tuple[str, LevelColumn] | None = None
) -> tuple[dict[str, list[tuple[Any, int]]], int]:
    """For each named column, [(value, number of records of `queryset`)], most first,
    NULLs left out; and the number of records.

    One query for every column and the total: the records are read once and
    grouped by GROUPING SETS. `columns` maps a name to a field name or an expression.
    `level` = (name, LevelColumn) adds the pair's partnership level on the
    record's day, by a join on the partnership periods (a record falls in at
    most one period of its pair) rather than a `level_at` subquery per record.
    """
    names = list(columns)
    selected = {
        f"facet_{i}": F(expr) if isinstance(expr, str) else expr
        for i, expr in enumerate(columns.values())
    }
    if level:
        how = level[1]
        a, b = F(how.a), F(how.b)
        if not how.ordered:
            a, b = Least(a, b), Greatest(a, b)
        selected.update(facet_pair_a=a, facet_pair_b=b, facet_day=F(how.day))
    records = queryset.prefetch_related(None).order_by().annotate(**selected).values_list(*selected)
    out: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    if level:
        out[level[0]] = []
    try:
        sql, params = records.query.sql_with_params()
    except EmptyResultSet:
        return out, 0
    cols = [f"c{i}" for i in range(len(names))]
    keys = [f"r.{c}" for c in cols]
    join = ""
    if level:
        cols += ["pair_a", "pair_b", "day"]
        keys.append("p.level_id")
        join = (
            f" LEFT JOIN {PartnershipPeriod._meta.db_table} AS p"
            " ON p.country_a_id = r.pair_a AND p.country_b_id = r.pair_b"
            " AND p.since <= r.day AND (p.until IS NULL OR r.day < p.until)"
        )
    grouping_sets = "".join(f"({k}), " for k in keys) + "()"  # () is the total
    if not cols:
        cols, keys = ["c"], []
    rows = _grouped_rows(
        f"SELECT {''.join(f'GROUPING({k}), {k}, ' for k in keys)}COUNT(*)"
        f" FROM ({sql}) AS r ({', '.join(cols)}){join}"
        f" GROUP BY GROUPING SETS ({grouping_sets})",
        params,
    )
    labels = names + ([level[0]] if level else [])
    total = 0
    for row in rows:
        n = row[-1]
        # GROUPING(k) is 0 in the rows of k's set, 1 elsewhere; the total row has no 0.
        i = next((i for i in range(len(labels)) if row[2 * i] == 0), None)
        if i is None:
            total = n
        elif row[2 * i + 1] is not None:
            value = row[2 * i + 1]
            out[labels[i]].append((int(value) if isinstance(value, Decimal) else value, n))
    for counts in out.values():
        counts.sort(key=lambda vn: (-vn[1], vn[0]))
    return out, total


def _grouped_rows(sql: str, params) -> list[tuple]:
    """The rows of the GROUPING SETS query, from the cache when the same query was
    counted at the same data version (`facet_caching()`), else from PostgreSQL."""
    key = None
    if facet_caching():
        digest = hashlib.sha256(repr((sql, tuple(params))).encode()).hexdigest()
        key = f"facets:{data_version()}:{digest}"
        found = cache_get(key)
        if found is not None:
            return found
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if key:
        cache_set(key, rows)
    return rows
