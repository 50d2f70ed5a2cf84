"""What each public list is: its FilterSet, selectors, template, facets, downloads and sorts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet

from visits import exports, filters, selectors
from visits.models import AgreementKind, ArticleLanguage, MeetingKind, VisitKind, VisitorRole

PER_PAGE = 50
# Parameters that are not filters: they never count as "what is shown".
# `more` names a facet whose every option is listed (not only the first 12).
NOT_FILTERS = {"page", "format", "sort", "more"}
# The most options a facet lists when asked for all of them.
FACET_MAX = 500


@dataclass(frozen=True)
class Facet:
    """A filter whose options are listed with the count each would give."""

    param: str
    label: str
    key: str  # the field (or annotation) grouped on
    countries: bool = False  # the values are country codes, shown by the country's name
    # The years of this date field, all shown, newest first: grouped on `key`, the year
    # stored beside the date, or on the field's year when `key` is EXTRACTED_YEAR.
    year_of: str | None = None
    choices: dict | None = None
    limit: int = 12


@dataclass(frozen=True)
class ListSpec:
    noun: str
    plural: str
    filterset: type
    selector: Callable[[], QuerySet]
    template: str
    facets: tuple[Facet, ...] = ()
    rows: Callable[..., Iterator[dict]] | None = None  # exports.visit_rows and the like
    fields: list[str] = field(default_factory=list)
    sorts: dict[str, str] = field(default_factory=dict)
    # What the facets count over: the records without the annotations the page
    # shows (computing them inside a GROUP BY is wasted work). Default: selector.
    base: Callable[[], QuerySet] | None = None
    # What the page's rows need beyond the selector (the visit's counterparts), for
    # those rows only: a download does not pay for it.
    page_rows: Callable[[QuerySet], QuerySet] | None = None


# A year facet's key when no year is stored beside the date: its year is worked out.
EXTRACTED_YEAR = "facet_year"


def _level_facet() -> Facet:
    # The pair's level on the record's day, stored on the record (migration 0019).
    return Facet("level", "Partnership level then", "level_then")


VISITS = ListSpec(
    noun="visit",
    plural="visits",
    filterset=filters.VisitFilter,
    selector=selectors.visit_list,
    base=selectors.visit_base,
    page_rows=selectors.with_counterparts,
    template="visits/visit_list.html",
    facets=(
        Facet("host", "Host", "host_country_id", countries=True),
        Facet("visitor", "Visitor", "visitor_country_id", countries=True),
        Facet("kind", "Kind", "kind", choices=dict(VisitKind.choices)),
        Facet("role", "Visitor's office", "visitor_role", choices=dict(VisitorRole.choices)),
        Facet("year", "Year", "year", year_of="start", limit=30),
        _level_facet(),
    ),
    rows=exports.visit_rows,
    fields=exports.VISIT_DOWNLOAD_FIELDS,
    sorts={"date": "date", "visitor": "visitor", "host": "host", "leader": "leader"},
)
MEETINGS = ListSpec(
    noun="meeting",
    plural="meetings",
    filterset=filters.MeetingFilter,
    selector=selectors.meeting_list,
    base=selectors.meeting_base,
    template="visits/meeting_list.html",
    facets=(
        Facet("country", "Place", "country_id", countries=True),
        Facet("kind", "Kind", "kind", choices=dict(MeetingKind.choices)),
        Facet("year", "Year", "year", year_of="date", limit=30),
        _level_facet(),
    ),
    rows=exports.meeting_rows,
    fields=exports.MEETING_FIELDS,
    sorts={"date": "date", "place": "country", "kind": "kind"},
)
AGREEMENTS = ListSpec(
    noun="agreement",
    plural="agreements",
    filterset=filters.AgreementFilter,
    selector=selectors.agreement_list,
    base=selectors.agreement_base,
    template="visits/agreement_list.html",
    facets=(
        Facet("kind", "Kind", "kind", choices=dict(AgreementKind.choices)),
        Facet("year", "Year", "year", year_of="date", limit=30),
        _level_facet(),
    ),
    rows=exports.agreement_rows,
    fields=exports.AGREEMENT_FIELDS,
    sorts={"date": "date", "kind": "kind", "level agreed": "level"},
)
LEADERS = ListSpec(
    noun="leader",
    plural="leaders",
    filterset=filters.LeaderFilter,
    selector=selectors.leader_list,
    template="visits/leader_list.html",
    facets=(Facet("country", "Country", "country_id", countries=True),),
    rows=exports.leader_rows,
    fields=exports.LEADER_FIELDS,
    sorts={"name": "name", "country": "country", "visits": "visits", "meetings": "meetings"},
)
COUNTRIES = ListSpec(
    noun="country",
    plural="countries",
    filterset=filters.CountryFilter,
    selector=selectors.country_list,
    template="visits/country_list.html",
    rows=exports.country_rows,
    fields=exports.COUNTRY_FIELDS,
    sorts={"name": "name", "visits made": "made", "visits received": "received"},
)
ARTICLES = ListSpec(
    noun="article",
    plural="articles",
    filterset=filters.ArticleFilter,
    selector=selectors.article_list,
    template="visits/article_list.html",
    facets=(
        Facet("year", "Year", EXTRACTED_YEAR, year_of="published", limit=30),
        Facet("language", "Language", "language", choices=dict(ArticleLanguage.choices)),
    ),
    rows=exports.article_rows,
    fields=exports.ARTICLE_FIELDS,
    sorts={"date": "date", "name": "name", "title": "title"},
)
