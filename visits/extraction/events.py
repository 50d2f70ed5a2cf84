"""Visits and meetings, read sentence by sentence from a parsed article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .context import Context, Place, Sentence
from .dates import shift
from .people import Mention
from .records import Evidence, FuzzyDate

_POSSESSIVE = re.compile(r"\b(?:his|her|their|its)\b(?:\s+[\w-]+){0,3}\s*$")
_CONJ_GAP = re.compile(
    r"^\s*,?\s*(?:and|va|&|cung|as well as|along with)?\s*(?:his|her|their|the)?\s*$"
)
_BY = re.compile(r"\bby\s*$|\bcua\s*$")
_IN_PLACE = re.compile(r"\b(?:in|tai|at|o)\s+(?:the\s+)?$")
_VENUE = re.compile(
    r"\b(?:at|tại)\s+(?:the\s+)?((?:[A-ZĐÀ-Ỹ][\w'’.-]*\s*)+(?:(?:of|the|của)\s+(?:[A-ZĐÀ-Ỹ][\w'’.-]*\s*)+)*)"
)
_VENUE_VI = re.compile(r"\btại\s+([^,.;]{3,60})")
_VENUE_WORDS = re.compile(
    r"\b(headquarters|palace|house|hall|office|building|centre|center|hotel|parliament|"
    r"phu|nha|tru so|dinh|cung|hoi truong|quoc hoi)\b"
)
_KIND_ORDER = ("state", "official", "working", "other")


@dataclass
class VisitDraft:
    visitor_country: str
    host_country: str
    visitor_pid: int | None
    kind: str
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    cities: list[str] = field(default_factory=list)
    invited_by_pid: int | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"visit:{self.visitor_country}>{self.host_country}"


@dataclass
class MeetingDraft:
    pids: list[int]
    kind: str
    date: FuzzyDate | None
    position: int
    country: str | None = None
    city: str | None = None
    venue: str | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    visit_key: str | None = None


def _chain(ctx: Context, mentions: list[Mention], idx: int, step: int) -> list[Mention]:
    """Mentions joined to mentions[idx] by 'and' / ',' in the direction of step.

    Going left, a bare comma does not join: "At the invitation of A, B met C".
    """
    out = [mentions[idx]]
    j = idx + step
    while 0 <= j < len(mentions):
        a, b = (mentions[j], out[-1]) if step < 0 else (out[-1], mentions[j])
        gap = ctx.folded[a.end_char : b.start_char]
        if not _CONJ_GAP.match(gap) or (step < 0 and not re.search(r"\w", gap)):
            break
        out.append(mentions[j])
        j += step
    return out if step > 0 else out[::-1]


def _subject(ctx: Context, c0: int, t0: int) -> list[Mention]:
    before = [m for m in ctx.mentions_in(c0, t0)]
    return _chain(ctx, before, len(before) - 1, -1) if before else []


def _object(ctx: Context, t1: int, c1: int, limit: int = 220) -> list[Mention]:
    after = [m for m in ctx.mentions_in(t1, c1) if m.start_char - t1 <= limit]
    return _chain(ctx, after, 0, 1) if after else []


def _place_for(ctx: Context, sent: Sentence) -> Place | None:
    places = ctx.places_in(sent.start, sent.end)
    for p in places:
        if p.city:
            return p
    for p in places:
        if _IN_PLACE.search(ctx.folded[max(sent.start, p.start - 8) : p.start]):
            return p
    return None


# --- Visits ----------------------------------------------------------------------------


def find_visits(ctx: Context) -> list[VisitDraft]:
    drafts: dict[str, VisitDraft] = {}
    for sent in ctx.sentences:
        for c0, c1 in sent.clauses(ctx.folded):
            for m in P.VISIT_TRIGGER.finditer(ctx.folded, c0, c1):
                draft = _visit_at(ctx, sent, c0, c1, m.start(), m.end())
                if draft is None:
                    continue
                old = drafts.get(draft.key)
                if old is None:
                    drafts[draft.key] = draft
                    continue
                if _KIND_ORDER.index(draft.kind) < _KIND_ORDER.index(old.kind):
                    old.kind = draft.kind
                old.start = old.start or draft.start
                old.end = old.end or draft.end
                old.visitor_pid = (
                    old.visitor_pid if old.visitor_pid is not None else draft.visitor_pid
                )
                old.invited_by_pid = (
                    old.invited_by_pid if old.invited_by_pid is not None else draft.invited_by_pid
                )
                old.cities += [c for c in draft.cities if c not in old.cities]
                old.confidence = max(old.confidence, draft.confidence)
                if draft.evidence[0] not in old.evidence:
                    old.evidence += draft.evidence
    return list(drafts.values())


def _visit_at(
    ctx: Context, sent: Sentence, c0: int, c1: int, t0: int, t1: int
) -> VisitDraft | None:
    folded = ctx.folded
    word = folded[t0:t1]
    if ctx.is_plan(c0, t0, c1) or ctx.is_history(c0, t0, t1, c1, sent):
        return None
    window = folded[max(c0, t0 - 40) : min(c1, t1 + 40)]
    kind = next((k for k, rx in P.VISIT_KINDS if rx.search(window)), "other")
    confidence = 0.9 if kind != "other" else 0.7
    visitor: Mention | None = None
    host: Place | None = None
    # "received visiting Lao Prime Minister ..."
    if word == "visiting":
        after = ctx.mentions_in(t1, c1)
        if after and after[0].start_char - t1 <= 2:
            visitor = after[0]
            ent = ctx.people.entity(visitor.pid)
            host = next(
                (
                    p
                    for p in ctx.places_in(sent.start, sent.end)
                    if p.code != ent.country and p.city
                ),
                None,
            )
            if host is None:
                return None
            confidence = 0.6
    if host is None:
        places = [p for p in ctx.places_in(t1, c1)]
        if (
            places
            and len(folded[t1 : places[0].start]) < 60
            and P.DESTINATION_GAP.match(folded[t1 : places[0].start])
        ):
            host = places[0]
    generic = host is None and (
        P.GENERIC_PLACE.match(folded[t1:c1]) or P.ONGOING.search(folded[max(c0, t0 - 40) : t1])
    )
    if host is None and not generic and kind == "other":
        arrival = P.ARRIVAL.search(folded, c0, t0)
        if arrival:
            places = ctx.places_in(arrival.end(), t0)
            host = places[0] if places else None
        if host is None:
            return None
    if host is None and not generic:
        # "paid an official visit" with no place: the place comes from the article.
        generic = kind != "other"
    if visitor is None:
        if _POSSESSIVE.search(folded[max(c0, t0 - 40) : t0]):
            in_sentence = ctx.mentions_in(sent.start, t0)
            visitor = in_sentence[0] if in_sentence else None
        else:
            subject = _subject(ctx, c0, t0)
            visitor = subject[0] if subject else None
        if visitor is None:
            after = [
                m
                for m in ctx.mentions_in(t1, c1)
                if _BY.search(folded[max(t1, m.start_char - 6) : m.start_char])
            ]
            visitor = after[0] if after else None
    visitor_country = ctx.people.entity(visitor.pid).country if visitor else None
    if (
        visitor
        and host
        and visitor_country == host.code
        and ctx.people.entity(visitor.pid).country_assumed
    ):
        others = ctx.country_counts(exclude={host.code})
        visitor_country = others[0] if others else None
    if visitor_country is None:
        before = [p for p in ctx.places_in(c0, t0) if host is None or p.code != host.code]
        visitor_country = before[-1].code if before else None
    if visitor_country is None:
        return None
    if host is None:
        candidates = [
            p.code for p in ctx.places_in(sent.start, sent.end) if p.code != visitor_country
        ]
        codes = candidates or ctx.country_counts(exclude={visitor_country})
        if not codes:
            return None
        host_code, city = codes[0], None
        confidence -= 0.2
    else:
        host_code, city = host.code, host.city
    if host_code == visitor_country or re.match(
        r"\s*(embassy|consulate)", folded[host.end : host.end + 12] if host else ""
    ):
        return None
    draft = VisitDraft(
        visitor_country, host_code, visitor.pid if visitor else None, kind, confidence=confidence
    )
    draft.evidence.append(ctx.evidence(sent))
    cities = [p.city for p in ctx.places_in(sent.start, sent.end) if p.city and p.code == host_code]
    draft.cities = list(dict.fromkeys(([city] if city else []) + cities))
    _visit_dates(ctx, sent, c0, c1, t0, draft)
    inv = P.INVITATION_OK.search(folded, sent.start, sent.end)
    if inv:
        after = ctx.mentions_in(inv.end(), sent.end)
        draft.invited_by_pid = after[0].pid if after else None
    if visitor is None:
        draft.confidence -= 0.2
    return draft


def _visit_dates(
    ctx: Context, sent: Sentence, c0: int, c1: int, t0: int, draft: VisitDraft
) -> None:
    folded = ctx.folded
    for d in sent.dates:
        if d.end_date is not None:
            draft.start, draft.end = d.date, d.end_date
            return
    dur = P.DURATION.search(folded, c0, c1)
    days = None
    if dur:
        word = dur.group(1) or dur.group(2)
        days = int(word) if word.isdigit() else P.DURATION_WORDS.get(word)
    concluding = P.CONCLUDING.search(folded, max(c0, t0 - 80), c1)
    arrival = P.ARRIVAL.search(folded, c0, c1)
    near = ctx.date_near(sent, concluding.start() if concluding else t0)
    if near is None:
        return
    if concluding:
        draft.end = near.date
        if days:
            draft.start = shift(near.date, -(days - 1))
    elif arrival or days:
        draft.start = near.date
        if days:
            draft.end = shift(near.date, days - 1)


# --- Meetings ---------------------------------------------------------------------------


def _meeting_triggers(ctx: Context, c0: int, c1: int) -> list[tuple[int, int, str]]:
    found = []
    for kind, rx in P.MEETING_TRIGGERS:
        for m in rx.finditer(ctx.folded, c0, c1):
            if kind == "reception" and ctx.folded[m.start() : m.end()] == "tiep":
                if P.NOT_RECEPTION_BEFORE.search(ctx.folded[max(c0, m.start() - 10) : m.start()]):
                    continue
            found.append((m.start(), m.end(), kind))
    found.sort(key=lambda t: (t[0], [k for k, _ in P.MEETING_TRIGGERS].index(t[2])))
    out: list[tuple[int, int, str]] = []
    for t in found:
        if out and t[0] < out[-1][1]:
            continue
        out.append(t)
    return out


def find_meetings(ctx: Context) -> list[MeetingDraft]:
    drafts: list[MeetingDraft] = []
    for sent in ctx.sentences:
        prefix = P.AT_THE_MEETING.match(ctx.folded, sent.start, sent.end)
        if prefix:
            if drafts:
                mentions = ctx.mentions_in(prefix.end(), sent.end)
                if mentions:
                    for m in _chain(ctx, mentions, 0, 1):
                        if m.pid not in drafts[-1].pids:
                            drafts[-1].pids.append(m.pid)
            continue
        for c0, c1 in sent.clauses(ctx.folded):
            for t0, t1, kind in _meeting_triggers(ctx, c0, c1):
                draft = _meeting_at(ctx, sent, c0, c1, t0, t1, kind)
                if draft is None:
                    continue
                if len(draft.pids) < 2 and not ctx.mentions_in(c0, c1) and drafts:
                    # "The two leaders held talks": the people of the last meeting.
                    if P.THE_TWO_LEADERS.search(ctx.folded, max(c0, t0 - 40), t0):
                        last = next((d for d in reversed(drafts) if len(set(d.pids)) >= 2), None)
                        if last is not None:
                            draft.pids = list(last.pids)
                            draft.date = last.date if draft.confidence < 0.8 else draft.date
                drafts.append(draft)
    return _merge_meetings([d for d in drafts if len(set(d.pids)) >= 2])


def _meeting_at(ctx, sent, c0, c1, t0, t1, kind) -> MeetingDraft | None:
    if ctx.is_plan(c0, t0, c1) or ctx.is_history(c0, t0, t1, c1, sent):
        return None
    if _POSSESSIVE.search(ctx.folded[max(c0, t0 - 40) : t0]):
        first = ctx.mentions_in(sent.start, t0)
        subject = _chain(ctx, first, 0, 1) if first else []
    else:
        subject = _subject(ctx, c0, t0)
    obj = _object(ctx, t1, c1)
    if not subject and obj:
        # "In a phone call with A on March 5, B congratulated...": B is the other side.
        rest = [
            m for m in ctx.mentions_in(obj[-1].end_char, c1) if m.pid not in {o.pid for o in obj}
        ]
        subject = rest[:1]
    pids = list(dict.fromkeys(m.pid for m in subject + obj))
    confidence = 0.9 if subject and obj else 0.7
    near = ctx.date_near(sent, t0)
    date = near.date if near else None
    if date is None:
        date = ctx.lead_date or ctx.published
        confidence -= 0.15
    place = _place_for(ctx, sent)
    draft = MeetingDraft(pids, kind, date, t0, confidence=confidence)
    if place:
        draft.country, draft.city = place.code, place.city
    venue = (_VENUE_VI if ctx.document.language == "vi" else _VENUE).search(
        ctx.text, sent.start, sent.end
    )
    if venue and _VENUE_WORDS.search(ctx.folded[venue.start(1) : venue.end(1)]):
        draft.venue = ctx.text[venue.start(1) : venue.end(1)].strip(" ,")
    draft.evidence.append(ctx.evidence(sent))
    return draft


def _merge_meetings(drafts: list[MeetingDraft]) -> list[MeetingDraft]:
    out: list[MeetingDraft] = []
    for d in drafts:
        same = None
        for o in out:
            a, b = set(o.pids), set(d.pids)
            dates_ok = o.date is None or d.date is None or o.date == d.date
            if dates_ok and (a <= b or b <= a):
                same = o
                break
        if same is None:
            out.append(d)
            continue
        same.pids += [p for p in d.pids if p not in same.pids]
        if P.MEETING_KIND_RANK[d.kind] < P.MEETING_KIND_RANK[same.kind]:
            same.kind = d.kind
        same.date = same.date or d.date
        same.country = same.country or d.country
        same.city = same.city or d.city
        same.venue = same.venue or d.venue
        same.confidence = max(same.confidence, d.confidence)
        same.evidence += [e for e in d.evidence if e not in same.evidence]
    return out


def link(ctx: Context, visits: list[VisitDraft], meetings: list[MeetingDraft]) -> None:
    """Give meetings their visit and, failing a place of their own, the visit's country."""
    for m in meetings:
        for v in visits:
            if v.visitor_pid in m.pids and (m.country is None or m.country == v.host_country):
                m.visit_key = v.key
                m.country = m.country or v.host_country
                if m.city and m.city not in v.cities and m.country == v.host_country:
                    v.cities.append(m.city)
                break
        if m.country is None:
            m.country = ctx.home
            m.confidence -= 0.1
