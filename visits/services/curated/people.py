"""Offices and names out of the lists' free text: "Prime Minister Kyriakos Mitsotakis",
and the people a trip's remarks say were met ("Met with Prime Minister Boris Johnson
and Queen Elizabeth II."). Pure: the project's name functions (visits.extraction.names),
no database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from visits.extraction import languages as L
from visits.extraction.names import (
    NAME_PARTICLES,
    name_key,
    strip_honorifics,
)
from visits.extraction.names import office_kind as _office_kind

# Words of titles the news table has no need of, seen in the lists.
_EXTRA_OFFICE_WORDS = frozenset(
    """interim acting provisional transitional designate elect chief grand duchess duke crown
    prince princess shah emir amir taoiseach premier regent supreme leader chairman presidium
    co captain sovereign apostolic nuncio pope his holiness field marshal emperor empress
    raja maharaja mwami brigadier junta member presidency ministers""".split()
)
_CONNECTORS = frozenset("of the for and".split())
# A name ending in one of these is a body's: "... Atomic Energy Agency", "... Union".
_BODIES = frozenset(
    """agency committee council union organization organisation commission bank fund
    assembly parliament party ministry office forces army government authority institute
    association federation league""".split()
)
_INITIAL = re.compile(r"^([A-Z]\.)+$")
# Where a list of people met ends: a preposition or verb that begins something else.
_MET = re.compile(r"\b(?:[Mm]et|[Cc]onferred)(?: informally| separately| briefly| jointly)? with\b")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bJr)(?<!\bSt)(?<!\bMr)(?<!\bDr)\.(?:\s|$)|;|:")
_NAME_PREFIX = re.compile(r"^(?:(?:al|el|ad|as|ibn|bin|bint|da|de|di|van|von)-|[a-z]')\w")
_SPLIT = re.compile(r",\s*(?:and\s+)?(?:with\s+)?|\s+and\s+(?:with\s+)?")
_VISIT_KINDS = (
    ("state", re.compile(r"\bstate visit\b", re.I)),
    ("official", re.compile(r"\bofficial (?:working )?visit\b", re.I)),
    ("working", re.compile(r"\bworking visit\b", re.I)),
    (
        "summit",
        re.compile(
            r"\b(summit|conference|general assembly|ministerial|g-?7|g-?8|g-?20|"
            r"council meeting|nato meeting|leaders'? meeting)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Named:
    """A person as a list names them: office, name, and the country a demonym gave."""

    name: str
    office: str
    office_kind: str | None
    honorific: str | None = None
    country: str | None = None


@lru_cache(maxsize=4096)
def office_kind(office: str) -> str | None:
    """The project's office kind, remembered: the lists repeat a few hundred titles."""
    return _office_kind(office)


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    english = L.languages()["en"]  # the Office writes its rows in English
    words = {w for title in english["offices"] for w in title.split()}
    return frozenset(words | set(english["org_words"]) | _EXTRA_OFFICE_WORDS) - _CONNECTORS


def _word(token: str) -> str:
    return "and" if token == "&" else name_key(token.strip(",;:()"))


def _is_office(token: str) -> bool:
    """An office's word, hyphenated ones too ('President-elect')."""
    key = _word(token)
    return bool(key) and all(part in _office_words() for part in key.split())


def person_parse(text: str, *, demonyms: dict[str, str] | None = None) -> Named | None:
    """An office and a name, the office first as the lists write them.

    >>> person_parse("Prime Minister Kyriakos Mitsotakis")
    Named(name='Kyriakos Mitsotakis', office='Prime Minister', office_kind='government', ...)
    >>> person_parse("Russian Foreign Minister Sergei Lavrov", demonyms={"russian": "RU"}).country
    'RU'

    None when there is no office or no name ("senior Malaysian officials").
    """
    words = re.sub(r"(\w)- (?=[a-z])", r"\1-", text.replace("’", "'")).split()
    country = None
    if len(words) > 1 and demonyms and _word(words[0]) in demonyms:
        if _is_office(words[1]):
            country = demonyms[_word(words[0])]
            words = words[1:]
    if words and _word(words[0]) == "former":
        return None  # "former President De Gaulle": not in office, not met as such
    i = 0
    while i < len(words):
        if _is_office(words[i]) and words[i][:1].isupper():
            i += 1
            continue
        # "of the" inside an office: "President of the Council of Ministers".
        j = i
        while i > 0 and j < len(words) and _word(words[j]) in _CONNECTORS:
            j += 1
        if j > i and j < len(words) and _is_office(words[j]) and words[j][:1].isupper():
            i = j
            continue
        break
    office = " ".join(words[:i]).strip(",;: ")
    name_words = []
    for w in words[i:]:
        bare = w.strip(",;:.")
        if not bare:
            break
        if (
            bare[:1].isupper()
            or bare.lower() in NAME_PARTICLES
            or _INITIAL.match(w)
            or _NAME_PREFIX.match(bare)
        ):
            name_words.append(w.rstrip(",;:"))
            continue
        break
    name = " ".join(name_words).strip()
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$|\bJr\.$", name):
        name = name[:-1]
    name, honorific = strip_honorifics(name)
    if not office or not name or not re.search(r"[A-Za-z]", name):
        return None
    if _word(name.split()[-1]) in _BODIES:
        return None  # "Director General of the International Atomic Energy Agency"
    return Named(
        name=name,
        office=office,
        office_kind=office_kind(office),
        honorific=honorific,
        country=country,
    )


def visitor_parse(text: str) -> Named | None:
    """The visitor of a visits row; the first person when it names two
    ("King Baudouin and Queen Fabiola": the name ends at 'and'). A name without an
    office ("Valdas Adamkus") is the visitor all the same."""
    named = person_parse(text.strip())
    if named is None and re.fullmatch(r"[A-Z][\w.'’-]*(?: [\w.'’-]+){1,5}", text.strip()):
        return Named(name=text.strip(), office="", office_kind=None)
    return named


def people_met(remarks: str, *, demonyms: dict[str, str] | None = None) -> list[Named]:
    """Everyone a trip's remarks say was met, in order, each once.

    >>> [p.name for p in people_met("Met with Prime Minister Boris Johnson and Queen Anne.")]
    ['Boris Johnson', 'Anne']
    """
    found: list[Named] = []
    seen = set()
    for match in _MET.finditer(remarks):
        rest = remarks[match.end() :]
        stop = _SENTENCE_END.search(rest)
        clause = rest[: stop.start()] if stop else rest
        for chunk in _SPLIT.split(clause):
            person = person_parse(chunk.strip(), demonyms=demonyms)
            if person is None or name_key(person.name) in seen:
                continue
            seen.add(name_key(person.name))
            found.append(person)
    return found


def visit_kind(text: str) -> str:
    """A visit's kind from the list's words: a state, official or working visit; a
    summit or conference attended (not a bilateral visit to the host); else other."""
    for kind, pattern in _VISIT_KINDS:
        if pattern.search(text):
            return kind
    return "other"


def traveller_name(name: str) -> str:
    """'Henry A. (Heinz Alfred) Kissinger' -> 'Henry A. Kissinger'."""
    return " ".join(re.sub(r"\([^)]*\)", " ", name).split())


def short_name(name: str) -> str | None:
    """First and last name of a longer one, as the news writes it: 'Antony Blinken'."""
    words = [w for w in name.split() if not _INITIAL.match(w)]
    if len(words) < 2 or len(name.split()) < 3:
        return None
    return f"{words[0]} {words[-1]}"


def cities_of(locale: str) -> list[str]:
    """'Moscow, St. Petersburg and Kiev' -> the three cities."""
    parts = re.split(r",\s*|\s+and\s+", locale)
    return [p.strip() for p in parts if p.strip()][:10]
