"""An optional trained pipeline's NER adds people the rules would drop.

No trained model can be downloaded here, so the test saves a stand-in: a blank
English pipeline whose entity ruler tags one name PERSON, loaded by path exactly
as an installed model would be loaded by name.
"""

from pathlib import Path

import spacy

from visits.extraction import Extractor, load_gazetteer, read_text

DATA = Path(__file__).resolve().parents[2] / "visits" / "data"
TEXT = (
    " date 2023-12-09\nTalks in Hanoi\n\n"
    "Golovchenko held talks with Prime Minister Pham Minh Chinh in Hanoi on December 8.\n"
)


def stand_in_model(folder: Path) -> str:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Golovchenko"}])
    nlp.to_disk(folder)
    return str(folder)


def participants(extractor: Extractor) -> list[set[str]]:
    result = extractor.extract(read_text(TEXT, name="t.txt"))
    return [{p.name for p in m.participants} for m in result.meetings]


def test_a_surname_alone_is_dropped_by_the_rules_and_kept_with_a_trained_ner(tmp_path):
    gazetteer = load_gazetteer(DATA / "countries.csv", DATA / "leaders.csv")
    without = participants(Extractor(gazetteer))
    assert not any("Golovchenko" in names for names in without)
    with_ner = participants(Extractor(gazetteer, ner_model=stand_in_model(tmp_path / "m")))
    assert any({"Golovchenko", "Phạm Minh Chính"} <= names for names in with_ner)
