"""Meetings, read sentence by sentence: talks, receptions, calls, and who took part."""

from __future__ import annotations

import re

from . import patterns as P
from .context import Context
from .events import (
    _POSSESSIVE,
    _VENUE,
    _VENUE_VI,
    _VENUE_WORDS,
    MeetingDraft,
    VisitDraft,
    _chain,
    _object,
    _place_for,
    _subject,
)
from .names import name_key, office_kind
from .offices import same_office


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


def find_meetings(ctx: Context, visits: list[VisitDraft] = ()) -> list[MeetingDraft]:
    visitor = next((v.visitor_pid for v in visits if v.visitor_pid is not None), None)
    drafts: list[MeetingDraft] = []
    for sent in ctx.sentences:
        prefix = P.AT_THE_MEETING.match(ctx.folded, sent.start, sent.end)
        if prefix and _two_sides(ctx, sent.start, sent.end, prefix.end(), prefix.end()):
            prefix = None  # "During the talks between the two leaders": a meeting of its own
        if prefix:
            if drafts:
                mentions = ctx.mentions_in(prefix.end(), sent.end)
                if mentions:
                    for m in _chain(ctx, mentions, 0, 1):
                        if m.pid not in drafts[-1].pids:
                            drafts[-1].pids.append(m.pid)
            continue
        # A list of what one person did, its subject said once: "A held talks with B;
        # met C and D; received E", "A met B, held talks with C and received D".
        carried: list[int] = []
        for c0, c1 in sent.clauses(ctx.folded):
            gap_from = c0
            for t0, t1, kind in _meeting_triggers(ctx, c0, c1):
                elided = bool(carried) and bool(_ELIDED.match(ctx.folded[gap_from:t0]))
                obj = _object(ctx, t1, c1)
                gap_from = obj[-1].end_char if obj else t1
                found = _meeting_at(
                    ctx, sent, c0, c1, t0, t1, kind, visitor, carried=carried if elided else None
                )
                if found and not elided:
                    carried = _subject_pids(ctx, sent, c0, t0, visitor)
                for draft in found:
                    if (
                        len(draft.pids) < 2
                        and not ctx.mentions_in(c0, c1)
                        and _two_sides(ctx, c0, c1, t0, t1)
                    ):
                        # "The two leaders held talks": the two sides named last (the
                        # welcome ceremony's host and guest), else the people of the last
                        # meeting, else the visitor and the host counterpart named before.
                        last = next((d for d in reversed(drafts) if len(set(d.pids)) >= 2), None)
                        named = _two_named_before(ctx, sent, t0, visitor)
                        if named is not None:
                            draft.pids, day = named
                            if draft.date_taken and day is not None:
                                draft.date, draft.date_taken = day, False
                                draft.confidence += 0.15  # dated by the sentence naming them
                        elif last is not None:
                            draft.pids = list(last.pids)
                            draft.date = last.date if draft.confidence < 0.8 else draft.date
                        else:
                            draft.pids = _visitor_and_counterpart(ctx, visits, sent.start)
                    drafts.append(draft)
    return _merge_meetings([d for d in drafts if len(set(d.pids)) >= 2 and _news(ctx, d)])


def _news(ctx: Context, draft: MeetingDraft) -> bool:
    """Not a plan (dated after the article) nor, outside the report's lead, a meeting
    dated weeks before it ("the two leaders met in Kazan on October 23")."""
    if ctx.is_future(draft.date):
        return False
    return not (ctx.long_before(draft.date) and not ctx.in_lead(draft.position))


def _two_sides(ctx: Context, c0: int, c1: int, t0: int, t1: int) -> bool:
    """'The two leaders held talks', 'talks between the two prime ministers'."""
    if t0 > c0 and P.THE_TWO_LEADERS.search(ctx.folded, max(c0, t0 - 70), t0):
        return True
    after = re.match(r"\s*(?:between|of|giua|cua)\s+", ctx.folded[t1 : min(c1, t1 + 50)])
    return bool(after and P.THE_TWO_LEADERS.match(ctx.folded, t1 + after.end(), c1))


_TWO_QUANTIFIER = re.compile(
    r"^(?:the two|both|hai|les deux|os dois|ambos os|ambas as|los dos|ambos|ambas|"
    r"kedua(?:-dua)?|die beiden|beide)\s+"
)


def _two_title(ctx: Context, c0: int, c1: int, t0: int, t1: int) -> str | None:
    """The office a plural names ("the two prime ministers": "prime minister"), or None
    when it names none ("the two leaders", "hai bên")."""
    m = P.THE_TWO_LEADERS.search(ctx.folded, max(c0, t0 - 70), t0) or P.THE_TWO_LEADERS.search(
        ctx.folded, t1, c1
    )
    if m is None:
        return None
    title = _TWO_QUANTIFIER.sub("", m.group(0))
    for one in (title, re.sub(r"s\b", "", title), re.sub(r"es\b", "", title)):
        if office_kind(one) not in (None, "other"):
            return one
    return None


def _two_named_before(ctx: Context, sent, t0: int, visitor: int | None):
    """'X hosted a welcome ceremony for Y. After it, the two prime ministers held talks':
    the two people of two countries named together last (in this sentence before the
    words, or in one of the two before), the visitor among them when there is one, both
    holding the office the plural names. Returns (pids, the day that sentence gives)."""
    c0 = sent.start
    m = P.THE_TWO_LEADERS.search(ctx.folded, c0, sent.end)
    title = _two_title(ctx, c0, sent.end, m.start(), m.end()) if m else None
    before = ctx.sentences_before(sent, 2)
    for s, end in [(sent, t0)] + [(b, b.end) for b in reversed(before)]:
        if P.AIRPORT_GREETING.search(ctx.folded, s.start, end):
            continue
        by_country: dict[str, int] = {}
        for mention in ctx.mentions_in(s.start, end):
            ent = ctx.people.entity(mention.pid)
            if title and not (ent.office and same_office(title, name_key(ent.office))):
                continue
            if ent.country and ent.country not in by_country:
                by_country[ent.country] = mention.pid
        pids = list(by_country.values())[:2]
        if len(pids) == 2 and (visitor is None or visitor in pids):
            near = ctx.date_near(s, s.start) if s is not sent else None
            return pids, near.date if near else None
    return None


def _visitor_and_counterpart(ctx: Context, visits, before: int) -> list[int]:
    """The article's visitor and the host-country person named before: same office kind first.

    >>> # "PM A arrived in Hanoi ... met his counterpart B. The two leaders held talks."
    """
    visit = next((v for v in visits if v.visitor_pid is not None), None)
    if visit is None:
        return []
    visitor = ctx.people.entity(visit.visitor_pid)
    kind = office_kind(visitor.office)
    hosts: list[int] = []
    for m in ctx.mentions_in(0, before):
        ent = ctx.people.entity(m.pid)
        if m.pid != visit.visitor_pid and ent.country == visit.host_country and m.pid not in hosts:
            hosts.append(m.pid)
    if not hosts:
        return []
    same = [p for p in hosts if kind and office_kind(ctx.people.entity(p).office) == kind]
    return [visit.visitor_pid, (same or hosts)[0]]


def _subject_pids(ctx: Context, sent, c0: int, t0: int, visitor: int | None) -> list[int]:
    folded = ctx.folded
    if _POSSESSIVE.search(folded[max(c0, t0 - 40) : t0]):
        first = ctx.mentions_in(sent.start, t0)
        return [m.pid for m in (_chain(ctx, first, 0, 1) if first else [])]
    subject = _subject(ctx, c0, t0)
    if subject and _PASSIVE_AGENT_BEFORE.search(
        folded, max(c0, subject[0].start_char - 40), subject[0].start_char
    ):
        # "X was received by A and B, and had a meeting with C": A and B are the passive's
        # agents; the one received, named first, is who had the meeting.
        first = ctx.mentions_in(c0, subject[0].start_char)[:1]
        subject = first or subject
    if subject and ctx.grammar["object_before"].search(
        folded[max(c0, subject[0].start_char - 12) : subject[0].start_char]
    ):
        # "PM A paid respect to B, held talks with C": B is an object, A the subject.
        first = ctx.mentions_in(c0, t0)[0]
        before_first = folded[max(c0, first.start_char - 12) : first.start_char]
        subject = [first] if not ctx.grammar["object_before"].search(before_first) else subject
    if not subject and (
        ctx.grammar["pronoun_subject"].search(folded[c0:t0])
        or P.VISITOR_SUBJECT.search(folded[c0:t0])
    ):
        visitor = _followed(ctx, sent, visitor)
        return [visitor] if visitor is not None else []
    return [m.pid for m in subject]


def _followed(ctx: Context, sent, visitor: int | None) -> int | None:
    """Who a pronoun stands for: the visitor, else the person the report was following a
    sentence or two before ("The visiting leader met A. He also met B."), else the person
    the nearest earlier sentence with a name opened with."""
    prev = ctx.sentences_before(sent, 3)
    followed = getattr(ctx, "followed", None)
    if visitor is None and followed and prev and followed[1] >= prev[0].start:
        visitor = followed[0]
    if visitor is None:
        for s in reversed(prev):
            first = ctx.mentions_in(s.start, s.end)[:1]
            if first:
                visitor = first[0].pid
                break
    if visitor is not None:
        ctx.followed = (visitor, sent.start)
    return visitor


# Right before a list of people: they are a passive's agents ("was received by A and B").
_PASSIVE_AGENT_BEFORE = re.compile(
    r"\b(?:was|were|been)\s+(?:\w+\s+){0,2}by\s+(?:[\w'-]+\s+){0,3}$"
)
# Before a meeting told as the setting of what was said: "told B in a meeting".
_IN_A_MEETING = re.compile(r"\b(?:in|during|at) (?:a|an|the|their|his|her) (?:\w+ )?$")
# A reception told in the passive: "was received by", "được ... tiếp".
_RECEIVED_BY = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?\w+\s+by\b")
# A reception told in the passive, in the languages read: the one received comes first.
_PASSIVE_RECEPTION = re.compile(
    r"\b(?:was|were|been|being|duoc|foi|foram|fue|fueron|a ete|ont ete|wurde|wurden)\s+"
    r"(?:\w+ly\s+|\w+mente\s+)?$|^\s*(?:by|boi|por|par|von|oleh)\b|\b(?:disambut|diterima)\b"
)
# Before a verb whose subject is the one said earlier: nothing but joining words.
_ELIDED = re.compile(r"^[\s,;]*(?:(?:and|then|also|later|va|roi|sau do|cung|dong thoi)[\s,]+)*$")


def _meeting_at(
    ctx, sent, c0, c1, t0, t1, kind, visitor=None, *, carried: list[int] | None = None
) -> list[MeetingDraft]:
    """The meetings a trigger at t0..t1 reports. `carried`: the subject of the list it
    continues, whose each item is a meeting of its own."""
    if P.AIRPORT_GREETING.search(ctx.folded, c0, c1) and kind in ("reception", "meeting"):
        return []  # "was welcomed at the airport by the Vice President": a greeting, no meeting
    if kind in ("reception", "meeting") and _official_greeting(ctx, sent, c0, c1):
        return []
    if ctx.is_plan(c0, t0, c1) or ctx.is_history(c0, t0, t1, c1, sent):
        return []
    if ctx.told_as_background(c0, t0):
        return []  # "the trip follows the talks between A and B in May"
    if P.EARLIER_LEG.search(ctx.folded, max(c0, t0 - 30), t0):
        return []
    subject = list(carried) if carried else _subject_pids(ctx, sent, c0, t0, visitor)
    obj = _object(ctx, t1, c1)
    if P.BETWEEN_AFTER.match(ctx.folded[t1 : t1 + 12]):
        # "discussions between A, who is visiting, and B": both sides follow, whatever the gap.
        after = ctx.mentions_in(t1, sent.end)
        obj = [m for i, m in enumerate(after) if m.pid not in {a.pid for a in after[:i]}][:2]
    if not subject and obj:
        # "In a phone call with A on March 5, B congratulated...": B is the other side.
        rest = [
            m for m in ctx.mentions_in(obj[-1].end_char, c1) if m.pid not in {o.pid for o in obj}
        ]
        subject = [m.pid for m in rest[:1]]
    if not obj and len(subject) == 1 and ctx.grammar["pronoun_object"].match(ctx.folded, t1, c1):
        # "General Secretary A met him": the person the report follows
        followed = _followed(ctx, sent, visitor)
        if followed is not None and followed not in subject:
            obj = [m for m in ctx.mentions_in(0, sent.start) if m.pid == followed][-1:]
    objects = list(dict.fromkeys(m.pid for m in obj if m.pid not in subject))
    pids = list(dict.fromkeys(subject + objects))
    if len(pids) < 2 and _IN_A_MEETING.search(ctx.folded, max(c0, t0 - 24), t0):
        # "A told B in a meeting", "A assured B during talks": the people named before.
        pids = list(dict.fromkeys(m.pid for m in ctx.mentions_in(c0, t0)))[:3]
    if kind == "call" and len(pids) < 2:
        # "A congratulated B over the phone": the people of the clause.
        pids = list(dict.fromkeys(m.pid for m in ctx.mentions_in(c0, c1)))[:3]
    confidence = 0.9 if subject and obj else 0.7
    near = ctx.date_near(sent, t0)
    date = near.date if near else None
    taken = date is None
    if taken:
        date = ctx.lead_date or ctx.published
        confidence -= 0.15
    groups = [pids]
    if (
        len(subject) == 1
        and len(objects) >= 2
        and kind != "reception"
        and not P.JOINT_MEETING.search(ctx.folded, c0, c1)
    ):
        # "A met B, C and D": a meeting with each, unless the text says they met as one;
        # "A received B and C": a delegation received together
        groups = [subject + [o] for o in objects]
    elif (
        kind == "reception"
        and len(subject) == 1
        and len(objects) >= 2
        and _RECEIVED_BY.search(ctx.folded, max(c0, t0 - 16), min(c1, t1 + 6))
    ):
        # "X was received by General Secretary A and President B": each received X.
        groups = [subject + [o] for o in objects]
    elif (
        len(subject) >= 2
        and len(objects) == 1
        and P.SEPARATE_MEETINGS.search(ctx.folded, max(c0, t0 - 30), min(c1, t1 + 12))
    ):
        # "A and B also had separate meetings with C": each of them met C.
        groups = [[s, objects[0]] for s in subject]
    place = _place_for(ctx, sent)
    venue = (_VENUE_VI if ctx.document.language == "vi" else _VENUE).search(
        ctx.text, sent.start, sent.end
    )
    passive = kind == "reception" and bool(
        _PASSIVE_RECEPTION.search(ctx.folded, max(c0, t0 - 16), t0)
        or _PASSIVE_RECEPTION.match(ctx.folded, t1, min(c1, t1 + 6))
        or _PASSIVE_RECEPTION.search(ctx.folded, t0, t1)
    )
    out = []
    for group in groups:
        draft = MeetingDraft(group, kind, date, t0, confidence=confidence, date_taken=taken)
        if kind == "reception" and subject and len(group) >= 2:
            # "A received B": A is at home; "B was received by A": the same
            draft.receiver = group[-1] if passive else group[0]
        if place:
            draft.country, draft.city = place.code, place.city
        if venue and _VENUE_WORDS.search(ctx.folded[venue.start(1) : venue.end(1)]):
            draft.venue = ctx.text[venue.start(1) : venue.end(1)].strip(" ,")
        draft.evidence.append(ctx.evidence(sent))
        out.append(draft)
    return out


def _official_greeting(ctx: Context, sent, c0: int, c1: int) -> bool:
    """'He arrived on Wednesday and was received by the Minister of Works': no meeting.

    >>> # "was warmly received by Union Minister A" after "arrived in New Delhi"
    """
    folded = ctx.folded
    m = P.PASSIVE_GREETING.search(folded, c0, c1)
    if m is None:
        return False
    before = ctx.sentences_before(sent, 1)
    start = before[0].start if before else sent.start
    if not P.ARRIVAL_WORDS.search(folded, start, sent.end):
        return False
    greeter = folded[m.end() : min(c1, m.end() + 60)]
    if P.GREETER_IS_HEAD.match(greeter):
        return False
    return bool(P.GREETER_IS_OFFICIAL.search(greeter))


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
        same.date_taken = same.date_taken and d.date_taken
        same.evidence += [e for e in d.evidence if e not in same.evidence]
    return out


def implied_visits(ctx: Context, meetings: list[MeetingDraft]) -> list[VisitDraft]:
    """The trip a meeting abroad implies, when the article tells none: a head of state or
    government of one country meeting, in a place the sentence names in another country
    ("the Chinese premier met the Indonesian president in Beijing": a trip of the
    Indonesian president to China). Read at lower confidence; the writer joins it to the
    trip other reports tell."""
    found: dict[str, VisitDraft] = {}
    for m in meetings:
        where = m.country or _receiver_country(ctx, m)
        if m.kind == "call" or where is None:
            continue
        abroad = [p for p in m.pids if ctx.people.entity(p).country not in (None, where)]
        if len(abroad) > 1:
            continue  # "on the sidelines of the summit in Milan, A met B": both abroad
        for pid in dict.fromkeys(m.pids):
            ent = ctx.people.entity(pid)
            country = ent.country or (ent.known.country if ent.known else None)
            if not country or country == where or ent.country_assumed:
                continue
            offices = [ent.office] if ent.office else list(ent.known.offices if ent.known else ())
            if not any(office_kind(o) in ("state", "government") for o in offices):
                continue
            draft = VisitDraft(
                country,
                where,
                pid,
                "other",
                start=None if m.date_taken else m.date,
                confidence=0.6,
                evidence=list(m.evidence),
                in_lead=ctx.in_lead(m.position),
            )
            found.setdefault(draft.key, draft)
    # Two people meeting in the host's capital: only the one from abroad travelled.
    return list(found.values()) if len(found) == 1 else []


def _visits_by_counterpart(ctx: Context, visits: list[VisitDraft], m: MeetingDraft):
    """The visits a meeting may belong to, those to the country of the people met first:
    on a trip to China then to the US, a meeting with Li Qiang told without a place is of
    the trip to China."""
    theirs = {
        ctx.people.entity(p).country for p in m.pids if not ctx.people.entity(p).country_assumed
    }
    return sorted(visits, key=lambda v: v.host_country not in theirs)


def _receiver_country(ctx: Context, m: MeetingDraft) -> str | None:
    """Where a reception with no place of its own took place: the receiver's country
    ("President A received B at the Elysee Palace": in A's country)."""
    if m.kind != "reception" or m.receiver is None:
        return None
    ent = ctx.people.entity(m.receiver)
    return ent.country if ent.country and not ent.country_assumed else None


def _within(date, visit: VisitDraft) -> bool:
    """Whether a day falls within a visit's days (a visit with a start and no end: that day)."""
    if date is None or visit.start is None or date.day is None or visit.start.day is None:
        return False
    end = visit.end or visit.start
    if end.day is None or date.year != visit.start.year:
        return False
    key = (date.month, date.day)
    return (visit.start.month, visit.start.day) <= key <= (end.month, end.day)


def link(ctx: Context, visits: list[VisitDraft], meetings: list[MeetingDraft]) -> None:
    """Give meetings their visit and, failing a place of their own, the visit's country."""
    for m in meetings:
        for v in _visits_by_counterpart(ctx, visits, m):
            if v.visitor_pid in m.pids and (m.country is None or m.country == v.host_country):
                m.visit_key = v.key
                dated = m.date is not None and m.date.day is not None
                if m.date_taken and dated and (v.start is None or _within(m.date, v)):
                    # A meeting of the story's trip, dated by its lead: read as well as one
                    # dated in its own sentence, but for the day.
                    m.confidence += 0.1
                m.country = m.country or v.host_country
                if m.city and m.city not in v.cities and m.country == v.host_country:
                    v.cities.append(m.city)
                break
        if m.kind == "call":
            m.country, m.city = None, None  # a call takes place in no one country
        elif m.country is None:
            m.country = _receiver_country(ctx, m)
            if m.country is None:
                m.country = ctx.home
                m.confidence -= 0.1
