"""django-filter FilterSets for the public lists; a repeated parameter means OR.

Parameters shared by the lists: country, visitor, host (ISO codes), leader (a
name, accents ignored), date_after, date_before, year, kind, level (the pair's
level on the record's date), current_level, q (full text over the articles),
confirmed (yes: hide the unconfirmed records, no: only them), sort. `level`
tests the level then stored on each record (`level_then`, migration 0019);
`current_level` the partnership periods of the record's stored pair
(`selectors.level_on`), not the `level_now` annotation, which is for the rows shown.
"""

from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.db.models import F, OuterRef, Q

from visits import selectors
from visits.models import (
    Agreement,
    AgreementKind,
    Article,
    ArticleLanguage,
    ArticleStatus,
    Country,
    Evidence,
    Leader,
    Meeting,
    MeetingKind,
    Participation,
    SourceKind,
    Visit,
    VisitKind,
    VisitorRole,
    confirmed_condition,
)

SOURCES = [("news", "news"), ("curated", "a curated list"), ("both", "both")]
CONFIRMED = [("yes", "that are confirmed"), ("no", "that are unconfirmed")]


class MultiValueField(forms.Field):
    """Every value of a repeated parameter, each cleaned by `base_field`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, base_field: forms.Field | None = None, **kwargs):
        self.base_field = base_field or forms.CharField()
        super().__init__(**kwargs)

    def clean(self, value):
        if value in (None, "", [], ()):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [self.base_field.clean(v) for v in values if str(v).strip()]


def MultipleChoiceFilter(**kwargs) -> django_filters.MultipleChoiceFilter:  # noqa: N802
    """OR of choices without SELECT DISTINCT: these filters join nothing that repeats
    rows, and DISTINCT over the level subqueries made PostgreSQL compute them for
    every row (seconds at 100,000 visits)."""
    return django_filters.MultipleChoiceFilter(distinct=False, **kwargs)


class MultiValueFilter(django_filters.Filter):
    field_class = MultiValueField

    def filter(self, qs, value):
        if not value:
            return qs
        return super().filter(qs, value)


def country_codes(**kwargs) -> MultiValueFilter:
    return MultiValueFilter(
        base_field=forms.RegexField(
            r"^[A-Za-z]{2}$", error_messages={"invalid": "Use two-letter ISO country codes."}
        ),
        **kwargs,
    )


def years(**kwargs) -> MultiValueFilter:
    # The curated lists go back to 1866.
    return MultiValueFilter(base_field=forms.IntegerField(min_value=1800, max_value=2100), **kwargs)


def _upper(codes: list[str]) -> list[str]:
    return [c.upper() for c in codes]


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorting where records without a value (an unknown date) always come last, and
    rows of one value keep one order (the primary key breaks ties), so that paging
    through any sort shows every row once.

    `largest_first` names the sorts that are counts: `sort=made` puts the largest
    first, `sort=-made` the smallest.
    """

    def __init__(self, *args, largest_first=(), **kwargs):
        self.largest_first = frozenset(largest_first)
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = param.lstrip("-")
        if name in self.largest_first:
            descending = not descending
        return ("-" if descending else "") + self.param_map.get(name, name)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            descending = field.startswith("-")
            expr = F(field.lstrip("-"))
            ordering.append(expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True))
        return qs.order_by(*ordering, "-pk")


def _without_empty_choices(filterset_class, data):
    """The query without the empty values of choice lists: a form's "any" option sends
    `source=`, which means no filter, not an invalid choice."""
    if data is None or not hasattr(data, "getlist"):
        return data
    multiple = [
        name
        for name, f in filterset_class.base_filters.items()
        if isinstance(f, django_filters.MultipleChoiceFilter) and name in data
    ]
    if not any("" in data.getlist(name) for name in multiple):
        return data
    data = data.copy()
    for name in multiple:
        values = [v for v in data.getlist(name) if v != ""]
        if values:
            data.setlist(name, values)
        else:
            del data[name]
    return data


class LevelFilterSetMixin:
    """Binds the level choices to the levels the view loaded (one query per request).

    `memo` is a dict the view shares between the FilterSets of one request (the
    list and each facet), so that a leader name or a text search is resolved to
    ids once per request, not once per query.
    """

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix=None, levels=None, memo=None
    ):
        super().__init__(
            _without_empty_choices(type(self), data), queryset, request=request, prefix=prefix
        )
        self.levels = selectors.levels_by_code() if levels is None else levels
        self.memo = {} if memo is None else memo
        choices = [(code, level.name_en) for code, level in self.levels.items()]
        for name in ("level", "current_level"):
            if name in self.filters:
                self.filters[name].extra["choices"] = choices

    def leader_ids(self, names: list[str]) -> list[int]:
        key = ("leader", tuple(names))
        if key not in self.memo:
            self.memo[key] = selectors.leader_ids_named(names=names)
        return self.memo[key]

    def article_ids(self, text: str) -> list[int]:
        key = ("q", text)
        if key not in self.memo:
            self.memo[key] = selectors.article_ids_matching(text=text)
        return self.memo[key]


class RecordFilterSet(LevelFilterSetMixin, django_filters.FilterSet):
    """What visits, meetings and agreements share."""

    date = django_filters.DateFromToRangeFilter(method="filter_date", label="Date")
    year = years(method="filter_year", label="Year")
    level = MultipleChoiceFilter(method="filter_level", label="Partnership level then")
    current_level = MultipleChoiceFilter(
        method="filter_current_level", label="Partnership level now"
    )
    q = django_filters.CharFilter(method="filter_q", label="Text in the articles")
    confirmed = django_filters.ChoiceFilter(
        choices=CONFIRMED,
        method="filter_confirmed",
        label="Confirmed",
        error_messages={
            "invalid_choice": "“%(value)s” is not yes (confirmed records only) or no "
            "(unconfirmed records only)."
        },
    )

    date_field = "date"

    def filter_level(self, qs, name, value):
        # Stored on the record and kept right by the database (migration 0019).
        return qs.filter(level_then__in=value)

    def filter_current_level(self, qs, name, value):
        a, b = OuterRef("pair_a"), OuterRef("pair_b")
        return qs.filter(
            selectors.level_on(a=a, b=b, day=dt.date.today(), levels=value, ordered=True)
        )

    def filter_confirmed(self, qs, name, value):
        # yes: reviewed, or read with enough confidence and a settled year; no: the rest.
        if value == "yes":
            return qs.filter(confirmed_condition())
        return qs.exclude(confirmed_condition())

    def filter_date(self, qs, name, value):
        if value.start:
            qs = qs.filter(**{f"{self.date_field}__gte": value.start})
        if value.stop:
            qs = qs.filter(**{f"{self.date_field}__lte": value.stop})
        return qs

    def filter_year(self, qs, name, value):
        # Ranges rather than EXTRACT(YEAR), so the date index serves them.
        condition = Q()
        for year in value:
            condition |= Q(
                **{
                    f"{self.date_field}__gte": dt.date(year, 1, 1),
                    f"{self.date_field}__lt": dt.date(year + 1, 1, 1),
                }
            )
        return qs.filter(condition)

    def filter_q(self, qs, name, value):
        if not value.strip():
            return qs
        # The article ids first (the GIN index of migration 0004 finds them): left
        # inside the query, PostgreSQL would test each record's article's text instead.
        field = self._meta.model._meta.model_name
        ids = selectors.in_array(field="article_id", values=self.article_ids(value))
        evidence = Evidence.objects.filter(ids).values(field)
        return qs.filter(id__in=evidence)


def filter_source(self, qs, name, value):
    """news: told by an article; curated: by a curated list's row; both: by both.
    A method of the visit and meeting FilterSets."""
    field = f"{self._meta.model._meta.model_name}_id"
    told = {
        kind: Evidence.objects.filter(article__kind=kind).values(field)
        for kind in SourceKind.values
    }
    condition = Q()
    for choice in value:
        if choice == "both":
            condition |= Q(id__in=told["news"]) & Q(id__in=told["curated"])
        else:
            condition |= Q(id__in=told[choice])
    return qs.filter(condition)


def _visits_of(leader_ids: list[int]):
    """Ids of the visits the leaders made or met someone during: one UNION of two
    index lookups (an OR of the two made PostgreSQL scan every visit)."""
    made = Visit.objects.filter(visitor_leader_id__in=leader_ids).order_by().values("id")
    met = (
        Meeting.objects.filter(visit__isnull=False, participation__leader_id__in=leader_ids)
        .order_by()
        .values("visit_id")
    )
    return made.union(met, all=True)


class VisitFilter(RecordFilterSet):
    country = country_codes(method="filter_country", label="Country (either side)")
    visitor = country_codes(method="filter_visitor", label="Visitor")
    host = country_codes(method="filter_host", label="Host")
    leader = MultiValueFilter(method="filter_leader", label="Leader")
    kind = MultipleChoiceFilter(choices=VisitKind.choices, label="Kind")
    role = MultipleChoiceFilter(
        choices=VisitorRole.choices, field_name="visitor_role", label="Visitor's office"
    )
    source = MultipleChoiceFilter(choices=SOURCES, method="filter_source", label="Source")
    filter_source = filter_source
    sort = NullsLastOrderingFilter(
        fields=(
            ("start", "date"),
            ("visitor_country__name_en", "visitor"),
            ("host_country__name_en", "host"),
            ("visitor_leader__name", "leader"),
            ("kind", "kind"),
            ("confidence", "confidence"),
        ),
        label="Sort",
    )

    date_field = "start"

    class Meta:
        model = Visit
        fields: list[str] = []

    def filter_date(self, qs, name, value):
        # A visit is in the range if any of its days is.
        if value.start:
            qs = qs.filter(Q(end__gte=value.start) | Q(end__isnull=True, start__gte=value.start))
        if value.stop:
            qs = qs.filter(start__lte=value.stop)
        return qs

    def filter_country(self, qs, name, value):
        codes = _upper(value)
        return qs.filter(Q(visitor_country_id__in=codes) | Q(host_country_id__in=codes))

    def filter_visitor(self, qs, name, value):
        return qs.filter(visitor_country_id__in=_upper(value))

    def filter_host(self, qs, name, value):
        return qs.filter(host_country_id__in=_upper(value))

    def filter_leader(self, qs, name, value):
        # The visiting leader, or anyone who met them during the visit.
        return qs.filter(id__in=_visits_of(self.leader_ids(value)))


class OfTheVisitMixin:
    """visitor and host of a meeting's or agreement's visit (methods only: each
    FilterSet declares its filters, so their order, and the errors', stays its own)."""

    def filter_visitor(self, qs, name, value):
        return qs.filter(visit__visitor_country_id__in=_upper(value))

    def filter_host(self, qs, name, value):
        return qs.filter(visit__host_country_id__in=_upper(value))


class MeetingFilter(OfTheVisitMixin, RecordFilterSet):
    country = country_codes(method="filter_country", label="Country (place or participant)")
    visitor = country_codes(method="filter_visitor", label="Visitor (of the visit)")
    host = country_codes(method="filter_host", label="Host (of the visit)")
    leader = MultiValueFilter(method="filter_leader", label="Participant")
    kind = MultipleChoiceFilter(choices=MeetingKind.choices, label="Kind")
    source = MultipleChoiceFilter(choices=SOURCES, method="filter_source", label="Source")
    filter_source = filter_source
    sort = NullsLastOrderingFilter(
        fields=(("date", "date"), ("country__name_en", "country"), ("kind", "kind")),
        label="Sort",
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_country(self, qs, name, value):
        # The participants' meetings are few: PostgreSQL hashes them once (an
        # index-only scan of participation by leader, migration 0006).
        codes = _upper(value)
        present = Participation.objects.filter(leader__country_id__in=codes).values("meeting_id")
        return qs.filter(Q(country_id__in=codes) | Q(id__in=present))

    def filter_leader(self, qs, name, value):
        present = Participation.objects.filter(leader_id__in=self.leader_ids(value))
        return qs.filter(id__in=present.values("meeting_id"))


class AgreementFilter(OfTheVisitMixin, RecordFilterSet):
    country = country_codes(method="filter_country", label="Party")
    visitor = country_codes(method="filter_visitor", label="Visitor (of the visit)")
    host = country_codes(method="filter_host", label="Host (of the visit)")
    leader = MultiValueFilter(method="filter_leader", label="Leader (of the visit)")
    kind = MultipleChoiceFilter(choices=AgreementKind.choices, label="Kind")
    sort = NullsLastOrderingFilter(
        fields=(("date", "date"), ("kind", "kind"), ("level__rank", "level")),
        label="Sort",
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_country(self, qs, name, value):
        through = self._meta.model.parties.through
        ids = through.objects.filter(country_id__in=_upper(value)).values("agreement_id")
        return qs.filter(id__in=ids)

    def filter_leader(self, qs, name, value):
        return qs.filter(visit_id__in=_visits_of(self.leader_ids(value)))


class PlainFilterSet(django_filters.FilterSet):
    """A list without levels or a shared memo: takes the view's `levels` and `memo`
    arguments, as every FilterSet does, and ignores them."""

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix=None, levels=None, memo=None
    ):
        super().__init__(
            _without_empty_choices(type(self), data), queryset, request=request, prefix=prefix
        )


class HidesEmptyRowsMixin:
    """A list that hides the rows without any record unless `all=1` is given: most of
    the world's countries and the curated lists' leaders have none in the news read.

    `has_records` is the condition a shown row meets (a selector's Q).
    """

    has_records = None

    def filter_all(self, qs, name, value):
        return qs  # read by filter_queryset, which hides the empty rows otherwise

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("all") != "1":
            queryset = queryset.filter(type(self).has_records())
        return queryset


def show_all() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=[("1", "yes")], method="filter_all", label="Rows without records too"
    )


class LeaderFilter(HidesEmptyRowsMixin, PlainFilterSet):
    country = country_codes(method="filter_country", label="Country")
    leader = MultiValueFilter(method="filter_leader", label="Name")
    all = show_all()
    sort = NullsLastOrderingFilter(
        fields=(
            ("name", "name"),
            ("country__name_en", "country"),
            ("visit_count", "visits"),
            ("meeting_count", "meetings"),
        ),
        largest_first=("visits", "meetings"),
        label="Sort",
    )

    has_records = staticmethod(selectors.leader_has_records)

    class Meta:
        model = Leader
        fields: list[str] = []

    def filter_country(self, qs, name, value):
        return qs.filter(country_id__in=_upper(value))

    def filter_leader(self, qs, name, value):
        return qs.filter(id__in=selectors.leaders_named(names=value).values("id"))


class CountryFilter(HidesEmptyRowsMixin, LevelFilterSetMixin, django_filters.FilterSet):
    current_level = MultipleChoiceFilter(
        method="filter_current_level", label="Partnership level now (with any partner)"
    )
    q = django_filters.CharFilter(method="filter_q", label="Name")
    all = show_all()
    sort = NullsLastOrderingFilter(
        fields=(("name_en", "name"), ("made", "made"), ("received", "received")),
        largest_first=("made", "received"),
        label="Sort",
    )

    has_records = staticmethod(selectors.country_has_visits)

    class Meta:
        model = Country
        fields: list[str] = []

    def filter_current_level(self, qs, name, value):
        codes = set()
        for p in selectors.current_partnerships():
            if p.level_id in value:
                codes.update([p.country_a_id, p.country_b_id])
        return qs.filter(code__in=codes)

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # From the start of a word: "viet" is Viet Nam, not the Soviet Union.
        word = r"\m" + re.escape(value)
        return qs.filter(
            Q(name_en__unaccent__iregex=word)
            | Q(name_vi__unaccent__iregex=word)
            | Q(code__iexact=value)
        )


class ArticleFilter(PlainFilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Text")
    date = django_filters.DateFromToRangeFilter(field_name="published", label="Published")
    year = years(field_name="published", lookup_expr="year__in", label="Year")
    country = country_codes(method="filter_country", label="Country in its records")
    language = MultipleChoiceFilter(choices=ArticleLanguage.choices, label="Language")
    status = MultipleChoiceFilter(choices=ArticleStatus.choices, label="Status")
    sort = NullsLastOrderingFilter(
        fields=(("published", "date"), ("source_name", "name"), ("title", "title")),
        label="Sort",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_q(self, qs, name, value):
        if not value.strip():
            return qs
        return qs.filter(id__in=selectors.articles_matching(text=value).values("id"))

    def filter_country(self, qs, name, value):
        codes = _upper(value)
        evidence = Evidence.objects.filter(
            Q(visit__visitor_country_id__in=codes)
            | Q(visit__host_country_id__in=codes)
            | Q(meeting__country_id__in=codes)
            | Q(agreement__parties__code__in=codes)
        ).values("article_id")
        return qs.filter(id__in=evidence)
