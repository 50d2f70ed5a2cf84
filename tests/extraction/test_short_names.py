# ruff: noqa: E501  (tables of sentences read better on one line)
"""Short names, lists of meetings and other phrasings, in sentences written for these tests."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object
from visits.extraction.records import CountryName, Gazetteer, KnownLeader

from .conftest import SMALL

GAZ = Gazetteer(
    countries=SMALL.countries
    + (
        CountryName("AU", "Australia", "Australia", ("Australian", "Úc"), ("Canberra",)),
        CountryName("BE", "Belgium", "Bỉ", ("Belgian",), ("Brussels",)),
        CountryName("KR", "South Korea", "Hàn Quốc", ("Korean",), ("Seoul",)),
        CountryName("PK", "Pakistan", "Pakistan", ("Pakistani",), ("Islamabad",)),
        CountryName("LK", "Sri Lanka", "Sri Lanka", ("Sri Lankan",), ("Colombo",)),
    ),
    leaders=SMALL.leaders
    + (
        KnownLeader(
            "chinh",
            "Phạm Minh Chính",
            "VN",
            ("Pham Minh Chinh",),
            ("government:Prime Minister:2021-04-05:",),
        ),
        KnownLeader(
            "man",
            "Trần Thanh Mẫn",
            "VN",
            ("Tran Thanh Man",),
            ("parliament:Chairman of the National Assembly:2024-05-20:",),
        ),
        KnownLeader(
            "lhl", "Lee Hsien Loong", "SG", (), ("government:Prime Minister:2004-08-12:2024-05-15",)
        ),
        KnownLeader("ljm", "Lee Jae-myung", "KR", (), ("state:President:2025-06-04:",)),
        KnownLeader(
            "albo", "Anthony Albanese", "AU", (), ("government:Prime Minister:2022-05-23:",)
        ),
    ),
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def run(ex, text, date="2024-03-12"):
    return ex.extract(read_json_object({"text": text, "date": date}, name="t"))


def pairs(result):
    return sorted(tuple(sorted(p.name for p in m.participants)) for m in result.meetings)


SHORT_NAMES = [
    # A known leader's short name after an office word is that leader.
    (
        "PM Lee of Singapore held talks with PM Chinh in Hanoi on Monday.",
        ("Lee Hsien Loong", "Phạm Minh Chính"),
    ),
    (
        "Chiều 11/3, tại Hà Nội, Chủ tịch Quốc hội Man đã hội kiến Thủ tướng Úc Albanese.",
        ("Anthony Albanese", "Trần Thanh Mẫn"),
    ),
    # "Úc" is the country of the office, not a part of the name.
    (
        "Sáng 11/3, Thủ tướng Phạm Minh Chính và Thủ tướng Úc Albanese đã hội đàm tại Canberra.",
        ("Anthony Albanese", "Phạm Minh Chính"),
    ),
]


@pytest.mark.parametrize("text,expected", SHORT_NAMES)
def test_short_name_after_office_is_the_known_leader(ex, text, expected):
    assert expected in pairs(run(ex, text))


def test_two_leaders_of_one_surname_need_the_article_to_tell_them_apart(ex):
    # Both Lees are known; only Singapore is in the story.
    r = run(ex, "In Singapore on Monday, PM Lee received Thai Prime Minister Srettha Thavisin.")
    assert ("Lee Hsien Loong", "Srettha Thavisin") in pairs(r)


def test_hyphenated_name_with_a_particle_is_one_name(ex):
    r = run(
        ex,
        "ISLAMABAD: Prime Minister Anwaar-ul-Haq Kakar held talks with Chinese President Xi Jinping on Monday.",
    )
    assert ("Anwaar-ul-Haq Kakar", "Xi Jinping") in pairs(r)


def test_the_visiting_leader_meets_each_person_of_a_list(ex):
    text = (
        "Singaporean Prime Minister Lee Hsien Loong paid an official visit to Viet Nam from March 10 to 12. "
        "In Hanoi, the visiting leader had meetings with Party chief To Lam and Prime Minister Pham Minh Chinh. "
        "He also met Tran Thanh Man, Chairman of the National Assembly."
    )
    got = pairs(run(ex, text))
    for other in ("Tô Lâm", "Phạm Minh Chính", "Trần Thanh Mẫn"):
        assert tuple(sorted(("Lee Hsien Loong", other))) in got


def test_a_leader_honoured_at_a_memorial_is_no_participant(ex):
    text = (
        "Thai Prime Minister Srettha Thavisin left Hanoi on March 12, ending an official visit to Viet Nam. "
        "While in the capital, the Thai leader laid a wreath at the mausoleum of President Ho Chi Minh. "
        "He also met separately with Party chief To Lam and Prime Minister Pham Minh Chinh."
    )
    names = {p.name for m in run(ex, text).meetings for p in m.participants}
    assert "Ho Chi Minh" not in names
    assert ("Srettha Thavisin", "Tô Lâm") in pairs(run(ex, text))


def test_discussions_between_two_leaders_are_talks(ex):
    text = (
        "COLOMBO - Official discussions between President Ranil Wickremesinghe, who is in Islamabad on a state visit, "
        "and Pakistani Prime Minister Shehbaz Sharif took place on March 11."
    )
    r = run(ex, text)
    talks = [m for m in r.meetings if m.kind == "talks"]
    assert [sorted(p.name for p in m.participants) for m in talks] == [
        ["Ranil Wickremesinghe", "Shehbaz Sharif"]
    ]
    assert talks[0].country != "LK"  # the dateline is where the report was filed


@pytest.mark.parametrize(
    "text,count",
    [
        (
            "Prime Minister Anwar Ibrahim ended his visit to Thailand on Tuesday. Four memoranda of understanding were signed during the visit.",
            4,
        ),
        (
            "During the talks in Bangkok, 12 cooperation agreements have been signed by the ministers of Malaysia and Thailand.",
            12,
        ),
    ],
)
def test_passive_signings_are_agreements(ex, text, count):
    signed = [a for a in run(ex, text).agreements if a.kind == "document_signing"]
    assert [a.document_count for a in signed] == [count]


def test_a_signing_during_an_earlier_visit_is_not_an_agreement(ex):
    text = "The trip answers the Thai leader's visit to Malaysia in May, during which five agreements were signed."
    assert not [a for a in run(ex, text).agreements if a.kind == "document_signing"]


def test_a_two_letter_english_word_is_no_country(ex):
    text = "President Anwar Ibrahim arrived in Bangkok for a state visit and the Bi-National Commission."
    r = run(ex, text)
    assert all("BE" not in (v.visitor_country, v.host_country) for v in r.visits)


def test_a_dotless_country_acronym_in_capitals_is_the_country():
    gaz = Gazetteer(
        countries=GAZ.countries
        + (CountryName("US", "United States", "Hoa Kỳ", ("U.S.", "American"), ("Washington",)),),
        leaders=GAZ.leaders,
    )
    r = Extractor(gaz).extract(
        read_json_object(
            {
                "text": "US president Joe Biden wrapped up a state visit to Japan on Friday.",
                "date": "2024-03-12",
            },
            name="t",
        )
    )
    assert [(v.visitor_country, v.host_country) for v in r.visits] == [("US", "JP")]


def test_a_misspelt_prime_minister_is_still_an_office(ex):
    text = "BANGKOK, 11 March 2024: Thai Prime Minister Srettha Thavisin received the Singaporean Prime Minster Mr. Lawrence Wong at Government House."
    assert ("Lawrence Wong", "Srettha Thavisin") in pairs(run(ex, text))
