"""A record's fields, worked out from what its evidence claims now.

Every Evidence row carries the claim its article makes about the record (kind,
dates, people, places). After an ingest, a re-extraction or an editor's merge,
`records_recompute` sets each touched record's fields from the claims of all the
articles that support it, in an order that does not depend on which article was
read first, and never writes a field an editor corrected. So a record is a
function of the articles and the editors' work: restoring an article restores its
records, and re-extracting unchanged articles changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from visits.models import (
    Agreement,
    Article,
    Evidence,
    Leader,
    Meeting,
    MergedAway,
    Participation,
    SourceKind,
    Visit,
    VisitorRole,
    fold,
)
from visits.services.matching import near, visit_hosting, with_year

VISIT_KIND_RANK = ("state", "official", "working")
MEETING_KIND_RANK = ("talks", "reception", "call")


@dataclass(frozen=True)
class Claim:
    """One article's claim about one record (one (article, record_key) pair)."""

    article_id: int
    order: tuple  # a stable order that does not depend on when the article was read
    values: dict
    source: str = "news"  # the article's kind: news, or a row of a curated list


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _claim_sql(branches: tuple[tuple[str, str], ...]) -> str:
    """The evidence rows (branch, article, its name, record key, start, claim, its kind)
    of each branch (a join, a condition on one parameter), with a claim, ordered by
    branch, name, key and start. Written once: the ORM compiled these for every record
    of every article, longer than they take to run."""
    ev, art = Evidence._meta.db_table, Article._meta.db_table
    parts = [
        f"SELECT {n} AS branch, e.article_id, a.source_name, e.record_key, e.start, e.claim,"
        f" a.kind FROM {ev} e JOIN {art} a ON a.id = e.article_id {join}"
        f" WHERE {where} = %s AND e.claim <> '{{}}'::jsonb"
        for n, (join, where) in enumerate(branches)
    ]
    return " UNION ALL ".join(parts) + " ORDER BY 1, 3, 4, 5"


_OWN_CLAIMS_SQL = {
    model: _claim_sql((("", f"e.{model.__name__.lower()}_id"),))
    for model in (Visit, Meeting, Agreement)
}
_VISIT_CLAIMS_SQL = _claim_sql(
    (
        ("", "e.visit_id"),
        (f"JOIN {Meeting._meta.db_table} m ON m.id = e.meeting_id", "m.visit_id"),
        (f"JOIN {Agreement._meta.db_table} g ON g.id = e.agreement_id", "g.visit_id"),
    )
)


def _claim_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # jsonb comes as text (Django reads it so); the claims as JSONField gives them.
    return [(*r[:5], json.loads(r[5]) if isinstance(r[5], str) else r[5], r[6]) for r in rows]


def claims_of(record) -> list[Claim]:
    """The record's claims, one per (article, record_key), in a content-based order."""
    return _claims(_claim_rows(_OWN_CLAIMS_SQL[type(record)], [record.pk]))


def _claims(rows: Iterable[tuple]) -> list[Claim]:
    """Claims from evidence rows (_claim_sql's columns) sorted by name, key and start."""
    seen, out = set(), []
    for _branch, article_id, name, key, _start, claim, kind in rows:
        if (article_id, key) in seen:
            continue
        seen.add((article_id, key))
        out.append(Claim(article_id=article_id, order=(name, key), values=claim, source=kind))
    return out


def _visit_claims(visit: Visit) -> tuple[list[Claim], list[str]]:
    """A visit's claims (as claims_of gives them) and the settled days its meetings' and
    agreements' claims give, in one query: three indexed branches, UNION ALL."""
    rows = _claim_rows(_VISIT_CLAIMS_SQL, [visit.pk] * 3)
    own = [r for r in rows if r[0] == 0]
    events = [r[5]["date"] for r in rows if r[0] and r[5].get("date") and r[5].get("settled")]
    return _claims(own), events


def _mode(values: Iterable, *, rank: tuple = ()) -> object | None:
    """The most frequent value; ties go to `rank` order, then to the smallest value."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None

    def key(item):
        value, n = item
        position = rank.index(value) if value in rank else len(rank)
        return (-n, position, str(value))

    return sorted(counts.items(), key=key)[0][0]


_MERGES_SEEN_SQL = f"SELECT count(id), max(id) FROM {MergedAway._meta.db_table} WHERE kind = %s"


class LeaderMap:
    """Leader ids as claims hold them, followed through editors' merges.

    An ingest run keeps one (LeaderBook.leader_map) and calls `refresh()` in each
    article's transaction: the merges are read again only when an editor merged
    leaders since, so an article costs one small query here instead of one per leader."""

    def __init__(self):
        self._seen: tuple | None = None
        self.moved: dict[int, int] = {}
        self._exists: dict[int, bool] = {}
        self.refresh()

    def refresh(self) -> bool:
        """Read the merges again if they changed (and forget which leaders exist).
        Returns whether they changed."""
        with connection.cursor() as cursor:  # once an article: written, not compiled
            cursor.execute(_MERGES_SEEN_SQL, [MergedAway.Kind.LEADER])
            seen = tuple(cursor.fetchone())
        if seen == self._seen:
            return False
        merges = MergedAway.objects.filter(kind=MergedAway.Kind.LEADER)
        self._seen = seen
        self.moved = dict(merges.values_list("old_id", "new_id"))
        self._exists = {}
        return True

    def forget(self) -> None:
        """After a rolled-back article: what it looked up may be gone with it."""
        self._exists = {}

    def known(self, pk: int) -> None:
        """A leader this transaction just created exists."""
        self._exists[pk] = True

    def __call__(self, pk: int | None) -> int | None:
        if pk is None:
            return None
        pk = self.moved.get(pk, pk)
        if pk not in self._exists:
            self._exists[pk] = Leader.objects.filter(pk=pk).exists()
        return pk if self._exists[pk] else None


# --- Visits ---


def visit_values(claims: list[Claim], leaders: LeaderMap, *, events: Iterable[str] = ()) -> dict:
    """A visit's fields from its claims (only those the claims say something about).

    `events`: settled days of its meetings and agreements, which settle the year of
    a visit no report has given a year to. A curated list's row, when the visit has
    one, gives the dates and the kind; where the news says otherwise, both are kept
    in `disagreement`."""
    values: dict = {}
    if not claims:
        return values
    cs = [c.values for c in claims]
    values["visitor_leader_id"] = _mode(leaders(c.get("leader")) for c in cs)
    curated = [c.values for c in claims if c.source == SourceKind.CURATED]
    news = [c.values for c in claims if c.source != SourceKind.CURATED]
    values.update(_visit_when(curated or cs, events))
    told = _visit_when(news, events) if curated else {}
    if values["kind"] == "other" and told.get("kind"):
        values["kind"] = told["kind"]  # the list names no kind ("Private visit."): the news'
    values["disagreement"] = _disagreement(values, told) if curated else {}
    values["cities"] = list(dict.fromkeys(city for c in cs for city in c.get("cities") or ()))
    values["invited_by"] = _mode(c.get("invited_by") for c in cs) or ""
    values["visitor_office"] = _mode(c.get("office") for c in curated or cs) or ""
    values["visitor_role"] = visitor_role(values["visitor_office"])
    values["confidence"] = max(float(c.get("confidence", 0.0)) for c in cs)
    return values


def _disagreement(kept: dict, news: dict) -> dict:
    """What the news says of a curated visit's days and kind, where it differs."""
    out = {}
    if news.get("start") and news.get("year_settled"):
        for name in ("start", "end"):
            if news[name] != kept.get(name):
                out[name] = {"curated": iso(kept.get(name)), "news": iso(news[name])}
    # A summit attended is what the list says it was, whatever the news calls the trip.
    if (
        news.get("kind") not in (None, "other")
        and kept.get("kind") != "summit"
        and news["kind"] != kept.get("kind")
    ):
        out["kind"] = {"curated": kept.get("kind"), "news": news["kind"]}
    return out


HEAD_OFFICES = re.compile(
    r"\b(president|prime minister|premier|chancellor|king|queen|emperor|empress|sultan|emir"
    r"|amir|shah|grand duke|grand duchess|prince|princess|taoiseach|governor general"
    r"|chief of state|head of state|head of government|chairman|general secretary|pope"
    r"|captain regent|regent|supreme leader|chief executive|monarch)\b"
)


def visitor_role(office: str) -> str:
    """Whether an office is a head of state or government's, a minister's or another.

    >>> visitor_role("Prime Minister"), visitor_role("Secretary of State")
    ('head', 'minister')
    """
    key = fold(office or "")
    if not key:
        return ""
    if re.search(r"\b(deputy|vice|senate|parliament|assembly|speaker)\b", key):
        return VisitorRole.OTHER
    if re.search(r"\bminister\b", key) and "prime minister" not in key:
        return VisitorRole.MINISTER
    if re.search(r"\b(secretary of state|foreign secretary)\b", key):
        return VisitorRole.MINISTER
    return VisitorRole.HEAD if HEAD_OFFICES.search(key) else VisitorRole.OTHER


def _visit_when(cs: list[dict], events: Iterable[str]) -> dict:
    """A visit's days and kind from some of its claims."""
    values: dict = {}
    if not cs:
        return values
    kinds = (c.get("kind") for c in cs if c.get("kind") != "other")
    values["kind"] = _mode(kinds, rank=VISIT_KIND_RANK) or "other"
    dated = [c for c in cs if c.get("start")]
    settled = [c for c in dated if c.get("settled")]
    use = settled or dated
    if use:
        by_day = [c for c in use if c.get("start_p") == "day"] or use
        first = min(by_day, key=lambda c: (c["start"], c.get("start_p", "")))
        start = day(first["start"])
        ends = [(day(c.get("end") or c["start"]), c.get("end_p") or c.get("start_p")) for c in use]
        end, end_p = max(ends, key=lambda e: (e[0], e[1] or ""))
        values.update(
            start=start,
            start_precision=first.get("start_p") or "day",
            end=max(end, start),
            end_precision=end_p or "day",
            year_settled=bool(settled),
        )
    else:
        values.update(start=None, end=None, year_settled=True)
    # A report with no day of its own settles the year of an undated-year visit.
    anchors = sorted(c["anchor"] for c in cs if c.get("anchor")) or sorted(events)
    if values.get("start") and not values["year_settled"] and anchors:
        anchor = day(anchors[0])
        values["start"] = with_year(values["start"], anchor)
        values["end"] = with_year(values["end"], anchor)
        if values["end"] < values["start"]:
            values["end"] = with_year(values["end"], values["start"])
        values["year_settled"] = True
    return values


def visit_fits(claim: dict, others: dict) -> bool:
    """Whether an article's claim still describes the visit the other claims make."""
    if not others:
        return True
    theirs = others.get("visitor_leader_id")
    if claim.get("leader") and theirs and claim["leader"] != theirs:
        return False
    start = day(claim.get("start"))
    if start is None or others.get("start") is None:
        return True
    both = bool(claim.get("settled")) and others.get("year_settled", True)
    lo, hi = others["start"], others.get("end") or others["start"]
    end = day(claim.get("end")) or start
    if both:
        return not (end < lo - dt.timedelta(days=3) or start > hi + dt.timedelta(days=3))
    return near(start, lo, settled=False) or near(start, hi, settled=False)


# --- Meetings and agreements ---


def _visit_of(claim: Claim, visits: dict) -> int | None:
    """The visit the claim's own article puts the record in. (A meeting reported on its
    own is given the visit that hosts it when it is recomputed, never the visit that
    hosted it once: that visit may have moved since.)"""
    key = claim.values.get("visit_key")
    if key:
        return visits.get((claim.article_id, key))
    return None


_VISIT_IDS_SQL = (
    f"SELECT article_id, record_key, visit_id FROM {Evidence._meta.db_table}"
    " WHERE article_id = ANY(%s::bigint[]) AND record_key = ANY(%s::text[])"
    " AND visit_id IS NOT NULL"
)


def _visit_ids(claims: list[Claim]) -> dict:
    """(article, visit record_key) -> the visit that evidence points to now."""
    wanted = {(c.article_id, c.values["visit_key"]) for c in claims if c.values.get("visit_key")}
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            _VISIT_IDS_SQL, [sorted({a for a, _ in wanted}), sorted({k for _, k in wanted})]
        )
        return {(a, k): v for a, k, v in cursor.fetchall()}


def _dated(cs: list[dict], visit: Visit | None) -> dict:
    """One day for a meeting or agreement: the settled days first, by precision."""
    dated = [c for c in cs if c.get("date")]
    settled = [c for c in dated if c.get("settled")]
    if settled:
        best = [c for c in settled if c.get("precision") == "day"] or settled
        value = _mode(c["date"] for c in best)
        precision = next(c.get("precision") for c in best if c["date"] == value)
        return {"date": day(value), "date_precision": precision or "day", "year_settled": True}
    if dated:
        value = _mode(c["date"] for c in dated)
        precision = next(c.get("precision") for c in dated if c["date"] == value)
        if visit is not None and visit.year_settled and visit.start:
            return {
                "date": with_year(day(value), visit.start),
                "date_precision": precision or "day",
                "year_settled": True,
            }
        return {"date": day(value), "date_precision": precision or "day", "year_settled": False}
    return {"date": None, "year_settled": True}


def _visit_get(pk: int | None, visits: dict[int, Visit] | None) -> Visit | None:
    """The visit `pk`, from those already up to date in this transaction when it is there."""
    if not pk:
        return None
    if visits and pk in visits:
        return visits[pk]
    return Visit.objects.filter(pk=pk).first()


def meeting_values(
    claims: list[Claim], leaders: LeaderMap, *, visits: dict[int, Visit] | None = None
) -> tuple[dict, dict[int, str]]:
    """A meeting's fields and its participants (leader id -> office) from its claims."""
    values: dict = {}
    people: dict[int, str] = {}
    if not claims:
        return values, people
    cs = [c.values for c in claims]
    kinds = [c.get("kind") for c in cs]
    values["kind"] = _mode(
        (k for k in kinds if k not in ("other", "meeting")), rank=MEETING_KIND_RANK
    ) or ("meeting" if "meeting" in kinds else "other")
    values["country_id"] = _mode(c.get("country") for c in cs)
    values["city"] = _mode(c.get("city") for c in cs) or ""
    values["venue"] = _mode(c.get("venue") for c in cs) or ""
    where = _visit_ids(claims)
    values["visit_id"] = _mode(_visit_of(c, where) for c in claims)
    visit = _visit_get(values["visit_id"], visits)
    if visit is None:
        values["visit_id"] = None
    values.update(_dated(cs, visit))
    for c in cs:
        for pk, office in c.get("participants") or ():
            pk = leaders(pk)
            if pk is not None and not people.get(pk):
                people[pk] = office or ""
    if values["visit_id"] is None and values["date"] is not None:
        hosting = visit_hosting(
            ids=sorted(people),
            date=values["date"],
            settled=values["year_settled"],
            country=values["country_id"],
        )
        if hosting is not None:
            # The visit it happened during; its year settles the meeting's.
            values["visit_id"] = hosting.pk
            values.update(_dated(cs, hosting))
    values["confidence"] = max(float(c.get("confidence", 0.0)) for c in cs)
    return values, people


def agreement_values(claims: list[Claim], *, visits: dict[int, Visit] | None = None) -> dict:
    values: dict = {}
    if not claims:
        return values
    cs = [c.values for c in claims]
    where = _visit_ids(claims)
    values["visit_id"] = _mode(_visit_of(c, where) for c in claims)
    visit = _visit_get(values["visit_id"], visits)
    if visit is None:
        values["visit_id"] = None
    titles = Counter(c.get("title") for c in cs if c.get("title"))
    values["title"] = (
        sorted(titles.items(), key=lambda t: (-t[1], -len(t[0]), t[0]))[0][0] if titles else ""
    )
    counts = [c.get("document_count") for c in cs if c.get("document_count")]
    values["document_count"] = max(counts) if counts else None
    values.update(_dated(cs, visit))
    values["confidence"] = max(float(c.get("confidence", 0.0)) for c in cs)
    return values


def dated_fits(claim: dict, others: dict, *, slack: int) -> bool:
    """Whether a meeting's or agreement's claim still describes the record the others make."""
    mine, theirs = day(claim.get("date")), others.get("date")
    if not others or mine is None or theirs is None:
        return True
    both = bool(claim.get("settled")) and others.get("year_settled", True)
    return near(mine, theirs, settled=both, slack=slack)


# --- Writing ---


def _apply(record, values: dict, stats: Counter | None = None) -> bool:
    """Set the values an editor did not correct; save when something changed."""
    changed, kept = [], False
    for name, value in values.items():
        field = name[:-3] if name.endswith("_id") else name
        if field in record.corrected_fields or name in record.corrected_fields:
            kept = kept or getattr(record, name) != value
            continue
        if field == "end" and "start" in record.corrected_fields and value is not None:
            start = record.start
            if start is not None and value < start:
                continue
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    if (
        isinstance(record, Visit)
        and record.start is not None
        and record.end is not None
        and record.end < record.start
    ):
        record.end = record.start
        changed.append("end")
    if kept and stats is not None:
        stats["kept (editor)"] += 1
    if changed:
        record.save()
    return bool(changed)


def visit_recompute(visit: Visit, leaders: LeaderMap, stats: Counter | None = None) -> bool:
    claims, events = _visit_claims(visit)
    if not claims:
        return False
    return _apply(visit, visit_values(claims, leaders, events=events), stats)


def meeting_recompute(
    meeting: Meeting,
    leaders: LeaderMap,
    stats: Counter | None = None,
    *,
    visits: dict[int, Visit] | None = None,
) -> bool:
    """`visits`: visits already up to date in this transaction, by pk (not read again)."""
    claims = claims_of(meeting)
    if not claims:
        return False
    values, people = meeting_values(claims, leaders, visits=visits)
    changed = _apply(meeting, values, stats)
    if "participants" in meeting.corrected_fields or not people:
        return changed
    have = getattr(meeting, "people_now", None)  # records_recompute read them with it
    if have is None:
        have = Participation.objects.filter(meeting=meeting).values_list("leader_id", flat=True)
    have = set(have) - {None}
    gone = [pk for pk in have if pk not in people]
    if gone:
        Participation.objects.filter(meeting=meeting, leader_id__in=gone).delete()
    new = [pk for pk in people if pk not in have]
    Participation.objects.bulk_create(
        [Participation(meeting=meeting, leader_id=pk, office=people[pk][:200]) for pk in new]
    )
    return changed or bool(gone or new)


def agreement_recompute(
    agreement: Agreement,
    stats: Counter | None = None,
    *,
    visits: dict[int, Visit] | None = None,
) -> bool:
    claims = claims_of(agreement)
    if not claims:
        return False
    return _apply(agreement, agreement_values(claims, visits=visits), stats)


# The meetings records_recompute works out again: those named, those of the visits, and
# those no visit holds yet of a visitor whose visit changed (it may host them now), with
# the leaders taking part now (`people_now`). Written once, not compiled per article.
_MEETINGS_SQL = (
    f"SELECT m.*, COALESCE((SELECT array_agg(p.leader_id) FROM {Participation._meta.db_table} p"
    " WHERE p.meeting_id = m.id), '{}') AS people_now"
    f" FROM {Meeting._meta.db_table} m"
    " WHERE m.id = ANY(%s::bigint[]) OR m.visit_id = ANY(%s::bigint[])"
    " OR (m.visit_id IS NULL AND m.id IN"
    f" (SELECT meeting_id FROM {Participation._meta.db_table}"
    " WHERE leader_id = ANY(%s::bigint[])))"
    " ORDER BY m.id"
)
_AGREEMENTS_SQL = (
    f"SELECT g.* FROM {Agreement._meta.db_table} g"
    " WHERE g.id = ANY(%s::bigint[]) OR g.visit_id = ANY(%s::bigint[]) ORDER BY g.id"
)


def records_recompute(
    *,
    visits: Iterable[int] = (),
    meetings: Iterable[int] = (),
    agreements: Iterable[int] = (),
    stats: Counter | None = None,
    leaders: LeaderMap | None = None,
    loaded: Iterable[Visit] = (),
) -> dict[str, set[int]]:
    """Recompute the records named (by pk) and the meetings and agreements of their
    visits, visits first. Returns the pks recomputed, by kind. `leaders`: the map the
    caller already holds in this transaction (its lookups are then not made again)."""
    leaders = leaders or LeaderMap()
    visit_ids = set(visits)
    # Visits the caller read or made in this transaction, under the ingest lock: current,
    # so not read again. (The stored columns they may lack are the triggers' to set.)
    have = {v.pk: v for v in loaded if v.pk in visit_ids}
    read = visit_ids - set(have)
    rows = list(Visit.objects.filter(pk__in=read)) if read else []
    done: dict[int, Visit] = {}
    for visit in sorted([*have.values(), *rows], key=lambda v: v.pk):
        visit_recompute(visit, leaders, stats)
        done[visit.pk] = visit
    done_visits = set(done)
    # The meetings named, those of the visits, and those no visit holds yet of a visitor
    # whose visit changed (it may host them now): one query.
    travellers = {v.visitor_leader_id for v in done.values() if v.visitor_leader_id}
    found = []
    if meetings or done:
        ids = [sorted(set(meetings)), sorted(done_visits), sorted(travellers)]
        found = list(Meeting.objects.raw(_MEETINGS_SQL, ids))
    meeting_ids = {m.pk for m in found}
    for meeting in found:
        meeting_recompute(meeting, leaders, stats, visits=done)
    found = []
    if agreements or done:
        ids = [sorted(set(agreements)), sorted(done_visits)]
        found = list(Agreement.objects.raw(_AGREEMENTS_SQL, ids))
    agreement_ids = {a.pk for a in found}
    for agreement in found:
        agreement_recompute(agreement, stats, visits=done)
    return {"visits": done_visits, "meetings": meeting_ids, "agreements": agreement_ids}
