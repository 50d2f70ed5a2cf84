"""What the event rules share about one article: sentences, places, dates and people."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from . import patterns as P
from .components import SPAN_KEY
from .dates import DateMention, find_dates, years_in
from .gazetteer import CITY_VARIANTS, GazetteerIndex
from .names import fold_lower, name_key
from .people import Mention, PeopleFinder
from .records import Document, Evidence, FuzzyDate


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    code: str
    city: str | None  # the city's name when the mention is a city


@dataclass
class Sentence:
    start: int
    end: int
    dates: list[DateMention]

    def clauses(self, folded: str) -> list[tuple[int, int]]:
        """Character ranges split at semicolons."""
        out, s = [], self.start
        for m in re.finditer(";", folded[self.start : self.end]):
            out.append((s, self.start + m.start()))
            s = self.start + m.end()
        out.append((s, self.end))
        return out


_LEAD_CHARS = 400
_SHORT_LEAD = 60  # characters


def _word_end(text: str, pos: int) -> int:
    """The end of the word (or phrase start) at pos: "talks| to be held"."""
    m = re.compile(r"[\w-]*").match(text, pos)
    return m.end() if m else pos


def _days_after(date: FuzzyDate | None, published: FuzzyDate | None) -> int | None:
    """Days from the article's date to a day, when both are full dates."""
    if date is None or published is None:
        return None
    if None in (date.year, date.month, date.day, published.year, published.month, published.day):
        return None
    try:
        return (
            dt.date(date.year, date.month, date.day)
            - dt.date(published.year, published.month, published.day)
        ).days
    except ValueError:
        return None


_ISO_DAY = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def reference_date(folded: str) -> FuzzyDate | None:
    """The first full date (day, month, year) of an article without a date line.

    "HANOI, March 21, 2022", "Updated: 2015-09-26", "14.10.2024": weekdays and
    day-month dates elsewhere in the article are read against it. A time stamp
    (ISO day) counts anywhere; a written date only in the title and the lead.

    >>> reference_date("updated: 2015-09-26 19:09 ... on friday").iso()
    '2015-09-26'
    """
    best = None
    iso = _ISO_DAY.search(folded)
    if iso:
        y, m, d = (int(g) for g in iso.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            best = (iso.start(), FuzzyDate(y, m, d))
    # Only the title and the lead: a full date further down is often history
    # ("relations established on July 26, 1966").
    for d in find_dates(folded[:_LEAD_CHARS], None):
        if d.date is not None and d.date.year and d.date.day and d.date.month:
            if best is None or d.start < best[0]:
                best = (d.start, d.date)
            break
    return best[1] if best else None


class Context:
    """One parsed article, with the lookups every rule needs."""

    def __init__(self, doc: Doc, document: Document, index: GazetteerIndex):
        self.doc = doc
        self.document = document
        self.index = index
        self.text = doc.text
        self.folded = fold_lower(doc.text)
        self.published = document.published or reference_date(
            fold_lower(document.title or "") + "\n" + self.folded
        )
        self._place_starts: list[int] | None = None
        self.places = self._places()
        self.dateline = self._dateline()
        self.home = self._home()
        self.people = PeopleFinder(doc, index, self.home, self.published).run()
        self.people.mentions = [m for m in self.people.mentions if not self._memorial(m)]
        self.sentences = [
            Sentence(
                s.start_char,
                s.end_char,
                find_dates(self.folded[s.start_char : s.end_char], self.published, s.start_char),
            )
            for s in doc.sents
            if s.text.strip()
        ]
        self._sentence_starts = [s.start for s in self.sentences]
        self.mood = P.mood_patterns(document.language)
        self.grammar = P.grammar_patterns(document.language)
        self.lead_date = next(
            (
                d.date
                for s in self.sentences[:2]
                for d in s.dates
                if not d.relative or self.published
            ),
            None,
        )

    def _places(self) -> list[Place]:
        out = []
        for span in self.doc.spans[SPAN_KEY]:
            if span.label_ == "COUNTRY":
                code = self.index.countries.get(name_key(span.text))
                if code:
                    out.append(Place(span.start_char, span.end_char, code, None))
            elif span.label_ == "CITY":
                key = name_key(span.text)
                hit = self.index.cities.get(key)
                if hit is None and key in CITY_VARIANTS:
                    hit = self.index.cities.get(name_key(CITY_VARIANTS[key]))
                if hit:
                    out.append(
                        Place(
                            span.start_char, span.end_char, hit[0], CITY_VARIANTS.get(key, hit[1])
                        )
                    )
        return out

    def _dateline(self) -> Place | None:
        """'MALE:', 'HANOI, Vietnam (AP) —': the place the report was filed from."""
        first = self.places[0] if self.places else None
        if first is None or first.start > 2:
            return None
        return first if P.DATELINE_END.match(self.folded, first.end) else None

    def _home(self) -> str | None:
        """The country whose people an article names without saying where they are from."""
        codes = Counter(p.code for p in self.places)
        if self.document.language == "vi" or "VN" in codes:
            return "VN"
        return codes.most_common(1)[0][0] if codes else None

    # -- lookups -------------------------------------------------------------------

    def _memorial(self, m) -> bool:
        """'laid a wreath at President Ho Chi Minh's Mausoleum': named, but not there."""
        return bool(
            P.MEMORIAL_AFTER.match(self.folded, m.end_char, m.end_char + 40)
            or P.MEMORIAL_BEFORE.search(self.folded, max(0, m.start_char - 60), m.start_char)
        )

    def places_in(self, start: int, end: int) -> list[Place]:
        if self._place_starts is None or len(self._place_starts) != len(self.places):
            starts = [p.start for p in self.places]
            ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
            self._place_starts = starts if ordered else None
        if self._place_starts is None:
            return [p for p in self.places if p.start >= start and p.end <= end]
        lo = bisect.bisect_left(self._place_starts, start)
        hi = bisect.bisect_left(self._place_starts, end, lo)
        return [p for p in self.places[lo:hi] if p.end <= end]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.people.in_range(start, end)

    def evidence(self, sent: Sentence) -> Evidence:
        return Evidence(sent.start, sent.end, self.text[sent.start : sent.end])

    def sentences_before(self, sent: Sentence, count: int) -> list[Sentence]:
        """The `count` sentences that end before `sent` starts, in order (by bisection:
        the plural and pronoun lookups ask for them at every meeting)."""
        i = bisect.bisect_left(self._sentence_starts, sent.start)
        while i > 0 and self.sentences[i - 1].end > sent.start:
            i -= 1
        return self.sentences[max(0, i - count) : i]

    def sentence_at(self, pos: int) -> Sentence:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return self.sentences[-1]

    def country_counts(self, exclude: set[str] = frozenset(), people: bool = False) -> list[str]:
        """Countries by how often the article names them (and its people, if asked)."""
        counts = Counter(p.code for p in self.places if p.code not in exclude)
        if people:
            for m in self.people.mentions:
                ent = self.people.entity(m.pid)
                if ent.country and not ent.country_assumed and ent.country not in exclude:
                    counts[ent.country] += 1
        return [c for c, _ in counts.most_common()]

    def date_near(self, sent: Sentence, pos: int) -> DateMention | None:
        dates = [
            d
            for d in sent.dates
            if not P.ANNIVERSARY_BEFORE.search(self.folded[max(sent.start, d.start - 50) : d.start])
        ] or sent.dates  # "on Thursday ... on the 72nd anniversary (January 18)": Thursday
        if not dates:
            return None
        return min(dates, key=lambda d: abs(d.start - pos))

    def is_plan(self, clause_start: int, trigger_start: int, clause_end: int) -> bool:
        """'will pay', 'invited ... to visit', '... at a convenient time'."""
        before = self.folded[max(clause_start, trigger_start - 100) : trigger_start]
        if self.mood["plan_before"].search(before) or self.grammar["negated_before"].search(
            before[-40:]
        ):
            return True
        whole_before = self.folded[clause_start:trigger_start]
        invited = P.INVITATION.search(whole_before) or P.INVITATION_VI.search(
            self.text[clause_start:trigger_start]
        )
        if invited and not P.INVITATION_OK.search(whole_before):
            return True
        if self.mood["governed_plan"].search(self.folded, clause_start, trigger_start):
            return True  # "will hold talks with A and sign", "are scheduled to ... pay visits"
        if self._headline_infinitive(clause_start, trigger_start):
            return True
        after = self.folded[trigger_start:clause_end]
        return bool(
            P.AT_A_CONVENIENT_TIME.search(after)
            or P.LATER.match(after)
            or self.mood["plan_after"].match(self.folded, _word_end(self.folded, trigger_start))
        )

    def _headline_infinitive(self, clause_start: int, trigger_start: int) -> bool:
        """'NA Chairman to attend A, visit B', 'Pham Minh Chinh to pay official visit': an
        infinitive right after the person or the office, as headlines tell a plan."""
        ends = [m.end_char for m in self.mentions_in(clause_start, trigger_start)]
        ends += [m.end() for m in P.OFFICE_END.finditer(self.folded, clause_start, trigger_start)]
        rx = self.mood["headline_to"]
        return any(rx.match(self.folded[e:trigger_start]) for e in ends)

    def is_future(self, date: FuzzyDate | None) -> bool:
        """A day more than a day after the article's date: the event has not happened yet."""
        gap = _days_after(date, self.published)
        return gap is not None and gap > 1

    def background_cue(
        self, clause_start: int, trigger_start: int, trigger_end: int, clause_end: int
    ) -> str | None:
        """How a clause tells a trip as past: 'told' (as the background of this report's
        news: "follows X's visit", "since ... during X's visit"), 'recent' ("visit last
        year", "chuyến thăm vừa qua", "in June" months before the article) or None."""
        if self.told_as_background(clause_start, trigger_start):
            return "told"
        if self.mood["recent_before"].search(
            self.folded, max(clause_start, trigger_start - 60), trigger_start
        ):
            return "recent"
        if self.mood["recent_opening"].match(self.folded, clause_start) or self.mood[
            "recent_opening_before"
        ].search(self.folded, max(0, clause_start - 40), clause_start):
            return "recent"  # "Last year, A visited B"
        after = self.folded[trigger_end:clause_end]
        if self.mood["recent_after"].match(after):
            return "recent"
        month = self.grammar["month_only_after"].match(after)
        pub = self.published
        if month and pub is not None and pub.month is not None:
            number = P.month_number(month)
            if number is not None and 1 <= number < pub.month:
                return "recent"
        return None

    def told_as_background(self, clause_start: int, trigger_start: int) -> bool:
        """'follows the talks between A and B', 'since the upgrade during X's visit'."""
        return bool(
            self.mood["governed_background"].search(self.folded, clause_start, trigger_start)
        )

    def is_past(self, date: FuzzyDate | None) -> bool:
        """A day before the article's date: whatever the text says, it has happened."""
        gap = _days_after(date, self.published)
        return gap is not None and gap < 0

    def long_before(self, date: FuzzyDate | None) -> bool:
        """A day well before the article's date (more than ten days)."""
        gap = _days_after(date, self.published)
        return gap is not None and gap < -10

    def in_lead(self, pos: int) -> bool:
        """In the report's lead, where it tells its own news: the first sentence, and the
        second when the first is a headline or a dateline left in the body (short, or
        without a full stop)."""
        lead = self.sentences[:1]
        if lead:
            first = self.text[lead[0].start : lead[0].end].rstrip()
            if len(first) < _SHORT_LEAD or not first.endswith((".", "!", "?", '"', "”", "’")):
                lead = self.sentences[:2]
        return any(s.start <= pos < s.end for s in lead)

    def is_history(
        self,
        clause_start: int,
        trigger_start: int,
        trigger_end: int,
        clause_end: int,
        sent: Sentence,
    ) -> bool:
        """'recalling ... visit in 1959', 'since ... upgraded in 2015'."""
        if self.mood["history_before"].search(
            self.folded[max(clause_start, trigger_start - 80) : trigger_start]
        ):
            return True
        window_start, window_end = (
            max(clause_start, trigger_start - 40),
            min(clause_end, trigger_end + 90),
        )
        in_dates = [(d.start, d.end) for d in sent.dates]
        for pos, year in years_in(self.folded[window_start:window_end]):
            pos += window_start
            if any(s <= pos < e for s, e in in_dates):
                continue
            if pos > trigger_end and re.search(r"\bsince\b", self.folded[trigger_end:pos]):
                continue  # "a visit to Sri Lanka, his first since being elected in 2018"
            if self.published is None or self.published.year is None or year < self.published.year:
                return True
        return False

    def resolve(self, date: FuzzyDate | None) -> FuzzyDate | None:
        return date
