"""The Extractor: one cached spaCy pipeline per language, and the records it reads."""

from __future__ import annotations

from dataclasses import replace

import spacy
from spacy.language import Language

from .agreements import find_agreements
from .components import TOKENIZER_LANGUAGE, build_nlp
from .context import Context
from .events import find_visits
from .gazetteer import GazetteerIndex
from .meetings import find_meetings, implied_visits, link
from .names import name_key
from .people import NER_SPAN_KEY
from .records import (
    AgreementRecord,
    Document,
    Evidence,
    Extraction,
    Gazetteer,
    MeetingRecord,
    VisitRecord,
)


def _clip(x: float) -> float:
    return round(min(1.0, max(0.05, x)), 2)


class Extractor:
    """Reads Documents into Extractions. Pipelines are built on first use, per language."""

    def __init__(self, gazetteer: Gazetteer, *, ner_model: str | None = None):
        self.gazetteer = gazetteer
        self.ner_model = ner_model or None  # an installed trained pipeline's name or path
        self._index: GazetteerIndex | None = None
        self._nlp: dict[str, Language] = {}
        self._ner: Language | None = None

    def _ner_people(self, parsed, text: str) -> None:
        """Add the trained NER's PERSON names (English) as candidates the rules may miss."""
        if self._ner is None:
            self._ner = spacy.load(self.ner_model)
        spans = []
        for ent in self._ner(text).ents:
            if ent.label_ == "PERSON":
                span = parsed.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
                if span is not None:
                    spans.append(span)
        parsed.spans[NER_SPAN_KEY] = spans

    @property
    def index(self) -> GazetteerIndex:
        if self._index is None:
            self._index = GazetteerIndex.build(self.gazetteer)
        return self._index

    def nlp(self, language: str) -> Language:
        """The pipeline of `language` (English's for a language we do not read)."""
        lang = language if language in TOKENIZER_LANGUAGE else "en"
        if lang not in self._nlp:
            self._nlp[lang] = build_nlp(lang, self.index)
        return self._nlp[lang]

    def _read(self, nlp: Language, doc: Document):
        parsed = nlp(doc.body)
        if self.ner_model and doc.language == "en":
            self._ner_people(parsed, doc.body)
        ctx = Context(parsed, doc, self.index)
        visits = find_visits(ctx)
        meetings = find_meetings(ctx, visits)
        if not visits:
            visits = implied_visits(ctx, meetings)
        link(ctx, visits, meetings)
        agreements = find_agreements(ctx, visits, meetings)
        return ctx, visits, meetings, agreements

    def extract(self, doc: Document) -> Extraction:
        nlp = self.nlp(doc.language)
        ctx, visits, meetings, agreements = self._read(nlp, doc)
        if not visits and doc.title:
            # The body tells no trip: the headline may ("X concludes state visit to Y",
            # the body listing what X did). Read again with the headline as the lead;
            # taken only when that finds the trip.
            headed = replace(doc, body=f"{doc.title}\n\n{doc.body}", title=None)
            found = self._read(nlp, headed)
            if found[1]:
                shift = len(doc.title) + 2
                ctx, visits, meetings, agreements = found
                for draft in (*visits, *meetings, *agreements):
                    draft.evidence = [_from_headed(e, shift, len(doc.body)) for e in draft.evidence]
        people = ctx.people

        def person(pid):
            return people.entity(pid).person() if pid is not None else None

        visit_records = tuple(
            VisitRecord(
                key=v.key,
                visitor_country=v.visitor_country,
                host_country=v.host_country,
                visitor=person(v.visitor_pid),
                kind=v.kind,
                start=v.start,
                end=v.end,
                cities=tuple(v.cities),
                invited_by=person(v.invited_by_pid),
                confidence=_clip(v.confidence),
                evidence=tuple(v.evidence),
            )
            for v in visits
        )
        meeting_records = []
        # The key leaves out the day, so editing an article's date keeps the key (and an
        # editor's Suppression of the meeting); repeats in one article get a counter.
        seen_keys: dict[str, int] = {}
        for m in meetings:
            parts = tuple(person(p) for p in m.pids)
            names = "|".join(sorted(name_key(_as_written(p)) for p in parts))
            base = f"meeting:{m.kind or ''}:{names}"
            seen_keys[base] = seen_keys.get(base, 0) + 1
            key = base if seen_keys[base] == 1 else f"{base}#{seen_keys[base]}"
            meeting_records.append(
                MeetingRecord(
                    key=key,
                    date=m.date,
                    kind=m.kind,
                    participants=parts,
                    country=m.country,
                    city=m.city,
                    venue=m.venue,
                    visit_key=m.visit_key,
                    confidence=_clip(m.confidence),
                    evidence=tuple(m.evidence),
                )
            )
        agreement_records = tuple(
            AgreementRecord(
                key=a.key,
                kind=a.kind,
                parties=a.parties,
                level=a.level,
                date=a.date,
                title=a.title,
                document_count=a.document_count,
                visit_key=a.visit_key,
                confidence=_clip(a.confidence),
                evidence=tuple(a.evidence),
            )
            for a in agreements
        )
        return Extraction(
            document=doc,
            visits=visit_records,
            meetings=tuple(meeting_records),
            agreements=agreement_records,
            people=tuple(e.person() for e in people.entities),
        )


def _from_headed(evidence: Evidence, shift: int, body_length: int) -> Evidence:
    """Evidence read with the headline before the body, in the body's offsets; the
    headline's own sentence lies past the body's end, so no page highlights the wrong
    words (pages show the stored sentence alone)."""
    if evidence.start >= shift:
        return Evidence(evidence.start - shift, evidence.end - shift, evidence.text)
    text = evidence.text.strip()
    start = body_length + 1 + evidence.start
    return Evidence(start, start + len(text), text)


def _as_written(person) -> str:
    """The person's full name as the article writes it, for record keys: an editor's
    renaming of a known leader changes the name extraction gives, not the article."""
    written = [a for a in person.aliases if len(a.split()) >= 2]
    return max(written, key=lambda a: len(a.split())) if written else person.name
