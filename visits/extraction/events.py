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
    background: str | None = None  # how the mention tells the trip as past (Context.background_cue)
    in_lead: bool = False

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
    # No date near the words: the lead's (or the article's) date was taken.
    date_taken: bool = False
    # Of a reception: the one who received, at home unless the text says where.
    receiver: int | None = None


def _chain(ctx: Context, mentions: list[Mention], idx: int, step: int) -> list[Mention]:
    """Mentions joined to mentions[idx] by 'and' / ',' in the direction of step.

    Going left, a bare comma does not join: "At the invitation of A, B met C".
    """
    out = [mentions[idx]]
    j = idx + step
    while 0 <= j < len(mentions):
        a, b = (mentions[j], out[-1]) if step < 0 else (out[-1], mentions[j])
        gap = ctx.folded[a.end_char : b.start_char]
        if not ctx.grammar["conj_gap"].match(gap) or (step < 0 and not re.search(r"\w", gap)):
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


# A building named after a place is not in that place: "Palácio de Belém" is in Lisbon,
# "Villa Hammerschmidt", "Schloss Bellevue", "Istana Negara" name no town.
_NAMED_BUILDING_BEFORE = re.compile(
    r"\b(?:palace|palacio|palais|palast|palazzo|schloss|castle|castelo|castillo|chateau|"
    r"istana|dinh|mosteiro|monastery|monasterio|abbey|abbaye|tower|torre|villa|quinta)"
    r"\s+(?:of\s+|de\s+|do\s+|da\s+|du\s+|des\s+|del\s+|di\s+)?(?:the\s+|la\s+|l')?$"
)


def _place_for(ctx: Context, sent: Sentence) -> Place | None:
    places = [
        p
        for p in ctx.places_in(sent.start, sent.end)
        if (ctx.dateline is None or p.start != ctx.dateline.start)  # where the report was filed
        and not _NAMED_BUILDING_BEFORE.search(ctx.folded, max(sent.start, p.start - 24), p.start)
    ]
    for p in places:
        if p.city:
            return p
    for p in places:
        if _IN_PLACE.search(ctx.folded[max(sent.start, p.start - 8) : p.start]):
            return p
    return None


# --- Visits ----------------------------------------------------------------------------


def find_visits(ctx: Context) -> list[VisitDraft]:
    """The trips the report tells as done.

    A trip told as the background of the news ("follows X's visit to Y in June") is no
    record; a trip told as past ("during the visit last year", "chuyến thăm vừa qua") or
    dated well before the article is one only if the report's lead tells it too. A trip
    dated after the article is a plan.
    """
    drafts: dict[str, VisitDraft] = {}
    past: set[str] = set()
    lead: set[str] = set()
    for sent in ctx.sentences:
        for c0, c1 in sent.clauses(ctx.folded):
            triggers = [(m, _visit_at) for m in P.VISIT_TRIGGER.finditer(ctx.folded, c0, c1)]
            triggers += [(m, _arrival_at) for m in P.ARRIVED_IN.finditer(ctx.folded, c0, c1)]
            for m, read in triggers:
                draft = read(ctx, sent, c0, c1, m.start(), m.end())
                if draft is None or ctx.is_future(draft.start):
                    continue
                if draft.background is not None:
                    past.add(draft.key)
                    if draft.background == "told":
                        continue
                if draft.in_lead:
                    lead.add(draft.key)
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
    return [d for k, d in drafts.items() if k not in past or k in lead]


def _visit_at(
    ctx: Context, sent: Sentence, c0: int, c1: int, t0: int, t1: int
) -> VisitDraft | None:
    folded = ctx.folded
    word = folded[t0:t1]
    if ctx.is_history(c0, t0, t1, c1, sent):
        return None
    planned = ctx.is_plan(c0, t0, c1)
    if P.EARLIER.match(folded[t1:c1]):
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
    if word.startswith("le don"):
        visitor, host = _welcomed_guest(ctx, c0, t0, t1, c1)
        if visitor is None:
            return None
    if host is None:
        places = [p for p in ctx.places_in(t1, c1)]
        if (
            places
            and len(folded[t1 : places[0].start]) < 60
            and ctx.grammar["destination_gap"].match(folded[t1 : places[0].start])
        ):
            host = places[0]
    visitor_place: Place | None = None
    if host is not None and P.VISIT_OF.match(folded, t1, host.start):
        visitor_place, host = host, None  # "the state visit of a Timor-Leste leader"
    for p in ctx.places_in(c0, t0):
        gap = folded[p.end : t0]
        if P.POSSESSIVE_GAP.match(gap):
            visitor_place = p  # "Indonesia's president headed ... for a state visit"
        elif host is None and (
            ctx.grammar["destination_before"].search(folded, max(c0, p.start - 14), p.start)
            or P.DEPARTED_FOR.search(folded, max(c0, p.start - 80), p.start)
        ):
            host = p  # "headed to China for a state visit", "left Sunday for France"
    if visitor is None:
        visitor = _relative_visitor(ctx, c0, t0)
    if visitor is None and host is None:
        visitor, host = _visit_of_person(ctx, t1, c1)
    if host is None and ctx.dateline is not None and P.HERE.search(folded, c0, c1):
        host = ctx.dateline  # "MALE: The prime minister arrived here on an official visit"
    generic = host is None and (
        P.GENERIC_PLACE.match(folded[t1:c1]) or P.ONGOING.search(folded[max(c0, t0 - 40) : t1])
    )
    if host is None:
        # "arrived Pretoria, South Africa, for a state visit": the place arrived at
        arrival = P.ARRIVAL.search(folded, c0, t0)
        if arrival:
            places = ctx.places_in(arrival.end(), t0)
            host = places[0] if places else None
            generic = generic and host is None
    if host is None and not generic and kind == "other":
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
        if visitor is None and host is not None and kind != "other":
            # "followed a working visit to Zambia, where President Ramaphosa and ...": the
            # named person not of the host country is the traveller.
            rest = [
                m
                for m in ctx.mentions_in(host.end, sent.end)
                if ctx.people.entity(m.pid).country not in (None, host.code)
                and not ctx.people.entity(m.pid).country_assumed
                and _WHERE.match(folded, host.end, m.start_char)
            ]
            visitor = rest[0] if rest else None
        if visitor is None and ctx.grammar["frame_before"].search(folded, c0, t0):
            # "During his state visit to Japan, President X held talks ...": X travels.
            after = ctx.mentions_in(host.end if host else t1, c1)
            visitor = after[0] if after else None
    visitor_country = ctx.people.entity(visitor.pid).country if visitor else None
    if visitor_place is not None and visitor_country != visitor_place.code:
        # The text says whose visit it is: the person found is the host, not the traveller.
        visitor, visitor_country = None, visitor_place.code
    if (
        visitor
        and host
        and visitor_country == host.code
        and ctx.people.entity(visitor.pid).country_assumed
    ):
        others = ctx.country_counts(exclude={host.code})
        visitor_country = others[0] if others else None
    if visitor_country is None:
        before = [
            p
            for p in ctx.places_in(c0, t0)
            if (host is None or p.code != host.code)
            and not ctx.grammar["destination_before"].search(folded, max(c0, p.start - 14), p.start)
        ]
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
    if planned and not ctx.is_past(draft.end or draft.start):
        return None  # "will pay a visit": a plan, unless its days are before the article's
    draft.background = ctx.background_cue(c0, t0, t1, c1)
    if draft.background is None and ctx.long_before(draft.end or draft.start):
        draft.background = "recent"
    draft.in_lead = ctx.in_lead(sent.start)
    inv = P.INVITATION_OK.search(folded, sent.start, sent.end)
    if inv:
        after = ctx.mentions_in(inv.end(), sent.end)
        draft.invited_by_pid = after[0].pid if after else None
    if visitor is None:
        draft.confidence -= 0.2
    return draft


def _arrival_at(
    ctx: Context, sent: Sentence, c0: int, c1: int, t0: int, t1: int
) -> VisitDraft | None:
    """A leader's arrival in a place of another country, told as done, is a trip there,
    with or without the word "visit": "Prime Minister A arrived in Port Louis on Monday",
    "Presiden A tiba di Washington", "A ist in Warschau eingetroffen". The traveller is a
    person named in the clause whose country the text gives; a group, a plane or a
    delegation without a named person is no trip.

    >>> # "A arrived in Hanoi" (A of Laos): LA > VN; "A arrived back in Vientiane": none
    """
    folded = ctx.folded
    places = [p for p in ctx.places_in(t1, c1) if p.start - t1 <= 3]
    if not places:
        return None
    host = places[0]
    if ctx.is_history(c0, t0, t1, c1, sent) or ctx.is_plan(c0, t0, c1):
        return None
    if P.EARLIER.match(folded[t1:c1]) or ctx.told_as_background(c0, t0):
        return None
    subject = (
        _subject(ctx, c0, t0)
        or [m for m in ctx.mentions_in(host.end, c1) if m.start_char - host.end <= 60][:1]
    )
    if not subject:
        return None
    visitor = subject[0]
    ent = ctx.people.entity(visitor.pid)
    if ent.country is None or ent.country_assumed or ent.country == host.code:
        return None
    window = folded[max(c0, t0 - 40) : min(c1, t1 + 60)]
    kind = next((k for k, rx in P.VISIT_KINDS if rx.search(window)), "other")
    draft = VisitDraft(ent.country, host.code, visitor.pid, kind, confidence=0.7)
    draft.evidence.append(ctx.evidence(sent))
    draft.cities = list(
        dict.fromkeys(
            p.city for p in ctx.places_in(sent.start, sent.end) if p.city and p.code == host.code
        )
    )
    near = ctx.date_near(sent, t0)
    if near is not None:
        draft.start = near.date
    draft.background = ctx.background_cue(c0, t0, t1, c1)
    if draft.background is None and ctx.long_before(draft.start):
        draft.background = "recent"
    draft.in_lead = ctx.in_lead(sent.start)
    return draft


# "... visit to Zambia, where both President Ramaphosa": the relative clause right after.
_WHERE = re.compile(r"\s*,?\s*where\b[^.;]{0,40}$")


def _welcomed_guest(ctx: Context, c0: int, t0: int, t1: int, c1: int):
    """'X chủ trì lễ đón chính thức Tổng thống Hy Lạp Y': Y visits X's country."""
    after = ctx.mentions_in(t1, c1)
    if not after or after[0].start_char - t1 > 80:
        return None, None
    guest = ctx.people.entity(after[0].pid)
    hosts = _subject(ctx, c0, t0)
    code = ctx.people.entity(hosts[0].pid).country if hosts else ctx.home
    if not code or guest.country in (None, code) or guest.country_assumed:
        return None, None
    return after[0], Place(t0, t1, code, None)


# "the visit of A to B", "la visite de A à B", "a visita de A a B", "der Besuch von A in B",
# "chuyến thăm của A tới B": the traveller right after the trip's word, the place after him
_OF_PERSON = re.compile(
    r"^\s*(?:(?:official|state|working|officielle|d'etat|de travail|oficial|de estado)\s+)?"
    r"(?:of|de|du|da|do|von|des|del|cua)\s+(?:the\s+|le\s+|la\s+|o\s+|a\s+|el\s+)?"
    r"(?:[\w'-]+\s+){0,4}$"
)


def _visit_of_person(ctx: Context, t1: int, c1: int) -> tuple[Mention | None, Place | None]:
    after = ctx.mentions_in(t1, c1)
    if not after or not _OF_PERSON.match(ctx.folded[t1 : after[0].start_char]):
        return None, None
    places = [p for p in ctx.places_in(after[0].end_char, c1) if p.start - after[0].end_char <= 12]
    if not places or not ctx.grammar["destination_before"].search(
        ctx.folded, after[0].end_char, places[0].start
    ):
        return None, None
    return after[0], places[0]


def _relative_visitor(ctx: Context, c0: int, t0: int) -> Mention | None:
    """'Biden, who is on his first official visit', 'Xi's state visit': the named traveller."""
    before = ctx.mentions_in(c0, t0)
    for m in reversed(before):
        gap = ctx.folded[m.end_char : t0]
        if P.WHO_GAP.match(gap) or P.POSSESSIVE_GAP.match(gap):
            return m
    return None


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
        word = next(g for g in dur.groups() if g)
        days = int(word) if word.isdigit() else P.DURATION_WORDS.get(word)
    concluding = P.CONCLUDING.search(folded, max(c0, t0 - 80), c1)
    arrival = P.ARRIVAL.search(folded, c0, c1)
    if (
        concluding
        and concluding.group(0) in ("left", "leaving", "departed")
        and re.search(r"\bfor\b", folded[concluding.end() : t0])
    ):
        concluding, arrival = None, concluding  # "left Pakistan on Tuesday for a visit": it starts
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
