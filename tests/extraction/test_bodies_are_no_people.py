# ruff: noqa: E501  (sentences read better on one line)
"""The name of a body is no person: "the People's Action Party", "the Boao Forum" (issue 10)."""

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
        "General Secretary To Lam received Ong Kim Seng, Singapore's Deputy Secretary-General of the People's Action Party, in Hanoi on Monday.",
        "Prime Minister Anwar Ibrahim received Tan Lay Hoon, Singapore's Chairwoman of the People's Action Party, in Kuala Lumpur on Monday.",
        "Prime Minister Anwar Ibrahim met delegates of the Boao Forum in Kuala Lumpur on Monday.",
        "General Secretary To Lam received a delegation of the Workers Party in Hanoi on Monday.",
    ],
)
def test_no_person_is_read_from_the_name_of_a_body(ex, text):
    result = ex.extract(read_json_object({"text": text, "date": "2025-03-05"}, name="t"))
    names = {p.name for m in result.meetings for p in m.participants}
    assert not names & {"Action", "Action Party", "Boao", "Boao Forum", "Workers", "Workers Party"}
