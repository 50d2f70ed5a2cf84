"""Visits, meetings and agreements as plain rows, read a chunk at a time.

Each function takes a queryset (any filtering and order already applied) and
returns `Rows`: one tuple per record, in the order of its fields. What a row
needs from other tables (sources, participants, parties, counterparts,
counts) is a correlated subquery of the same query, answered by the index on
the record's id: one query for the whole download, read from one server-side
cursor `CHUNK` rows at a time (`base.tuples`), never a query per row or per
chunk.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, Lookup, OuterRef, QuerySet
from django.db.models.functions import Collate
from django.urls import reverse

from visits.models import Agreement, Evidence, Meeting, Participation, Partnership, Visit
from visits.selectors.rows import count_of

from .base import CHUNK, Names, Rows, article_names, day, leader_names, made, tuples

VISIT_FIELDS = [
    "id",
    "visitor_country",
    "host_country",
    "visitor_leader",
    "kind",
    "start",
    "end",
    "start_precision",
    "end_precision",
    "year_settled",
    "cities",
    "confidence",
    "reviewed",
    "sources",
]
# What a download of the visit list adds to the scorer's fields: the pair's levels
# on the visit's first day and today, whom the visitor met, the number of meetings
# and agreements, and the visit's page.
VISIT_EXTRA_FIELDS = ["level_then", "level_now", "counterparts", "meetings", "agreements", "url"]
VISIT_DOWNLOAD_FIELDS = VISIT_FIELDS + VISIT_EXTRA_FIELDS
MEETING_FIELDS = [
    "id",
    "visit",
    "date",
    "date_precision",
    "kind",
    "participants",
    "country",
    "city",
    "venue",
    "confidence",
    "reviewed",
    "sources",
]
AGREEMENT_FIELDS = [
    "id",
    "visit",
    "kind",
    "parties",
    "level",
    "date",
    "date_precision",
    "title",
    "document_count",
    "confidence",
    "reviewed",
    "sources",
]


class _DistinctFrom(Lookup):
    """`a IS DISTINCT FROM b`: unlike `<>`, true when one side is NULL."""

    lookup_name = "distinct_from"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IS DISTINCT FROM {rhs}", [*lhs_params, *rhs_params]


def _ids(queryset: QuerySet, field: str, *order) -> ArraySubquery:
    """`ARRAY(SELECT field ...)`: the ids `queryset` (filtered on OuterRef) gives for
    a row, in `order`."""
    return ArraySubquery(queryset.order_by(*order).values(field))


def _sources(field: str) -> ArraySubquery:
    """The ids of the articles behind the record (`field` of the evidence is its id),
    for `base.article_names`; an index-only scan of the evidence."""
    return _ids(Evidence.objects.filter(**{field: OuterRef("pk")}), "article_id")


def _counterparts() -> ArraySubquery:
    """The participants of the visit's meetings other than the visitor, by meeting
    date then as recorded (ids repeat; `visit_rows` keeps each name once)."""
    met = Participation.objects.filter(
        _DistinctFrom(F("leader_id"), OuterRef("visitor_leader_id")),
        meeting__visit_id=OuterRef("pk"),
    )
    return _ids(met, "leader_id", "meeting__date", "meeting_id", "id")


def _named(names: Names, ids: list[int] | None) -> list[str]:
    """The names of `ids`, in order."""
    if not ids:
        return []
    known = names.known
    return [known[i] for i in ids]


def _files(names: Names, ids: list[int] | None) -> list[str]:
    """The sorted file names of the articles of `ids`, each once."""
    if not ids:
        return []
    known = names.known
    return sorted({known[i] for i in ids})


class PairLevels:
    """Every partnership, by pair, read once for a whole download (the table is small):
    the level of a pair on a day as `selectors.level_at` gives it (the row with the
    latest `since` by then, the higher rank on the same day), without a subquery per
    row. The one place a download reads a record's level then and now."""

    def __init__(self):
        rows = Partnership.objects.order_by("since", "level__rank").values_list(
            "country_a_id", "country_b_id", "since", "level_id"
        )
        self.days: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        self.levels: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a, b, since, level in rows:
            self.days[a, b].append(since)
            self.levels[a, b].append(level)
        self.today = dt.date.today()
        self._now: dict[tuple[str, str], str | None] = {}

    def on(self, a: str, b: str, day: dt.date | None) -> str | None:
        pair = (a, b) if a < b else (b, a)
        days = self.days.get(pair)
        if not days or day is None:
            return None
        i = bisect.bisect_right(days, day)
        return self.levels[pair][i - 1] if i else None

    def now(self, a: str, b: str) -> str | None:
        """The pair's level today (remembered per pair for the download)."""
        try:
            return self._now[a, b]
        except KeyError:
            level = self._now[a, b] = self.on(a, b, self.today)
            return level


VISIT_VALUES = (
    "id",
    "visitor_country_id",
    "host_country_id",
    "visitor_leader__name",
    "kind",
    "start",
    "end",
    "start_precision",
    "end_precision",
    "year_settled",
    "cities",
    "confidence",
    "reviewed",
    "export_sources",
)
VISIT_EXTRA_VALUES = ("export_counterparts", "export_meetings", "export_agreements")
LIST_FIELDS = ("cities", "sources", "counterparts", "participants", "parties", "aliases")


def visit_rows(queryset: QuerySet[Visit], *, site: str | None = None, size: int = CHUNK) -> Rows:
    """The scorer's fields of each visit; with `site` (`https://example.org`), also
    VISIT_EXTRA_FIELDS, the page's URL starting with `site`."""
    extra = site is not None
    queryset = queryset.prefetch_related(None).annotate(export_sources=_sources("visit_id"))
    values = VISIT_VALUES
    if extra:
        queryset = queryset.annotate(
            export_counterparts=_counterparts(),
            export_meetings=count_of(Meeting.objects.filter(visit=OuterRef("pk")), "visit"),
            export_agreements=count_of(Agreement.objects.filter(visit=OuterRef("pk")), "visit"),
        )
        values += VISIT_EXTRA_VALUES
    chunks = tuples(queryset.values_list(*values), size=size)
    articles = article_names()
    if not extra:
        return Rows(VISIT_FIELDS, made(chunks, _visit(articles), [(articles, 13)]), LIST_FIELDS)
    page = (site or "") + reverse("visits:visit_detail", args=[0]).replace("/0/", "/{}/")
    levels, leaders, scorer = PairLevels(), leader_names(), _visit(articles)

    def visit(r: tuple) -> tuple:
        met = _named(leaders, r[14])
        return (
            *scorer(r),
            levels.on(r[1], r[2], r[5]),
            levels.now(r[1], r[2]),
            list(dict.fromkeys(met)) if met else met,
            r[15],
            r[16],
            page.format(r[0]),
        )

    chunks = made(chunks, visit, [(articles, 13), (leaders, 14)])
    return Rows(VISIT_DOWNLOAD_FIELDS, chunks, LIST_FIELDS)


def _visit(articles: Names):
    """The scorer's fields of a visit from the row of VISIT_VALUES."""

    def visit(r: tuple) -> tuple:
        pk, visitor, host, leader, kind, start, end, sp, ep, settled, cities, conf, rev, src = r[
            :14
        ]
        return (
            pk,
            visitor,
            host,
            leader,
            kind,
            day(start, sp, settled),
            day(end, ep, settled),
            sp,
            ep,
            settled,
            list(cities),
            round(conf, 3),
            rev,
            _files(articles, src),
        )

    return visit


MEETING_VALUES = (
    "id",
    "visit_id",
    "date",
    "date_precision",
    "year_settled",
    "kind",
    "export_participants",
    "country_id",
    "city",
    "venue",
    "confidence",
    "reviewed",
    "export_sources",
)


def meeting_rows(queryset: QuerySet[Meeting], *, size: int = CHUNK, **_) -> Rows:
    participants = Participation.objects.filter(meeting=OuterRef("pk"))
    queryset = queryset.prefetch_related(None).annotate(
        export_participants=_ids(participants, "leader_id", "id"),
        export_sources=_sources("meeting_id"),
    )
    chunks = tuples(queryset.values_list(*MEETING_VALUES), size=size)
    articles, leaders = article_names(), leader_names()

    def meeting(r: tuple) -> tuple:
        pk, visit, date, precision, settled, kind, people, where, city, venue, conf, rev, src = r
        return (
            pk,
            visit,
            day(date, precision, settled),
            precision,
            kind,
            _named(leaders, people),
            where,
            city or None,
            venue or None,
            round(conf, 3),
            rev,
            _files(articles, src),
        )

    chunks = made(chunks, meeting, [(leaders, 6), (articles, 12)])
    return Rows(MEETING_FIELDS, chunks, LIST_FIELDS)


AGREEMENT_VALUES = (
    "id",
    "visit_id",
    "kind",
    "export_parties",
    "level_id",
    "date",
    "date_precision",
    "year_settled",
    "title",
    "document_count",
    "confidence",
    "reviewed",
    "export_sources",
)


def agreement_rows(queryset: QuerySet[Agreement], *, size: int = CHUNK, **_) -> Rows:
    parties = Agreement.parties.through.objects.filter(agreement=OuterRef("pk"))
    queryset = queryset.prefetch_related(None).annotate(
        # Sorted by code point, as Python sorts them (the "C" collation).
        export_parties=_ids(parties, "country_id", Collate("country_id", "C")),
        export_sources=_sources("agreement_id"),
    )
    chunks = tuples(queryset.values_list(*AGREEMENT_VALUES), size=size)
    articles = article_names()

    def agreement(r: tuple) -> tuple:
        pk, visit, kind, parties, level, date, precision, settled, title, n, conf, rev, src = r
        return (
            pk,
            visit,
            kind,
            parties or [],
            level,
            day(date, precision, settled),
            precision,
            title or None,
            n,
            round(conf, 3),
            rev,
            _files(articles, src),
        )

    return Rows(AGREEMENT_FIELDS, made(chunks, agreement, [(articles, 12)]), LIST_FIELDS)


def every_record() -> Iterable[tuple[str, Iterator[dict]]]:
    """Every record in the scorer's format, by kind, in id order (lazily)."""
    yield "visits", visit_rows(Visit.objects.order_by("id"))
    yield "meetings", meeting_rows(Meeting.objects.order_by("id"))
    yield "agreements", agreement_rows(Agreement.objects.order_by("id"))
