"""Visits, meetings and agreements as plain rows, read a chunk at a time.

Each function takes a queryset (any filtering and order already applied) and
returns `Rows`: one tuple per record, in the order of its fields. The records'
own columns come as tuples from one server-side cursor, `CHUNK` at a time
(`base.tuples`); what a row needs from other tables (sources, participants,
parties, counterparts, counts) is read by one query per chunk and table for
the chunk's ids, bound as one array (`base.among`), each answered by the index
on the record's id, never by a query per row.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.urls import reverse

from visits.models import Agreement, Evidence, Meeting, Participation, Partnership, Visit

from .base import CHUNK, Names, Rows, among, article_names, day, leader_names, tuples

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


def _table(model) -> str:
    return model._meta.db_table


def _sources(field: str, ids: str, articles: Names) -> dict[int, list[str]]:
    """The sorted file names of the articles behind each record of `ids` (`field` of
    the evidence is its id; one query, and one for articles not named yet)."""
    rows = among(f"SELECT {field}, article_id FROM {_table(Evidence)} WHERE {field}", ids)
    articles.need(a for _, a in rows)
    found: dict[int, set[str]] = defaultdict(set)
    known = articles.known
    for pk, article in rows:
        found[pk].add(known[article])
    return {pk: sorted(files) for pk, files in found.items()}


def _participants(meeting_ids: str, leaders: Names) -> dict[int, list[int]]:
    """The leaders' ids of each meeting of `meeting_ids`, as recorded (one query)."""
    sql = f"SELECT meeting_id, leader_id FROM {_table(Participation)} WHERE meeting_id"
    rows = among(sql, meeting_ids, order="id")
    leaders.need(leader for _, leader in rows)
    people: dict[int, list[int]] = defaultdict(list)
    for meeting, leader in rows:
        people[meeting].append(leader)
    return people


def _counts(model, ids: str) -> dict[int, int]:
    """How many rows of `model` point at each visit of `ids` (one query)."""
    sql = f"SELECT visit_id, count(*) FROM {_table(model)} WHERE visit_id"
    return dict(among(sql, ids, group="visit_id"))


def _met(ids: str, leaders: Names) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Who took part in each visit's meetings, by meeting date then as recorded, and
    the number of its meetings (two queries: the meetings, then their participants,
    each by its index; a join lets PostgreSQL scan every participation instead)."""
    sql = f"SELECT id, visit_id FROM {_table(Meeting)} WHERE visit_id"
    meetings = among(sql, ids, order='"date", id')  # ASC: no date last, as the pages
    people = _participants("{" + ",".join(str(m) for m, _ in meetings) + "}", leaders)
    met: dict[int, list[int]] = defaultdict(list)
    count: dict[int, int] = defaultdict(int)
    for meeting, visit in meetings:
        met[visit].extend(people.get(meeting, ()))
        count[visit] += 1
    return met, count


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
    "visitor_leader_id",
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
)
LIST_FIELDS = ("cities", "sources", "counterparts", "participants", "parties", "aliases")


def _ids(chunk: list[tuple]) -> str:
    """The ids (first column) of a chunk as one PostgreSQL array literal."""
    return "{" + ",".join([str(r[0]) for r in chunk]) + "}"


def visit_rows(queryset: QuerySet[Visit], *, site: str | None = None, size: int = CHUNK) -> Rows:
    """The scorer's fields of each visit; with `site` (`https://example.org`), also
    VISIT_EXTRA_FIELDS, the page's URL starting with `site`."""
    values = queryset.prefetch_related(None).values_list(*VISIT_VALUES)
    return Rows(
        VISIT_FIELDS if site is None else VISIT_DOWNLOAD_FIELDS,
        _visit_chunks(tuples(values, size=size), site),
        LIST_FIELDS,
    )


def _visit_chunks(chunks: Iterable[list[tuple]], site: str | None) -> Iterator[list[tuple]]:
    extra = site is not None
    articles, leaders = article_names(), leader_names()
    if extra:
        page = site + reverse("visits:visit_detail", args=[0]).replace("/0/", "/{}/")
        levels = PairLevels()
    for chunk in chunks:
        ids = _ids(chunk)
        sources = _sources("visit_id", ids, articles)
        if extra:
            met, meetings = _met(ids, leaders)
            agreements = _counts(Agreement, ids)
            known = leaders.known
        out = []
        for r in chunk:
            pk, visitor, host, leader_id, leader, kind, start, end, sp, ep, settled = r[:11]
            row = (
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
                list(r[11]),
                round(r[12], 3),
                r[13],
                sources.get(pk, []),
            )
            if extra:
                others = [known[p] for p in met.get(pk, ()) if p != leader_id]
                row += (
                    levels.on(visitor, host, start),
                    levels.now(visitor, host),
                    list(dict.fromkeys(others)),
                    meetings.get(pk, 0),
                    agreements.get(pk, 0),
                    page.format(pk),
                )
            out.append(row)
        yield out


MEETING_VALUES = (
    "id",
    "visit_id",
    "date",
    "date_precision",
    "year_settled",
    "kind",
    "country_id",
    "city",
    "venue",
    "confidence",
    "reviewed",
)


def meeting_rows(queryset: QuerySet[Meeting], *, size: int = CHUNK, **_) -> Rows:
    values = queryset.prefetch_related(None).values_list(*MEETING_VALUES)
    return Rows(MEETING_FIELDS, _meeting_chunks(tuples(values, size=size)), LIST_FIELDS)


def _meeting_chunks(chunks: Iterable[list[tuple]]) -> Iterator[list[tuple]]:
    articles, leaders = article_names(), leader_names()
    for chunk in chunks:
        ids = _ids(chunk)
        sources = _sources("meeting_id", ids, articles)
        people = _participants(ids, leaders)
        known = leaders.known
        yield [
            (
                pk,
                visit,
                day(date, precision, settled),
                precision,
                kind,
                [known[p] for p in people.get(pk, ())],
                where,
                city or None,
                venue or None,
                round(conf, 3),
                rev,
                sources.get(pk, []),
            )
            for pk, visit, date, precision, settled, kind, where, city, venue, conf, rev in chunk
        ]


AGREEMENT_VALUES = (
    "id",
    "visit_id",
    "kind",
    "level_id",
    "date",
    "date_precision",
    "year_settled",
    "title",
    "document_count",
    "confidence",
    "reviewed",
)


def agreement_rows(queryset: QuerySet[Agreement], *, size: int = CHUNK, **_) -> Rows:
    values = queryset.prefetch_related(None).values_list(*AGREEMENT_VALUES)
    return Rows(AGREEMENT_FIELDS, _agreement_chunks(tuples(values, size=size)), LIST_FIELDS)


def _parties(ids: str) -> dict[int, list[str]]:
    """The sorted country codes of each agreement of `ids` (one query)."""
    sql = f"SELECT agreement_id, country_id FROM {_table(Agreement.parties.through)}"
    codes: dict[int, list[str]] = defaultdict(list)
    for agreement, code in among(sql + " WHERE agreement_id", ids):
        codes[agreement].append(code)
    return {pk: sorted(found) for pk, found in codes.items()}


def _agreement_chunks(chunks: Iterable[list[tuple]]) -> Iterator[list[tuple]]:
    articles = article_names()
    for chunk in chunks:
        ids = _ids(chunk)
        sources, parties = _sources("agreement_id", ids, articles), _parties(ids)
        yield [
            (
                pk,
                visit,
                kind,
                parties.get(pk, []),
                level,
                day(date, precision, settled),
                precision,
                title or None,
                n,
                round(conf, 3),
                rev,
                sources.get(pk, []),
            )
            for pk, visit, kind, level, date, precision, settled, title, n, conf, rev in chunk
        ]


def every_record() -> Iterable[tuple[str, Iterator[dict]]]:
    """Every record in the scorer's format, by kind, in id order (lazily)."""
    yield "visits", visit_rows(Visit.objects.order_by("id"))
    yield "meetings", meeting_rows(Meeting.objects.order_by("id"))
    yield "agreements", agreement_rows(Agreement.objects.order_by("id"))
