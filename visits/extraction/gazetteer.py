"""Reading the gazetteer CSVs and indexing the names extraction looks for."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import languages as L
from .countries import all_places
from .names import OFFICES, fold_lower, name_key
from .records import CountryName, Gazetteer, KnownLeader, LevelName

# The controlled vocabulary of partnership levels, used when the caller gives none.
DEFAULT_LEVELS: tuple[LevelName, ...] = (
    LevelName(
        "comprehensive_strategic_cooperative_partnership",
        "Comprehensive Strategic Cooperative Partnership",
        "Đối tác hợp tác chiến lược toàn diện",
        ("comprehensive strategic partnership of cooperation",),
    ),
    LevelName(
        "comprehensive_strategic_partnership",
        "Comprehensive Strategic Partnership",
        "Đối tác chiến lược toàn diện",
        ("comprehensive and strategic partnership", "quan hệ đối tác chiến lược toàn diện"),
    ),
    LevelName(
        "strategic_partnership",
        "Strategic Partnership",
        "Đối tác chiến lược",
        ("strategic partners", "extensive strategic partnership", "đối tác chiến lược sâu rộng"),
    ),
    LevelName(
        "comprehensive_partnership",
        "Comprehensive Partnership",
        "Đối tác toàn diện",
        ("comprehensive partners",),
    ),
    LevelName(
        "special_relationship",
        "Special Relationship",
        "Quan hệ đặc biệt",
        ("special relations", "great friendship, special solidarity", "quan hệ hữu nghị vĩ đại"),
    ),
)

# Common spellings of the same city, so meetings name one place one way.
CITY_VARIANTS: dict[str, str] = {
    "hcm city": "Ho Chi Minh City",
    "hcmc": "Ho Chi Minh City",
    "tp hcm": "Ho Chi Minh City",
    "tphcm": "Ho Chi Minh City",
    "tp ho chi minh": "Ho Chi Minh City",
    "thanh pho ho chi minh": "Ho Chi Minh City",
    "ho chi minh city": "Ho Chi Minh City",
    "ha noi": "Hanoi",
    "hanoi": "Hanoi",
    "da nang": "Da Nang",
    "kuala lumpur": "Kuala Lumpur",
    "phnom penh": "Phnom Penh",
    "bac kinh": "Beijing",
}


def _split(value: str | None, sep: str = "|") -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(sep) if p.strip())


def load_gazetteer(
    countries_csv: Path, leaders_csv: Path, levels: Iterable[LevelName] | None = None
) -> Gazetteer:
    """Read the shipped CSVs (see visits/data/README.md) into a Gazetteer."""
    countries = []
    with open(countries_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            countries.append(
                CountryName(
                    code=row["code"].strip().upper(),
                    name_en=row["name_en"].strip(),
                    name_vi=(row.get("name_vi") or "").strip(),
                    aliases=_split(row.get("aliases")),
                    cities=_split(row.get("cities")),
                )
            )
    leaders = []
    with open(leaders_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            offices, terms = [], []
            for entry in _split(row.get("offices"), ";"):
                parts = [p.strip() for p in entry.split(":")] + ["", ""]
                if parts[1]:
                    offices.append(parts[1])
                    terms.append((parts[2], parts[3]))
            name = row["name"].strip()
            leaders.append(
                KnownLeader(
                    key=name,
                    name=name,
                    country=(row.get("country") or "").strip().upper() or None,
                    aliases=_split(row.get("aliases")),
                    offices=tuple(offices),
                    terms=tuple(terms),
                )
            )
    if levels is None:
        levels_csv = Path(countries_csv).with_name("levels.csv")
        levels = load_levels(levels_csv) if levels_csv.exists() else DEFAULT_LEVELS
    return Gazetteer(countries=tuple(countries), leaders=tuple(leaders), levels=tuple(levels))


def load_levels(levels_csv: Path) -> tuple[LevelName, ...]:
    """Read levels.csv (code, rank, name_en, name_vi, aliases)."""
    with open(levels_csv, encoding="utf-8", newline="") as f:
        return tuple(
            LevelName(
                code=row["code"].strip(),
                name_en=row["name_en"].strip(),
                name_vi=(row.get("name_vi") or "").strip(),
                aliases=_split(row.get("aliases")),
            )
            for row in csv.DictReader(f)
        )


# Two-letter country names that are also words: never a country on their own.
_SHORT_WORDS = frozenset("my an to in be do go no so ha ai la ma me on or us we".split())


@dataclass
class GazetteerIndex:
    """Folded-name lookups built once per Extractor."""

    countries: dict[str, str] = field(default_factory=dict)  # folded name -> code
    cities: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded -> (code, name)
    capitals: dict[str, str] = field(default_factory=dict)  # code -> capital
    leaders: dict[str, KnownLeader] = field(default_factory=dict)  # folded alias -> leader
    levels: dict[str, str] = field(default_factory=dict)  # folded name -> level code
    country_names: dict[str, str] = field(default_factory=dict)  # code -> English name
    office_words: frozenset[str] = frozenset()
    surnames: dict[str, KnownLeader] = field(
        default_factory=dict
    )  # one-word alias -> leader  # first words of office titles ("premier")
    short_names: dict[str, list[KnownLeader]] = field(default_factory=dict)  # "lee" -> leaders
    # Country and city names of one language (CLDR's and data/countries/<code>.json):
    # every language's resolve in `countries` and `cities`, but each pipeline marks
    # only its own language's (and the English and Vietnamese ones, read everywhere as
    # before), so German "Island" (Iceland) is no country in an English report.
    language_countries: dict[str, frozenset[str]] = field(default_factory=dict)
    language_cities: dict[str, frozenset[str]] = field(default_factory=dict)
    # Demonyms written in lower case ("allemand"), matched in lower case too.
    lowercase_countries: dict[str, frozenset[str]] = field(default_factory=dict)
    base_countries: frozenset[str] = frozenset()  # the gazetteer's own names
    base_cities: frozenset[str] = frozenset()

    @classmethod
    def build(cls, gaz: Gazetteer) -> GazetteerIndex:
        idx = cls()
        for c in gaz.countries:
            idx.country_names[c.code] = c.name_en
            for n in (c.name_en, c.name_vi, *c.aliases):
                key = name_key(n)
                # A name two countries share (e.g. "Congo") is left to the cities and context.
                short_ok = len(key) == 2 and key not in _SHORT_WORDS and not n.isascii()
                if re.fullmatch(r"(?:[A-Z]\.){2}", n):
                    key, short_ok = n.replace(".", "").lower(), True  # "U.S." also as "US"
                if key and (len(key) > 2 or short_ok) and idx.countries.get(key, c.code) == c.code:
                    idx.countries[key] = c.code  # "Úc" (Australia) is short but no English word
            for i, city in enumerate(c.cities):
                key = name_key(city)
                if key and len(key) > 2:
                    canonical = CITY_VARIANTS.get(key, city)
                    idx.cities.setdefault(key, (c.code, canonical))
                    if i == 0:
                        idx.capitals[c.code] = canonical
        idx.office_words = frozenset(t.split()[0] for t, _ in OFFICES)
        for leader in gaz.leaders:
            for n in (leader.name, *leader.aliases):
                key = name_key(n)
                if key and len(key.split()) >= 2:
                    idx.leaders.setdefault(key, leader)
                elif len(key) > 3 and key not in idx.countries:
                    idx.surnames.setdefault(key, leader)
            tokens = name_key(leader.name).split()
            # "PM Chinh", "Chairman Man" (a Vietnamese given name), "PM Lee", "President Xi".
            ends = tokens[-1:] if leader.country == "VN" else [tokens[0], tokens[-1]]
            for key in dict.fromkeys(ends if len(tokens) >= 2 else ()):
                if len(key) >= 2 and key not in idx.countries and key not in idx.office_words:
                    found = idx.short_names.setdefault(key, [])
                    if leader not in found:
                        found.append(leader)
        idx._add_languages(gaz)
        for lv in gaz.levels or DEFAULT_LEVELS:
            for n in (lv.name_en, lv.name_vi, *lv.aliases):
                if n:
                    idx.levels[name_key(n)] = lv.code
        for lv in DEFAULT_LEVELS:
            for n in (lv.name_en, lv.name_vi, *lv.aliases):
                idx.levels.setdefault(name_key(n), lv.code)
        for code, n in L.level_names():
            idx.levels.setdefault(name_key(n), code)  # each language's names (languages/)
        return idx

    def _add_languages(self, gaz: Gazetteer) -> None:
        """Every language's country names, demonyms and capitals (visits.extraction.countries),
        after the gazetteer's own: a name the gazetteer gives one country is never taken
        for another, and leaders' names were indexed against the gazetteer's alone."""
        codes = {c.code for c in gaz.countries}
        self.base_countries = frozenset(self.countries)
        self.base_cities = frozenset(self.cities)
        for places in all_places():
            lang = places.language
            countries: set[str] = set()
            lowercase: set[str] = set()
            cities: set[str] = set()
            for code in sorted(codes):
                named = [*places.names.get(code, ()), *places.aliases.get(code, ())]
                demonyms = places.demonyms.get(code, ())
                for n in (*named, *demonyms):
                    key = name_key(n)
                    short_ok = len(key) == 2 and key not in _SHORT_WORDS and not n.isascii()
                    if not key or not (len(key) > 2 or short_ok):
                        continue
                    if self.countries.setdefault(key, code) != code:
                        continue  # another country's name: left to context
                    countries.add(key)
                    if n in demonyms and n == n.lower():
                        lowercase.add(key)
                for n in places.capitals.get(code, ()):
                    key = name_key(n)
                    if key and len(key) > 2 and code in self.capitals:
                        if self.cities.setdefault(key, (code, self.capitals[code]))[0] == code:
                            cities.add(key)
            for n, english in places.cities.items():
                known = self.cities.get(name_key(english))
                key = name_key(n)
                if known and key and self.cities.setdefault(key, known) == known:
                    cities.add(key)
            self.language_countries[lang] = frozenset(countries)
            self.lowercase_countries[lang] = frozenset(lowercase)
            self.language_cities[lang] = frozenset(cities)

    def country_keys(self, language: str) -> set[str]:
        """The folded country names a pipeline of `language` marks: the gazetteer's,
        the English and Vietnamese ones (read in every language, as before) and its own."""
        keys = set(self.base_countries)
        for lang in dict.fromkeys(("en", "vi", language)):
            keys |= self.language_countries.get(lang, frozenset())
        return keys

    def city_keys(self, language: str) -> set[str]:
        """The folded city names a pipeline of `language` marks (as country_keys)."""
        keys = set(self.base_cities)
        for lang in dict.fromkeys(("en", "vi", language)):
            keys |= self.language_cities.get(lang, frozenset())
        return keys

    def country_of(self, text: str) -> str | None:
        key = name_key(text)
        return self.countries.get(key) or (self.cities.get(key) or (None, None))[0]


def fold_key(text: str) -> str:
    """Folded lower-case text (exported for components)."""
    return fold_lower(text)
