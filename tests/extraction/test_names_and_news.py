# ruff: noqa: E501  (tables of sentences read better on one line)
"""Names with initials, organisation words, places before offices, and news against background.

Sentences written for these tests; the gazetteer is the one of test_phrasings.
"""

from __future__ import annotations

import pytest

from visits.extraction import Extractor
from visits.extraction.records import KnownLeader

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


BARE = Extractor(
    type(GAZ)(
        countries=GAZ.countries,
        leaders=GAZ.leaders
        + (
            KnownLeader(
                "pv", "Pavel Volkov", "RU", ("Volkov",), ("President",), (("2012-05-07", ""),)
            ),
            KnownLeader(
                "ob",
                "Oleg Belov",
                "RU",
                ("Belov",),
                ("President",),
                (("1991-01-01", "1999-12-31"),),
            ),
            KnownLeader("xj", "Xi Jinping", "CN", ("Xi",), ("President",), (("2013-03-14", ""),)),
        ),
        levels=GAZ.levels,
    )
)


def test_bare_surname_of_a_leader_in_office():
    text = "Chinese and Russian leaders met in Moscow. After the talks, Xi and Volkov signed two joint statements on trade."
    result = run(BARE, text, date="2023-03-22")
    assert [(a.kind, a.parties) for a in result.agreements] == [("joint_statement", ("CN", "RU"))]


def test_bare_surname_out_of_office_is_not_the_leader():
    text = "Chinese and Russian leaders met in Moscow. After the talks, Xi and Belov signed two joint statements on trade."
    names = {
        p.name
        for a in [run(BARE, text, date="2023-03-22")]
        for m in a.meetings
        for p in m.participants
    }
    assert "Oleg Belov" not in names


AGREEMENTS = [
    # Background: the partnership as it already stands.
    (
        "China and Kazakhstan have firmly established a comprehensive strategic partnership, Xi said in a written statement.",
        [],
    ),
    (
        "Since establishing their comprehensive strategic partnership in 2013, China and Kazakhstan have traded more.",
        [],
    ),
    (
        "Kể từ khi thiết lập quan hệ Đối tác chiến lược toàn diện, quan hệ Việt Nam - Trung Quốc phát triển mạnh.",
        [],
    ),
    # Diplomatic relations are not a partnership level.
    (
        "Japan and Viet Nam are marking the 50th anniversary of the establishment of diplomatic relations.",
        [],
    ),
    # News of a change stays.
    (
        "The two leaders agreed to upgrade China-Kazakhstan relations to a comprehensive strategic partnership.",
        [("partnership_upgrade", ("CN", "KZ"))],
    ),
    # A sentence that opens on an earlier year tells history.
    (
        "Tháng 5/2008, hai nhà lãnh đạo Việt Nam và Trung Quốc đã thiết lập quan hệ Đối tác chiến lược toàn diện.",
        [],
    ),
    # A plural joint statement is still one.
    (
        "In Beijing, the Chinese and Japanese leaders adopted two joint statements on trade.",
        [("joint_statement", ("CN", "JP"))],
    ),
]


@pytest.mark.parametrize("text,expected", AGREEMENTS)
def test_agreements_news_not_background(ex, text, expected):
    assert [(a.kind, a.parties) for a in run(ex, text).agreements] == expected


VISIT_PHRASINGS = [
    # The guest of a welcome ceremony is on a visit to the host's country.
    (
        "Chiều 3/4, tại Phủ Chủ tịch, Thủ tướng Phạm Minh Chính chủ trì lễ đón chính thức Thủ tướng Nhật Bản Fumio Kishida.",
        ("JP", "VN", "Fumio Kishida"),
    ),
    # An earlier leg told in a relative clause names its traveller there.
    (
        "The talks in Tokyo came after a successful official visit to Cambodia, where both Prime Minister Fumio Kishida and his Cambodian host discussed trade.",
        ("JP", "KH", "Fumio Kishida"),
    ),
    # Landing somewhere for bilateral consultations is a visit.
    (
        "Japanese Prime Minister Fumio Kishida landed in Paris on Monday for the first French-Japanese government consultations.",
        ("JP", "FR", "Fumio Kishida"),
    ),
]


@pytest.mark.parametrize("text,expected", VISIT_PHRASINGS)
def test_visit_phrasings(ex, text, expected):
    from .test_phrasings import visits

    assert expected in visits(run(ex, text))


def test_the_premier_is_the_prime_minister_named_before(ex):
    from .test_phrasings import visits

    text = "Prime Minister Fumio Kishida met business leaders on Monday. The Premier is visiting Singapore for the first time."
    assert ("JP", "SG", "Fumio Kishida") in visits(run(ex, text))


def test_a_look_back_over_years_is_no_upgrade(ex):
    text = "Over the past 30 years, China and Kazakhstan have weathered many changes, forging a comprehensive strategic partnership."
    assert run(ex, text).agreements == ()


def test_programme_includes_is_a_plan(ex):
    from .test_phrasings import meetings

    text = "Prime Minister Fumio Kishida arrived in Phnom Penh on Monday. His programme includes a meeting with Prime Minister Hun Manet of Cambodia."
    assert meetings(run(ex, text)) == []


def test_meeting_on_an_earlier_leg_is_not_this_one(ex):
    from .test_phrasings import meetings

    text = "Prime Minister Fumio Kishida arrives in Singapore after visiting and meeting with the leader of Malaysia, Anwar Ibrahim."
    assert meetings(run(ex, text)) == []


def test_trip_earlier_this_month_is_background(ex):
    from .test_phrasings import visits

    text = "Kishida thanked Anwar Ibrahim for the welcome given to his foreign minister on her trip to Kuala Lumpur earlier this month."
    assert visits(run(ex, text)) == []


OFFICE_GAZ = Extractor(
    type(GAZ)(
        countries=GAZ.countries,
        leaders=GAZ.leaders
        + (
            KnownLeader("kz1", "Arman Sultanov", "KZ", (), ("President",), (("2019-03-20", ""),)),
            KnownLeader(
                "kz0", "Bolat Nurov", "KZ", (), ("President",), (("1991-12-16", "2019-03-19"),)
            ),
        ),
        levels=GAZ.levels,
    )
)


def test_office_and_demonym_is_the_person_named_in_the_article(ex):
    from .test_phrasings import meetings

    text = "Malaysian Prime Minister Anwar Ibrahim returned from Paris on Sunday. In a telephone conversation with the Malaysian leader on Monday, Prime Minister Fumio Kishida discussed trade."
    assert meetings(run(ex, text)) == [("call", ["Anwar Ibrahim", "Fumio Kishida"], None)]


def test_office_and_demonym_is_the_known_holder_on_the_date():
    from .test_phrasings import meetings

    text = "Chinese Premier Li Qiang arrived in Astana on Monday. The Kazakh president held talks with Li Qiang in the Akorda."
    names = [n for _, n, _ in meetings(run(OFFICE_GAZ, text, date="2024-06-10"))]
    assert names == [["Arman Sultanov", "Li Qiang"]]


def test_arrived_without_in_names_the_host(ex):
    from .test_phrasings import visits

    text = "President Emmanuel Mbeki of France on Wednesday arrived Tokyo, Japan, for a state visit and a business forum."
    assert [(v[0], v[1]) for v in visits(run(ex, text))] == [("FR", "JP")]


def test_partnership_of_coordination_is_a_level_apart(ex):
    text = "The Russian and Chinese leaders decided on Wednesday to lift ties to a comprehensive strategic partnership of coordination."
    assert [(a.kind, a.level) for a in run(ex, text).agreements] == [
        ("partnership_upgrade", "other")
    ]


def test_demonym_office_finds_the_named_person_without_an_office(ex):
    from .test_phrasings import meetings

    text = "Fumio Kishida of Japan and Anwar Ibrahim of Malaysia signed a joint declaration in Tokyo on Monday. During his talks with Kishida, the Malaysian prime minister praised trade."
    assert ("talks", ["Anwar Ibrahim", "Fumio Kishida"], "JP") in meetings(run(ex, text))
