# ruff: noqa: E501  (sentences read better on one line)
"""An office after a name gives the person's country: ", Minister for Defence of
Singapore", ", Singapore's Minister for Defence" (issue 10: a new person's country comes
from the text, never from a default)."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object

from .conftest import SMALL


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(SMALL)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Pham Minh Chinh received Goh Wee Lin, Minister for Trade of Singapore, in Hanoi on Monday.",
        "Prime Minister Pham Minh Chinh received Goh Wee Lin, Singapore's Minister for Trade, in Hanoi on Monday.",
    ],
)
def test_the_office_after_a_name_gives_the_country(ex, text):
    result = ex.extract(read_json_object({"text": text, "date": "2025-03-05"}, name="t"))
    people = {p.name: p for m in result.meetings for p in m.participants}
    assert "Goh Wee Lin" in people
    assert people["Goh Wee Lin"].country == "SG"
    assert "Minister for Trade" in people["Goh Wee Lin"].office


def test_a_long_office_after_a_name_is_one_office_and_no_person(ex):
    text = "Prime Minister Pham Minh Chinh received Goh Wee Lin, Singapore's Coordinating Minister for Public Services and Minister for Trade, in Hanoi on Monday."
    result = ex.extract(read_json_object({"text": text, "date": "2025-03-05"}, name="t"))
    people = {p.name: p for m in result.meetings for p in m.participants}
    assert set(people) == {"Pham Minh Chinh", "Goh Wee Lin"}
    assert people["Goh Wee Lin"].country == "SG"
    assert people["Goh Wee Lin"].office.startswith("Coordinating Minister for Public Services")
