"""Storing many new curated rows at once, with the same result as storing them one by
one through the writer (store.py, tests/test_curated_bulk.py).

A row goes this way only when nothing stored can be another report of its records: a
new article, no stored visit of the same pair near its days, no meeting of its people
near its day, no visit-less meeting of its traveller, no other row of the batch that
is the same trip. Every other row is handed back to be stored one by one, where the
writer's matching decides."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from visits.extraction import EXTRACTOR_VERSION, Extraction, Person
from visits.models import (
    Article,
    ArticleStatus,
    Evidence,
    Leader,
    Meeting,
    Office,
    Participation,
    SourceKind,
    Visit,
    fold,
)
from visits.services.claims import Claim, LeaderMap, iso, visit_values
from visits.services.ingest import _lock
from visits.services.leaders import LeaderBook
from visits.services.sources import Source

SLACK = dt.timedelta(days=3)


class LeaderIndex:
    """Every leader by each folded spelling, in memory, for one import: finds a person
    as LeaderBook.get does, and says when it would learn something (then the row goes
    one by one)."""

    def __init__(self):
        self.by_key: dict[str, list[tuple[bool, int, str | None]]] = defaultdict(list)
        rows = Leader.objects.values_list("pk", "name_key", "alias_keys", "country_id", "known")
        for pk, key, aliases, country, known in rows:
            for k in {key, *aliases}:
                self.by_key[k].append((known, pk, country))
        self.names: dict[int, set[str]] = defaultdict(set)
        for pk, key, aliases, _, _ in rows:
            self.names[pk] = {key, *aliases}
        self.countries = {pk: country for pk, _, _, country, _ in rows}

    def find(self, person: Person) -> int | None:
        keys = {fold(n) for n in [person.name, *person.aliases]}
        found = {c for k in keys for c in self.by_key.get(k, ())}
        if person.country:
            found = {c for c in found if c[2] in (person.country, None)}
        if not found:
            return None
        return sorted(found, key=lambda c: (not c[0], c[1]))[0][1]

    def would_learn(self, pk: int, person: Person) -> bool:
        spellings = [*LeaderBook._aliases(person), person.name]
        new = [a for a in spellings if fold(a) not in self.names[pk] and len(a.split()) >= 2]
        return bool(new) or (self.countries.get(pk) is None and bool(person.country))

    def add(self, leader: Leader) -> None:
        for k in {leader.name_key, *leader.alias_keys}:
            self.by_key[k].append((leader.known, leader.pk, leader.country_id))
        self.names[leader.pk] = {leader.name_key, *leader.alias_keys}
        self.countries[leader.pk] = leader.country_id


def _people(extraction: Extraction) -> list[Person]:
    people = [v.visitor for v in extraction.visits if v.visitor]
    return people + [p for m in extraction.meetings for p in m.participants]


def _pkey(person: Person) -> tuple:
    return (fold(person.name), person.country)


def _leaders(items, index: LeaderIndex, stats) -> tuple[dict, set[int]]:
    """Leader ids for every person of the batch, creating those nobody knows; and the
    positions of the items whose people would teach a known leader something."""
    found: dict[tuple, int] = {}
    learn: set[int] = set()
    new: dict[tuple, Person] = {}
    for i, (_, _, extraction) in enumerate(items):
        for person in _people(extraction):
            key = _pkey(person)
            if key in found or key in new:
                continue
            pk = index.find(person)
            if pk is None:
                new[key] = person
            elif index.would_learn(pk, person):
                learn.add(i)
            else:
                found[key] = pk
    leaders = []
    for person in new.values():
        aliases = LeaderBook._aliases(person)
        leaders.append(
            Leader(
                name=person.name,
                name_key=fold(person.name),
                alias_keys=sorted({fold(a) for a in [person.name, *aliases] if fold(a)}),
                country_id=person.country,
                honorific=person.honorific or "",
                aliases=aliases,
            )
        )
    leaders = bulk_create_with_history(leaders, Leader)
    offices = []
    for leader, person in zip(leaders, new.values(), strict=True):
        index.add(leader)
        found[_pkey(person)] = leader.pk
        if person.office and person.office_kind:
            offices.append(
                Office(
                    leader=leader,
                    kind=person.office_kind,
                    title=person.office[:200],
                    country_id=person.country,
                )
            )
    bulk_create_with_history(offices, Office)
    stats.records["leaders created"] += len(leaders)
    return found, learn


def _blocked(items, leader_ids: dict) -> set[int]:
    """Items a stored visit, or an earlier item of the batch, may be another report of:
    the same pair near its days, by the same visitor or one not known (visit_find)."""
    blocked: set[int] = set()
    visits = [(i, ex.visits[0]) for i, (_, _, ex) in enumerate(items)]
    pairs = {(v.visitor_country, v.host_country) for _, v in visits}
    days = [v.start for _, v in visits]
    lo = min(dt.date(d.year, d.month, d.day) for d in days) - dt.timedelta(days=40)
    hi = max(dt.date(d.year, d.month, d.day) for d in days) + dt.timedelta(days=40)
    stored = defaultdict(list)
    open_pairs = set()
    rows = Visit.objects.filter(
        visitor_country_id__in={a for a, _ in pairs}, host_country_id__in={b for _, b in pairs}
    )
    for a, b, start, end, settled, leader in rows.values_list(
        "visitor_country_id", "host_country_id", "start", "end", "year_settled", "visitor_leader_id"
    ):
        if start is None or not settled:
            open_pairs.add((a, b))
        elif lo <= start <= hi:
            stored[(a, b)].append((start, end or start, leader))
    seen = defaultdict(list)
    for i, v in visits:
        pair = (v.visitor_country, v.host_country)
        who = leader_ids.get(_pkey(v.visitor)) if v.visitor else None
        start = dt.date(v.start.year, v.start.month, v.start.day)
        end = dt.date(v.end.year, v.end.month, v.end.day) if v.end else start
        near = [
            (a, b)
            for a, b, leader in stored[pair] + seen[pair]
            if not (end < a - SLACK or start > b + SLACK)
            and (leader is None or who is None or leader == who)
        ]
        if pair in open_pairs or near:
            blocked.add(i)
        seen[pair].append((start, end, who))
    return blocked


def _blocked_meetings(items, leader_ids: dict) -> set[int]:
    """Items with a meeting that a stored meeting may be, or whose traveller has a
    stored meeting no visit holds (the new visit could host it)."""
    blocked: set[int] = set()
    ids = set(leader_ids.values())
    loose = set(
        Participation.objects.filter(meeting__visit=None, leader_id__in=ids).values_list(
            "leader_id", flat=True
        )
    )
    dated = defaultdict(set)
    for leader, day in Participation.objects.filter(
        leader_id__in=ids, meeting__date__isnull=False
    ).values_list("leader_id", "meeting__date"):
        dated[leader].add(day)
    batch = set()
    for i, (_, _, ex) in enumerate(items):
        visitor = ex.visits[0].visitor
        if visitor and leader_ids.get(_pkey(visitor)) in loose:
            blocked.add(i)
        if any(_pkey(p) not in leader_ids for p in _people(ex)):
            blocked.add(i)  # a known leader it would teach a spelling: one by one
            continue
        for m in ex.meetings:
            if m.date is None:
                continue
            day = dt.date(m.date.year, m.date.month, m.date.day)
            people = frozenset(leader_ids[_pkey(p)] for p in m.participants)
            near = {day + dt.timedelta(days=k) for k in (-1, 0, 1)}
            if sum(1 for pk in people if dated[pk] & near) >= 2 or (people, day) in batch:
                blocked.add(i)
            batch.add((people, day))
    return blocked


def bulk_store(items: list[tuple], *, stats) -> list[tuple]:
    """Store the items (row, Source, Extraction) that nothing stored can match, in one
    transaction; return the others, to be stored one by one."""
    if not items:
        return []
    with transaction.atomic():
        _lock(synchronous_commit=False)
        index = LeaderIndex()
        leader_ids, learn = _leaders(items, index, stats)
        blocked = learn | _blocked(items, leader_ids) | _blocked_meetings(items, leader_ids)
        take = [it for i, it in enumerate(items) if i not in blocked]
        _write(take, leader_ids, stats)
    return [it for i, it in enumerate(items) if i in blocked]


def _article(source: Source) -> Article:
    doc = source.document
    return Article(
        source_name=source.name,
        kind=SourceKind.CURATED,
        path=source.path,
        url=doc.url or "",
        title=(doc.title or "")[:500],
        text=doc.body,
        language=doc.language,
        content_hash=source.content_hash,
        extractor_version=EXTRACTOR_VERSION,
        status=ArticleStatus.EXTRACTED,
    )


def _day(fuzzy) -> dt.date | None:
    return dt.date(fuzzy.year, fuzzy.month, fuzzy.day) if fuzzy else None


def _write(items, leader_ids: dict, stats) -> None:
    """The records the writer would make of each item alone: the same claims, the same
    fields (visit_values of the one claim), the same evidence."""
    articles = Article.objects.bulk_create([_article(source) for _, source, _ in items])
    leaders = LeaderMap()
    visits, visit_claims, meetings, meeting_rows = [], [], [], []
    for article, (_, _, ex) in zip(articles, items, strict=True):
        rec = ex.visits[0]
        leader = leader_ids.get(_pkey(rec.visitor)) if rec.visitor else None
        start, end = _day(rec.start), _day(rec.end)
        claim = {
            "leader": leader,
            "kind": rec.kind,
            "start": iso(start),
            "start_p": "day",
            "end": iso(end),
            "end_p": "day",
            "settled": True,
            "cities": list(rec.cities),
            "invited_by": "",
            "office": (rec.visitor.office or "")[:200] if rec.visitor else "",
            "confidence": rec.confidence,
            "anchor": None,
        }
        values = visit_values(
            [Claim(article.pk, (article.source_name, rec.key), claim, SourceKind.CURATED)],
            leaders,
        )
        visits.append(
            Visit(
                visitor_country_id=rec.visitor_country, host_country_id=rec.host_country, **values
            )
        )
        visit_claims.append((article, rec, claim))
        for m in ex.meetings:
            ids = list(dict.fromkeys(leader_ids[_pkey(p)] for p in m.participants))
            offices: dict[int, str] = {}
            for person in m.participants:
                offices.setdefault(leader_ids[_pkey(person)], person.office or "")
            date = _day(m.date)
            mclaim = {
                "participants": [[pk, offices[pk][:200]] for pk in ids],
                "kind": m.kind,
                "date": iso(date),
                "precision": "day",
                "settled": True,
                "country": m.country,
                "city": m.city or "",
                "venue": m.venue or "",
                "visit_key": m.visit_key,
                "confidence": m.confidence,
            }
            meeting_rows.append((len(visits) - 1, article, m, mclaim, ids, offices))
    visits = bulk_create_with_history(visits, Visit)
    evidence = [
        Evidence(
            article=article,
            record_key=rec.key,
            start=span.start,
            end=span.end,
            sentence=span.text,
            claim=claim,
            visit=visit,
        )
        for visit, (article, rec, claim) in zip(visits, visit_claims, strict=True)
        for span in rec.evidence
    ]
    for v, _, m, _, _, _ in meeting_rows:
        meetings.append(
            Meeting(
                visit=visits[v],
                kind=m.kind,
                country_id=m.country,
                city=m.city or "",
                venue=m.venue or "",
                date=_day(m.date),
                date_precision="day",
                year_settled=True,
                confidence=m.confidence,
            )
        )
    meetings = bulk_create_with_history(meetings, Meeting)
    participations = []
    for meeting, (_, article, m, mclaim, ids, offices) in zip(meetings, meeting_rows, strict=True):
        participations += [
            Participation(meeting=meeting, leader_id=pk, office=offices[pk][:200]) for pk in ids
        ]
        evidence += [
            Evidence(
                article=article,
                record_key=m.key,
                start=span.start,
                end=span.end,
                sentence=span.text,
                claim=mclaim,
                meeting=meeting,
            )
            for span in m.evidence
        ]
    Participation.objects.bulk_create(participations)
    Evidence.objects.bulk_create(evidence)
    stats.records["created"] += len(visits) + len(meetings)
