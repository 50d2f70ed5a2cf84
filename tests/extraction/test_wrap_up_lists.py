# ruff: noqa: E501  (sentences read better on one line)
"""A wrap-up lists what one person did, the subject said once: each item is a meeting
of its own with that person, never a meeting of the people listed (issue 10)."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object

from .conftest import SMALL


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(SMALL)


def meetings(ex, text, date="2025-04-02"):
    result = ex.extract(read_json_object({"text": text, "date": date}, name="t"))
    return sorted((m.kind, tuple(sorted(p.name for p in m.participants))) for m in result.meetings)


def test_items_after_semicolons_keep_the_subject_and_are_separate_meetings(ex):
    found = meetings(
        ex,
        "While in Kuala Lumpur, General Secretary To Lam held talks with Prime Minister Anwar Ibrahim; "
        "met with King Ibrahim Iskandar and Senate President Mutang Tagal; "
        "received Foreign Minister Mohamad Hasan; and toured a technology park.",
    )
    people = {names for _, names in found}
    assert ("Anwar Ibrahim", "Tô Lâm") in people
    assert ("Ibrahim Iskandar", "Tô Lâm") in people
    assert ("Mutang Tagal", "Tô Lâm") in people
    assert ("Mohamad Hasan", "Tô Lâm") in people
    # Nobody met without the traveller: the people listed did not meet each other.
    assert all("Tô Lâm" in names for names in people)


def test_coordinated_verbs_in_one_clause_keep_the_first_subject(ex):
    found = meetings(
        ex,
        "In Kuala Lumpur, General Secretary To Lam held talks with Prime Minister Anwar Ibrahim, then received Foreign Minister Mohamad Hasan.",
    )
    people = {names for _, names in found}
    assert ("Mohamad Hasan", "Tô Lâm") in people
    assert ("Anwar Ibrahim", "Mohamad Hasan") not in people


def test_a_new_subject_after_a_semicolon_is_its_own(ex):
    found = meetings(
        ex,
        "General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur; "
        "Foreign Minister Bui Thanh Son met Foreign Minister Mohamad Hasan.",
    )
    people = {names for _, names in found}
    assert ("Bui Thanh Son", "Mohamad Hasan") in people
    assert ("Mohamad Hasan", "Tô Lâm") not in people


def test_vietnamese_list_keeps_the_subject(ex):
    found = meetings(
        ex,
        "Tại Kuala Lumpur, Tổng Bí thư Tô Lâm đã hội đàm với Thủ tướng Anwar Ibrahim; "
        "hội kiến Quốc vương Ibrahim Iskandar; tiếp Bộ trưởng Ngoại giao Mohamad Hasan.",
    )
    people = {names for _, names in found}
    assert ("Anwar Ibrahim", "Tô Lâm") in people
    assert ("Ibrahim Iskandar", "Tô Lâm") in people
    assert ("Mohamad Hasan", "Tô Lâm") in people


def test_several_people_meeting_one_separately_are_separate_meetings(ex):
    found = meetings(
        ex,
        "Prime Minister Anwar Ibrahim and Foreign Minister Mohamad Hasan also had separate meetings with General Secretary To Lam in Kuala Lumpur.",
    )
    people = {names for _, names in found}
    assert people == {("Anwar Ibrahim", "Tô Lâm"), ("Mohamad Hasan", "Tô Lâm")}


def test_several_people_holding_talks_together_is_one_meeting(ex):
    found = meetings(
        ex,
        "Prime Minister Anwar Ibrahim and Foreign Minister Mohamad Hasan held talks with General Secretary To Lam in Kuala Lumpur.",
    )
    assert {names for _, names in found} == {("Anwar Ibrahim", "Mohamad Hasan", "Tô Lâm")}


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Anwar Ibrahim told General Secretary To Lam in a meeting in Kuala Lumpur on Monday that trade must double.",
        "Prime Minister Anwar Ibrahim assured General Secretary To Lam during their talks in Kuala Lumpur that the new port would open soon.",
    ],
)
def test_a_meeting_told_as_the_setting_of_what_was_said_has_both_speakers(ex, text):
    assert {names for _, names in meetings(ex, text)} == {("Anwar Ibrahim", "Tô Lâm")}


def test_received_by_two_leaders_is_two_receptions(ex):
    found = meetings(
        ex,
        "Prime Minister Anwar Ibrahim arrived in Hanoi on Monday. He was warmly received by General Secretary To Lam and State President Luong Cuong.",
    )
    assert {names for _, names in found} == {
        ("Anwar Ibrahim", "Tô Lâm"),
        ("Anwar Ibrahim", "Luong Cuong"),
    }


def test_receiving_two_guests_together_is_one_reception(ex):
    found = meetings(
        ex,
        "General Secretary To Lam received Prime Minister Anwar Ibrahim and Foreign Minister Mohamad Hasan in Hanoi on Monday.",
    )
    assert {names for _, names in found} == {("Anwar Ibrahim", "Mohamad Hasan", "Tô Lâm")}
