"""Writing one article's extraction into records: found by evidence or natural key,
merged field by field, never over what an editor corrected."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from visits.extraction import Extraction, FuzzyDate
from visits.extraction.records import AgreementRecord, MeetingRecord, VisitRecord
from visits.extraction.records import Evidence as EvidenceSpan
from visits.models import (
    Agreement,
    Article,
    Evidence,
    Meeting,
    Participation,
    Partnership,
    PartnershipSource,
    Suppression,
    Visit,
)
from visits.services.leaders import LeaderBook
from visits.services.matching import (
    agreement_find,
    date_provisional,
    meeting_find,
    visit_find,
    visit_hosting,
    with_year,
)

if TYPE_CHECKING:
    from visits.services.ingest import IngestStats


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
        value, settled = date_provisional(fuzzy, today=self.today)
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
            visit = visit_find(rec=rec, day=hint, settled=hint_settled, leader=leader)
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
            values["start"] = with_year(visit.start, anchor)
        if visit.end:
            values["end"] = with_year(visit.end, anchor)
            if values.get("start") and values["end"] < values["start"]:
                values["end"] = with_year(visit.end, values["start"])
        self._update(visit, values)
        for model in (Meeting, Agreement):
            for record in model.objects.filter(visit=visit, year_settled=False):
                updates = {"year_settled": True}
                if record.date:
                    updates["date"] = with_year(record.date, anchor)
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
            visit = visit_hosting(ids=ids, date=date, settled=settled, country=rec.country)
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = with_year(date, visit.start or date), True
        meeting = self.previous.get(rec.key)
        if not isinstance(meeting, Meeting) or not Meeting.objects.filter(pk=meeting.pk).exists():
            meeting = meeting_find(ids=ids, date=date, settled=settled, visit=visit)
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

    def _agreement(self, rec: AgreementRecord) -> None:
        date, precision, settled = self._date(rec.date)
        visit = self.visits.get(rec.visit_key) if rec.visit_key else None
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = with_year(date, visit.start or date), True
        agreement = self.previous.get(rec.key)
        if (
            not isinstance(agreement, Agreement)
            or not Agreement.objects.filter(pk=agreement.pk).exists()
        ):
            agreement = agreement_find(rec=rec, date=date, settled=settled, visit=visit)
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
