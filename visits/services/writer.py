"""Writing one article's extraction into records: each record found by evidence or
natural key, its article's claim stored with the evidence, and every record touched
worked out again from its claims (visits/services/claims.py), never over what an editor
corrected."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.db.models import Q

from visits.extraction import Extraction, FuzzyDate
from visits.extraction.records import AgreementRecord, MeetingRecord, VisitRecord
from visits.extraction.records import Evidence as EvidenceSpan
from visits.models import (
    Agreement,
    Article,
    Evidence,
    Meeting,
    MergedAway,
    Participation,
    Partnership,
    PartnershipSource,
    Suppression,
    Visit,
)
from visits.services.claims import (
    agreement_values,
    claims_of,
    dated_fits,
    iso,
    meeting_values,
    records_recompute,
    visit_fits,
    visit_values,
    visitor_role,
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

_LEGACY_MEETING_KEY = re.compile(r"^meeting:(\d{4}-\d\d-\d\d|--\d\d-\d\d|\?):(.*)$")


def _legacy_meeting_key(key: str) -> str:
    """The names part of a meeting key, as keys before 0.6 held it with the day in place
    of the kind: an editor's deletion then is still honoured ('meeting:*:names')."""
    parts = key.split(":", 2)
    if len(parts) == 3 and parts[0] == "meeting":
        return f"meeting:*:{parts[2].split('#')[0]}"
    return key


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
            # Meeting keys of earlier versions held the day: they suppress by names.
            for key in list(self.suppressed):
                legacy = _LEGACY_MEETING_KEY.match(key)
                if legacy:
                    self.suppressed.add(f"meeting:*:{legacy.group(2)}")
            self.previous = self._previous_records()
        self.visits: dict[str, Visit] = {}
        self.rejected: set[tuple[str, int]] = set()  # records the article's claim left
        self.fallback = None  # the article's own earlier record, if no other one fits
        self.leader_map = leaders.leader_map()  # leader ids through editors' merges
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
        left = set(self.touched)
        for (kind, pk), record in old_records.items():
            if (kind, pk) in self.touched:
                continue
            if not type(record).objects.filter(pk=pk).exists():
                continue
            record.refresh_from_db()
            if record.evidence.exists() or record.corrected_fields or record.reviewed:
                left.add((kind, pk))
                continue
            record.delete()
            self.stats.records["removed"] += 1
        # Every record this article supports, or supported, follows its evidence now.
        done = records_recompute(
            visits={pk for kind, pk in left if kind == "Visit"},
            meetings={pk for kind, pk in left if kind == "Meeting"},
            agreements={pk for kind, pk in left if kind == "Agreement"},
            stats=self.stats.records,
            leaders=self.leader_map,
            loaded=self.visits.values(),
        )
        if not done["agreements"]:
            return
        upgrades = Agreement.objects.filter(
            pk__in=done["agreements"], kind="partnership_upgrade", year_settled=True
        ).exclude(Q(level=None) | Q(date=None))
        for agreement in upgrades:
            self._partnership(agreement)

    def _allowed(self, key: str) -> bool:
        if key in self.suppressed or _legacy_meeting_key(key) in self.suppressed:
            self.stats.records["suppressed"] += 1
            return False
        return True

    def _evidence(self, record, key: str, spans: tuple[EvidenceSpan, ...], claim: dict) -> None:
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
                    claim=claim,
                    **target,
                )
            )
        self.touched.add((type(record).__name__, record.pk))

    def _reuse(self, key: str, model, claim: dict, fits) -> object | None:
        """The record an earlier run made of `key`, if the article's claim still fits it.

        A record an editor corrected, reviewed or merged into keeps the article's
        evidence; another is left when the claim no longer fits what the other
        articles say of it (the article's date changed, say), and the article's
        record is found or made anew."""
        record = self.previous.get(key)
        if not isinstance(record, model) or not model.objects.filter(pk=record.pk).exists():
            return None
        if record.corrected_fields or record.reviewed:
            return record
        if (
            model is Visit
            and MergedAway.objects.filter(kind=MergedAway.Kind.VISIT, new_id=record.pk).exists()
        ):
            return record
        others = claims_of(record)  # this article's evidence is already gone
        if others and fits(claim, others):
            return record
        # Left, or the article's own record only: the caller looks for the record
        # other articles make of the same event first, and comes back to this one.
        self.rejected.add((model.__name__, record.pk))
        if not others:
            self.fallback = record
        return None

    def _found(self, found, model):
        """What a find returned, else the article's own record `_reuse` put aside."""
        fallback, self.fallback = self.fallback, None
        if found is not None:
            return found
        if isinstance(fallback, model):
            self.rejected.discard((model.__name__, fallback.pk))
            return fallback
        return None

    def _excluded(self, model) -> set[int]:
        return {pk for kind, pk in self.rejected if kind == model.__name__}

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
        claim = {
            "leader": leader.pk if leader else None,
            "kind": rec.kind,
            "start": iso(start),
            "start_p": start_p,
            "end": iso(end),
            "end_p": end_p,
            "settled": settled,
            "cities": list(rec.cities),
            "invited_by": rec.invited_by.name if rec.invited_by else "",
            "office": (rec.visitor.office or "")[:200] if rec.visitor else "",
            "confidence": rec.confidence,
            # A report with no day of its own is dated, and matched, by its publication.
            "anchor": iso(self.article.published) if start is None else None,
        }
        hint, hint_settled = (start, settled) if start else (self.article.published, True)
        visit = self._reuse(
            rec.key,
            Visit,
            claim,
            lambda c, others: visit_fits(c, visit_values(others, self.leader_map)),
        )
        if visit is None:
            found = visit_find(
                rec=rec,
                day=hint,
                settled=hint_settled,
                leader=leader,
                exclude=self._excluded(Visit),
                reported=start is None,
                month_only=start is None and self.article.published_precision == "month",
            )
            visit = self._found(found, Visit)
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
                invited_by=claim["invited_by"],
                # As the recompute sets them from this one claim: no second write.
                visitor_office=claim["office"],
                visitor_role=visitor_role(claim["office"]),
                confidence=rec.confidence,
            )
            self.stats.records["created"] += 1
        else:
            self.stats.records["merged"] += 1
        self._evidence(visit, rec.key, rec.evidence, claim)
        return visit

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
        claim = {
            "participants": [[pk, offices[pk][:200]] for pk in ids],
            "kind": rec.kind,
            "date": iso(date),
            "precision": precision,
            "settled": settled,
            "country": rec.country,
            "city": rec.city or "",
            "venue": rec.venue or "",
            "visit_key": rec.visit_key if rec.visit_key in self.visits else None,
            "confidence": rec.confidence,
        }
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = with_year(date, visit.start or date), True
        meeting = self._reuse(
            rec.key,
            Meeting,
            claim,
            lambda c, others: dated_fits(c, meeting_values(others, self.leader_map)[0], slack=1),
        )
        if meeting is None:
            found = meeting_find(
                ids=ids, date=date, settled=settled, visit=visit, exclude=self._excluded(Meeting)
            )
            meeting = self._found(found, Meeting)
        if meeting is None:
            meeting = Meeting.objects.create(
                kind=rec.kind,
                country_id=rec.country,
                city=rec.city or "",
                venue=rec.venue or "",
                visit=visit,
                date=date,
                date_precision=precision,
                year_settled=settled,
                confidence=rec.confidence,
            )
            Participation.objects.bulk_create(
                [Participation(meeting=meeting, leader_id=i, office=offices[i][:200]) for i in ids]
            )
            self.stats.records["created"] += 1
        else:
            self.stats.records["merged"] += 1
        self._evidence(meeting, rec.key, rec.evidence, claim)

    def _agreement(self, rec: AgreementRecord) -> None:
        date, precision, settled = self._date(rec.date)
        visit = self.visits.get(rec.visit_key) if rec.visit_key else None
        claim = {
            "kind": rec.kind,
            "level": rec.level,
            "parties": sorted(rec.parties),
            "date": iso(date),
            "precision": precision,
            "settled": settled,
            "title": (rec.title or "")[:500],
            "document_count": rec.document_count,
            "visit_key": rec.visit_key if rec.visit_key in self.visits else None,
            "confidence": rec.confidence,
        }
        if visit is not None and not settled and visit.year_settled and date is not None:
            date, settled = with_year(date, visit.start or date), True
        if rec.kind == "partnership_upgrade":
            fits = lambda c, others: True  # noqa: E731 - a pair reaches a level once
        else:
            fits = lambda c, others: dated_fits(c, agreement_values(others), slack=3)  # noqa: E731
        agreement = self._reuse(rec.key, Agreement, claim, fits)
        if agreement is None:
            found = agreement_find(
                rec=rec,
                date=date,
                settled=settled,
                visit=visit,
                exclude=self._excluded(Agreement),
            )
            agreement = self._found(found, Agreement)
        if agreement is None:
            agreement = Agreement.objects.create(
                kind=rec.kind,
                level_id=rec.level,
                date=date,
                date_precision=precision,
                year_settled=settled,
                confidence=rec.confidence,
                visit=visit,
                title=claim["title"],
                document_count=rec.document_count,
            )
            agreement.parties.set(rec.parties)
            self.stats.records["created"] += 1
        else:
            self.stats.records["merged"] += 1
        self._evidence(agreement, rec.key, rec.evidence, claim)

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
