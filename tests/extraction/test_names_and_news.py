# ruff: noqa: E501  (tables of sentences read better on one line)
"""Names with initials, organisation words, places before offices, and news against background.

Sentences written for these tests; the gazetteer is the one of test_phrasings.
"""

from __future__ import annotations

import pytest

from visits.extraction import Extractor

from .test_phrasings import GAZ, meetings, run


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


MEETING_NAMES = [
    # A middle initial is part of the name, not its end.
    (
        "Washington, Dec. 3 - President George H. Walker said he spoke by telephone today with Russian leader Boris N. Petrov about the elections.",
        ["Boris N. Petrov", "George H. Walker"],
    ),
    # "Cách mạng" in a party's name is not a person.
    (
        "Sáng 5/6, tại thủ đô Vientiane, Thủ tướng Phạm Minh Chính đã chào xã giao Tổng Bí thư Đảng Nhân dân Cách mạng Lào Bounmy Sengdara.",
        ["Bounmy Sengdara", "Phạm Minh Chính"],
    ),
]


@pytest.mark.parametrize("text,names", MEETING_NAMES)
def test_meeting_names(ex, text, names):
    assert [sorted(n) for _, n, _ in meetings(run(ex, text))] == [names]


def test_place_before_comma_is_not_the_office(ex):
    text = "Chiều 5/6, tại thủ đô Vientiane, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Bounmy Sengdara."
    people = {p.name: p for m in run(ex, text).meetings for p in m.participants}
    assert people["Phạm Minh Chính"].country == "VN"
    assert people["Phạm Minh Chính"].office == "Thủ tướng"
