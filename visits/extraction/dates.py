"""Finding and normalising dates, with the month names and date words of every language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import languages as L
from .patterns import _alts
from .records import FuzzyDate

# Every language's [months] and date words (languages/<code>.toml).
MONTHS: dict[str, int] = L.table("months")
WEEKDAYS: dict[str, int] = L.table("weekdays")


def _names(table: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))


_MON = rf"({_names(MONTHS)})\.?"
# "21st", "1er", "24.", "1º": a day of the month
_DAY = rf"(\d{{1,2}})(?:{_alts('day_suffix')})?"
# "21 of November", "24 de abril": between the day and the month
_OF = rf"(?:(?:{_alts('month_of')})\s+)?"
# ", 2024", " de 2025": the year after the month
_YEAR = rf"(?:(?:,|\s+(?:{_alts('year_of')}))?\s+(\d{{4}}))?"
_TO = rf"(?:-|–|—|{_alts('range_to')})"

# Each pattern runs on folded lower-case text. Groups are read by name in _parse.
DATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # "May 29 - June 2", "from May 29 to June 2, 2025": a range across months
    (
        "en_range_xm",
        re.compile(rf"\b{_MON}\s+{_DAY}\s*{_TO}\s*{_MON}\s+{_DAY}{_YEAR}\b"),
    ),
    # "29/5-2/6", "từ ngày 29/5 đến ngày 2/6/2025"
    (
        "vi_range_xm",
        re.compile(
            r"\b(\d{1,2})\s*[/.](\d{1,2})\s*(?:-|–|den|toi)\s*(?:ngay\s+)?(\d{1,2})\s*[/.](\d{1,2})"
            r"(?:[/.](\d{4}))?\b(?![/.]\d)"
        ),
    ),
    # "March 11-13", "from March 11 to 13, 2025"
    ("en_range_md", re.compile(rf"\b{_MON}\s+{_DAY}\s*{_TO}\s*{_DAY}{_YEAR}\b")),
    # "11-13 March 2025"
    ("en_range_dm", re.compile(rf"\b{_DAY}\s*{_TO}\s*{_DAY}\s+{_OF}{_MON}{_YEAR}\b")),
    # "November 21", "Nov. 21, 2024"
    ("en_md", re.compile(rf"\b{_MON}\s+{_DAY}{_YEAR}\b(?!\s*-\s*\d)")),
    # "21 November 2024"
    ("en_dm", re.compile(rf"\b{_DAY}\s+{_OF}{_MON}{_YEAR}\b")),
    # "ngày 11-13/3", "từ 11 đến 13/3/2025"
    (
        "vi_range",
        re.compile(
            r"\b(\d{1,2})\s*(?:-|–|den|toi)\s*(?:ngay\s+)?(\d{1,2})\s*[/.](\d{1,2})(?:[/.](\d{4}))?\b"
            r"(?![/.]\d)"
        ),
    ),
    # "21/11", "ngày 21-11", "28/1/2026", "ngày 21 tháng 11 năm 2024"
    ("vi_dm", re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\b(?![/.-]\d)")),
    ("vi_words", re.compile(r"\b(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?\b")),
    (
        "weekday",
        re.compile(rf"\b(?:(?:{_alts('weekday_before')})\s+)?({_names(WEEKDAYS)})\b"),
    ),
    ("relative", re.compile(rf"\b(?:({_alts('yesterday')})|({_alts('today')}))\b")),
)
# A numeric day/month is a date only after a cue word (or with a year): "ngày 21/11", "sáng 28/1".
_VI_CUE = re.compile(
    r"(ngay|sang|chieu|toi|trua|dem|hom|tu|den|dau|cuoi|vao|,|\()\s*$|^\s*$"
)  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: FuzzyDate
    end_date: FuzzyDate | None = None  # for ranges
    relative: bool = False


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        dt.date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def resolve_year(month: int, day: int, published: FuzzyDate | None) -> FuzzyDate:
    """Give a day-month the article's year; a day well after the article falls in the year before.

    >>> resolve_year(12, 30, FuzzyDate(2025, 1, 2))
    FuzzyDate(year=2024, month=12, day=30, year_inferred=True)
    """
    if published is None or published.year is None:
        return FuzzyDate(None, month, day)
    year = published.year
    if published.month and _valid(year, month, day):
        pub = dt.date(published.year, published.month, published.day or 1)
        if dt.date(year, month, day) - pub > dt.timedelta(days=60):
            year -= 1
    return FuzzyDate(year, month, day, year_inferred=True)


def _make(y: str | None, m: int, d: int, published: FuzzyDate | None) -> FuzzyDate | None:
    if not _valid(int(y) if y else None, m, d):
        return None
    if y:
        return FuzzyDate(int(y), m, d)
    return resolve_year(m, d, published)


def find_dates(folded: str, published: FuzzyDate | None, offset: int = 0) -> list[DateMention]:
    """Every date in a folded lower-case sentence, earliest first, without overlaps.

    >>> pub = FuzzyDate(2024, 11, 23)
    >>> [m.date.iso() for m in find_dates("on the afternoon of november 21", pub)]
    ['2024-11-21']
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = _parse(kind, m, folded, published, offset)
            if mention is not None:
                found.append(mention)
                taken.append((s, e))
    found.sort(key=lambda x: x.start)
    return found


def _parse(kind, m, folded, published, offset) -> DateMention | None:
    g = m.groups()
    s, e = m.start() + offset, m.end() + offset
    if kind == "en_range_md":
        month = MONTHS[g[0]]
        a, b = _make(g[3], month, int(g[1]), published), _make(g[3], month, int(g[2]), published)
        return DateMention(s, e, a, b) if a and b else None
    if kind == "en_range_dm":
        month = MONTHS[g[2]]
        a, b = _make(g[3], month, int(g[0]), published), _make(g[3], month, int(g[1]), published)
        return DateMention(s, e, a, b) if a and b else None
    if kind == "en_md":
        if g[0] == "may" and not re.match(r"\s*\d", folded[m.end(1) :]):
            return None
        d = _make(g[2], MONTHS[g[0]], int(g[1]), published)
        return DateMention(s, e, d) if d else None
    if kind == "en_dm":
        d = _make(g[2], MONTHS[g[1]], int(g[0]), published)
        return DateMention(s, e, d) if d else None
    if kind in ("en_range_xm", "vi_range_xm"):
        if kind == "en_range_xm":
            (m1, d1, m2, d2, y) = MONTHS[g[0]], int(g[1]), MONTHS[g[2]], int(g[3]), g[4]
        else:
            (d1, m1, d2, m2, y) = int(g[0]), int(g[1]), int(g[2]), int(g[3]), g[4]
            if not y and not _VI_CUE.search(folded[max(0, m.start() - 12) : m.start()]):
                return None
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (m1 == m2 and d1 >= d2):
            return None  # "từ ngày 25/03 đến ngày 26/3": a range within one month too
        a, b = _make(y, m1, d1, published), _make(y, m2, d2, published)
        if a is None or b is None:
            return None
        if a.year is not None and b.year is not None and (m1, d1) > (m2, d2):
            a = FuzzyDate(b.year - 1, a.month, a.day, a.year_inferred)
        elif a.year is not None and b.year is not None and a.year != b.year:
            b = FuzzyDate(a.year, b.month, b.day, b.year_inferred)
        return DateMention(s, e, a, b)
    if kind == "vi_range":
        if not g[3] and not _VI_CUE.search(folded[max(0, m.start() - 12) : m.start()]):
            return None
        a = _make(g[3], int(g[2]), int(g[0]), published)
        b = _make(g[3], int(g[2]), int(g[1]), published)
        return DateMention(s, e, a, b) if a and b and a.day < b.day else None
    if kind in ("vi_dm", "vi_words"):
        if kind == "vi_dm" and not g[2]:
            if not _VI_CUE.search(folded[max(0, m.start() - 12) : m.start()]):
                return None
        d = _make(g[2], int(g[1]), int(g[0]), published)
        return DateMention(s, e, d) if d else None
    if kind == "weekday":
        if published is None or published.year is None or published.day is None:
            return None
        pub = dt.date(published.year, published.month, published.day)
        back = (pub.weekday() - WEEKDAYS[g[0]]) % 7
        if re.search(rf"\b(?:{_alts('next')})\b", folded[m.start() : m.end()]):
            d = pub + dt.timedelta(days=(WEEKDAYS[g[0]] - pub.weekday()) % 7 or 7)
        else:
            d = pub - dt.timedelta(days=back)
        return DateMention(s, e, FuzzyDate(d.year, d.month, d.day, True), relative=True)
    if kind == "relative":
        if published is None or published.year is None or published.day is None:
            return None
        pub = dt.date(published.year, published.month, published.day)
        d = pub - dt.timedelta(days=1) if g[0] else pub
        return DateMention(s, e, FuzzyDate(d.year, d.month, d.day, True), relative=True)
    return None


def shift(date: FuzzyDate, days: int) -> FuzzyDate:
    """A day `days` later (the year may stay open)."""
    if date.month is None or date.day is None:
        return date
    y = date.year if date.year is not None else 2001  # a non-leap year keeps Feb 29 out
    d = dt.date(y, date.month, date.day) + dt.timedelta(days=days)
    return FuzzyDate(d.year if date.year is not None else None, d.month, d.day, date.year_inferred)


def years_in(folded: str) -> list[tuple[int, int]]:
    """(position, year) of four-digit years 1900-2099 that are not part of a dd/mm/yyyy date."""
    return [
        (m.start(), int(m.group(1)))
        for m in re.finditer(r"(?<![/\d.-])\b(19\d\d|20\d\d)\b(?![/\d])", folded)
    ]
