"""Visits, meetings and agreements as plain rows, read a chunk at a time.

Each function takes a queryset (any filtering and order already applied) and
yields one dict per record. The records come from one server-side cursor,
`CHUNK` at a time; what a row needs from other tables (sources, participants,
parties, counterparts, counts) is read by one query per chunk for the chunk's
ids, never by a query per row.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import PurePath

from django.db import transaction
from django.db.models import Count, F, Field, Lookup, QuerySet, Value
from django.urls import reverse

from visits.models import (
    Agreement,
    Evidence,
    Meeting,
    Participation,
    Partnership,
    SourceKind,
    Visit,
)

# Rows per fetch from the server-side cursor, and per side query.
CHUNK = 2000

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


def chunked(queryset: QuerySet, *, size: int = CHUNK) -> Iterator[list]:
    """The rows of `queryset`, `size` at a time, from one server-side cursor.

    Inside a transaction, so that PostgreSQL's cursor is not WITH HOLD: a cursor
    held past its transaction is computed whole before the first row comes back.
    """
    with transaction.atomic(using=queryset.db):
        chunk: list = []
        for row in queryset.iterator(chunk_size=size):
            chunk.append(row)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


class _Among(Lookup):
    """`field = ANY(%s)`: a chunk's ids bound as one array parameter, not one
    placeholder per id (which psycopg and Django would prepare id by id)."""

    lookup_name = "among"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def among(field: str, ids: list[int]) -> _Among:
    """The filter `field` is one of `ids`."""
    # A plain Field: the list goes to psycopg as it is (an ArrayField would
    # prepare each id on its own); psycopg sends it as one array.
    return _Among(F(field), Value(ids, output_field=Field()))


def _day(value, precision: str, year_settled: bool) -> str | None:
    """YYYY-MM-DD only for a known day of a known year: never a made-up day or year."""
    if value is None or precision != "day" or not year_settled:
        return None
    return value.isoformat()


@lru_cache(maxsize=4096)
def _plain_name(kind: str, source_name: str, path: str) -> str:
    if kind == SourceKind.CURATED:
        return source_name
    return PurePath(path or source_name.split("#")[0]).name


def file_name(*, kind: str, source_name: str, path: str) -> str:
    """The plain name of the file an article came from (its identity may be a URL); a
    curated row by its identity, `state-department/visits#2991`."""
    return _plain_name(kind, source_name, path)


def _sources(field: str, ids: list[int]) -> dict[int, list[str]]:
    """The sorted file names of the articles behind each record of `ids` (one query)."""
    rows = (
        Evidence.objects.filter(among(field, ids))
        .order_by()
        .values_list(field, "article__kind", "article__source_name", "article__path")
        .distinct()
    )
    names: dict[int, set[str]] = defaultdict(set)
    for pk, kind, source_name, path in rows:
        names[pk].add(_plain_name(kind, source_name, path))
    return {pk: sorted(found) for pk, found in names.items()}


def _counts(model, field: str, ids: list[int]) -> dict[int, int]:
    """How many rows of `model` point at each of `ids` through `field` (one query)."""
    rows = (
        model.objects.filter(among(field, ids))
        .order_by()
        .values(field)
        .annotate(n=Count("id"))
        .values_list(field, "n")
    )
    return dict(rows)


def _counterparts(visits: list[dict]) -> dict[int, list[str]]:
    """Whom each visitor met: the other participants of the visit's meetings, by
    meeting date then as recorded, each name once (one query)."""
    visitor = {v["id"]: v["visitor_leader_id"] for v in visits}
    rows = (
        Participation.objects.filter(among("meeting__visit_id", list(visitor)))
        .order_by("meeting__date", "meeting_id", "id")
        .values_list("meeting__visit_id", "leader_id", "leader__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for visit_id, leader_id, name in rows:
        if leader_id != visitor[visit_id] and name not in names[visit_id]:
            names[visit_id].append(name)
    return names


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


class PairLevels:
    """Every partnership, by pair, read once for a whole download (the table is small):
    the level of a pair on a day as `selectors.level_at` gives it (the row with the
    latest `since` by then, the higher rank on the same day), without a subquery per
    row."""

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

    def on(self, a: str, b: str, day: dt.date | None) -> str | None:
        pair = (a, b) if a < b else (b, a)
        days = self.days.get(pair)
        if not days or day is None:
            return None
        i = bisect.bisect_right(days, day)
        return self.levels[pair][i - 1] if i else None


def _visit_values(queryset: QuerySet[Visit]) -> QuerySet:
    return queryset.prefetch_related(None).values(*VISIT_VALUES)


def visit_rows(
    queryset: QuerySet[Visit], *, site: str | None = None, size: int = CHUNK
) -> Iterator[dict]:
    """The scorer's fields of each visit; with `site` (`https://example.org`), also
    VISIT_EXTRA_FIELDS, the page's URL starting with `site`."""
    extra = site is not None
    page = (site or "") + reverse("visits:visit_detail", args=[0]).replace("/0/", "/{}/")
    levels = PairLevels() if extra else None
    for chunk in chunked(_visit_values(queryset), size=size):
        ids = [v["id"] for v in chunk]
        sources = _sources("visit_id", ids)
        if extra:
            meetings = _counts(Meeting, "visit_id", ids)
            agreements = _counts(Agreement, "visit_id", ids)
            counterparts = _counterparts(chunk)
        for v in chunk:
            row = {
                "id": v["id"],
                "visitor_country": v["visitor_country_id"],
                "host_country": v["host_country_id"],
                "visitor_leader": v["visitor_leader__name"],
                "kind": v["kind"],
                "start": _day(v["start"], v["start_precision"], v["year_settled"]),
                "end": _day(v["end"], v["end_precision"], v["year_settled"]),
                "start_precision": v["start_precision"],
                "end_precision": v["end_precision"],
                "year_settled": v["year_settled"],
                "cities": list(v["cities"]),
                "confidence": round(v["confidence"], 3),
                "reviewed": v["reviewed"],
                "sources": sources.get(v["id"], []),
            }
            if extra:
                pair = (v["visitor_country_id"], v["host_country_id"])
                row["level_then"] = levels.on(*pair, v["start"])
                row["level_now"] = levels.on(*pair, levels.today)
                row["counterparts"] = counterparts.get(v["id"], [])
                row["meetings"] = meetings.get(v["id"], 0)
                row["agreements"] = agreements.get(v["id"], 0)
                row["url"] = page.format(v["id"])
            yield row


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


def _participants(ids: list[int]) -> dict[int, list[str]]:
    """The participants' names of each meeting of `ids`, as recorded (one query)."""
    rows = (
        Participation.objects.filter(among("meeting_id", ids))
        .order_by("id")
        .values_list("meeting_id", "leader__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for meeting_id, name in rows:
        names[meeting_id].append(name)
    return names


def meeting_rows(queryset: QuerySet[Meeting], *, size: int = CHUNK, **_) -> Iterator[dict]:
    values = queryset.prefetch_related(None).values(*MEETING_VALUES)
    for chunk in chunked(values, size=size):
        ids = [m["id"] for m in chunk]
        sources, participants = _sources("meeting_id", ids), _participants(ids)
        for m in chunk:
            yield {
                "id": m["id"],
                "visit": m["visit_id"],
                "date": _day(m["date"], m["date_precision"], m["year_settled"]),
                "date_precision": m["date_precision"],
                "kind": m["kind"],
                "participants": participants.get(m["id"], []),
                "country": m["country_id"],
                "city": m["city"] or None,
                "venue": m["venue"] or None,
                "confidence": round(m["confidence"], 3),
                "reviewed": m["reviewed"],
                "sources": sources.get(m["id"], []),
            }


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


def _parties(ids: list[int]) -> dict[int, list[str]]:
    """The sorted country codes of each agreement of `ids` (one query)."""
    rows = Agreement.parties.through.objects.filter(among("agreement_id", ids)).values_list(
        "agreement_id", "country_id"
    )
    codes: dict[int, list[str]] = defaultdict(list)
    for agreement_id, code in rows:
        codes[agreement_id].append(code)
    return {pk: sorted(found) for pk, found in codes.items()}


def agreement_rows(queryset: QuerySet[Agreement], *, size: int = CHUNK, **_) -> Iterator[dict]:
    values = queryset.prefetch_related(None).values(*AGREEMENT_VALUES)
    for chunk in chunked(values, size=size):
        ids = [a["id"] for a in chunk]
        sources, parties = _sources("agreement_id", ids), _parties(ids)
        for a in chunk:
            yield {
                "id": a["id"],
                "visit": a["visit_id"],
                "kind": a["kind"],
                "parties": parties.get(a["id"], []),
                "level": a["level_id"],
                "date": _day(a["date"], a["date_precision"], a["year_settled"]),
                "date_precision": a["date_precision"],
                "title": a["title"] or None,
                "document_count": a["document_count"],
                "confidence": round(a["confidence"], 3),
                "reviewed": a["reviewed"],
                "sources": sources.get(a["id"], []),
            }


def every_record() -> Iterable[tuple[str, Iterator[dict]]]:
    """Every record in the scorer's format, by kind, in id order (lazily)."""
    yield "visits", visit_rows(Visit.objects.order_by("id"))
    yield "meetings", meeting_rows(Meeting.objects.order_by("id"))
    yield "agreements", agreement_rows(Agreement.objects.order_by("id"))
