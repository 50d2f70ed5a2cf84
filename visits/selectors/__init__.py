"""Reads: the querysets and summaries that the public pages, downloads and admin use.

Every list selector returns a queryset whose rows need no further query to be
shown: related rows are joined (`select_related`), per-row counts and levels
are subquery annotations, so a page of 5 rows and a page of 30 run the same
number of queries.

Those per-row subqueries are for the rows shown. Filtering or counting by
partnership level goes through the partnership periods (`level_on`,
`facet_counts`), which PostgreSQL joins in one pass over the records.

One module per kind of record; this package re-exports every public name, so
`from visits import selectors` and `selectors.visit_list()` read as before.
"""

from .agreements import agreement_base, agreement_detail, agreement_list
from .articles import article_detail, article_list
from .cache import cache_get, cache_set
from .countries import (
    PartnerHistory,
    countries_by_current_level,
    country_has_visits,
    country_list,
    country_names,
    country_partnerships,
    current_partners_by_country,
    current_partnerships,
)
from .facets import facet_counts
from .home import home_summary, visits_by_month
from .levels import level_at, level_now, level_on, levels_by_code
from .maps import Exchange, country_exchanges, leader_countries_visited, visits_by_host
from .meetings import meeting_base, meeting_detail, meeting_list
from .people import Appearance, journeys, leader_detail, leader_has_records, leader_list
from .rows import count_of, evidence_prefetch, participations_prefetch, per_row
from .search import (
    SEARCH_CONFIG,
    article_document,
    article_ids_matching,
    articles_matching,
    in_array,
    leader_ids_named,
    leaders_named,
)
from .versions import (
    data_caching,
    data_version,
    data_version_pin,
    data_version_read,
    data_version_unpin,
    facet_caching,
)
from .visits import (
    visit_base,
    visit_counterparts,
    visit_detail,
    visit_disagreements,
    visit_list,
    with_counterparts,
)

__all__ = [
    "SEARCH_CONFIG",
    "Appearance",
    "Exchange",
    "PartnerHistory",
    "agreement_base",
    "agreement_detail",
    "agreement_list",
    "article_detail",
    "article_document",
    "article_ids_matching",
    "article_list",
    "articles_matching",
    "cache_get",
    "cache_set",
    "count_of",
    "countries_by_current_level",
    "country_has_visits",
    "country_exchanges",
    "country_list",
    "country_names",
    "country_partnerships",
    "current_partners_by_country",
    "current_partnerships",
    "data_caching",
    "data_version",
    "data_version_pin",
    "data_version_read",
    "data_version_unpin",
    "evidence_prefetch",
    "facet_caching",
    "facet_counts",
    "home_summary",
    "journeys",
    "in_array",
    "leader_detail",
    "leader_has_records",
    "leader_countries_visited",
    "leader_ids_named",
    "leader_list",
    "leaders_named",
    "level_at",
    "level_now",
    "level_on",
    "levels_by_code",
    "meeting_base",
    "meeting_detail",
    "meeting_list",
    "participations_prefetch",
    "per_row",
    "visit_base",
    "visit_counterparts",
    "visit_detail",
    "visit_disagreements",
    "visit_list",
    "visits_by_host",
    "visits_by_month",
    "with_counterparts",
]
