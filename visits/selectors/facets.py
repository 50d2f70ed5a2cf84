"""Facet counts: every facet of a filtered list and its length, in one GROUPING SETS query,
cached per data version."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet

from .cache import cache_get, cache_set
from .versions import data_version, facet_caching


def facet_counts(
    *, queryset: QuerySet, columns: dict[str, Any]
) -> tuple[dict[str, list[tuple[Any, int]]], int]:
    """For each named column, [(value, number of records of `queryset`)], most first,
    NULLs left out; and the number of records.

    One query for every column and the total: the records are read once and
    grouped by GROUPING SETS. `columns` maps a name to a field name or an expression
    (the pair's level then is a stored column, `level_then`, migration 0019).
    """
    names = list(columns)
    selected = {
        f"facet_{i}": F(expr) if isinstance(expr, str) else expr
        for i, expr in enumerate(columns.values())
    }
    records = queryset.prefetch_related(None).order_by().annotate(**selected).values_list(*selected)
    out: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    try:
        sql, params = records.query.sql_with_params()
    except EmptyResultSet:
        return out, 0
    cols = [f"c{i}" for i in range(len(names))]
    keys = [f"r.{c}" for c in cols]
    grouping_sets = "".join(f"({k}), " for k in keys) + "()"  # () is the total
    if not cols:
        cols, keys = ["c"], []
    rows = _grouped_rows(
        f"SELECT {''.join(f'GROUPING({k}), {k}, ' for k in keys)}COUNT(*)"
        f" FROM ({sql}) AS r ({', '.join(cols)})"
        f" GROUP BY GROUPING SETS ({grouping_sets})",
        params,
    )
    total = 0
    for row in rows:
        n = row[-1]
        # GROUPING(k) is 0 in the rows of k's set, 1 elsewhere; the total row has no 0.
        i = next((i for i in range(len(names)) if row[2 * i] == 0), None)
        if i is None:
            total = n
        elif row[2 * i + 1] is not None:
            value = row[2 * i + 1]
            out[names[i]].append((int(value) if isinstance(value, Decimal) else value, n))
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
