# ruff: noqa: E501  (sentences read better on one line)
"""Ways news tells of documents signed, statements issued and roadmaps adopted, in
sentences written for these tests (issue 10)."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object

from .conftest import SMALL


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(SMALL)


def agreements(ex, text, date="2025-04-02"):
    result = ex.extract(read_json_object({"text": text, "date": date}, name="t"))
    return {(a.kind, tuple(sorted(a.parties)), a.document_count) for a in result.agreements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "After their talks in Hanoi, General Secretary To Lam and President Xi Jinping witnessed the handover of 14 cooperation documents between Viet Nam and China.",
            ("document_signing", ("CN", "VN"), 14),
        ),
        (
            "The Malaysian and Vietnamese leaders then witnessed the signing of more than a dozen agreements between Malaysia and Viet Nam.",
            ("document_signing", ("MY", "VN"), 12),
        ),
        (
            "General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur. Several MoUs between Viet Nam and Malaysia were also signed.",
            ("document_signing", ("MY", "VN"), None),
        ),
        (
            "General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur. MoUs on digital trade and halal food between Viet Nam and Malaysia were also signed.",
            ("document_signing", ("MY", "VN"), None),
        ),
        (
            "At the end of the talks in Beijing, Viet Nam and China jointly issued a statement on deepening their partnership.",
            ("joint_statement", ("CN", "VN"), None),
        ),
        (
            "In Kuala Lumpur the two prime ministers of Malaysia and Viet Nam adopted a roadmap for their partnership for 2025 to 2030.",
            ("action_programme", ("MY", "VN"), None),
        ),
    ],
)
def test_the_wording_is_read(ex, text, expected):
    assert expected in agreements(ex, text)


def test_a_roadmap_still_to_be_drawn_up_is_no_record(ex):
    found = agreements(
        ex,
        "Malaysia and Viet Nam will draw up a roadmap for their partnership next year.",
    )
    assert not any(kind == "action_programme" for kind, _, _ in found)
