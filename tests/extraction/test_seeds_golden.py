"""Golden files: the records read from each seed article, compared field by field."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from visits.extraction import read_text

from .conftest import SEEDS, summary

GOLDEN = Path(__file__).parent / "golden"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_matches_golden_file(extractor, path):
    doc = read_text(path.read_text(encoding="utf-8"), name=path.name)
    got = summary(extractor.extract(doc))
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_record_carries_its_sentence(extractor):
    for path in SEED_FILES:
        doc = read_text(path.read_text(encoding="utf-8"), name=path.name)
        result = extractor.extract(doc)
        for record in (*result.visits, *result.meetings, *result.agreements):
            assert record.evidence
            for ev in record.evidence:
                assert doc.body[ev.start : ev.end] == ev.text
            assert 0 < record.confidence <= 1
