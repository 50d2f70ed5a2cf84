"""Trips told without the word "visit" (issue 10, layer 2), and who met whom in a list
(layer 4): an arrival abroad is a trip; a reception takes place in the receiver's
country; "A met B, C and D" is a meeting with each. Sentences written for these tests."""

from __future__ import annotations

import pytest

from visits.extraction import read_json_object


def run(ex, text, language=None):
    obj = {"text": text, "date": "2025-03-14"}
    if language:
        obj["language"] = language
    return ex.extract(read_json_object(obj, name="t"))


def trips(result):
    return sorted((v.visitor_country, v.host_country, v.visitor.name) for v in result.visits)


def pairs(result):
    return sorted((sorted(p.name for p in m.participants), m.country) for m in result.meetings)


# --- an arrival abroad is a trip ----------------------------------------------------

ARRIVALS = [
    # English: the place after the verb, with a day or a capital between
    (
        "Malaysian Prime Minister Anwar Ibrahim arrived in Hanoi on Thursday morning.",
        None,
        ("MY", "VN", "Anwar Ibrahim"),
    ),
    (
        "Prime Minister Anwar Ibrahim landed on Thursday in the Japanese capital Tokyo.",
        None,
        ("MY", "JP", "Anwar Ibrahim"),
    ),
    # Vietnamese: "đã đến", "vừa tới"
    (
        "Chiều 13/3, Thủ tướng Malaysia Anwar Ibrahim đã đến Thủ đô Hà Nội.",
        "vi",
        ("MY", "VN", "Anwar Ibrahim"),
    ),
    (
        "Tổng Bí thư Tô Lâm vừa tới Bắc Kinh chiều 13/3.",
        "vi",
        ("VN", "CN", "Tô Lâm"),
    ),
    # Indonesian, Portuguese, German
    ("Perdana Menteri Anwar Ibrahim tiba di Jakarta pada Kamis (13/3).", "id", None),
    ("O primeiro-ministro Anwar Ibrahim desembarcou nesta quinta-feira em Tóquio.", "pt", None),
    ("Premierminister Anwar Ibrahim ist am Donnerstag in Tokio eingetroffen.", "de", None),
]


@pytest.mark.parametrize("text,language,expected", ARRIVALS)
def test_an_arrival_abroad_is_a_trip(small_extractor, text, language, expected):
    found = trips(run(small_extractor, text, language))
    if expected is None:  # other languages: the traveller and the host are read
        assert len(found) == 1 and found[0][0] == "MY" and found[0][2] == "Anwar Ibrahim"
    else:
        assert found == [expected]


NO_TRIP = [
    # back home is no trip abroad
    "Prime Minister Anwar Ibrahim arrived back in Kuala Lumpur on Thursday.",
    # a plan
    "Prime Minister Anwar Ibrahim will arrive in Hanoi on March 20.",
    "Thủ tướng Malaysia Anwar Ibrahim sẽ đến Hà Nội vào ngày 20/3.",
    # nobody named travelled
    "A delegation of Malaysian businesses arrived in Hanoi on Thursday.",
    # background, after a lead that tells other news
    "Malaysia and Japan agreed on Friday to widen their trade in rice, machinery and "
    "electronics over the next five years, officials in both capitals said. Last year, "
    "Prime Minister Anwar Ibrahim arrived in Tokyo for talks.",
    "Malaysia và Nhật Bản ngày 14/3 đã nhất trí mở rộng thương mại gạo, máy móc và hàng "
    "điện tử trong năm năm tới, theo các quan chức hai nước. Năm ngoái, Thủ tướng Anwar "
    "Ibrahim đã đến Tokyo.",
]


@pytest.mark.parametrize("text", NO_TRIP)
def test_an_arrival_that_is_no_trip(small_extractor, text):
    language = "vi" if "Thủ tướng" in text else None
    assert trips(run(small_extractor, text, language)) == []


# --- a reception takes place where the receiver is --------------------------------


def test_a_reception_without_a_place_is_in_the_receivers_country(small_extractor):
    r = run(
        small_extractor,
        "French President Emmanuel Macron received Malaysian Prime Minister Anwar Ibrahim "
        "at the Elysee Palace on Thursday with military honours.",
    )
    assert pairs(r) == [(["Anwar Ibrahim", "Emmanuel Macron"], "FR")]
    # ... and, the report telling no trip, the guest's trip there
    assert trips(r) == [("MY", "FR", "Anwar Ibrahim")]


def test_a_reception_in_the_passive_is_in_the_receivers_country(small_extractor):
    r = run(
        small_extractor,
        "Malaysian Prime Minister Anwar Ibrahim was received by General Secretary To Lam "
        "on Thursday.",
    )
    assert pairs(r) == [(["Anwar Ibrahim", "Tô Lâm"], "VN")]


def test_a_vietnamese_reception_is_in_the_receivers_country(small_extractor):
    r = run(
        small_extractor,
        "Chiều 13/3, Tổng Bí thư Tô Lâm tiếp Thủ tướng Malaysia Anwar Ibrahim.",
        "vi",
    )
    assert pairs(r) == [(["Anwar Ibrahim", "Tô Lâm"], "VN")]


def test_a_reception_in_a_third_country_is_no_trip_to_the_receivers(small_extractor):
    r = run(
        small_extractor,
        "General Secretary To Lam received Malaysian Prime Minister Anwar Ibrahim in Tokyo "
        "on Thursday, on the sidelines of a conference.",
    )
    assert not [t for t in trips(r) if t[1] == "VN"]
    assert pairs(r) == [(["Anwar Ibrahim", "Tô Lâm"], "JP")]


def test_a_building_named_after_a_town_is_not_in_that_town(small_extractor):
    # "Palácio de Belém" is in Lisbon, not in Belém; "the Osaka Palace" would be in Osaka
    r = run(
        small_extractor,
        "Malaysian Prime Minister Anwar Ibrahim paid an official visit to France from "
        "March 12 to 14. On March 13 he met President Emmanuel Macron at the Palace of "
        "Tokyo, a museum.",
    )
    assert pairs(r) == [(["Anwar Ibrahim", "Emmanuel Macron"], "FR")]


# --- one meeting per pair -----------------------------------------------------------


def test_one_person_meeting_several_is_a_meeting_with_each(small_extractor):
    r = run(
        small_extractor,
        "During his official visit to China from March 12 to 14, Malaysian Prime Minister "
        "Anwar Ibrahim met President Xi Jinping and Premier Li Qiang on March 13.",
    )
    assert pairs(r) == [
        (["Anwar Ibrahim", "Li Qiang"], "CN"),
        (["Anwar Ibrahim", "Xi Jinping"], "CN"),
    ]


def test_a_vietnamese_list_of_people_met_is_a_meeting_with_each(small_extractor):
    r = run(
        small_extractor,
        "Ngày 13/3, tại Bắc Kinh, Tổng Bí thư Tô Lâm đã gặp Chủ tịch Tập Cận Bình và "
        "Thủ tướng Lý Cường.",
        "vi",
    )
    assert len(r.meetings) == 2
    assert all("Tô Lâm" in {p.name for p in m.participants} for m in r.meetings)


def test_people_said_to_meet_together_are_one_meeting(small_extractor):
    r = run(
        small_extractor,
        "In Tokyo on March 13, Prime Minister Anwar Ibrahim met President Xi Jinping and "
        "General Secretary To Lam together for a trilateral meeting.",
    )
    assert len(r.meetings) == 1
    assert {p.name for p in r.meetings[0].participants} == {
        "Anwar Ibrahim",
        "Xi Jinping",
        "Tô Lâm",
    }


def test_a_meeting_without_a_place_joins_the_trip_to_the_country_of_those_met(small_extractor):
    r = run(
        small_extractor,
        "Malaysian Prime Minister Anwar Ibrahim arrived in Washington on March 13 after a "
        "state visit to China from March 10 to 12. In China, he met President Xi Jinping.",
    )
    assert trips(r) == [("MY", "CN", "Anwar Ibrahim"), ("MY", "US", "Anwar Ibrahim")]
    (meeting,) = r.meetings
    assert meeting.country == "CN"
    china = next(v for v in r.visits if v.host_country == "CN")
    assert meeting.visit_key == china.key


# --- "the visit of A to B": the traveller after the trip's word ----------------------

VISIT_OF = [
    ("The visit of Prime Minister Anwar Ibrahim to Japan strengthened trade ties.", None),
    ("Chuyến thăm của Thủ tướng Malaysia Anwar Ibrahim tới Nhật Bản đã thúc đẩy quan hệ.", "vi"),
    ("La visite du Premier ministre Anwar Ibrahim à Tokyo était très attendue.", "fr"),
]


@pytest.mark.parametrize("text,language", VISIT_OF)
def test_the_visit_of_a_person_to_a_place(small_extractor, text, language):
    assert trips(run(small_extractor, text, language)) == [("MY", "JP", "Anwar Ibrahim")]


def test_the_visit_of_a_person_with_no_place_after_is_no_trip_read_so(small_extractor):
    # the place after the name is where he comes from, not where he goes
    text = "The visit of Prime Minister Anwar Ibrahim from Malaysia was short."
    assert trips(run(small_extractor, text)) == []
