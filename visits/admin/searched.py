"""What keeps a searched list to two reads of its matches, whatever their number: the
count and the date hierarchy in one (OneRead), the page's ids in the other, its rows
then read by those ids alone (without_id_subqueries). A search's UNION of indexed
branches is cheap to run, but each query that ran it read every match again.
"""

from __future__ import annotations

from django.db.models import F, Max, Min, QuerySet
from django.db.models.expressions import Col
from django.db.models.lookups import In
from django.db.models.sql.where import AND


class OneRead:
    """A QuerySet mixin for a list narrowed by a subquery (a search's UNION of branches):
    its count, the date hierarchy's first and last day and its years come from one read
    of its rows, where each would run the subquery and read every match again (four
    reads of 20,000 meetings: 0.2 s). Read when first asked, then kept, as the rows of
    an evaluated QuerySet are; a clone reads again."""

    one_read_field: str = ""

    def _one_read(self) -> dict | None:
        """{"count", "first", "last", "years"}, or None when the one read does not apply."""
        if self._result_cache is not None or self.query.distinct or self.query.is_sliced:
            return None
        if getattr(self, "_one_read_cache", None) is None:
            self._one_read_cache = one_read(self, self.one_read_field)
        return self._one_read_cache

    def count(self):
        summary = self._one_read()
        return super().count() if summary is None else summary["count"]

    def aggregate(self, *args, **kwargs):
        field = self.one_read_field
        # The date hierarchy's question: Min and Max of the field, no filter.
        asked = {name: (type(a), a.get_source_expressions()) for name, a in kwargs.items()}
        hierarchy = {"first": (Min, [F(field), None]), "last": (Max, [F(field), None])}
        if not args and asked == hierarchy:
            summary = self._one_read()
            if summary is not None:
                return {"first": summary["first"], "last": summary["last"]}
        return super().aggregate(*args, **kwargs)

    def dates(self, field_name, kind, order="ASC"):
        if (field_name, kind, order) == (self.one_read_field, "year", "ASC"):
            summary = self._one_read()
            if summary is not None:
                return summary["years"]
        return super().dates(field_name, kind, order)


def one_read(queryset: QuerySet, field: str) -> dict:
    """The number of rows of `queryset`, the first and last of their `field` (a date)
    and the first day of each year it falls in, in one query."""
    from django.db import connection

    sql, params = queryset.order_by().values(field).query.sql_with_params()
    col = f"b.{connection.ops.quote_name(field)}"
    year = f"date_trunc('year', {col})::date"
    query = (
        f"SELECT count(*), min({col}), max({col}), "
        f"array_agg(DISTINCT {year} ORDER BY {year}) FILTER (WHERE {col} IS NOT NULL) "
        f"FROM ({sql}) b"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        count, first, last, years = cursor.fetchone()
    return {"count": count, "first": first, "last": last, "years": years or []}


_ONE_READ_CLASSES: dict[tuple[type, str], type] = {}


def with_one_read(queryset: QuerySet, *, field: str) -> QuerySet:
    """`queryset` whose count, range and years of the date `field` come from one read
    of its rows (see OneRead). The class stays through the changelist's clones (its
    ordering), as the list narrowed after a search is the list counted."""
    cls = type(queryset)
    if (cls, field) not in _ONE_READ_CLASSES:
        body = {"one_read_field": field}
        _ONE_READ_CLASSES[cls, field] = type(f"OneRead{cls.__name__}", (OneRead, cls), body)
    queryset = queryset._chain()
    queryset.__class__ = _ONE_READ_CLASSES[cls, field]
    return queryset


def without_id_subqueries(rows: QuerySet) -> QuerySet:
    """`rows` without the `pk IN (subquery)` conditions ANDed at the top of its WHERE
    (a search's UNION of branches): for reading a page's rows by their ids, which come
    from those conditions already. Kept, the search ran again for the page (a hash of
    20,000 meeting ids, 25 ms). Conditions that join another table stay: without them
    the join would multiply the rows."""
    rows = rows._chain()
    where, query = rows.query.where, rows.query
    if where.connector != AND or where.negated:
        return rows

    def of_ids(node) -> bool:
        lhs = getattr(node, "lhs", None)
        return (
            isinstance(node, In)
            and isinstance(lhs, Col)
            and lhs.alias == query.base_table
            and lhs.target == query.model._meta.pk
            and not node.rhs_is_direct_value()
        )

    query.where = where.create([c for c in where.children if not of_ids(c)], AND)
    return rows
