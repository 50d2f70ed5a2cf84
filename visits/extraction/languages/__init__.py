"""Each language the extractor reads, as data: one TOML file per language in this folder.

A file holds what the rules need in that language, every entry written for accent-folded
lower-case text (see names.fold_lower), so "thăm chính thức" is written "tham chinh thuc":

- ``[words]``: lists of regular-expression alternatives, one list per key of WORD_KEYS
  (the words for visiting, arriving, meeting, holding talks, receiving, calling, signing,
  exchanging documents, upgrading, issuing a joint statement; the cues that tell an
  event as background or as a plan; boilerplate markers). patterns.py joins the lists of
  every language into one pattern per key, except the mood cues, which stay per
  language (``[mood]``, the keys of MOOD_KEYS).
- ``demonym_suffixes``: endings of country adjectives ("-ien", "-ische"), by which a
  country word the name lists lack is read next to an office ("le président djiboutien").
- ``determiners``: the articles before an office named alone ("the", "le", "der").
- ``chain_words``: the words that may sit between an office and a name ("of the");
  ``org_words``: the words and phrases of bodies that follow an office ("Senate").
- ``[offices]``: office title -> kind (state, government, legislature, party, other).
- ``[honorifics]``: ``words`` and ``phrases`` that come before a name.
- ``[levels]``: partnership level code (visits/data/levels.csv) -> the names for it.
- ``[months]``: month name or abbreviation -> number; ``[weekdays]``: day name -> 0 for
  Monday to 6 for Sunday; ``[numbers]``: number word -> value.

Adding a language is adding a file with every key (an empty list where the language has
no such word, e.g. Vietnamese headlines have no infinitive) and its tests in
tests/extraction/test_languages.py; test_language_files checks that every file has every
key and that every entry compiles.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

WORD_KEYS: tuple[str, ...] = (
    # visits
    "visit",
    "visit_state",
    "visit_official",
    "visit_working",
    "arrival",
    "arrived_in",
    "concluding",
    "ongoing",
    "duration",
    "frame_before",
    "destination_gap",
    "destination_before",
    "negated_before",
    # meetings
    "call",
    "talks",
    "reception",
    "meeting",
    "not_reception_before",
    "airport_greeting",
    "at_the_meeting",
    "the_two_leaders",
    "separate_meetings",
    "joint_meeting",
    "pronoun_subject",
    "pronoun_object",
    "visitor_subject",
    "object_before",
    "memorial_after",
    "memorial_before",
    # agreements
    "sign_verb",
    "signing_event",
    "signing_joiner",
    "approximately",
    "quantity",
    "document",
    "signed_passive",
    "establish_verb",
    "upgrade_verb",
    "upgrade_to",
    "joint_statement",
    "issued",
    "action_programme",
    "programme_done",
    # not an event
    "plan_after",
    "earlier",
    "later",
    "invitation",
    "invitation_ok",
    "at_a_convenient_time",
    "anniversary_before",
    "month_only_in",
    "month_only_stop",
    # dates
    "day_suffix",
    "month_of",
    "year_of",
    "range_to",
    "weekday_before",
    "next",
    "yesterday",
    "today",
    # the story's structure
    "tail_marker",
)
MOOD_KEYS: tuple[str, ...] = (
    "plan",
    "near_plan",
    "history",
    "plan_after",
    "headline_to",
    "break",
    "past",
    "background",
    "recent_before",
    "recent",
    "and",
    "also",
)
OFFICE_KINDS = frozenset({"state", "government", "legislature", "party", "other"})


class LanguageFileError(ValueError):
    """A language file lacks a key or holds an entry that does not compile."""


@lru_cache(maxsize=1)
def languages() -> dict[str, dict]:
    """Every language file, by its code ("en", "vi", ...), English first."""
    found = {}
    for path in sorted(HERE.glob("*.toml"), key=lambda p: (p.stem != "en", p.stem)):
        with path.open("rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise LanguageFileError(f"{path.name}: {exc}") from exc
        # Its entries' patterns are compiled where they are used, and each of them
        # alone in tests/extraction/test_language_files.py: not again at every start.
        check(path.name, data, patterns=False)
        found[path.stem] = data
    return found


def codes() -> tuple[str, ...]:
    """The codes of the languages read, English first."""
    return tuple(languages())


def check(name: str, data: dict, *, patterns: bool = True) -> None:
    """Raise LanguageFileError naming the file and the key when anything is missing or
    wrong; with `patterns`, also when an entry of [words] or [mood] does not compile."""
    for section in (
        "name",
        "words",
        "mood",
        "offices",
        "honorifics",
        "months",
        "weekdays",
        "numbers",
    ):
        if section not in data:
            raise LanguageFileError(f"{name}: no [{section}]")
    for section, keys in (("words", WORD_KEYS), ("mood", MOOD_KEYS)):
        for key in keys:
            entries = data[section].get(key)
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise LanguageFileError(f"{name}: [{section}] {key} must be a list of strings")
            for entry in entries if patterns else ():
                try:
                    re.compile(entry.replace("{number}", "x"))
                except re.error as exc:
                    raise LanguageFileError(f"{name}: [{section}] {key}: {entry!r}: {exc}") from exc
        unknown = set(data[section]) - set(keys)
        if unknown:
            raise LanguageFileError(f"{name}: [{section}] unknown keys {sorted(unknown)}")
    for code, names in data["levels"].items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise LanguageFileError(f"{name}: [levels] {code} must be a list of names")
    for key in ("chain_words", "org_words", "determiners", "demonym_suffixes"):
        if not isinstance(data.get(key), list):
            raise LanguageFileError(f"{name}: {key} must be a list of words")
    for title, kind in data["offices"].items():
        if kind not in OFFICE_KINDS:
            raise LanguageFileError(f"{name}: [offices] {title!r}: unknown kind {kind!r}")
    for table in ("months", "weekdays", "numbers"):
        for word, value in data[table].items():
            if not isinstance(value, int):
                raise LanguageFileError(f"{name}: [{table}] {word!r} must be a number")
    for key in ("words", "phrases"):
        if not isinstance(data["honorifics"].get(key), list):
            raise LanguageFileError(f"{name}: [honorifics] {key} must be a list")


def words(key: str, code: str | None = None) -> list[str]:
    """The alternatives of a [words] key: of one language, or of all in order."""
    langs = languages()
    chosen = [langs[code]] if code else list(langs.values())
    return [entry for data in chosen for entry in data["words"][key]]


def mood(code: str) -> dict[str, list[str]] | None:
    """A language's [mood] cues, or None for a language without a file."""
    data = languages().get(code)
    return data["mood"] if data else None


def table(section: str) -> dict:
    """A table of every language merged, English first: offices, months, numbers."""
    merged: dict = {}
    for data in languages().values():
        for key, value in data[section].items():
            merged.setdefault(key, value)
    return merged


def offices(code: str) -> dict[str, str]:
    """One language's office titles and their kinds."""
    return dict(languages()[code]["offices"])


def word_list(key: str) -> list[str]:
    """Every language's chain_words or org_words."""
    return [w for data in languages().values() for w in data[key]]


def level_names() -> list[tuple[str, str]]:
    """(level code, name) of every language's [levels]."""
    return [(c, n) for data in languages().values() for c, ns in data["levels"].items() for n in ns]


def honorifics(key: str) -> list[str]:
    """Every language's honorific words or phrases."""
    return [h for data in languages().values() for h in data["honorifics"][key]]
