"""Country names in every language read: CLDR's (Babel), and our data where CLDR has none.

CLDR gives each country's name in each language ("Allemagne", "Alemania", "Jerman",
"Deutschland"); it has no demonyms and no capitals, so those are data files of ours,
one a language: `data/countries/<code>.json` with `demonyms`, `aliases` (official and
short forms, agency spellings CLDR lacks) and `capitals`, each keyed by ISO code, and
`cities`: a main city's name in the language -> its English name in
visits/data/countries.csv ("Genf" -> "Geneva"), where it is named otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .detection import LANGUAGES

DATA_DIR = Path(__file__).resolve().parent / "data" / "countries"
DATA_KEYS = ("demonyms", "aliases", "capitals", "cities")
# CLDR locales read for a language: Portuguese as written in Brazil and in Portugal.
CLDR_LOCALES: dict[str, tuple[str, ...]] = {"pt": ("pt", "pt_PT")}


@dataclass(frozen=True)
class LanguagePlaces:
    """One language's country data: ISO code -> names."""

    language: str
    names: dict[str, tuple[str, ...]]  # CLDR's
    demonyms: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, ...]]
    capitals: dict[str, tuple[str, ...]]
    cities: dict[str, str]  # name in the language -> English name


def _cldr_forms(name: str) -> tuple[str, ...]:
    """'Myanmar (Birmanie)' -> ('Myanmar', 'Birmanie'); 'Congo - Kinshasa' stays whole, as
    the part before the dash is shared by two countries."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        return (m.group(1).strip(), m.group(2).strip())
    return (name,)


@cache
def cldr_names(language: str) -> dict[str, tuple[str, ...]]:
    """ISO 3166-1 code -> the country's CLDR names in `language` (Babel's territories).

    >>> cldr_names("de")["DE"]
    ('Deutschland',)
    """
    from babel import Locale

    names: dict[str, list[str]] = {}
    for locale in CLDR_LOCALES.get(language, (language,)):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():  # not "001" (World) nor "150" (Europe)
                found = names.setdefault(code, [])
                found += [n for n in _cldr_forms(name) if n not in found]
    if language == "de":  # "der Präsident Frankreichs": the genitive of a name too
        for found in names.values():
            found += [n + "s" for n in list(found) if n[-1] not in "sxz" and " " not in n]
    return {code: tuple(v) for code, v in names.items() if v}


class PlacesDataError(ValueError):
    """A country data file is missing a key or holds something that is no list of names."""


@cache
def language_places(language: str) -> LanguagePlaces:
    """CLDR's names and our data file for `language` (one of detection.LANGUAGES)."""
    path = DATA_DIR / f"{language}.json"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    parts = {}
    for key in DATA_KEYS:
        table = data.get(key)
        if not isinstance(table, dict):
            raise PlacesDataError(f"{path}: no {key!r} table")
        if key == "cities":
            if not all(isinstance(v, str) and v for v in table.values()):
                raise PlacesDataError(f"{path}: a 'cities' entry is not an English city name")
            parts[key] = dict(table)
            continue
        for code, names in table.items():
            if not (isinstance(names, list) and all(isinstance(n, str) and n for n in names)):
                raise PlacesDataError(f"{path}: {key}[{code!r}] is not a list of names")
        parts[key] = {code.upper(): tuple(names) for code, names in table.items()}
    return LanguagePlaces(language=language, names=cldr_names(language), **parts)


def all_places() -> tuple[LanguagePlaces, ...]:
    """Every language's, in the order of detection.LANGUAGES."""
    return tuple(language_places(code) for code in LANGUAGES)
