# ruff: noqa: E501  (sentences read better on one line)
"""Sentence splitting knows abbreviations: "Nov. 21" and "Gov. Tan" end no sentence."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object

from .conftest import SMALL


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(SMALL)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "On Nov. 21 General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur.",
            (11, 21),
        ),
        (
            "On Sept. 9 General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur.",
            (9, 9),
        ),
        (
            "General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur on Dec. 3, the last day of his visit.",
            (12, 3),
        ),
    ],
)
def test_an_abbreviated_month_keeps_the_sentence_and_its_date(ex, text, day):
    result = ex.extract(read_json_object({"text": text, "date": "2024-12-20"}, name="t"))
    talks = [m for m in result.meetings if m.kind == "talks"]
    assert len(talks) == 1
    assert (talks[0].date.month, talks[0].date.day) == day
    assert {p.name for p in talks[0].participants} == {"Tô Lâm", "Anwar Ibrahim"}
