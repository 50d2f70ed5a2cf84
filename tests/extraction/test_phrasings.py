# ruff: noqa: E501  (tables of sentences read better on one line)
"""Phrasings met in reports from many agencies, in sentences written for these tests.

A gazetteer of its own, so that titles before known names ("Premier Li") and one-word
aliases ("Kishida") are exercised.
"""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object
from visits.extraction.records import CountryName, Gazetteer, KnownLeader

from .conftest import SMALL, day

GAZ = Gazetteer(
    countries=SMALL.countries
    + (
        CountryName("KR", "South Korea", "Hàn Quốc", ("Korean", "Republic of Korea"), ("Seoul",)),
        CountryName("RU", "Russia", "Nga", ("Russian",), ("Moscow",)),
    ),
    leaders=SMALL.leaders
    + (
        KnownLeader("liq", "Li Qiang", "CN", ("Premier Li",)),
        KnownLeader("lik", "Li Keqiang", "CN", ()),
        KnownLeader("kishida", "Fumio Kishida", "JP", ("Kishida Fumio", "Kishida")),
        KnownLeader("chinh", "Phạm Minh Chính", "VN", ("Pham Minh Chinh",)),
    ),
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def run(ex, text, date="2024-03-12"):
    return ex.extract(read_json_object({"text": text, "date": date}, name="t"))


def visits(result):
    return [
        (v.visitor_country, v.host_country, v.visitor.name if v.visitor else None)
        for v in result.visits
    ]


def meetings(result):
    return [(m.kind, sorted(p.name for p in m.participants), m.country) for m in result.meetings]


VISITS = [
    # A dateline before the office does not give the person its country.
    (
        "SEOUL - Japan's Prime Minister Fumio Kishida landed in Seoul on Monday for a two-day official visit.",
        ("JP", "KR", "Fumio Kishida"),
    ),
    # The traveller named in a relative clause.
    (
        "Chinese President Xi Jinping held talks on Tuesday with Thai Prime Minister Srettha Thavisin, who is on an official visit to China.",
        ("TH", "CN", "Srettha Thavisin"),
    ),
    # A country's possessive names the visitor, the place after "to" the host.
    (
        "Indonesia's new president flew to Japan on Friday for a state visit, his first trip abroad.",
        ("ID", "JP", None),
    ),
    # "arrived ... earlier Wednesday" is today's news, not history.
    (
        "Thai Prime Minister Srettha Thavisin arrived in Tokyo earlier Wednesday for a three-day official visit.",
        ("TH", "JP", "Srettha Thavisin"),
    ),
    # Vietnamese: the traveller follows the frame "Trong khuôn khổ chuyến thăm ...".
    (
        "Trong khuôn khổ chuyến thăm cấp Nhà nước tới Nhật Bản, ngày 11/3, Chủ tịch nước Lương Cường đã hội đàm với Thủ tướng Nhật Bản Kishida Fumio.",
        ("VN", "JP", "Lương Cường"),
    ),
]


@pytest.mark.parametrize("text,expected", VISITS)
def test_visit_phrasing(ex, text, expected):
    got = visits(run(ex, text))
    assert expected[:2] in [g[:2] for g in got]
    if expected[2]:
        assert expected in got


NOT_VISITS = [
    "Kishida said he looked forward to the Chinese premier's reciprocal visit to Tokyo later this year.",
    "Malaysian King Sultan Ibrahim will also host a state banquet in honour of the visiting Thai Prime Minister on Thursday.",
]


@pytest.mark.parametrize("text", NOT_VISITS)
def test_plans_later_on_are_not_visits(ex, text):
    assert run(ex, text).visits == ()


MEETINGS = [
    # A title before a known name gives way to the full name.
    (
        "Prime Minister Pham Minh Chinh held phone talks with Chinese Premier Li Keqiang on Thursday.",
        ("call", ["Li Keqiang", "Phạm Minh Chính"], None),
    ),
    # Phone phrasings after the verb.
    (
        "Japanese Prime Minister Fumio Kishida congratulated Prime Minister Pham Minh Chinh over the phone on March 5.",
        ("call", ["Fumio Kishida", "Phạm Minh Chính"], None),
    ),
    (
        "In a telephonic conversation with Pham Minh Chinh, Chinese Premier Li Qiang praised the trade figures.",
        ("call", ["Li Qiang", "Phạm Minh Chính"], None),
    ),
    # A one-word alias after an office is the known leader.
    (
        "On March 11, PM Kishida laid a wreath at the monument to President Ho Chi Minh and held talks with Prime Minister Pham Minh Chinh in Hanoi.",
        ("talks", ["Fumio Kishida", "Phạm Minh Chính"], "VN"),
    ),
]


@pytest.mark.parametrize("text,expected", MEETINGS)
def test_meeting_phrasing(ex, text, expected):
    assert expected in meetings(run(ex, text))


def test_courtesy_calls_on_two_people_are_two_meetings(ex):
    text = "Thai Prime Minister Srettha Thavisin paid courtesy calls to Tô Lâm and Prime Minister Pham Minh Chinh in Hanoi on March 11."
    got = meetings(run(ex, text))
    assert ("meeting", ["Srettha Thavisin", "Tô Lâm"], "VN") in got
    assert ("meeting", ["Phạm Minh Chính", "Srettha Thavisin"], "VN") in got


def test_he_is_the_visitor_of_the_article(ex):
    text = (
        "Thai Prime Minister Srettha Thavisin paid an official visit to Viet Nam on March 10-11.\n"
        "He also had meetings with Tô Lâm and Prime Minister Pham Minh Chinh in Hanoi."
    )
    got = meetings(run(ex, text))
    assert ("meeting", ["Srettha Thavisin", "Tô Lâm"], "VN") in got
    assert ("meeting", ["Phạm Minh Chính", "Srettha Thavisin"], "VN") in got


def test_anniversary_date_is_not_the_day_of_the_call(ex):
    text = "Prime Minister Pham Minh Chinh on Thursday held phone talks with Chinese Premier Li Qiang on the occasion of the anniversary of diplomatic ties (January 18, 2024)."
    (m,) = run(ex, text, date="2024-01-13").meetings
    assert day(m.date) == "2024-01-11"


def test_company_words_are_not_people(ex):
    text = "The delegation met with the Chairman of China Investment Trust Zhang Wei in Beijing on March 11."
    names = {p.name for p in run(ex, text).people}
    assert "Trust" not in names


def test_arrived_here_goes_to_the_dateline_place(ex):
    text = "TOKYO: Thai Prime Minister Srettha Thavisin arrived here on Tuesday on a three-day official visit.\nThe visit follows talks in Bangkok last year."
    assert ("TH", "JP") in [v[:2] for v in visits(run(ex, text))]


def test_visit_of_a_country_leader_names_the_visitor_country(ex):
    text = "Welcoming the guests in Vientiane, Lao President Thongloun Sisoulith said it was the first state visit of a Thai leader since 2019."
    got = [v[:2] for v in visits(run(ex, text, date="2024-03-12"))]
    assert ("LA", "TH") not in got


# Written for these tests: departures, a trip counted "since" a year, and a negated visit.
DEPARTURES = [
    (
        "Japanese Prime Minister Fumio Kishida left Tokyo on Sunday evening for the Republic of France, where he begins a three-day official visit.",
        ("JP", "FR", "Fumio Kishida"),
    ),
    (
        "Prime Minister Fumio Kishida on Monday left Japan for a two-day official visit to Malaysia, his first since taking office in 2021.",
        ("JP", "MY", "Fumio Kishida"),
    ),
]


@pytest.mark.parametrize("text,expected", DEPARTURES)
def test_departure_for_a_country_is_a_visit_there(ex, text, expected):
    assert expected in visits(run(ex, text, date="2024-03-12"))


def test_not_a_state_visit_is_no_visit(ex):
    text = "Next week Premier Li is hosting Japanese Prime Minister Fumio Kishida in Beijing, but that is not a full state visit."
    assert visits(run(ex, text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida arrived in Kuala Lumpur today; the signing of three memorandums of understanding is expected.",
        "Prime Minister Fumio Kishida arrived in Kuala Lumpur today. The leaders will talk trade, with a joint statement expected at the close.",
        "Prime Minister Fumio Kishida arrived in Kuala Lumpur today. Recently, Japan and Malaysia signed two agreements on fisheries.",
    ],
)
def test_expected_or_earlier_signings_are_not_agreements(ex, text):
    assert run(ex, text).agreements == ()


def test_country_inside_a_vietnamese_name_is_not_a_party():
    gaz = Gazetteer(
        countries=GAZ.countries + (CountryName("DE", "Germany", "Đức", ("German",), ("Berlin",)),),
        leaders=GAZ.leaders,
    )
    ex = Extractor(gaz)
    text = "Tháng 5/2008, Tổng Bí thư Nông Đức Mạnh thăm chính thức Trung Quốc."
    result = run(ex, text)
    assert all("DE" not in (v.visitor_country, v.host_country) for v in result.visits)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida landed in Kuala Lumpur for an official visit. He was welcomed at the Kuala Lumpur International Airport by Foreign Minister Anwar Ibrahim and senior officials.",
        "Prime Minister Fumio Kishida landed in Kuala Lumpur for an official visit. He was met on arrival by Deputy Minister Anwar Ibrahim.",
    ],
)
def test_airport_greetings_are_not_meetings(ex, text):
    assert run(ex, text).meetings == ()


def test_leaving_home_for_a_visit_starts_it(ex):
    text = "Prime Minister Fumio Kishida on Monday left Japan for a two-day official visit to Malaysia."
    visit = run(ex, text, date="2024-03-12").visits[0]
    assert (visit.start.iso(), visit.end.iso()) == ("2024-03-11", "2024-03-12")


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida reached Kuala Lumpur on Monday night. He was received by the Minister of Transport Anwar Ibrahim and the Japanese envoy.",
        "On reaching Kuala Lumpur, Prime Minister Fumio Kishida was warmly received by Deputy Minister Anwar Ibrahim.",
        "Prime Minister Fumio Kishida's aircraft touched down at 8 p.m. and he was greeted by Foreign Minister Anwar Ibrahim.",
    ],
)
def test_arrival_greeting_by_an_official_is_not_a_meeting(ex, text):
    assert run(ex, text).meetings == ()


def test_arrival_reception_by_the_head_of_government_stays_a_meeting(ex):
    text = "Prime Minister Fumio Kishida arrived in Kuala Lumpur and was received by Prime Minister Anwar Ibrahim at his office."
    meetings = run(ex, text).meetings
    assert len(meetings) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida arrived in Hanoi on Monday for an official visit, the guest of his Vietnamese counterpart Pham Minh Chinh. The two prime ministers then led their delegations in a meeting on trade.",
        "Prime Minister Fumio Kishida arrived in Hanoi on Monday for an official visit, the guest of his Vietnamese counterpart Pham Minh Chinh. During the talks between the two prime ministers, both sides agreed to expand trade.",
    ],
)
def test_the_two_leaders_are_the_visitor_and_the_named_host(ex, text):
    meetings = run(ex, text).meetings
    assert len(meetings) == 1
    assert {p.name for p in meetings[0].participants} == {"Fumio Kishida", "Phạm Minh Chính"}
