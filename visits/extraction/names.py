"""Normalising names: accent folding, offices, honorifics and the words that are never names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import languages as L

# --- Folding ---------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    if c == "ß":
        return "s"  # one character for one: "Außenminister" is "Ausenminister"
    if c in "\u2018\u2019\u02bc`´":
        return "'"
    if c in "\u201c\u201d":
        return '"'
    if c in "\u2013\u2014\u2212":
        return "-"
    if ord(c) < 128:
        return c
    base = unicodedata.normalize("NFD", c)[0]
    return base if ord(base) < 128 or unicodedata.category(base)[0] == "L" else c


def _fold_lower_char(c: str) -> str:
    folded = _fold_char(c)
    lower = folded.lower()
    return lower if len(lower) == 1 else folded  # "İ".lower() is two characters


class _Table(dict):
    """A str.translate table filled as characters are met: `make(chr(ordinal))`."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, ordinal: int) -> str:
        value = self[ordinal] = self.make(chr(ordinal))
        return value


_FOLD = _Table(_fold_char)
_FOLD_LOWER = _Table(_fold_lower_char)


def fold(text: str) -> str:
    """Strip accents, one character for one, so offsets stay valid.

    >>> fold("Tô Lâm, Việt Nam, Đà Nẵng")
    'To Lam, Viet Nam, Da Nang'
    """
    return text.translate(_FOLD)


def fold_lower(text: str) -> str:
    """Fold and lower-case, keeping the length.

    >>> fold_lower("Tổng Bí thư TÔ LÂM")
    'tong bi thu to lam'
    """
    return text.translate(_FOLD_LOWER)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key for a name: folded, lower case, letters and spaces only.

    >>> name_key("Dato' Awang  Bemee")
    'dato awang bemee'
    """
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_lower(name)).split())


# --- Offices ---------------------------------------------------------------------

# (title, kind) of every language's [offices] (languages/<code>.toml). Folded lower
# case; longest wins when they overlap.
OFFICES: tuple[tuple[str, str], ...] = tuple(L.table("offices").items())

# Words for bodies that follow an office ("of the Senate of the Parliament").
# Every language's org_words: bodies that follow an office ("of the Senate of the Parliament").
ORG_WORDS = frozenset(L.word_list("org_words"))

# Every language's [honorifics]: words and phrases before a name.
HONORIFICS = frozenset(L.honorifics("words"))
HONORIFIC_PHRASES = tuple(L.honorifics("phrases"))

# Lowercase particles allowed inside a name ("Zafrul bin Tengku Abdul Aziz").
NAME_PARTICLES = frozenset("bin binti bte al el de van von der da dos du la le ibn".split())

# Capitalised words that start sentences or name things but are never a person's name.
NOT_NAME_WORDS = frozenset(
    """the a an at on in of for and with by from as during after before following while when
    this that these those his her their its our both two three all each it he she they we i
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday photo vna vns ttxvn xinhua kyodo bernama reuters afp
    source comment related news asean un eu apec g20 brics cpv cpp npc na vietnam viet nam
    ngay sang chieu toi trua dem tai trong theo voi va cua cac nhung thang hom
    east sea south north west central asia asian europe african africa southeast pacific
    but also however meanwhile earlier later then there here if not
    strategic comprehensive partnership partnerships relations cooperation ceremony visit
    talks meeting statement agreement declaration programme program plan
    trust limited ltd group company corporation holdings inc bank fund cach""".split()
)


@lru_cache(maxsize=1)
def office_table() -> dict[str, str]:
    """Folded office title -> office kind, for every language."""
    return dict(OFFICES)


@lru_cache(maxsize=8192)
def office_kind(office: str | None) -> str | None:
    """The kind of an office title, reading its words.

    >>> office_kind("President of the Malaysian Senate")
    'legislature'
    >>> office_kind("CPP President")
    'party'
    """
    if not office:
        return None
    key = name_key(office)
    if re.search(
        r"\b(senate|parliament|national assembly|quoc hoi|thuong vien|speaker|ha vien|"
        r"legislator|lawmaker|people s congress|npc|duma|bundestag|assemblee nationale)\b",
        key,
    ):
        return "legislature"
    if re.search(r"\b(party|cpp|cpv|lprp|dang|general secretary|tong bi thu)\b", key):
        return "party"
    table = office_table()
    best = None
    for title, kind in table.items():
        if re.search(rf"\b{re.escape(title)}\b", key) and (
            best is None or len(title) > len(best[0])
        ):
            best = (title, kind)
    return best[1] if best else "other"


def sino_readings(name: str) -> list[str]:
    """The Mandarin forms of a Chinese name written in Sino-Vietnamese, by the syllable
    table of languages/vi.toml (most common reading first); [] when a syllable is not in it.

    >>> sino_readings("Lý Thư Lỗi")[0]
    'Li Shulei'
    >>> sino_readings("Nguyễn Văn An")
    []
    """
    table = L.languages().get("vi", {}).get("sino_vietnamese", {})
    syllables = name_key(name).split()
    if not 2 <= len(syllables) <= 3 or any(s not in table for s in syllables):
        return []
    readings = [[]]
    for syllable in syllables:
        readings = [r + [p] for r in readings for p in table[syllable]][:16]
    return [" ".join([r[0].capitalize(), "".join(r[1:]).capitalize()]) for r in readings]


def strip_honorifics(name: str) -> tuple[str, str | None]:
    """Split leading honorifics off a name.

    >>> strip_honorifics("Dato' Awang Bemee Awang Ali Basah")
    ('Awang Bemee Awang Ali Basah', "Dato'")
    """
    words = name.split()
    taken: list[str] = []
    while len(words) > 1 and name_key(words[0]) in {name_key(h) for h in HONORIFICS}:
        taken.append(words.pop(0))
    return " ".join(words), (" ".join(taken) or None)
