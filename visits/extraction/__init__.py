"""Public API of the extraction package: read articles, extract visits, meetings, agreements.

Pure: spaCy and the standard library only, never Django. Nothing heavy happens at
import time; pipelines are built by the Extractor when first needed.
"""

from __future__ import annotations

from .document import DocumentError, read_json_object, read_text
from .gazetteer import load_gazetteer
from .pages import read_html
from .records import (
    AgreementRecord,
    CountryName,
    Document,
    Evidence,
    Extraction,
    FuzzyDate,
    Gazetteer,
    KnownLeader,
    LevelName,
    MeetingRecord,
    Person,
    VisitRecord,
)

# 0.6.0: meeting keys without the day; the writer stores each record's claim with its
# evidence. A database of 0.5 re-extracts every article on the next ingest.
# 0.6.1: a wrap-up list keeps its subject. 0.6.2: more wordings of agreements. 0.6.3:
# plans (told as to come, or dated after the article) and trips told as background are
# no records. 0.6.4: so are meetings and signings told as background or dated after it.
# 0.6.5: plans told after the event ("talks to be held") or as a headline's infinitive.
# 0.6.6: each language reads only its own plan and history cues (patterns.MOOD_CUES).
# 0.6.7: a meeting dated weeks before the article is news only in its lead; "last met".
# 0.6.8: a trip told as a plan whose days are before the article's date has happened.
# 0.6.9: "Following the talks, ..." and "visit after the election in May" are no background.
# 0.6.10: "his recent visit", "chuyến thăm gần đây" are past; "Trước đó" opens no background.
# 0.6.11: month abbreviations ("Nov. 21") and a few titles end no sentence.
# 0.6.12: the office after a name gives the person's country (", Singapore's Minister for ...").
# 0.6.13: a capitalised word before the office after a name is part of the office;
# a word after a body's word ("Public Services") is no name.
# 0.6.14: "X was received by A and B" is two receptions.
# 0.7.0: every language's words from languages/<code>.toml, seven languages read (en, vi,
# fr, es, pt, id, de), each detected; related-headline runs cut; the headline read when
# the body tells no trip; meetings of the trip dated by its lead trusted at 0.85.
# 0.8.0: an arrival abroad is a trip; a reception is in the receiver's country and implies
# the guest's trip; "A met B, C and D" is a meeting with each; "the two prime ministers" /
# "hai Thủ tướng" are the two sides named last; counterparts resolve "the Portugal PM";
# "the visit of A to B"; one-month ranges "từ ngày 25/03 đến ngày 26/3".
EXTRACTOR_VERSION = "0.8.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "AgreementRecord",
    "CountryName",
    "Document",
    "DocumentError",
    "Evidence",
    "Extraction",
    "Extractor",
    "FuzzyDate",
    "Gazetteer",
    "KnownLeader",
    "LevelName",
    "MeetingRecord",
    "Person",
    "VisitRecord",
    "load_gazetteer",
    "read_html",
    "read_json_object",
    "read_text",
]


def __getattr__(name: str):
    """`Extractor` is imported when first asked for: importing spaCy takes most of a
    second, and a command that extracts nothing (a re-ingest of unchanged files, the
    web server's start) never needs it."""
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
