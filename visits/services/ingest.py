"""Ingesting articles: extraction results stored as one record per real-world event.

Each article is stored in its own transaction, under a PostgreSQL advisory
lock so that two ingests running at once merge into the same records instead
of racing. Records are found first by their evidence (article, record key):
that is how a re-ingest finds what an earlier run, or an editor's merge, made
of the same sentence. Then by natural key (same countries and overlapping
days, same people on the same day, same parties and level). Fields an editor
corrected are never written; records an editor deleted are never recreated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, Max, Min, Q, When

from visits.extraction import EXTRACTOR_VERSION, Extraction, FuzzyDate, Person
from visits.extraction.records import AgreementRecord, MeetingRecord, VisitRecord
from visits.extraction.records import Evidence as EvidenceSpan
from visits.models import (
    Agreement,
    Article,
    ArticleStatus,
    Evidence,
    Leader,
    Meeting,
    Office,
    Participation,
    Partnership,
    PartnershipSource,
    Suppression,
    Visit,
    fold,
)
from visits.services.sources import Source

SLACK_DAYS = 3
REPORT_SLACK_DAYS = 7  # a report without days of its own may trail the visit by a week
_LOCK_KEY = 7_146_001  # pg_advisory_xact_lock: one article stored at a time, across processes


@dataclass
class IngestStats:
    """What an ingest run did, for the summary line."""

    articles: Counter = field(default_factory=Counter)  # new, changed, unchanged, failed, empty
    records: Counter = field(default_factory=Counter)  # created, merged, kept, suppressed, removed
    failures: list[str] = field(default_factory=list)

    def merge(self, other: IngestStats) -> None:
        self.articles.update(other.articles)
        self.records.update(other.records)
        self.failures.extend(other.failures)


# --- Dates --------------------------------------------------------------------


def _provisional(fuzzy: FuzzyDate, *, today: dt.date) -> tuple[dt.date, bool]:
    """A date for a FuzzyDate; when no year is known, the latest past occurrence, unsettled."""
    month, day = fuzzy.month or 1, fuzzy.day or 1
    if fuzzy.year is not None:
        return _safe_date(fuzzy.year, month, day), True
    year = today.year
    if (month, day) > (today.month, today.day):
        year -= 1
    return _safe_date(year, month, day), False


def _safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a provisional year
        return dt.date(year, month, 28)


def _near(a: dt.date, b: dt.date, *, settled: bool, slack: int = SLACK_DAYS) -> bool:
    """Days within `slack`; comparing month and day only when a year is unsettled."""
    if settled:
        return abs((a - b).days) <= slack
    a2 = _safe_date(2001, a.month, a.day)
    return min(abs((a2 - _safe_date(2001 + k, b.month, b.day)).days) for k in (-1, 0, 1)) <= slack


def _near_q(start: str, end: str | None, day: dt.date, settled: bool, slack: int = SLACK_DAYS) -> Q:
    """SQL prefilter for records whose days may be near `day` (checked again with _near)."""
    months = {(day + dt.timedelta(days=k)).month for k in (-slack - 31, 0, slack)}
    any_year = Q(**{f"{start}__month__in": sorted(months)})
    if not settled:
        return any_year
    lo, hi = day - dt.timedelta(days=slack), day + dt.timedelta(days=slack)
    near = Q(**{f"{start}__lte": hi})
    if end:
        near &= Q(**{f"{end}__gte": lo}) | Q(**{f"{end}": None, f"{start}__gte": lo})
    else:
        near &= Q(**{f"{start}__gte": lo})
    return near | (Q(year_settled=False) & any_year)


def _with_year(d: dt.date, anchor: dt.date) -> dt.date:
    """`d`'s month and day in the year that puts it closest to `anchor`."""
    options = [_safe_date(anchor.year + k, d.month, d.day) for k in (-1, 0, 1)]
    return min(options, key=lambda o: abs((o - anchor).days))


# --- Leaders --------------------------------------------------------------------


class LeaderBook:
    """Finds or creates the Leader for a Person, caching within one article."""

    def __init__(self, stats: IngestStats):
        self.stats = stats
        self.cache: dict[tuple, Leader] = {}

    def forget(self) -> None:
        """After a rolled-back article: leaders it created are gone."""
        self.cache.clear()

    def get(self, person: Person, *, article: Article) -> Leader:
        key = (person.known_key, fold(person.name), person.country)
        if key in self.cache:
            return self.cache[key]
        leader = None
        if person.known_key and person.known_key.isdigit():
            leader = Leader.objects.filter(pk=int(person.known_key)).first()
        if leader is None:
            names = [person.name, *person.aliases]
            candidates = Leader.objects.filter(
                Q(name_key__in=[fold(n) for n in names])
                | Q(alias_keys__overlap=[fold(n) for n in names])
            )
            if person.country:
                candidates = candidates.filter(Q(country_id=person.country) | Q(country=None))
            leader = candidates.order_by("-known", "id").first()
        if leader is None:
            leader = Leader.objects.create(
                name=person.name,
                country_id=person.country,
                honorific=person.honorific or "",
                aliases=self._aliases(person),
            )
            self.stats.records["leaders created"] += 1
            if person.office and person.office_kind:
                Office.objects.get_or_create(
                    leader=leader,
                    kind=person.office_kind,
                    title=person.office[:200],
                    start=None,
                    defaults={"country_id": person.country},
                )
        else:
            self._learn(leader, person)
        self.cache[key] = leader
        return leader

    @staticmethod
    def _aliases(person: Person) -> list[str]:
        # Only full names become aliases: "Lam" for "To Lam" holds in one article only.
        return sorted(
            {a for a in [person.name, *person.aliases] if len(a.split()) >= 2} - {person.name}
        )

    def _learn(self, leader: Leader, person: Person) -> None:
        """Keep every new full spelling as an alias; fill a missing country."""
        changed = False
        if "aliases" not in leader.corrected_fields:
            known = {fold(a) for a in [leader.name, *leader.aliases]}
            new = [a for a in self._aliases(person) + [person.name] if fold(a) not in known]
            new = [a for a in new if len(a.split()) >= 2]
            if new:
                leader.aliases = sorted(set(leader.aliases) | set(new))
                changed = True
        if (
            leader.country_id is None
            and person.country
            and "country" not in leader.corrected_fields
        ):
            leader.country_id = person.country
            changed = True
        if changed:
            leader.save()


# --- Storing one article ----------------------------------------------------------


class ArticleWriter:
    """Stores one extraction: call `write()` inside a transaction."""

    def __init__(
        self,
        *,
        article: Article,
        extraction: Extraction,
        stats: IngestStats,
        today: dt.date,
        leaders: LeaderBook,
        is_new: bool,
    ):
        self.article = article
        self.extraction = extraction
        self.stats = stats
        self.today = today
        self.leaders = leaders
        self.is_new = is_new  # a new article has no evidence or suppressions yet
        self.suppressed = set()
        self.previous = {}
        if not is_new:
            self.suppressed = set(
                Suppression.objects.filter(article=article).values_list("record_key", flat=True)
            )
            self.previous = self._previous_records()
        self.visits: dict[str, Visit] = {}
        self.touched: set[tuple[str, int]] = set()
        self.spans: list[Evidence] = []

    def _previous_records(self) -> dict[str, object]:
        """What earlier runs made of this article's record keys (editors' merges included)."""
        found = {}
        rows = Evidence.objects.filter(article=self.article).select_related(
            "visit", "meeting", "agreement"
        )
        for ev in rows:
            found[ev.record_key] = ev.visit or ev.meeting or ev.agreement
        return found

    def write(self) -> None:
        old_records = {(type(r).__name__, r.pk): r for r in self.previous.values()}
        if not self.is_new:
            Evidence.objects.filter(article=self.article).delete()
        ex = self.extraction
        for record in ex.visits:
            if self._allowed(record.key):
                self.visits[record.key] = self._visit(record)
        for record in ex.meetings:
            if self._allowed(record.key):
                self._meeting(record)
        for record in ex.agreements:
            if self._allowed(record.key):
                self._agreement(record)
        Evidence.objects.bulk_create(self.spans)
        # Records only the earlier version of this article produced, untouched by editors.
        for (kind, pk), record in old_records.items():
            if (kind, pk) in self.touched:
                continue
            record.refresh_from_db()
            if record.evidence.exists() or record.corrected_fields or record.reviewed:
                continue
            record.delete()
            self.stats.records["removed"] += 1

    def _allowed(self, key: str) -> bool:
        if key in self.suppressed:
            self.stats.records["suppressed"] += 1
            return False
        return True

    def _evidence(self, record, key: str, spans: tuple[EvidenceSpan, ...]) -> None:
        target = {type(record).__name__.lower(): record}
        seen = set()
        for span in spans or ():
            if span.start in seen or span.end <= span.start:
                continue
            seen.add(span.start)
            self.spans.append(
                Evidence(
                    article=self.article,
                    record_key=key,
                    start=span.start,
                    end=span.end,
                    sentence=span.text,
                    **target,
                )
            )
        self.touched.add((type(record).__name__, record.pk))

    def _update(self, record, values: dict) -> None:
        """Write the values an editor did not correct; count what was kept."""
        changed, kept = [], False
        for name, value in values.items():
            if getattr(record, name) == value:
                continue
            if name in record.corrected_fields:
                kept = True
                continue
            setattr(record, name, value)
            changed.append(name)
        if kept:
            self.stats.records["kept (editor)"] += 1
        if changed:
            record.save()

    # Dates shared by the three record types.
    def _date(self, fuzzy: FuzzyDate | None) -> tuple[dt.date | None, str, bool]:
        if fuzzy is None or fuzzy.month is None:
            if fuzzy is not None and fuzzy.year is not None:
                return dt.date(fuzzy.year, 1, 1), "year", True
            return None, "day", True
        value, settled = _provisional(fuzzy, today=self.today)
        return value, fuzzy.precision, settled

    # --- Visits ---
    def _visit(self, rec: VisitRecord) -> Visit:
        start, start_p, settled_a = self._date(rec.start)
        end, end_p, settled_b = self._date(rec.end)
        settled = settled_a and settled_b
        # Days the visit is known to cover, from its own events, when it states none.
        if start is None:
            days = [
                self._date(m.date)
                for m in self.extraction.meetings
                if m.visit_key == rec.key and m.date is not None
            ]
            days += [
                self._date(a.date)
                for a in self.extraction.agreements
                if a.visit_key == rec.key and a.date is not None and a.date.day is not None
            ]
            days = [d for d in days if d[0] is not None and d[1] == "day"]
            if days:
                start = min(d[0] for d in days)
                end = max(d[0] for d in days)
                start_p = end_p = "day"
                settled = all(d[2] for d in days)
        if end is not None and start is not None and end < start:
            end = start
        leader = self.leaders.get(rec.visitor, article=self.article) if rec.visitor else None
        # A report with no day of its own is matched by its publication date.
        hint, hint_settled = (start, settled) if start else (self.article.published, True)
        visit = self.previous.get(rec.key)
        if not isinstance(visit, Visit) or not Visit.objects.filter(pk=visit.pk).exists():
            visit = self._find_visit(rec, hint, hint_settled, leader)
        if visit is None:
            visit = Visit.objects.create(
                visitor_country_id=rec.visitor_country,
                host_country_id=rec.host_country,
                visitor_leader=leader,
                kind=rec.kind,
                start=start,
                start_precision=start_p,
                end=end,
                end_precision=end_p,
                year_settled=settled,
                cities=list(rec.cities),
                invited_by=rec.invited_by.name if rec.invited_by else "",
                confidence=rec.confidence,
            )
            self.stats.records["created"] += 1
        else:
            if hint is not None and hint_settled and not visit.year_settled and visit.start:
                self._settle(visit, anchor=hint)
            self._visit_merge(visit, rec, leader, start, start_p, end, end_p, settled)
            self.stats.records["merged"] += 1
        self._evidence(visit, rec.key, rec.evidence)
        return visit

    def _find_visit(
        self, rec: VisitRecord, day: dt.date | None, settled: bool, leader: Leader | None
    ) -> Visit | None:
        pair = Visit.objects.filter(
            visitor_country_id=rec.visitor_country, host_country_id=rec.host_country
        )
        if leader is not None:
            # Two leaders of one country travelling to the same place are two visits.
            pair = pair.filter(Q(visitor_leader=None) | Q(visitor_leader=leader))
        if day is None:
            # Nothing dates this report: join the trip of the same pair whose year is
            # still open, or that no report has dated either.
            return (
                pair.filter(Q(year_settled=False) | Q(start=None))
                .order_by("-year_settled", "id")
                .first()
            )
        for visit in pair.filter(_near_q("start", "end", day, settled)).order_by("id"):
            both = settled and visit.year_settled
            lo, hi = visit.start, visit.end or visit.start
            if (both and lo <= day <= hi) or any(_near(day, d, settled=both) for d in (lo, hi)):
                return visit
        # Trips no report has given days to: matched by when they were reported.
        undated = (
            pair.filter(start=None)
            .annotate(
                first=Min("evidence__article__published"), last=Max("evidence__article__published")
            )
            .exclude(first=None)
            .order_by("id")
        )
        slack = dt.timedelta(days=REPORT_SLACK_DAYS)
        for visit in undated:
            if visit.first - slack <= day <= visit.last + slack:
                return visit
        return None

    def _visit_merge(self, visit, rec, leader, start, start_p, end, end_p, settled) -> None:
        values = {}
        if leader and visit.visitor_leader_id is None:
            values["visitor_leader"] = leader
        if rec.kind != "other" and visit.kind == "other":
            values["kind"] = rec.kind
        if start is not None and (settled or not visit.year_settled):
            if visit.start is None or (start < visit.start and start_p == "day"):
                values["start"], values["start_precision"] = start, start_p
            if end is not None and (visit.end is None or end > visit.end):
                values["end"], values["end_precision"] = end, end_p
        cities = list(dict.fromkeys([*visit.cities, *rec.cities]))
        if cities != visit.cities:
            values["cities"] = cities
        if rec.invited_by and not visit.invited_by:
            values["invited_by"] = rec.invited_by.name
        values["confidence"] = max(visit.confidence, rec.confidence)
        self._update(visit, values)

    def _settle(self, visit: Visit, *, anchor: dt.date) -> None:
        """A dated report of an undated visit: give it and its records their year."""
        values = {"year_settled": True}
        if visit.start:
            values["start"] = _with_year(visit.start, anchor)
        if visit.end:
            values["end"] = _with_year(visit.end, anchor)
            if values.get("start") and values["end"] < values["start"]:
                values["end"] = _with_year(visit.end, values["start"])
        self._update(visit, values)
        for model in (Meeting, Agreement):
            for record in model.objects.filter(visit=visit, year_settled=False):
                updates = {"year_settled": True}
                if record.date:
                    updates["date"] = _with_year(record.date, anchor)
                self._update(record, updates)
                if model is Agreement and record.kind == "partnership_upgrade" and record.date:
                    self._partnership(record)
        self.stats.records["years settled"] += 1

    def _settle_visit_of(self, record, date: dt.date | None, settled: bool) -> None:
        """A dated report of a meeting or agreement settles the year of its visit."""
        if date is None or not settled or record.visit_id is None:
            return
        known = {v.pk: v for v in self.visits.values()}
        visit = known.get(record.visit_id) or Visit.objects.get(pk=record.visit_id)
        if not visit.year_settled and visit.start is not None:
            self._settle(visit, anchor=date)

    # --- Meetings ---
    def _meeting(self, rec: MeetingRecord) -> None:
        people = [self.leaders.get(p, article=self.article) for p in rec.participants]
        ids = list(dict.fromkeys(p.pk for p in people))
        offices = {}
        for person, leader in zip(rec.participants, people, strict=True):
            offices.setdefault(leader.pk, person.office or "")
        date, precision, settled = self._date(rec.date)
        visit = self.visits.get(rec.visit_key) if rec.visit_key else None
        if visit is None and date is not None:
            visit = self._visit_hosting(ids, date, settled, rec.country)
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = _with_year(date, visit.start or date), True
        meeting = self.previous.get(rec.key)
        if not isinstance(meeting, Meeting) or not Meeting.objects.filter(pk=meeting.pk).exists():
            meeting = self._find_meeting(ids, date, settled, visit)
        values = {
            "kind": rec.kind,
            "country_id": rec.country,
            "city": rec.city or "",
            "venue": rec.venue or "",
            "visit": visit,
        }
        merged_into_existing = meeting is not None
        if meeting is None:
            meeting = Meeting.objects.create(
                date=date,
                date_precision=precision,
                year_settled=settled,
                confidence=rec.confidence,
                **values,
            )
            self.stats.records["created"] += 1
        else:
            merged = {k: v for k, v in values.items() if v and not getattr(meeting, k, None)}
            if rec.kind not in ("other", "meeting") and meeting.kind in ("other", "meeting"):
                merged["kind"] = rec.kind
            if date is not None and settled and (meeting.date is None or not meeting.year_settled):
                merged.update(date=date, date_precision=precision, year_settled=True)
            merged["confidence"] = max(meeting.confidence, rec.confidence)
            self._update(meeting, merged)
            self.stats.records["merged"] += 1
        self._settle_visit_of(meeting, date, settled)
        if "participants" not in meeting.corrected_fields:
            have = (
                set(meeting.participation_set.values_list("leader_id", flat=True))
                if merged_into_existing
                else set()
            )
            Participation.objects.bulk_create(
                [
                    Participation(meeting=meeting, leader_id=i, office=offices[i][:200])
                    for i in ids
                    if i not in have
                ]
            )
        self._evidence(meeting, rec.key, rec.evidence)

    def _visit_hosting(
        self, ids: list[int], date: dt.date, settled: bool, country: str | None
    ) -> Visit | None:
        """The visit a meeting reported on its own belongs to: its visitor takes part,
        in the host country, within the visit's days."""
        candidates = Visit.objects.filter(visitor_leader_id__in=ids).exclude(start=None)
        if country:
            candidates = candidates.filter(host_country_id=country)
        for visit in candidates.filter(_near_q("start", "end", date, settled, slack=1)):
            both = settled and visit.year_settled
            lo, hi = visit.start, visit.end or visit.start
            if (both and lo <= date <= hi) or any(
                _near(date, d, settled=both, slack=1) for d in (lo, hi)
            ):
                return visit
        return None

    def _find_meeting(
        self, ids: list[int], date: dt.date | None, settled: bool, visit: Visit | None
    ):
        if len(ids) < 2:
            return None
        if date is None:
            # No day: the same people meeting during the same visit are one meeting.
            if visit is None:
                return None
            for meeting in Meeting.objects.filter(visit=visit).prefetch_related(
                "participation_set"
            ):
                if len({p.leader_id for p in meeting.participation_set.all()} & set(ids)) >= 2:
                    return meeting
            return None
        candidates = (
            Meeting.objects.filter(participation__leader_id__in=ids)
            .filter(_near_q("date", None, date, settled, slack=1))
            .distinct()
            .order_by("id")
            .prefetch_related("participation_set")
        )
        for meeting in candidates:
            both = settled and meeting.year_settled
            if not _near(date, meeting.date, settled=both, slack=1):
                continue
            theirs = {p.leader_id for p in meeting.participation_set.all()}
            if len(theirs & set(ids)) >= 2:
                return meeting
        return None

    # --- Agreements ---
    def _agreement(self, rec: AgreementRecord) -> None:
        date, precision, settled = self._date(rec.date)
        visit = self.visits.get(rec.visit_key) if rec.visit_key else None
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = _with_year(date, visit.start or date), True
        agreement = self.previous.get(rec.key)
        if (
            not isinstance(agreement, Agreement)
            or not Agreement.objects.filter(pk=agreement.pk).exists()
        ):
            agreement = self._find_agreement(rec, date, settled, visit)
        values = {
            "visit": visit,
            "title": (rec.title or "")[:500],
            "document_count": rec.document_count,
        }
        if agreement is None:
            agreement = Agreement.objects.create(
                kind=rec.kind,
                level_id=rec.level,
                date=date,
                date_precision=precision,
                year_settled=settled,
                confidence=rec.confidence,
                **values,
            )
            agreement.parties.set(rec.parties)
            self.stats.records["created"] += 1
        else:
            merged = {k: v for k, v in values.items() if v and not getattr(agreement, k)}
            if (
                date is not None
                and settled
                and (
                    agreement.date is None
                    or not agreement.year_settled
                    or precision == "day"
                    and agreement.date_precision != "day"
                )
            ):
                merged.update(date=date, date_precision=precision, year_settled=True)
            merged["confidence"] = max(agreement.confidence, rec.confidence)
            self._update(agreement, merged)
            self.stats.records["merged"] += 1
        self._settle_visit_of(agreement, date, settled)
        self._evidence(agreement, rec.key, rec.evidence)
        if (
            rec.kind == "partnership_upgrade"
            and rec.level
            and agreement.date
            and (agreement.year_settled)
        ):
            self._partnership(agreement)

    def _find_agreement(self, rec: AgreementRecord, date, settled, visit: Visit | None):
        candidates = Agreement.objects.filter(kind=rec.kind)
        for code in rec.parties:
            candidates = candidates.filter(parties=code)
        if rec.kind == "partnership_upgrade":
            candidates = candidates.filter(level_id=rec.level)
        elif date is not None:
            candidates = candidates.filter(Q(date=None) | _near_q("date", None, date, settled))
        for agreement in candidates.prefetch_related("parties").order_by("id"):
            if sorted(c.code for c in agreement.parties.all()) != sorted(rec.parties):
                continue
            if rec.kind == "partnership_upgrade":
                return agreement  # a pair reaches a level once
            if date is None or agreement.date is None:
                # Without a day: the same title, or the same kind during the same visit.
                if rec.title and fold(rec.title) == fold(agreement.title or ""):
                    return agreement
                if visit is not None and agreement.visit_id == visit.pk:
                    return agreement
                continue
            if _near(date, agreement.date, settled=settled and agreement.year_settled):
                return agreement
        return None

    def _partnership(self, agreement: Agreement) -> None:
        codes = sorted(c.code for c in agreement.parties.all())
        if len(codes) != 2:
            return
        a, b = codes
        row = Partnership.objects.filter(
            country_a_id=a, country_b_id=b, level=agreement.level
        ).first()
        if row is None:
            Partnership.objects.create(
                country_a_id=a,
                country_b_id=b,
                level=agreement.level,
                since=agreement.date,
                precision=agreement.date_precision,
                source=PartnershipSource.AGREEMENT,
                agreement=agreement,
                occasion=(agreement.title or "")[:300],
            )
        elif row.agreement_id is None and "agreement" not in row.corrected_fields:
            row.agreement = agreement
            row.save(update_fields=["agreement"])


# --- Articles ---------------------------------------------------------------------


def _lock(*, synchronous_commit: bool = True) -> None:
    """Wait for the ingest lock, held until this transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s), set_config('synchronous_commit', %s, true)",
            [_LOCK_KEY, "on" if synchronous_commit else "off"],
        )


def article_failure_record(*, source: Source, error: str, stats: IngestStats) -> None:
    """Note a failure on the Article row; what an earlier version stored is kept."""
    stats.articles["failed"] += 1
    stats.failures.append(error)
    with transaction.atomic():
        _lock()
        article = Article.objects.filter(source_name=source.name).first()
        if article is None:
            Article.objects.create(
                source_name=source.name,
                path=source.path,
                status=ArticleStatus.FAILED,
                error=error,
            )
        else:
            article.error = error
            if article.content_hash is None:
                article.status = ArticleStatus.FAILED
            article.save(update_fields=["error", "status", "updated_at"])


def article_find(*, source: Source) -> tuple[str, Article | None]:
    """The stored article for a source (by name, else by content) and what it needs:
    'new', 'changed', 'unchanged' or 'reextract'."""
    article = (
        Article.objects.filter(Q(source_name=source.name) | Q(content_hash=source.content_hash))
        .order_by(Case(When(source_name=source.name, then=0), default=1))
        .first()
    )
    if article is None:
        return "new", None
    if article.content_hash == source.content_hash:
        if article.extractor_version == EXTRACTOR_VERSION and article.status != "failed":
            return "unchanged", article
        return "reextract", article
    return "changed", article


def article_store(
    *,
    source: Source,
    extraction: Extraction,
    stats: IngestStats,
    leaders: LeaderBook,
    today: dt.date | None = None,
    force: bool = False,
) -> str:
    """Store one article and its records in one transaction. Returns its state."""
    doc = source.document
    with transaction.atomic():
        # A lost commit after a crash is re-done by the next (idempotent) ingest.
        _lock(synchronous_commit=False)
        # Checked again under the lock: another ingest may just have stored it.
        state, article = article_find(source=source)
        if force and state == "unchanged":
            state = "reextract"
        if state == "unchanged":
            stats.articles["unchanged"] += 1
            return state
        if article is None:
            article = Article(source_name=source.name)
        published = None
        if doc.published and doc.published.year and doc.published.month and doc.published.day:
            published = dt.date(doc.published.year, doc.published.month, doc.published.day)
        article.path = source.path
        article.url = doc.url or ""
        article.title = (doc.title or "")[:500]
        article.text = doc.body
        article.language = doc.language
        article.published = published
        article.content_hash = source.content_hash
        article.extractor_version = EXTRACTOR_VERSION
        has_records = bool(extraction.visits or extraction.meetings or extraction.agreements)
        article.status = ArticleStatus.EXTRACTED if has_records else ArticleStatus.NO_CONTENT
        article.error = ""
        article.save()
        ArticleWriter(
            article=article,
            extraction=extraction,
            stats=stats,
            today=today or dt.date.today(),
            leaders=leaders,
            is_new=state == "new",
        ).write()
        stats.articles[state] += 1
        if not has_records:
            stats.articles["without diplomatic content"] += 1
        return state
