"""Agreements: partnership upgrades, joint statements, signed documents, action programmes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .components import SPAN_KEY
from .context import Context, Sentence
from .dates import years_in
from .events import MeetingDraft, VisitDraft
from .names import name_key
from .records import Evidence, FuzzyDate

_DURING_VISIT = re.compile(
    r"\b(?:during|in the course of|trong|within)\b[^;]{0,40}\b(?:visit|trip|chuyen tham)\b"
)
# Right before an upgrade verb: the relationship as it already is, not news of a change.
_BACKGROUND_BEFORE = re.compile(
    r"(?:\b(?:have|has|had)\s+(?:\w+\s+)?|\bsince\s+(?:the\s+)?|\b(?:ke tu khi|tu khi|ke tu)\s+)$"
)
# "Over the past 32 years ..., forging a partnership": a look back, not a change.
_PAST_SPAN = re.compile(
    r"\b(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years|decades)\b|\btrong \w+ nam qua\b"
)
# "tháng 5/2008", "5/2008": a month and year (dd/mm/yyyy dates are read elsewhere).
_MONTH_YEAR = re.compile(r"(?<![/\d])\d{1,2}/((?:19|20)\d\d)\b")
# Around a signing: a relative clause of an earlier event ("during which ... were signed").
_DURING_WHICH = re.compile(r"\b(?:during|in|at) which\b")
_OF_COORDINATION = re.compile(r"\s+of (?:strategic )?coordination\b")
_TITLE_END = re.compile(r"[,;.(]|\s(?:between|which|that|to be|and the|va|giua)\s")


@dataclass
class AgreementDraft:
    kind: str
    parties: tuple[str, ...]
    level: str | None
    date: FuzzyDate | None
    title: str | None = None
    document_count: int | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    visit_key: str | None = None

    @property
    def key(self) -> str:
        tail = f":{self.level}" if self.level else ""
        return f"agreement:{self.kind}:{'|'.join(self.parties)}{tail}"


def find_agreements(
    ctx: Context, visits: list[VisitDraft], meetings: list[MeetingDraft]
) -> list[AgreementDraft]:
    main_date = meetings[0].date if meetings else ctx.lead_date
    pair = _context_pair(ctx, visits)
    levels = [s for s in ctx.doc.spans[SPAN_KEY] if s.label_ == "LEVEL"]
    drafts: dict[str, AgreementDraft] = {}

    def add(draft: AgreementDraft | None) -> None:
        if draft is None or len(draft.parties) != 2 or ctx.is_future(draft.date):
            return  # none, not between two countries, or dated after the article: a plan
        old = drafts.get(draft.key)
        if old is None:
            drafts[draft.key] = draft
            return
        old.date = old.date or draft.date
        old.title = old.title or draft.title
        old.document_count = old.document_count or draft.document_count
        old.confidence = max(old.confidence, draft.confidence)
        old.evidence += [e for e in draft.evidence if e not in old.evidence]

    for sent in ctx.sentences:
        for c0, c1 in sent.clauses(ctx.folded):
            date = _date_for(ctx, sent, c0, c1, main_date)
            for span in levels:
                if c0 <= span.start_char < c1:
                    add(_upgrade(ctx, sent, c0, c1, span, pair, date))
            add(_joint_statement(ctx, sent, c0, c1, pair, date))
            add(_signing(ctx, sent, c0, c1, pair, date))
            add(_programme(ctx, sent, c0, c1, pair, date))
    out = list(drafts.values())
    for a in out:
        for v in visits:
            if set(a.parties) == {v.visitor_country, v.host_country}:
                a.visit_key = v.key
    return out


def _context_pair(ctx: Context, visits: list[VisitDraft]) -> tuple[str, ...]:
    if visits:
        return tuple(sorted({visits[0].visitor_country, visits[0].host_country}))
    codes = ctx.country_counts(people=True)
    return tuple(sorted(codes[:2])) if len(codes) >= 2 else ()


def _parties(
    ctx: Context, sent: Sentence, c0: int, c1: int, pair: tuple[str, ...]
) -> tuple[tuple[str, ...], float]:
    found = [(p.start, p.code) for p in ctx.places_in(c0, c1) if p.city is None]
    for m in ctx.mentions_in(c0, c1):
        ent = ctx.people.entity(m.pid)
        if ent.country and not ent.country_assumed:
            found.append((m.start_char, ent.country))
    codes = list(dict.fromkeys(code for _, code in sorted(found)))
    if len(codes) >= 2:
        return tuple(sorted(codes[:2])), 0.9
    if len(codes) == 1 and pair and codes[0] in pair:
        return pair, 0.8
    if len(codes) == 1 and ctx.home and ctx.home != codes[0]:
        return tuple(sorted({codes[0], ctx.home})), 0.6
    if not codes and pair:
        return pair, 0.7
    return (), 0.0


def _date_for(
    ctx: Context, sent: Sentence, c0: int, c1: int, main_date: FuzzyDate | None
) -> FuzzyDate | None:
    for d in sent.dates:
        return d.date
    if _DURING_VISIT.search(ctx.folded, c0, c1):
        return None  # "during his visit, the two sides agreed...": the day is not said
    return main_date


def _blocked(ctx: Context, sent: Sentence, c0: int, c1: int, t0: int, t1: int) -> bool:
    if ctx.is_plan(c0, t0, c1) or ctx.is_history(c0, t0, t1, c1, sent):
        return True
    if ctx.told_as_background(c0, t0):
        return True  # "since the two countries upgraded their ties during X's visit"
    if P.PLAN_AFTER.match(ctx.folded[t1:c1]):
        return True  # "the signing of several memorandums ... is expected"
    return bool(P.ANNIVERSARY_BEFORE.search(ctx.folded[max(c0, t0 - 80) : t0]))


def _upgrade(ctx, sent, c0, c1, span, pair, date) -> AgreementDraft | None:
    verbs = [
        m
        for m in P.UPGRADE_VERB.finditer(
            ctx.folded, max(c0, span.start_char - 160), span.start_char
        )
    ]
    if not verbs:
        return None
    verb = verbs[-1]
    between = ctx.folded[verb.end() : span.start_char]
    if not P.ESTABLISH_VERB.match(verb.group(0)) and not ctx.grammar["upgrade_to"].search(between):
        return None  # "deepening and elevating the strategic partnership": no new level
    if _blocked(ctx, sent, c0, c1, verb.start(), span.end_char):
        return None
    if _BACKGROUND_BEFORE.search(
        ctx.folded[max(c0, verb.start() - 60) : verb.start()]
    ) or _PAST_SPAN.search(ctx.folded, sent.start, verb.start()):
        return None  # "have established", "since establishing": the level as it stands
    if _older_year(ctx, sent.start, verb.start()):
        return None  # "In May 2008, ... established the framework of ...": history
    level = ctx.index.levels.get(name_key(span.text))
    if level and _OF_COORDINATION.match(ctx.folded, span.end_char):
        level = "other"  # "comprehensive strategic partnership of coordination": a level apart
    if level is None or (level == "other" and P.ESTABLISH_VERB.match(verb.group(0))):
        return None  # "the establishment of diplomatic relations" is no partnership upgrade
    parties, conf = _parties(ctx, sent, c0, c1, pair)
    draft = AgreementDraft("partnership_upgrade", parties, level, date, confidence=round(conf, 2))
    draft.evidence.append(ctx.evidence(sent))
    return draft


def _older_year(ctx: Context, start: int, end: int) -> bool:
    """A year before the article's own in the sentence before the upgrade verb."""
    published = ctx.published.year if ctx.published else None
    text = ctx.folded[start:end]
    years = [y for _, y in years_in(text)] + [int(y) for y in _MONTH_YEAR.findall(text)]
    return bool(published) and any(y < published for y in years)


def _title(ctx: Context, start: int, end_limit: int) -> str | None:
    text = ctx.text[start:end_limit]
    if not text[:1].isupper():
        return None
    m = _TITLE_END.search(text)
    title = text[: m.start() if m else 120].strip()
    return title[:200] or None


def _joint_statement(ctx, sent, c0, c1, pair, date) -> AgreementDraft | None:
    m = P.JOINT_STATEMENT.search(ctx.folded, c0, c1)
    if (
        not m
        or not P.ISSUED.search(ctx.folded, c0, c1)
        or _blocked(ctx, sent, c0, c1, m.start(), m.end())
    ):
        return None
    parties, conf = _parties(ctx, sent, c0, c1, pair)
    draft = AgreementDraft(
        "joint_statement", parties, None, date, _title(ctx, m.start(), c1), confidence=conf
    )
    draft.evidence.append(ctx.evidence(sent))
    return draft


def _signing(ctx, sent, c0, c1, pair, date) -> AgreementDraft | None:
    m = P.SIGNING.search(ctx.folded, c0, c1) or P.SIGNED_PASSIVE.search(ctx.folded, c0, c1)
    if not m or _blocked(ctx, sent, c0, c1, m.start(), m.end()):
        return None
    if _DURING_WHICH.search(ctx.folded, max(c0, m.start() - 40), m.end()):
        return None  # "the visit in May, during which five agreements were signed": then
    count_word = m.group("count")
    count = None
    if count_word:
        count = int(count_word) if count_word.isdigit() else P.NUMBER_WORDS.get(count_word)
    parties, conf = _parties(ctx, sent, c0, c1, pair)
    draft = AgreementDraft(
        "document_signing", parties, None, date, None, count, confidence=conf * 0.9
    )
    draft.evidence.append(ctx.evidence(sent))
    return draft


def _programme(ctx, sent, c0, c1, pair, date) -> AgreementDraft | None:
    m = P.ACTION_PROGRAMME.search(ctx.folded, c0, c1)
    if not m or not P.PROGRAMME_DONE.search(ctx.folded, c0, c1):
        return None
    if _blocked(ctx, sent, c0, c1, m.start(), m.end()):
        return None
    parties, conf = _parties(ctx, sent, c0, c1, pair)
    draft = AgreementDraft(
        "action_programme", parties, None, date, _title(ctx, m.start(), c1), confidence=conf * 0.8
    )
    draft.evidence.append(ctx.evidence(sent))
    return draft
