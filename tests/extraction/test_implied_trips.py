"""A meeting abroad implies the trip it belongs to, when the report tells none (issue 10,
layer 2)."""

from __future__ import annotations

from visits.extraction import read_json_object


def run(ex, text):
    return ex.extract(read_json_object({"text": text, "date": "2025-03-14"}, name="t"))


def trips(result):
    return [(v.visitor_country, v.host_country, v.visitor.name) for v in result.visits]


def test_a_leader_met_abroad_made_a_trip(small_extractor):
    r = run(
        small_extractor,
        "Chinese President Xi Jinping received Malaysian Prime Minister Anwar Ibrahim in "
        "Beijing on March 12.",
    )
    assert trips(r) == [("MY", "CN", "Anwar Ibrahim")]
    assert r.visits[0].confidence < 0.8  # read from a meeting, not told
    assert r.meetings[0].visit_key == r.visits[0].key


def test_a_call_implies_no_trip(small_extractor):
    r = run(
        small_extractor,
        "Chinese President Xi Jinping held a phone call with Malaysian Prime Minister Anwar "
        "Ibrahim in Beijing on March 12.",
    )
    assert trips(r) == []


def test_a_meeting_in_a_place_no_sentence_names_implies_no_trip(small_extractor):
    r = run(
        small_extractor,
        "Chinese President Xi Jinping met Malaysian Prime Minister Anwar Ibrahim on March 12.",
    )
    assert trips(r) == []


def test_two_leaders_meeting_in_a_third_country_imply_no_trip(small_extractor):
    r = run(
        small_extractor,
        "Chinese President Xi Jinping met Malaysian Prime Minister Anwar Ibrahim in Tokyo "
        "on March 12.",
    )
    assert trips(r) == []


def test_a_told_trip_is_not_doubled(small_extractor):
    r = run(
        small_extractor,
        "Malaysian Prime Minister Anwar Ibrahim paid an official visit to China from March "
        "11 to 13. Chinese President Xi Jinping received him in Beijing on March 12.",
    )
    assert [(v.visitor_country, v.host_country, v.kind) for v in r.visits] == [
        ("MY", "CN", "official")
    ]
