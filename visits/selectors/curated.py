"""The news held against a curated list: for the US visits and trips in the days the
ingested news covers, which the news told too (matched), which it missed, and which
only the news tells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, Max, Min, OuterRef, Q

from visits.models import Article, Evidence, SourceKind, Visit

HOME = "US"
REPORT_SLACK = dt.timedelta(days=7)  # a report may trail its visit by a week
# The lists' scope: leaders who came to the US; the President and the Secretary of
# State abroad. News visits outside it (a defence minister abroad) are not held to it.
TRAVELLER_OFFICES = ("president", "secretary of state")


@dataclass
class Tally:
    """One direction: visits to the US, or trips abroad."""

    matched: list[Visit] = field(default_factory=list)
    agreeing: int = 0  # matched with no disagreement on days or kind
    missing: list[Visit] = field(default_factory=list)  # in the list, not in the news
    news_only: list[Visit] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        told = len(self.matched) + len(self.missing)
        return len(self.matched) / told if told else None

    @property
    def precision(self) -> float | None:
        found = len(self.matched) + len(self.news_only)
        return len(self.matched) / found if found else None


@dataclass
class Comparison:
    start: dt.date | None = None
    end: dt.date | None = None
    to_us: Tally = field(default_factory=Tally)
    abroad: Tally = field(default_factory=Tally)


def _told(kind: str):
    return Exists(Evidence.objects.filter(visit=OuterRef("pk"), article__kind=kind))


def curated_comparison(*, start: dt.date | None = None, end: dt.date | None = None) -> Comparison:
    """The comparison over [start, end], by default the days of the news ingested
    (the first article's date less a week, to the last one's)."""
    days = Article.objects.filter(kind=SourceKind.NEWS).aggregate(
        first=Min("published"), last=Max("published")
    )
    if start is None and days["first"]:
        start = days["first"] - REPORT_SLACK
    end = end or days["last"]
    result = Comparison(start=start, end=end)
    if start is None or end is None:
        return result
    visits = (
        Visit.objects.filter(Q(visitor_country=HOME) | Q(host_country=HOME))
        .filter(start__gte=start, start__lte=end)
        .annotate(news=_told(SourceKind.NEWS), curated=_told(SourceKind.CURATED))
        .select_related("visitor_leader", "visitor_country", "host_country")
        .order_by("start", "id")
    )
    for visit in visits:
        tally = result.to_us if visit.host_country_id == HOME else result.abroad
        if visit.news and visit.curated:
            tally.matched.append(visit)
            tally.agreeing += not visit.disagreement
        elif visit.curated:
            tally.missing.append(visit)
        elif _in_scope(visit):
            tally.news_only.append(visit)
    return result


def _in_scope(visit: Visit) -> bool:
    """A news-only visit the lists would hold: a head of state or government to the US,
    the President or the Secretary of State abroad."""
    if visit.host_country_id == HOME:
        return visit.visitor_role in ("head", "")
    office = (visit.visitor_office or "").lower()
    return any(title in office for title in TRAVELLER_OFFICES)
