"""What keeps the admin's lists fast at 100,000 records: counts as correlated subqueries
(never two distinct counts joined in one query, which multiply rows), and searches that
look the small tables (leaders, countries, levels) up first and filter the large one by
their ids, instead of running unaccent over every joined row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.text import smart_split, unescape_string_literal

from visits.models import Country, Leader, PartnershipLevel, fold

from .searched import without_id_subqueries


def count_of(queryset: QuerySet, *, on: str, distinct: str | None = None) -> Coalesce:
    """The number of rows of `queryset` whose `on` is the outer row (of distinct
    `distinct` values, when given), as a subquery: one index lookup per row shown."""
    counted = Count(distinct, distinct=True) if distinct else Count("*")
    rows = queryset.filter(**{on: OuterRef("pk")}).order_by().values(on).annotate(n=counted)
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), Value(0))


def search_terms(search_term: str) -> list[str]:
    """The words of a search as the admin splits them ("quoted phrases" kept whole)."""
    terms = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit.strip():
            terms.append(bit)
    return terms


def leader_ids(term: str) -> list[int]:
    """Leaders whose name or any alias contains `term`, with or without accents."""
    key = fold(term)
    found = Leader.objects.filter(
        Q(name__unaccent__icontains=term) | Q(alias_keys__contains=[key]) | Q(name_key=key)
    )
    return list(found.values_list("pk", flat=True))


def country_codes(term: str) -> list[str]:
    found = Country.objects.filter(
        Q(code__iexact=term)
        | Q(name_en__unaccent__icontains=term)
        | Q(name_vi__unaccent__icontains=term)
    )
    return list(found.values_list("code", flat=True))


def level_codes(term: str) -> list[str]:
    found = PartnershipLevel.objects.filter(
        Q(name_en__unaccent__icontains=term) | Q(name_vi__unaccent__icontains=term)
    )
    return list(found.values_list("code", flat=True))


def search_by_ids(queryset: QuerySet, search_term: str, term_q: Callable[[str], Q]) -> QuerySet:
    """`queryset` narrowed to the rows matching every word of `search_term`, each word's
    condition given by `term_q(word)`; never spawns duplicate rows."""
    for term in search_terms(search_term):
        queryset = queryset.filter(term_q(term))
    return queryset


def containing(queryset: QuerySet, field: str, term: str) -> QuerySet:
    """The primary keys of the rows of `queryset` whose `field` contains `term`, whatever
    its case and accents. Only rows with a value are looked at, as the partial trigram
    indexes of migration 0020 hold them: a term of one or two letters (no trigram)
    rechecks those rows, not every row of the table."""
    key = unaccented_upper(F(field))
    rows = queryset.exclude(**{field: ""}).alias(_text_key=key)
    return rows.filter(_text_key__contains=unaccented_upper(Value(term))).order_by().values("pk")


def any_of(*branches: QuerySet | None) -> Q:
    """pk IN (branch UNION branch ...): each branch (a query of one column of ids) read
    by its own index. An OR of EXISTS over joined tables would be a filter on every
    row of the table instead (0.5 s for 100,000 meetings). Empty branches (None) are
    left out; at least one must be given."""
    given = [b.order_by() for b in branches if b is not None]
    first, *rest = given
    return Q(pk__in=first.union(*rest, all=True) if rest else first)


def any_in(field: str, ids: QuerySet) -> Func:
    """`field = ANY(ARRAY(ids))`: the subquery runs once, and its array is an index
    condition on `field` (an IN or EXISTS on another table would be a filter per row)."""
    return Func(
        F(field),
        Subquery(ids.order_by()),
        template="%(expressions)s)",
        arg_joiner=" = ANY(ARRAY",
        output_field=BooleanField(),
    )


def exists_in(queryset: QuerySet, **lookups) -> Exists:
    """EXISTS over `queryset` tied to the outer row by `lookups` (name -> outer field)."""
    return Exists(queryset.filter(**{k: OuterRef(v) for k, v in lookups.items()}))


def distinct_values(model, column: str) -> list:
    """The distinct non-null values of an indexed `column` of `model`'s table, by a loose
    index scan (one index probe per value, not a pass over every row)."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    sql = (
        f"WITH RECURSIVE t(v) AS (SELECT min({col}) FROM {table} UNION ALL "
        f"SELECT (SELECT min({col}) FROM {table} WHERE {col} > t.v) FROM t WHERE t.v IS NOT NULL) "
        "SELECT v FROM t WHERE v IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def distinct_years(queryset: QuerySet, field: str) -> list:
    """The first day of each year in which `queryset` has a `field`, by a loose scan of
    the field's index: one probe per year, whatever the number of rows. A list
    narrowed by a subquery (a search, a filter on another table) is read once
    instead: the loose scan would run that subquery's join again for every year."""
    from django.db import connection

    base = queryset.order_by().filter(**{f"{field}__isnull": False}).values(field)
    sql, params = base.query.sql_with_params()
    col = connection.ops.quote_name(field)
    if sql.upper().count("SELECT") > 1:
        query = f"SELECT DISTINCT date_trunc('year', b.{col})::date AS d FROM ({sql}) b ORDER BY d"
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return [row[0] for row in cursor.fetchall()]
    query = (
        f"WITH RECURSIVE y(d) AS ("
        f"SELECT date_trunc('year', min(b.{col}))::date FROM ({sql}) b "
        f"UNION ALL SELECT (SELECT date_trunc('year', min(b.{col}))::date FROM ({sql}) b "
        f"WHERE b.{col} >= (y.d + interval '1 year')::date) FROM y WHERE y.d IS NOT NULL) "
        "SELECT d FROM y WHERE d IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, *params])
        return [row[0] for row in cursor.fetchall()]


def indexed(model, name: str) -> bool:
    """Whether a B-tree index of `model` starts with the field `name`."""
    field = model._meta.get_field(name)
    if field.db_index or getattr(field, "remote_field", None) is not None:
        return True
    return any(i.fields and i.fields[0].lstrip("-") == name for i in model._meta.indexes)


class IndexedYears:
    """A QuerySet mixin: `dates(field, "year")` by a loose index scan (the admin's date
    hierarchy asks it of the whole filtered list on every changelist)."""

    def dates(self, field_name, kind, order="ASC"):
        if kind == "year" and order == "ASC" and indexed(self.model, field_name):
            return distinct_years(self, field_name)
        return super().dates(field_name, kind, order)


_INDEXED_CLASSES: dict[type, type] = {}


def with_indexed_years(queryset: QuerySet) -> QuerySet:
    """`queryset` whose year list comes from its index (see IndexedYears)."""
    cls = type(queryset)
    if cls not in _INDEXED_CLASSES:
        _INDEXED_CLASSES[cls] = type(f"IndexedYears{cls.__name__}", (IndexedYears, cls), {})
    queryset = queryset._chain()
    queryset.__class__ = _INDEXED_CLASSES[cls]
    return queryset


class IndexedRelatedOnlyFilter(admin.RelatedOnlyFieldListFilter):
    """RelatedOnlyFieldListFilter whose choices come from a loose scan of the foreign
    key's index rather than a DISTINCT over every row of the list. On a many-to-many
    field it filters by EXISTS, so the list needs no DISTINCT over its joined rows
    (0.4 s for 50,000 agreements): see ScaleChangeList."""

    spawns_duplicates = False

    def queryset(self, request, queryset):
        if not self.field.many_to_many:
            return super().queryset(request, queryset)
        through = self.field.remote_field.through
        source, target = self.field.m2m_field_name(), self.field.m2m_reverse_field_name()
        rows = through.objects.filter(**{source: OuterRef("pk")})
        values = self.used_parameters.get(self.lookup_kwarg)
        isnull = self.used_parameters.get(self.lookup_kwarg_isnull)
        try:
            if values:
                queryset = queryset.filter(Exists(rows.filter(**{f"{target}__in": values})))
            for empty in isnull or []:
                queryset = queryset.filter(~Exists(rows) if empty else Exists(rows))
        except (ValueError, ValidationError) as e:
            raise IncorrectLookupParameters(e) from e
        return queryset

    def field_choices(self, field, request, model_admin):
        if field.many_to_many:
            model, column = field.remote_field.through, field.m2m_reverse_name()
        else:
            model, column = field.model, field.column
        values = distinct_values(model, column)
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to={"pk__in": values}, ordering=ordering
        )


def unaccented_upper(expression):
    """UPPER(immutable_unaccent(x)): the expression the trigram indexes of migration 0016
    are built on, so that a `contains` over it uses them."""
    from django.db.models import Func, TextField
    from django.db.models.functions import Upper

    return Upper(Func(expression, function="immutable_unaccent", output_field=TextField()))


class CachedChoicesInline:
    """An inline whose select boxes query their choices once per page, not once per row
    (Django renders each row's ModelChoiceField from its own query)."""

    cached_choice_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None or db_field.name not in self.cached_choice_fields:
            return formfield
        choices = list(formfield.choices)
        formfield.choices = choices
        inner = getattr(formfield.widget, "widget", formfield.widget)
        inner.choices = formfield.widget.choices = choices
        return formfield


class ScaleChangeList(ChangeList):
    """The changelist, without the DISTINCT Django adds for a list filter on a
    many-to-many field when that filter (spawns_duplicates = False) filters by EXISTS."""

    def get_filters(self, request):
        specs, has_filters, remaining, duplicates, active = super().get_filters(request)
        if duplicates:
            opts = self.lookup_opts
            duplicates = any(lookup_spawns_duplicates(opts, key) for key in remaining) or any(
                getattr(spec, "spawns_duplicates", True)
                and getattr(spec, "field_path", None)
                and spec.used_parameters
                and lookup_spawns_duplicates(opts, spec.field_path)
                for spec in specs
            )
        return specs, has_filters, remaining, duplicates, active


class PageFirstPaginator(Paginator):
    """A paginator whose page picks its rows' ids first, ordered and sliced without the
    list's joins, then reads those rows with them: PostgreSQL does not sort before a
    LEFT JOIN, so a search matching 20,000 meetings joined the visit, its leader and
    its countries to all 20,000 before keeping 50 (0.5 s). Same query count; used for
    searched and filtered lists only."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        # Unfiltered, the list's own plan (an index read in order, 50 rows joined) is best,
        # and the planner misjudges `pk IN (... LIMIT 50)` over a whole table.
        narrowed = isinstance(rows, QuerySet) and bool(rows.query.where)
        if narrowed and not rows.query.distinct and rows.ordered:
            ids = rows.values("pk")[bottom:top]
            page = without_id_subqueries(rows).filter(pk__in=ids)
            return self._get_page(page, number, self)
        return self._get_page(rows[bottom:top], number, self)
