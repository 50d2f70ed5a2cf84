"""Importing a curated list: each row an Article of kind curated, named
`state-department/visits#2991`, its records written by the same writer as the news
(visits/services/writer.py), so that a re-import is idempotent and keeps editors'
corrections, deletions and merges exactly as a re-ingest does."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import DatabaseError, transaction

from visits.extraction import (
    Document,
    Evidence,
    Extraction,
    FuzzyDate,
    MeetingRecord,
    Person,
    VisitRecord,
)
from visits.extraction.names import name_key
from visits.models import Article, Country, SourceKind
from visits.services.claims import visitor_role
from visits.services.ingest import IngestStats, article_store
from visits.services.leaders import LeaderBook
from visits.services.sources import Source

from .bulk import bulk_store
from .people import (
    Named,
    cities_of,
    people_met,
    short_name,
    traveller_name,
    visit_kind,
    visitor_parse,
)
from .rows import (
    DATASET,
    VISITS,
    CuratedRow,
    Read,
    RowError,
    rows_read,
    slug_code,
    slugs_load,
)

# Bump when the reading of rows changes: every row is then written again.
CURATED_VERSION = "1"
BATCH = 500
SURNAME_YEARS = 5  # a surname met abroad is a head who visited the US this close to it
SHIPPED = Path(__file__).resolve().parents[3] / "curated" / DATASET
SLUGS = SHIPPED / "countries.csv"
HOME = "US"
TRAVELLER_OFFICES = {
    "president": ("President", "state"),
    "secretary": ("Secretary of State", "government"),
}
MSG_NO_VISITOR = "{where}: visit #{id}: no office and name in {person!r}"
MSG_ROLE = "{where}: trip #{id}: role {role!r} is neither president nor secretary"
MSG_NOT_TO_ITSELF = "{where}: {list} #{id}: {slug!r} is the United States on {day}"
MSG_STORE = "{where}: {list} #{id}: could not be stored ({error})"

Progress = Callable[[int, int, str], None]


@dataclass
class ImportStats:
    """What an import did: rows created, updated, unchanged, failed, and the records."""

    rows: Counter = field(default_factory=Counter)
    ingest: IngestStats = field(default_factory=IngestStats)
    failures: list[str] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)  # what was read but not made a record
    files: int = 0
    in_bulk: int = 0  # new rows stored BATCH at a time (bulk.py)


def _tag(row: CuratedRow) -> str:
    return "visit" if row.list_name == VISITS else "trip"


def _demonyms() -> dict[str, str]:
    """One-word names and demonyms of countries ('russian' -> RU), for the remarks."""
    found: dict[str, set[str]] = {}
    for code, name, aliases in Country.objects.filter(historical=False).values_list(
        "code", "name_en", "aliases"
    ):
        for word in [name, *aliases]:
            key = name_key(word)
            if key and " " not in key:
                found.setdefault(key, set()).add(code)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


class RowReader:
    """Turns one CuratedRow into a Source and an Extraction, or a RowError."""

    def __init__(self, *, rows: list[CuratedRow], slugs: dict, demonyms: dict[str, str]):
        self.slugs = slugs
        self.demonyms = demonyms
        self.notes: Counter = Counter()
        # A traveller's first and last name ('Antony Blinken') is an alias only when no
        # other traveller shares it (two George Bushes).
        names = {traveller_name(r.person) for r in rows if r.list_name != VISITS}
        shorts = Counter(short_name(n) for n in names if short_name(n))
        self.shorts = {n: short_name(n) for n in names if shorts.get(short_name(n)) == 1}
        self.visitors = self._visitors(rows)

    def _visitors(self, rows: list[CuratedRow]) -> dict[tuple[str, str], dict[str, list]]:
        """(country, a first or last name) -> full name -> the days it visited the US:
        the visits list names heads in full, so that "President Mubarak" met abroad
        can be Hosni Mubarak."""
        found: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
        for row in rows:
            if row.list_name != VISITS:
                continue
            named = visitor_parse(row.person)
            code = slug_code(self.slugs, row.slug, row.start)
            if named is None or code is None or len(named.name.split()) < 2:
                continue
            words = [w for w in name_key(named.name).split() if len(w) > 1]
            for word in {words[0], words[-1]} if words else ():
                found[(code, word)].setdefault(named.name, []).append(row.start)
        return found

    def full_name(self, named: Named, *, country: str, day) -> str | None:
        """The one visitor of the visits list a surname met on `day` can be: a head of
        state or government of that country, named so, who visited the US within
        SURNAME_YEARS of that day. None when there is none, or more than one."""
        if visitor_role(named.office) != "head":
            return None
        names = self.visitors.get((named.country or country, name_key(named.name)), {})
        window = dt.timedelta(days=365 * SURNAME_YEARS)
        near = {
            full for full, days in names.items() if min(days) - window <= day <= max(days) + window
        }
        return near.pop() if len(near) == 1 else None

    def code(self, row: CuratedRow) -> str:
        code = slug_code(self.slugs, row.slug, row.start)
        if code is None:
            raise RowError(
                f"{row.where}: {_tag(row)} #{row.id}: country slug {row.slug!r} is not in "
                f"{SLUGS.relative_to(SHIPPED.parents[1])}"
            )
        if code == HOME:
            raise RowError(
                MSG_NOT_TO_ITSELF.format(
                    where=row.where, list=_tag(row), id=row.id, slug=row.slug, day=row.start
                )
            )
        return code

    def read(self, row: CuratedRow) -> tuple[Source, Extraction]:
        if row.list_name == VISITS:
            text, visit, meetings = self._visit(row)
        else:
            text, visit, meetings = self._trip(row)
        document = Document(body=text, title=row.person[:500], language="en", url=row.url)
        digest = hashlib.sha256(
            f"{CURATED_VERSION}\n{row.source_name}\n{row.slug}\n{text}".encode()
        ).hexdigest()
        source = Source(
            name=row.source_name,
            path=f"{DATASET}/{row.where.rsplit(':', 1)[0]}",
            where=row.where,
            document=document,
            content_hash=digest,
        )
        extraction = Extraction(document=document, visits=(visit,), meetings=tuple(meetings))
        return source, extraction

    @staticmethod
    def _day(value) -> FuzzyDate:
        return FuzzyDate(year=value.year, month=value.month, day=value.day)

    def _visit(self, row: CuratedRow):
        code = self.code(row)
        named = visitor_parse(row.person)
        if named is None:
            raise RowError(MSG_NO_VISITOR.format(where=row.where, id=row.id, person=row.person))
        head = f"{row.person} ({row.country_label or row.slug}) visited the United States"
        head += f" from {row.start.isoformat()} to {row.end.isoformat()}."
        text = f"{head} {row.text}".strip()
        person = self._person(named, country=code)
        visit = VisitRecord(
            key=f"visit:{code}>{HOME}",
            visitor_country=code,
            host_country=HOME,
            visitor=person,
            kind=visit_kind(row.text),
            start=self._day(row.start),
            end=self._day(row.end),
            cities=(),
            invited_by=None,
            confidence=1.0,
            evidence=(Evidence(start=0, end=len(head), text=head),),
        )
        return text, visit, []

    @staticmethod
    def _person(named: Named, *, country: str) -> Person:
        return Person(
            name=named.name,
            country=named.country or country,
            office=named.office or None,
            office_kind=named.office_kind,
            honorific=named.honorific,
        )

    def _trip(self, row: CuratedRow):
        code = self.code(row)
        if row.role not in TRAVELLER_OFFICES:
            raise RowError(MSG_ROLE.format(where=row.where, id=row.id, role=row.role))
        office, kind = TRAVELLER_OFFICES[row.role]
        name = traveller_name(row.person)
        short = self.shorts.get(name)
        traveller = Person(
            name=name,
            country=HOME,
            office=office,
            office_kind=kind,
            aliases=(short,) if short else (),
        )
        cities = cities_of(row.locale)
        where = ", ".join([row.locale, row.country_label] if row.locale else [row.country_label])
        head = f"{office} {name} travelled to {where or row.slug}"
        head += f" from {row.start.isoformat()} to {row.end.isoformat()}."
        text = f"{head} {row.text}".strip()
        key = f"visit:{HOME}>{code}"
        visit = VisitRecord(
            key=key,
            visitor_country=HOME,
            host_country=code,
            visitor=traveller,
            kind=visit_kind(row.text),
            start=self._day(row.start),
            end=self._day(row.end),
            cities=tuple(cities),
            invited_by=None,
            confidence=1.0,
            evidence=(Evidence(start=0, end=len(head), text=head),),
        )
        meetings = []
        remarks = (len(head) + 1, len(text))
        for named in people_met(row.text, demonyms=self.demonyms):
            if len(named.name.split()) < 2:
                # "President Lee": a surname alone names no one person across decades,
                # unless the visits list knows one head of that name at the time.
                full = self.full_name(named, country=code, day=row.start)
                if full is None:
                    self.notes["people met named by a surname only (no meeting made)"] += 1
                    continue
                named = replace(named, name=full)
                self.notes["people met by surname, named from the visits list"] += 1
            other = self._person(named, country=code)
            meetings.append(
                MeetingRecord(
                    key=f"meeting:meeting:{name_key(name)}|{name_key(named.name)}",
                    # A trip of several days does not say on which one they met.
                    date=self._day(row.start) if row.start == row.end else None,
                    kind="meeting",
                    participants=(traveller, other),
                    country=code,
                    city=cities[0] if len(cities) == 1 else None,
                    venue=None,
                    visit_key=key,
                    confidence=1.0,
                    evidence=(Evidence(start=remarks[0], end=remarks[1], text=row.text),),
                )
            )
        return text, visit, meetings


def curated_import(
    *, path: Path, progress: Progress | None = None, dry_run: bool = False, bulk: bool = True
) -> ImportStats:
    """Import the State Department's visits and travels under `path`. A row whose
    text is unchanged is passed over; a changed one is written again, keeping what
    editors did; each row is stored in its own transaction. New rows that nothing
    stored can match are stored BATCH at a time (bulk.py: the same records)."""
    progress = progress or (lambda done, total, name: None)
    stats = ImportStats()
    read: Read = rows_read(path=path)
    stats.files = read.files
    stats.failures.extend(read.errors)
    stats.rows["failed"] += len(read.errors)
    reader = RowReader(rows=read.rows, slugs=slugs_load(path=SLUGS), demonyms=_demonyms())
    known = dict(
        Article.objects.filter(kind=SourceKind.CURATED).values_list("source_name", "content_hash")
    )
    leaders = LeaderBook(stats.ingest)
    total = len(read.rows)

    def work():
        done = 0
        for start in range(0, total, BATCH):
            batch = []
            for row in read.rows[start : start + BATCH]:
                item = _read(row, reader=reader, known=known, stats=stats)
                if item is not None:
                    batch.append(item)
            fresh = [it for it in batch if it[1].name not in known]
            rest = [it for it in batch if it[1].name in known]
            if bulk and fresh:
                try:
                    left = bulk_store(fresh, stats=stats.ingest)
                except DatabaseError:
                    left = fresh  # one by one, so that a bad row takes only itself down
                stats.rows["created"] += len(fresh) - len(left)
                stats.in_bulk += len(fresh) - len(left)
                rest = left + rest
            else:
                rest = fresh + rest
            for row, source, extraction in rest:
                _store(row, source, extraction, leaders=leaders, stats=stats)
            done = min(total, start + BATCH)
            progress(done, total, read.rows[done - 1].where)

    if dry_run:
        try:
            with transaction.atomic():
                work()
                raise _DryRun
        except _DryRun:
            pass
    else:
        work()
    stats.notes.update(reader.notes)
    return stats


class _DryRun(Exception):
    pass


def _read(row: CuratedRow, *, reader: RowReader, known: dict, stats) -> tuple | None:
    """(row, Source, Extraction) of a row to store; None when it failed or is unchanged."""
    try:
        source, extraction = reader.read(row)
    except RowError as exc:
        stats.rows["failed"] += 1
        stats.failures.append(str(exc))
        return None
    if known.get(source.name) == source.content_hash:
        stats.rows["unchanged"] += 1
        return None
    return row, source, extraction


def _store(row: CuratedRow, source, extraction, *, leaders: LeaderBook, stats) -> None:
    """One row through the news writer, in its own transaction."""
    try:
        state = article_store(
            source=source,
            extraction=extraction,
            stats=stats.ingest,
            leaders=leaders,
            kind=SourceKind.CURATED,
        )
    except DatabaseError as exc:
        leaders.forget()
        stats.rows["failed"] += 1
        error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        stats.failures.append(
            MSG_STORE.format(where=row.where, list=_tag(row), id=row.id, error=error)
        )
        return
    key = {"new": "created", "unchanged": "unchanged"}.get(state, "updated")
    stats.rows[key] += 1
