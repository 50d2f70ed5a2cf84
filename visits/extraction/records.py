"""Plain, frozen records: what extraction is given (a gazetteer) and what it returns.

This module is the contract between the pure extraction package and the rest of
the product (ingest, tests). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Vocabularies shared with the export format (../shared/eval/README.md).
VISIT_KINDS = ("state", "official", "working", "other")
MEETING_KINDS = ("talks", "meeting", "reception", "call", "other")
AGREEMENT_KINDS = (
    "partnership_upgrade",
    "joint_statement",
    "document_signing",
    "action_programme",
    "other",
)
OFFICE_KINDS = ("party", "state", "government", "legislature", "other")


# --- What extraction is given -------------------------------------------------


@dataclass(frozen=True)
class CountryName:
    """A country and every way an article may name it.

    >>> CountryName(code="KZ", name_en="Kazakhstan", name_vi="Ca-dắc-xtan",
    ...             aliases=("Kazakh", "Kazakhstani"), cities=("Astana", "Almaty"))
    """

    code: str
    name_en: str
    name_vi: str = ""
    aliases: tuple[str, ...] = ()  # other names, demonyms, Vietnamese variants
    cities: tuple[str, ...] = ()  # capital first, then other cities


@dataclass(frozen=True)
class KnownLeader:
    """A person the product already knows, with every spelling seen so far.

    `key` is opaque to extraction and handed back in `Person.known_key`.
    """

    key: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()  # "To Lam", "Tập Cận Bình" for Xi Jinping, ...
    offices: tuple[str, ...] = ()  # "General Secretary", "Prime Minister", ...
    # (start, end) ISO dates of the offices held, "" when not known or still held.
    terms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LevelName:
    """A partnership level of the controlled vocabulary, with its names."""

    code: str
    name_en: str
    name_vi: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """Everything extraction should know by name; built by the caller."""

    countries: tuple[CountryName, ...] = ()
    leaders: tuple[KnownLeader, ...] = ()
    levels: tuple[LevelName, ...] = ()


# --- What extraction returns ---------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """The sentence a record was read from: character offsets into `Document.body`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FuzzyDate:
    """A day as precise as the article allows.

    `year` is None when the article gives no year and has no date line: ingest
    settles it from other reports of the same event. `year_inferred` says the
    year came from the article's date rather than from the sentence.
    """

    year: int | None
    month: int | None = None
    day: int | None = None
    year_inferred: bool = False

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str | None:
        """'2024-11-21' when the day and year are known, else None."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Person:
    """A person as an article names them.

    `name` has honorifics removed ("Dato' Awang Bemee Awang Ali Basah" ->
    "Awang Bemee Awang Ali Basah"); `aliases` holds the other spellings the
    article used for the same person; `known_key` is the KnownLeader.key when
    the gazetteer knew them.
    """

    name: str
    country: str | None = None
    office: str | None = None
    office_kind: str | None = None  # one of OFFICE_KINDS
    known_key: str | None = None
    aliases: tuple[str, ...] = ()
    honorific: str | None = None


@dataclass(frozen=True)
class VisitRecord:
    key: str  # stable within the article: "visit:VN>MY"
    visitor_country: str
    host_country: str
    visitor: Person | None
    kind: str  # one of VISIT_KINDS
    start: FuzzyDate | None
    end: FuzzyDate | None
    cities: tuple[str, ...]
    invited_by: Person | None
    confidence: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class MeetingRecord:
    key: str  # stable within the article: "meeting:talks:anwar ibrahim|to lam" (no day)
    date: FuzzyDate | None
    kind: str  # one of MEETING_KINDS
    participants: tuple[Person, ...]
    country: str | None
    city: str | None
    venue: str | None
    visit_key: str | None  # the VisitRecord.key of this article it belongs to
    confidence: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class AgreementRecord:
    key: str  # stable within the article: "agreement:partnership_upgrade:MY|VN"
    kind: str  # one of AGREEMENT_KINDS
    parties: tuple[str, ...]  # ISO alpha-2 codes, sorted
    level: str | None  # a LevelName.code for partnership upgrades
    date: FuzzyDate | None
    title: str | None
    document_count: int | None
    visit_key: str | None
    confidence: float
    evidence: tuple[Evidence, ...]


DETECT = "detect"  # Document(language=DETECT): detected from the text when first read


class _Detected:
    """Document.language and .language_confidence, detected from the title and body on
    first read when the reader was given DETECT: a file whose hash shows it unchanged
    is never run through the detector, and nothing else can tell the difference.

    >>> Document(body="Hai bên nhất trí tăng cường hợp tác.", language=DETECT).language
    'vi'
    """

    def __init__(self, default):
        self.default = default

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.default  # the dataclass field's default
        state = obj.__dict__
        if state.get("language") == DETECT:
            from .detection import detect_language

            language, confidence = detect_language((obj.title or "") + "\n" + obj.body)
            state["language"], state["language_confidence"] = language, confidence
        return state.get(self.name, self.default)

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.name] = value


@dataclass(frozen=True)
class Document:
    """An article as read: the date line, title and body, boilerplate cut."""

    body: str
    title: str | None = None
    published: FuzzyDate | None = None
    language: str = _Detected("en")  # one of detection.LANGUAGES, or DETECT
    # The detector's probability for `language`; None when the input gave the language.
    language_confidence: float | None = _Detected(None)
    url: str | None = None
    # What reading noticed but did not refuse: (line or None, message), for ingest to report.
    warnings: tuple[tuple[int | None, str], ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything read out of one article."""

    document: Document
    visits: tuple[VisitRecord, ...] = ()
    meetings: tuple[MeetingRecord, ...] = ()
    agreements: tuple[AgreementRecord, ...] = ()
    people: tuple[Person, ...] = field(default=())  # everyone named, for the leader table
