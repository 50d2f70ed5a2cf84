"""A trip the headline tells when the body does not (issue 10, layer 2: the story's events
anchored on the headline)."""

from __future__ import annotations

from visits.extraction import read_json_object

BODY = (
    "Prime Minister Anwar Ibrahim of Malaysia laid a wreath at the war memorial on Tuesday.\n\n"
    "He also toured a technology park in the north of the capital."
)


def run(ex, title, body=BODY):
    doc = read_json_object({"text": body, "title": title, "date": "2025-03-14"}, name="t")
    return doc, ex.extract(doc)


def test_the_headline_gives_the_trip_the_body_only_describes(small_extractor):
    doc, r = run(small_extractor, "Malaysian Prime Minister concludes official visit to Viet Nam")
    assert [(v.visitor_country, v.host_country, v.kind) for v in r.visits] == [
        ("MY", "VN", "official")
    ]
    (evidence,) = r.visits[0].evidence
    assert evidence.text == doc.title
    # past the body's end: no page highlights body words for the headline's sentence
    assert evidence.start > len(doc.body)


def test_a_headline_told_as_a_plan_gives_no_trip(small_extractor):
    _, r = run(small_extractor, "Malaysian Prime Minister to pay official visit to Viet Nam")
    assert r.visits == ()


def test_a_body_that_tells_its_trip_is_read_alone(small_extractor):
    body = (
        "Prime Minister Anwar Ibrahim of Malaysia began an official visit to Cambodia on March 12."
    )
    _, r = run(
        small_extractor, "Malaysian Prime Minister concludes official visit to Viet Nam", body
    )
    assert [(v.visitor_country, v.host_country) for v in r.visits] == [("MY", "KH")]
