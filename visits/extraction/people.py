"""Finding people in a parsed article: office + name, known leaders, and who is who."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import languages as L
from .components import SPAN_KEY
from .gazetteer import GazetteerIndex
from .known import bare_surname
from .names import (
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    name_key,
    office_kind,
    sino_readings,
    strip_honorifics,
)
from .offices import drop_place_before_comma, office_references
from .records import KnownLeader, Person

# Words that may sit between an office and a name: "President of the Senate of Kazakhstan".
_CHAIN_WORDS = frozenset(L.word_list("chain_words"))
# Words inside Vietnamese party names ("Đảng Nhân dân Cách mạng Lào") between office and name.
_PARTY_WORDS = frozenset("dang nhan dan cach mang cong san".split())
_MAX_NAME_TOKENS = 6
# The last word of a body's name: a capitalised run it ends, or precedes, is no person.
ORG_HEADS = frozenset(
    """party parties committee ministry council assembly association front union federation
    commission congress bureau agency department university institute academy school
    company corporation forum organisation organization foundation society league movement
    alliance authority secretariat parliament senate""".split()
)
_DATELINE_MARKS = frozenset("- – — : |".split())
NER_SPAN_KEY = "ner_person"


@dataclass
class Entity:
    """One person of the article, however many times named."""

    pid: int
    name: str
    country: str | None = None
    office: str | None = None
    known: KnownLeader | None = None
    aliases: list[str] = field(default_factory=list)
    honorific: str | None = None
    country_assumed: bool = False  # the article's home country, not read from the text

    def tokens(self) -> set[str]:
        return set(name_key(self.name).split())

    def person(self) -> Person:
        others = tuple(a for a in dict.fromkeys(self.aliases) if name_key(a) != name_key(self.name))
        return Person(
            name=self.name,
            country=self.country,
            office=self.office,
            office_kind=office_kind(self.office),
            known_key=self.known.key if self.known else None,
            aliases=others,
            honorific=self.honorific,
        )


@dataclass
class Mention:
    start: int  # token indices, end exclusive
    end: int
    start_char: int
    end_char: int
    pid: int
    named: bool = True  # False for "the General Secretary"


_INITIAL = re.compile(r"[A-Z]\.")


def _labels(doc: Doc) -> list[str | None]:
    labels: list[str | None] = [None] * len(doc)
    for span in doc.spans[SPAN_KEY]:
        for i in range(span.start, span.end):
            labels[i] = span.label_
    return labels


def _name_token(tok, label) -> bool:
    text = tok.text
    if label is not None or not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if text.isupper() and len(text) > 1:
        return False  # acronyms: CPP, VNA
    if tok.norm_ in NOT_NAME_WORDS:
        return False
    return bool(re.fullmatch(r"[^\W\d_][\w'’.-]*", text))


def _runs(doc: Doc, labels) -> list[tuple[int, int]]:
    """Maximal runs of capitalised name tokens ("Awang Bemee Awang Ali Basah")."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _name_token(doc[i], labels[i]) or doc[i].is_sent_start and _sentence_word(doc, i):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < _MAX_NAME_TOKENS:
            tok = doc[j]
            if _name_token(tok, labels[j]) and not tok.is_sent_start:
                j += 1
            elif (
                _INITIAL.fullmatch(tok.text)
                and labels[j] is None
                and j + 1 < n
                and _name_token(doc[j + 1], labels[j + 1])
            ):
                j += 2  # "Mikhail S. Gorbachev": a middle initial does not end the name
            elif (
                tok.text == "-"
                and not doc[j - 1].whitespace_
                and j + 1 < n
                and _name_token(doc[j + 1], labels[j + 1])
            ):
                j += 2
            elif (
                tok.text == "-"
                and j + 3 < n
                and doc[j + 1].is_lower
                and len(doc[j + 1].text) <= 3
                and doc[j + 2].text == "-"
                and not (doc[j - 1].whitespace_ or doc[j + 1].whitespace_)
                and _name_token(doc[j + 3], labels[j + 3])
            ):
                j += 4  # "Anwaar-ul-Haq", "Abd-al-Aziz": a particle inside a hyphenated name
            elif (
                tok.norm_ in NAME_PARTICLES and j + 1 < n and _name_token(doc[j + 1], labels[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _sentence_word(doc: Doc, i: int) -> bool:
    """A capitalised first word followed by lower case is an ordinary word ("Welcoming the")."""
    return i + 1 < len(doc) and doc[i + 1].text[:1].islower() and doc[i].norm_.endswith("ing")


def _holds(leader: KnownLeader, office: str) -> bool:
    """Whether the office before a short name is one the known leader holds or held."""
    kind = office_kind(office)
    held = {office_kind(o.split(":")[1]) for o in leader.offices if o.count(":") >= 1}
    return kind in (None, "other") or not held or kind in held


class PeopleFinder:
    """Find mentions and group them into entities for one document."""

    def __init__(self, doc: Doc, index: GazetteerIndex, home: str | None, published=None):
        self.doc = doc
        self.index = index
        self.home = home
        self.published = published  # FuzzyDate of the article, to check a leader's terms
        self.labels = _labels(doc)
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self._covered_tokens: set[int] = set()
        self._covered_upto = 0  # mentions[:upto] are in _covered_tokens
        self._spans_by_token: dict | None = None
        self._starts: list[int] | None = None  # start_char of each mention, when sorted
        self._starts_len = -1
        self._starts_of: list | None = None

    # -- building ------------------------------------------------------------------

    def run(self) -> PeopleFinder:
        doc, labels = self.doc, self.labels
        candidates = []
        for span in doc.spans[SPAN_KEY]:
            if span.label_ == "LEADER":
                candidates.append((span.start, span.end, True))
        # PERSON names from an optional trained NER (see Extractor(ner_model=...)).
        ner = [(span.start, span.end) for span in doc.spans.get(NER_SPAN_KEY, [])]
        for start, end in _runs(doc, labels):
            candidates.append((start, end, False))
        candidates.sort()
        for start, end, is_leader in candidates:
            said = any(s < end and start < e for s, e in ner)
            self._candidate(start, end, is_leader, ner=said)
        office_references(self, Mention)
        for ent in self.entities:
            if ent.country is None:
                ent.country = ent.known.country if ent.known else None
            if ent.country is None:
                ent.country, ent.country_assumed = self.home, True
        self.mentions.sort(key=lambda m: m.start)
        self._covered_tokens, self._covered_upto = set(), 0
        return self

    def _chain_left(self, start: int) -> tuple[int, str | None, str | None, str | None]:
        """Walk left from a name over honorifics and an office chain.

        Returns (chain start, office text, country code, honorific).
        """
        doc, labels = self.doc, self.labels
        i = start - 1
        honorific = []
        while i >= 0 and (
            labels[i] == "HON" or (doc[i].text in ("'", "’") and labels[i - 1] == "HON")
        ):
            honorific.insert(0, doc[i].text)
            i -= 1
        hon_start = i + 1
        if (
            i >= 1
            and doc[i].norm_ == ","
            and not honorific
            and labels[i - 1] in ("COUNTRY", "OFFICE", "ORG")
        ):
            # "El presidente de México, Enrique Peña Nieto, ...": the office before the
            # comma is the name's (the chain below must hold an office).
            hon_start, i = i, i - 1
        elif i >= 0 and doc[i].norm_ in ("and", "va", ",", "&", "of", "the", "cua", "to"):
            return hon_start, None, None, " ".join(honorific) or None
        has_office = False
        j = i
        first = hon_start
        while j >= 0:
            tok, lab = doc[j], labels[j]
            if "\n" in tok.text or tok.is_space or tok.text in _DATELINE_MARKS:
                break  # "KUALA LUMPUR - Malaysia's Prime Minister": the dateline is apart
            if lab == "OFFICE":
                has_office = True
            elif lab in ("ORG", "COUNTRY", "CITY", "HON", "LEVEL"):
                pass
            elif tok.norm_ in _CHAIN_WORDS or tok.norm_ in _PARTY_WORDS:
                pass
            elif tok.text.isupper() and len(tok.text) > 1 and tok.is_alpha:
                pass  # CPP, NA, CPV
            else:
                break
            if lab in ("OFFICE", "ORG", "COUNTRY", "CITY") or tok.text.isupper():
                first = j
            if tok.is_sent_start:
                break
            j -= 1
        if not has_office:
            return hon_start, None, None, " ".join(honorific) or None
        first = drop_place_before_comma(doc, labels, first, hon_start)
        office = self.doc[first:hon_start].text.strip(" ,") or None
        country = None
        # The country nearest the name: "President of the Malaysian Senate", not a place
        # further left; "Ambassador to Viet Nam" says where, not whose.
        for k in range(hon_start - 1, first - 1, -1):
            if labels[k] not in ("COUNTRY", "CITY"):
                continue
            span_start = self._span_start(k)
            if span_start > 0 and doc[span_start - 1].norm_ in ("to", "in", "tai"):
                continue
            country = self.index.country_of(self._span_text(k, labels))
            if country:
                break
        return first, office, country, " ".join(honorific) or None

    def _span_at(self, k: int):
        """The first gazetteer span covering token k (an index built once per article)."""
        if self._spans_by_token is None:
            self._spans_by_token = {}
            for span in self.doc.spans[SPAN_KEY]:
                for t in range(span.start, span.end):
                    self._spans_by_token.setdefault(t, span)
        return self._spans_by_token.get(k)

    def _span_start(self, k: int) -> int:
        span = self._span_at(k)
        return span.start if span is not None else k

    def _span_text(self, k: int, labels) -> str:
        span = self._span_at(k)
        return span.text if span is not None else self.doc[k].text

    def _covered(self, start: int) -> bool:
        """Whether token `start` lies in a mention found already (mentions only grow)."""
        for m in self.mentions[self._covered_upto :]:
            self._covered_tokens.update(range(m.start, m.end))
        self._covered_upto = len(self.mentions)
        return start in self._covered_tokens

    def _country_after(self, end: int) -> str | None:
        """'Prime Minister Ishiba Shigeru of Japan': the country right after the name."""
        doc, labels = self.doc, self.labels
        j = end
        if j < len(doc) and doc[j].norm_ == "of":
            j += 1
            if j < len(doc) and doc[j].norm_ == "the":
                j += 1
            if j < len(doc) and labels[j] == "COUNTRY":
                return self.index.country_of(self._span_text(j, labels))
        return None

    def _appositive_office(self, end: int) -> tuple[str | None, str | None]:
        """', Prime Minister of Cambodia' right after a name; 'ông X - Ủy viên Bộ Chính trị,
        ..., Đảng Cộng sản Trung Quốc -', offices set off by dashes, as Vietnamese reports
        write them: the first office, and the country the dashes close on."""
        doc, labels = self.doc, self.labels
        if end + 1 < len(doc) and doc[end].text in ("-", "–") and labels[end + 1] == "OFFICE":
            return self._dashed_offices(end)
        if end + 1 >= len(doc) or doc[end].text != ",":
            return None, None
        j = end + 1
        country = None
        if j < len(doc) and labels[j] == "COUNTRY":
            # ", Singapore's Minister for Defence"
            country = self.index.country_of(self._span_text(j, labels))
            while j < len(doc) and labels[j] == "COUNTRY":
                j += 1
            if j < len(doc) and doc[j].text in ("'s", "’s", "'", "’"):
                j += 1
        first = j
        if (
            j + 1 < len(doc)
            and labels[j] is None
            and doc[j].text[:1].isupper()
            and labels[j + 1] == "OFFICE"
        ):
            j += 1  # ", Singapore's Coordinating Minister for ...": a word before the office
        if j < len(doc) and labels[j] == "OFFICE":
            k = j
            while k < len(doc) and (
                labels[k] in ("OFFICE", "ORG", "COUNTRY")
                or doc[k].norm_ in ("of", "the", "cua", "for", "and", "&")
                or (doc[k].text[:1].isupper() and labels[k - 1] is not None)
                or (doc[k].text[:1].isupper() and doc[k - 1].norm_ in ("for", "of", "and"))
            ):
                if labels[k] == "COUNTRY" and country is None:
                    country = self.index.country_of(self._span_text(k, labels))
                k += 1
            while k > j and doc[k - 1].norm_ in ("of", "the", "for", "and", "&", "cua"):
                k -= 1
            return doc[first:k].text.strip(" ,"), country
        return None, None

    def _dashed_offices(self, end: int) -> tuple[str | None, str | None]:
        doc, labels = self.doc, self.labels
        k = end + 1
        while k < len(doc) and k < end + 60 and doc[k].text not in ("-", "–", ".", ";"):
            if doc[k].is_sent_start and k > end + 1:
                break
            k += 1
        first_stop = next(
            (i for i in range(end + 1, k) if doc[i].text == ","), k
        )  # the first office, up to its comma
        country = None
        for i in range(k - 1, end, -1):
            if labels[i] == "COUNTRY":
                country = self.index.country_of(self._span_text(i, labels))
                if country:
                    break
        return doc[end + 1 : first_stop].text.strip(" ,") or None, country

    def _candidate(self, start: int, end: int, is_leader: bool, ner: bool = False) -> None:
        doc = self.doc
        if self._covered(start):
            return
        if (
            end - start == 1
            and start > 0
            and (
                doc[start - 1].norm_ in ("for", "of", "and", "&") or self.labels[start - 1] == "ORG"
            )
            and self.labels[start] is None
            and not self.index.leaders.get(name_key(doc[start].text))
        ):
            return  # "Minister for Public Services": a word of the office, not a name
        if self.labels[start] != "LEADER" and (
            doc[end - 1].norm_ in ORG_HEADS or (end < len(doc) and doc[end].norm_ in ORG_HEADS)
        ):
            return  # "the People's Action Party", "the Boao Forum": a body, not a person
        chain_start, office, country, honorific = self._chain_left(start)
        name_text = doc[start:end].text
        known = self.index.leaders.get(name_key(name_text))
        if not office:
            office, app_country = self._appositive_office(end)
            country = country or app_country
        country = country or self._country_after(end)
        name, hon2 = strip_honorifics(name_text)
        honorific = honorific or hon2
        international = None
        if known is None and country == "CN":
            # "Lý Thư Lỗi", a Chinese official named in Vietnamese: Li Shulei, by syllable.
            readings = sino_readings(name)
            known = next(
                (
                    self.index.leaders[k]
                    for r in readings
                    if (k := name_key(r)) in self.index.leaders
                ),
                None,
            )
            international = readings[0] if readings and known is None else None
        if (
            known is None
            and not office
            and len(name.split()) == 1
            and not self._entity_for(name, None)
        ):
            known = bare_surname(
                self.index, name_key(name), self._article_countries(), self.published
            )
        if known is None and office and len(name.split()) == 1:
            known = self.index.surnames.get(name_key(name))  # "PM Kishida", "President Xi"
            known = known or self._short_name(name_key(name), country, office)
        entity = None
        if known is not None and is_leader and start + 1 < end and self.labels[start] == "LEADER":
            entity = self._titled_surname(start, end)
            known = None if entity is not None else known
        entity = entity or self._entity_for(name, known)
        if entity is None:
            if not (office or honorific or known or is_leader or ner):
                return
            if len(name.split()) == 1 and not (office or known or ner):
                return
            entity = Entity(
                pid=len(self.entities),
                name=known.name if known else (international or name),
                known=known,
            )
            self.entities.append(entity)
        entity.aliases.append(name)
        if office and not entity.office:
            entity.office = office
        if country and not entity.country:
            entity.country = country
        if honorific and not entity.honorific:
            entity.honorific = honorific
        s = chain_start if office or honorific else start
        self.mentions.append(
            Mention(s, end, doc[s].idx, doc[end - 1].idx + len(doc[end - 1].text), entity.pid)
        )

    def _short_name(self, key: str, country: str | None, office: str) -> KnownLeader | None:
        """'PM Lee', 'Chairman Man': the one known leader of that name the article points to."""
        found = [k for k in self.index.short_names.get(key, []) if _holds(k, office)]
        if len(found) > 1:
            codes = {country} if country else self._article_countries()
            found = [k for k in found if k.country in codes]
        return found[0] if len(found) == 1 else None

    def _article_countries(self) -> set[str]:
        if not hasattr(self, "_countries"):
            self._countries = {
                self.index.country_of(s.text)
                for s in self.doc.spans[SPAN_KEY]
                if s.label_ in ("COUNTRY", "CITY")
            }
        return self._countries

    def _titled_surname(self, start: int, end: int) -> Entity | None:
        """'Premier Li' after 'Premier Li Keqiang': the person already named, not the alias."""
        if self.doc[start].norm_ not in self.index.office_words:
            return None
        rest = name_key(self.doc[start + 1 : end].text).split()
        for ent in reversed(self.entities):
            tokens = name_key(ent.name).split()
            if len(tokens) > len(rest) and rest in (tokens[: len(rest)], tokens[-len(rest) :]):
                return ent
        return None

    def _entity_for(self, name: str, known: KnownLeader | None) -> Entity | None:
        """The entity this name belongs to: same leader, same name, or a part of a full name."""
        key_tokens = name_key(name).split()
        if not key_tokens:
            return None
        for ent in self.entities:
            if known is not None and ent.known is known:
                return ent
        for ent in reversed(self.entities):
            ent_tokens = name_key(ent.name).split()
            alias_keys = {name_key(a) for a in ent.aliases}
            if name_key(name) in alias_keys or key_tokens == ent_tokens:
                return ent
            if len(key_tokens) == 1 and len(ent_tokens) > 1:
                if key_tokens[0] in (ent_tokens[-1], ent_tokens[0]):
                    return ent
            if 1 < len(key_tokens) < len(ent_tokens) and set(key_tokens) <= set(ent_tokens):
                return ent
            if len(key_tokens) > len(ent_tokens) >= 1 and set(ent_tokens) <= set(key_tokens):
                if ent.known is None:
                    ent.aliases.append(ent.name)
                    ent.name = name  # the fuller spelling wins
                return ent
        return None

    def new_entity(self, known: KnownLeader) -> Entity:
        entity = Entity(pid=len(self.entities), name=known.name, known=known)
        self.entities.append(entity)
        return entity

    # -- queries -------------------------------------------------------------------

    def in_range(self, start_char: int, end_char: int) -> list[Mention]:
        """The mentions within start_char..end_char, in the order of self.mentions."""
        if self._starts_len != len(self.mentions) or self._starts_of is not self.mentions:
            starts = [m.start_char for m in self.mentions]
            self._starts = (
                starts if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None
            )
            self._starts_len, self._starts_of = len(self.mentions), self.mentions
        if self._starts is None:  # not sorted yet (while the people are being found)
            return [
                m for m in self.mentions if m.start_char >= start_char and m.end_char <= end_char
            ]
        lo = bisect.bisect_left(self._starts, start_char)
        hi = bisect.bisect_left(self._starts, end_char, lo)
        return [m for m in self.mentions[lo:hi] if m.end_char <= end_char]

    def entity(self, pid: int) -> Entity:
        return self.entities[pid]
