"""Public, read-only pages: home, the filtered lists, and a page per record.

Every list shares one path (`lists.record_list`): bind the FilterSet to the
query string, show a message for what it refuses, then either download the rows
(`format=csv|json`) or render a page with facets, a sentence saying what is
shown, and pagination that keeps the filters.

A page costs a fixed handful of queries whatever the filters: the facets that
share a filtered list are counted together, with the list's length, in one
GROUPING SETS query over the records without their display annotations; the
page's rows are chosen on narrow rows, then read in full for those ids only.
"""

from .api import api_docs
from .details import (
    agreement_detail,
    article_detail,
    country_detail,
    highlight_segments,
    leader_detail,
    meeting_detail,
    visit_detail,
)
from .disagreements import visit_disagreements
from .feeds import visit_feed
from .home import home
from .lists import (
    agreement_list,
    article_list,
    country_list,
    leader_list,
    meeting_list,
    record_list,
    visit_list,
)
from .sentence import describe, describe_title
from .site import favicon, server_error
from .specs import (
    AGREEMENTS,
    ARTICLES,
    COUNTRIES,
    LEADERS,
    MEETINGS,
    NOT_FILTERS,
    PER_PAGE,
    VISITS,
    Facet,
    ListSpec,
)
from .styles import levels_css

__all__ = [
    "AGREEMENTS",
    "ARTICLES",
    "COUNTRIES",
    "LEADERS",
    "MEETINGS",
    "NOT_FILTERS",
    "PER_PAGE",
    "VISITS",
    "Facet",
    "ListSpec",
    "agreement_detail",
    "api_docs",
    "agreement_list",
    "article_detail",
    "article_list",
    "country_detail",
    "country_list",
    "describe",
    "describe_title",
    "favicon",
    "highlight_segments",
    "home",
    "leader_detail",
    "leader_list",
    "levels_css",
    "meeting_detail",
    "meeting_list",
    "record_list",
    "server_error",
    "visit_detail",
    "visit_disagreements",
    "visit_feed",
    "visit_list",
]
