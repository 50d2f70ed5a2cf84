"""Confidence says how a record was read (issue 10, layer 8); bench/confidence_bands.py
measures it against gold records."""

from __future__ import annotations

from visits.extraction import read_json_object


def run(ex, text, date="2025-03-14"):
    return ex.extract(read_json_object({"text": text, "date": date}, name="t"))


def by_pair(result):
    return {tuple(sorted(p.name for p in m.participants)): m.confidence for m in result.meetings}


def test_a_meeting_of_the_trip_dated_by_its_lead_is_trusted(small_extractor):
    text = (
        "Prime Minister Anwar Ibrahim of Malaysia paid an official visit to Viet Nam on March 12."
        "\n\n"
        "During the visit, Anwar Ibrahim also met General Secretary To Lam."
    )
    conf = by_pair(run(small_extractor, text))
    assert conf[("Anwar Ibrahim", "Tô Lâm")] >= 0.8


def test_a_meeting_dated_by_nothing_of_its_own_outside_any_trip_is_not(small_extractor):
    text = "General Secretary To Lam met Prime Minister Anwar Ibrahim of Malaysia."
    conf = by_pair(run(small_extractor, text))
    assert conf[("Anwar Ibrahim", "Tô Lâm")] < 0.8


def test_a_meeting_dated_in_its_own_sentence_is_trusted_most(small_extractor):
    text = (
        "Prime Minister Anwar Ibrahim of Malaysia paid an official visit to Viet Nam on March 12."
        "\n\n"
        "On March 12, Anwar Ibrahim held talks with General Secretary To Lam in Hanoi."
    )
    conf = by_pair(run(small_extractor, text))
    assert conf[("Anwar Ibrahim", "Tô Lâm")] >= 0.9
