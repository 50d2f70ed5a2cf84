"""The spaCy components: accent folding, sentence splitting and the gazetteer ruler.

They are registered with spaCy when this module is imported; nothing is built until
`build_nlp` is called.
"""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import languages as L
from .gazetteer import CITY_VARIANTS, GazetteerIndex
from .names import (
    HONORIFIC_PHRASES,
    HONORIFICS,
    OFFICES,
    ORG_WORDS,
    fold_lower,
    name_key,
)

SPAN_KEY = "diplo"
# When names overlap, the longer one wins; on equal length the earlier label in this list.
LABEL_PRIORITY = ("LEADER", "COUNTRY", "CITY", "LEVEL", "OFFICE", "HON", "ORG")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no gen lt col sen rep prof h.e u.s u.k jr sr vs gov pres amb adm maj capt "
    # Titles before a name in the other languages read: "Hon.", "Mme", "Sra.", "Ir."
    "hon rt excy mme mlle sra srta dra ir bpk s.e "
    # Month abbreviations: "Nov. 21" does not end a sentence.
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_MONTH_WORDS = frozenset(L.table("months"))


def _ordinal_day(doc: Doc, i: int) -> bool:
    """Whether the full stop at token i ends a day number before a month ("14. Mai") or
    before "bis" ("10. bis 13. Oktober")."""
    token = doc[i]
    number = token.text[:-1] if token.text != "." else (doc[i - 1].text if i > 0 else "")
    if not (number.isdigit() and len(number) <= 2) or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1].norm_ or fold_lower(doc[i + 1].text)
    return nxt in _MONTH_WORDS or nxt == "bis"


@Language.component("diplo_fold")
def fold_component(doc: Doc) -> Doc:
    """Put the accent-folded lower-case form of each token in `token.norm_`.

    "Việt Nam", "Viet Nam" and "VIỆT NAM" all get the norms ("viet", "nam").
    """
    for token in doc:
        token.norm_ = fold_lower(token.text)
    return doc


@Language.component("diplo_sentences")
def sentence_component(doc: Doc) -> Doc:
    """Split sentences at line breaks and at . ! ? before a capital, a digit or a quote.

    "Mr. Lam", "U.S. officials" and "H.E. Anwar" stay in one sentence.
    """
    n = len(doc)
    # Decided in a list and set once: each Token.is_sent_start assignment costs a pass over
    # the whole Doc, which made long articles quadratic.
    starts = [i == 0 for i in range(n)]
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            starts[i + 1] = True
            continue
        if token.is_space:
            continue
        text = token.text
        if text in (".", "!", "?", "。") or (
            text.endswith(".") and len(text) > 1 and text != "..."
        ):
            stem = text.rstrip(".").lower()
            if text != "." and (stem in _ABBREVIATIONS or len(stem) == 1):
                continue
            if text == "." and i > 0 and doc[i - 1].norm_ in _ABBREVIATIONS:
                continue
            if _ordinal_day(doc, i):
                continue  # "am 14. Mai", "vom 10. bis 13. Oktober": a German day, no sentence end
            j = i + 1
            while j < n and (doc[j].is_space or doc[j].text in ('"', "”", "’", ")")):
                j += 1
            if j < n and (doc[j].text[:1].isupper() or doc[j].text[:1].isdigit()):
                starts[j] = True
            for k in range(i + 1, j):
                starts[k] = False
    if n:
        values = numpy.array([1 if start else -1 for start in starts], dtype="int64")
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


class GazetteerRuler:
    """Mark countries, cities, known leaders, offices, honorifics, bodies and levels.

    Every match goes to `doc.spans["diplo"]` (they may overlap); the places and
    known people that do not overlap go to `doc.ents` as GPE and PERSON.
    """

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.index: GazetteerIndex | None = None
        self.needs_capital: set[str] = set()
        self.office_words: frozenset[str] = frozenset()
        self.lowercase: frozenset[str] = frozenset()  # demonyms matched in lower case
        self.suffixes: tuple[str, ...] = ()  # endings of country adjectives (languages/)

    def configure(self, index: GazetteerIndex, language: str = "en") -> None:
        """Load the names of `language`'s pipeline; called once by build_nlp."""
        self.index = index
        self.office_words = index.office_words
        self.lowercase = index.lowercase_countries.get(language, frozenset())
        data = L.languages().get(language)
        self.suffixes = (
            tuple(sorted(data["demonym_suffixes"], key=len, reverse=True)) if data else ()
        )
        groups: dict[str, set[str]] = {k: set() for k in LABEL_PRIORITY}
        groups["COUNTRY"].update(index.country_keys(language))
        groups["CITY"].update(index.city_keys(language))
        groups["CITY"].update(CITY_VARIANTS)
        groups["LEADER"].update(index.leaders)
        groups["LEVEL"].update(index.levels)
        groups["OFFICE"].update(t for t, _ in OFFICES)
        groups["HON"].update(h for h in HONORIFICS | set(HONORIFIC_PHRASES) if h != "ba")
        groups["ORG"].update(ORG_WORDS)
        for label, names in groups.items():
            docs = []
            for text in sorted(names):
                pattern = self.nlp.make_doc(text)
                for tok in pattern:
                    tok.norm_ = fold_lower(tok.text)
                docs.append(pattern)
            self.matcher.add(label, docs)

    def _adjectives_by_ending(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'le président djiboutien', 'den ruandischen Präsidenten': a lower-case word
        next to an office, with a country adjective's ending, whose stem begins one
        country's name, is that country (for countries the name lists lack)."""
        if not self.suffixes:
            return []
        office_at = {i for s in spans if s.label_ == "OFFICE" for i in range(s.start, s.end)}
        covered = {i for s in spans for i in range(s.start, s.end)}
        found = []
        for i, tok in enumerate(doc):
            if i in covered or not tok.is_alpha or not tok.text.islower() or len(tok.text) < 6:
                continue
            if (i - 1) not in office_at and (i + 1) not in office_at:
                continue
            norm = tok.norm_ or fold_lower(tok.text)
            suffix = next((x for x in self.suffixes if norm.endswith(x)), None)
            if suffix is None or len(norm) - len(suffix) < 4:
                continue
            key = name_key(tok.text)
            code = self.index.countries.get(key) or _country_by_stem(
                self.index, norm[: -len(suffix)]
            )
            if code is not None:
                # Remembered, so that the word resolves like any country name (the same
                # word always gives the same country).
                self.index.countries.setdefault(key, code)
                found.append(Span(doc, i, i + 1, label="COUNTRY"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            first = doc[start]
            if label in ("COUNTRY", "CITY", "LEADER") and not first.text[:1].isupper():
                if not (label == "COUNTRY" and name_key(doc[start:end].text) in self.lowercase):
                    continue
            if label == "COUNTRY" and end - start == 1 and len(first.norm_) <= 2:
                if first.text.isascii() and not first.text.isupper():
                    continue  # "Úc" is Australia, "US" the United States; "Bi-National" no Belgium
            if label == "HON" and not first.text[:1].isupper():
                if first.norm_ not in ("ong", "ngai", "dong"):
                    continue
            if label == "ORG" and not first.text[:1].isupper():
                continue
            spans.append(Span(doc, start, end, label=label))
        spans += self._adjectives_by_ending(doc, spans)
        offices = self.office_words
        # "Premier Li Keqiang": a known alias that starts with a title ("Premier Li") gives
        # way to the full name it overlaps.
        spans.sort(
            key=lambda s: (
                -(s.end - s.start),
                LABEL_PRIORITY.index(s.label_),
                s.label_ == "LEADER" and s[0].norm_ in offices,
                s.start,
            )
        )
        taken = [False] * len(doc)
        kept = []
        for span in spans:
            if any(taken[span.start : span.end]):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            kept.append(span)
        kept.sort(key=lambda s: s.start)
        kept = _drop_places_inside_names(doc, kept)
        doc.spans[SPAN_KEY] = kept
        ents = [
            Span(doc, s.start, s.end, label="PERSON" if s.label_ == "LEADER" else "GPE")
            for s in kept
            if s.label_ in ("COUNTRY", "CITY", "LEADER")
        ]
        doc.ents = ents
        return doc


def _country_by_stem(index: GazetteerIndex, stem: str) -> str | None:
    """The one country a word of whose names starts as the stem does ("djibout" Djibouti)."""
    prefix = stem[: max(4, len(stem) - 2)]
    codes = {
        code
        for name, code in index.countries.items()
        if any(word.startswith(prefix) for word in name.split())
    }
    return codes.pop() if len(codes) == 1 else None


def _bare_name_word(doc: Doc, i: int, labelled: set[int]) -> bool:
    tok = doc[i] if 0 <= i < len(doc) else None
    return (
        tok is not None
        and i not in labelled
        and tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.text.isupper()
    )


def _drop_places_inside_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word country or city between two capitalised words is part of a name.

    "Tổng Bí thư Nông Đức Mạnh": "Đức" is not Germany here.
    """
    labelled = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        if (
            s.label_ in ("COUNTRY", "CITY")
            and s.end - s.start == 1
            and not s[0].is_sent_start
            # A demonym in lower case ("der deutsche Kanzler") is no part of a name.
            and s[0].text[:1].isupper()
            and _bare_name_word(doc, s.start - 1, labelled)
            and _bare_name_word(doc, s.end, labelled)
            and not doc[s.start - 1].whitespace_ == ""
        ):
            continue
        out.append(s)
    return out


@Language.factory("diplo_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name)


# spaCy's own tokenizer per language; Vietnamese keeps the multi-language one, as
# spacy.blank("vi") needs pyvi, whose word segmentation ("Thủ_tướng") would hide the
# syllables the rules and the gazetteer match, and without pyvi splits on spaces only
# ("đàm," keeps its comma).
TOKENIZER_LANGUAGE: dict[str, str] = {
    "en": "en",
    "vi": "xx",
    "fr": "fr",
    "es": "es",
    "pt": "pt",
    "id": "id",
    "de": "de",
}


def build_nlp(language: str, index: GazetteerIndex) -> Language:
    """A blank pipeline with the components above, with `language`'s tokenizer
    (TOKENIZER_LANGUAGE; English's for a language not listed)."""
    nlp = spacy.blank(TOKENIZER_LANGUAGE.get(language, "en"))
    # No parser or NER: a long article needs no more memory than its tokens.
    nlp.max_length = 50_000_000
    # Keep "21/11" and "Việt Nam-Malaysia" apart from their neighbours.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w])[-–—](?=[A-ZÀ-Ỹ])", r"(?<=\w)/(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("diplo_fold")
    nlp.add_pipe("diplo_sentences")
    ruler = nlp.add_pipe("diplo_gazetteer")
    ruler.configure(index, language)
    return nlp


def is_capitalised(text: str) -> bool:
    return bool(re.match(r"[A-ZÀ-ỸĐ]", text))
