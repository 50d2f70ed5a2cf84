# ruff: noqa: E501  (tables of sentences read better on one line)
"""Tables of sentences -> records, for every pattern, in English and Vietnamese.

The sentences are written for these tests; the gazetteer is the small one in conftest.
"""

from __future__ import annotations

import pytest

from visits.extraction import read_json_object

from .conftest import day


def run(extractor, text, date="2024-03-12", title=None):
    obj = {"text": text, "date": date, "title": title, "url": None}
    return extractor.extract(read_json_object(obj, name="t"))


def names(meeting):
    return sorted(p.name for p in meeting.participants)


# --- visits ---------------------------------------------------------------------------

VISITS = [
    # (sentence, visitor_country, host_country, kind, visitor name (or None to skip))
    (
        "Vietnamese Prime Minister Pham Minh Chinh paid an official visit to Japan on March 10.",
        "VN",
        "JP",
        "official",
        "Pham Minh Chinh",
    ),
    (
        "Viet Nam's President Luong Cuong arrived in Vientiane on March 10 for a state visit to Laos.",
        "VN",
        "LA",
        "state",
        "Luong Cuong",
    ),
    (
        "Cambodian Prime Minister Hun Manet is on a working visit to Viet Nam.",
        "KH",
        "VN",
        "working",
        "Hun Manet",
    ),
    ("General Secretary To Lam visited Singapore on March 11.", "VN", "SG", "other", "Tô Lâm"),
    (
        "Malaysian Prime Minister Anwar Ibrahim paid a two-day official visit to Viet Nam.",
        "MY",
        "VN",
        "official",
        "Anwar Ibrahim",
    ),
    (
        "Chủ tịch nước Lương Cường thăm cấp Nhà nước Trung Quốc từ ngày 10-12/3.",
        "VN",
        "CN",
        "state",
        "Lương Cường",
    ),
    ("Thủ tướng Phạm Minh Chính thăm chính thức Pháp.", "VN", "FR", "official", "Phạm Minh Chính"),
    ("Tong Bi thu To Lam tham chinh thuc Malaysia ngay 21/11.", "VN", "MY", "official", "Tô Lâm"),
    (
        "Thủ tướng Thái Lan Srettha Thavisin thăm làm việc Việt Nam.",
        "TH",
        "VN",
        "working",
        "Srettha Thavisin",
    ),
    (
        "Prime Minister Anwar Ibrahim received visiting Lao Prime Minister Sonexay Siphandone in Putrajaya on March 11.",
        "LA",
        "MY",
        "other",
        "Sonexay Siphandone",
    ),
]


@pytest.mark.parametrize("text,visitor_country,host,kind,visitor", VISITS)
def test_visit_is_read(small_extractor, text, visitor_country, host, kind, visitor):
    result = run(small_extractor, text)
    found = [(v.visitor_country, v.host_country, v.kind) for v in result.visits]
    assert (visitor_country, host, kind) in found
    v = next(v for v in result.visits if v.host_country == host)
    if visitor:
        assert v.visitor is not None and v.visitor.name == visitor


NOT_VISITS = [
    "President Luong Cuong will pay a state visit to Japan next month.",
    "Prime Minister Pham Minh Chinh is scheduled to visit France.",
    "He invited Prime Minister Hun Manet to visit Viet Nam at a convenient time.",
    "Recalling President Ho Chi Minh's visit to China in 1959, the two leaders praised the friendship.",
    "Thủ tướng Phạm Minh Chính trân trọng mời Thủ tướng Anwar Ibrahim thăm Việt Nam vào thời gian thích hợp.",
    "Chủ tịch nước Lương Cường sẽ thăm cấp Nhà nước Nhật Bản.",
    "Thủ tướng nhớ lại chuyến thăm Nhật Bản năm 2019 của Chủ tịch nước.",
    "The minister visited a factory in Hanoi on Tuesday.",
]


@pytest.mark.parametrize("text", NOT_VISITS)
def test_plans_history_and_home_trips_are_not_visits(small_extractor, text):
    assert run(small_extractor, text).visits == ()


def test_three_day_visit_concluding_gives_start_and_end(small_extractor):
    text = "Vietnamese Prime Minister Pham Minh Chinh wrapped up his three-day official visit to Japan on March 13."
    (v,) = run(small_extractor, text, date="2025-03-14").visits
    assert (day(v.start), day(v.end)) == ("2025-03-11", "2025-03-13")


def test_visit_range_from_to(small_extractor):
    text = "Vietnamese President Luong Cuong paid a state visit to France from March 11-13."
    (v,) = run(small_extractor, text, date="2025-03-10").visits
    assert (day(v.start), day(v.end)) == ("2025-03-11", "2025-03-13")


def test_invitation_of_host_is_kept_and_visit_counts(small_extractor):
    text = (
        "At the invitation of Prime Minister Anwar Ibrahim, General Secretary To Lam "
        "paid an official visit to Malaysia from November 20-22."
    )
    (v,) = run(small_extractor, text, date="2024-11-23").visits
    assert v.invited_by is not None and v.invited_by.name == "Anwar Ibrahim"
    assert (v.visitor_country, v.host_country, v.kind) == ("VN", "MY", "official")


# --- meetings ---------------------------------------------------------------------------

MEETINGS = [
    # (sentence, kind, participants, country, date)
    (
        "Prime Minister Pham Minh Chinh held talks with Japanese Prime Minister Fumio Kishida in Tokyo on March 11.",
        "talks",
        ["Fumio Kishida", "Pham Minh Chinh"],
        "JP",
        "2024-03-11",
    ),
    (
        "President Luong Cuong received Singaporean Foreign Minister Vivian Balakrishnan in Hanoi on March 11.",
        "reception",
        ["Luong Cuong", "Vivian Balakrishnan"],
        "VN",
        "2024-03-11",
    ),
    (
        "General Secretary To Lam held phone talks with Chinese President Xi Jinping on Tuesday.",
        "call",
        ["Tô Lâm", "Xi Jinping"],
        None,
        "2024-03-12",
    ),
    (
        "Deputy Prime Minister Bui Thanh Son met with French Foreign Minister Jean-Noel Barrot on the sidelines of the conference in Paris on March 10.",
        "meeting",
        ["Bui Thanh Son", "Jean-Noel Barrot"],
        "FR",
        "2024-03-10",
    ),
    (
        "Sáng 11/3, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản Ito Naoki.",
        "reception",
        ["Ito Naoki", "Phạm Minh Chính"],
        "VN",
        "2024-03-11",
    ),
    (
        "Chiều 10/3, Tổng Bí thư Tô Lâm điện đàm với Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình.",
        "call",
        ["Tô Lâm", "Xi Jinping"],
        None,
        "2024-03-10",
    ),
    (
        "Tối 5/3, tại Bắc Kinh, Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Thủ tướng Trung Quốc Lý Cường.",
        "meeting",
        ["Li Qiang", "Trần Thanh Mẫn"],  # Chinese, named in Vietnamese: read by syllable
        "CN",
        "2024-03-05",
    ),
    (
        "Ngày 21-11, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Malaysia Anwar Ibrahim.",
        "talks",
        ["Anwar Ibrahim", "Tô Lâm"],
        None,
        "2023-11-21",
    ),
    (
        "On the afternoon of March 11, Malaysian Prime Minister Anwar Ibrahim and Japanese Prime Minister Fumio Kishida held talks.",
        "talks",
        ["Anwar Ibrahim", "Fumio Kishida"],
        None,
        "2024-03-11",
    ),
    (
        "In a phone conversation with Thai Prime Minister Paetongtarn Shinawatra on March 5, Vietnamese Prime Minister Pham Minh Chinh congratulated Thailand.",
        "call",
        ["Paetongtarn Shinawatra", "Pham Minh Chinh"],
        None,
        "2024-03-05",
    ),
    (
        "Chieu 5/3, tai Ha Noi, Thu tuong Pham Minh Chinh tiep Dai su Nhat Ban Ito Naoki.",
        "reception",
        ["Ito Naoki", "Pham Minh Chinh"],
        "VN",
        "2024-03-05",
    ),
    (
        "Prime Minister Pham Minh Chinh on Monday hosted a reception for Cambodian Prime Minister Hun Manet in Hanoi.",
        "reception",
        ["Hun Manet", "Pham Minh Chinh"],
        "VN",
        "2024-03-11",
    ),
    (
        "Indonesian President Joko Widodo paid a courtesy call on Thai Prime Minister Srettha Thavisin in Bangkok on March 8.",
        "meeting",
        ["Joko Widodo", "Srettha Thavisin"],
        "TH",
        "2024-03-08",
    ),
]


@pytest.mark.parametrize("text,kind,participants,country,date", MEETINGS)
def test_meeting_is_read(small_extractor, text, kind, participants, country, date):
    result = run(small_extractor, text)
    assert len(result.meetings) == 1, result.meetings
    (m,) = result.meetings
    assert m.kind == kind
    assert names(m) == sorted(participants)
    if country:
        assert m.country == country
    assert day(m.date) == date


def test_people_added_at_the_meeting_join_it(small_extractor):
    text = (
        "Prime Minister Pham Minh Chinh held talks with Cambodian Prime Minister Hun Manet in Hanoi on March 11.\n"
        "At the talks, Deputy Prime Minister Bui Thanh Son and his Cambodian counterpart Sok Chenda Sophea presented the results."
    )
    (m,) = run(small_extractor, text).meetings
    assert names(m) == sorted(
        ["Pham Minh Chinh", "Hun Manet", "Bui Thanh Son", "Sok Chenda Sophea"]
    )


def test_the_two_leaders_held_talks_joins_the_meeting_just_reported(small_extractor):
    text = (
        "Vietnamese NA Chairman Tran Thanh Man on March 5 welcomed Lao National Assembly Chairman "
        "Saysomphone Phomvihane in Hanoi.\nThe two leaders then held talks."
    )
    (m,) = run(small_extractor, text).meetings
    assert m.kind == "talks"
    assert names(m) == ["Saysomphone Phomvihane", "Tran Thanh Man"]


NOT_MEETINGS = [
    "The two leaders will meet in Tokyo next month.",
    "Prime Minister Pham Minh Chinh met with representatives of the business community.",
    "The two sides recalled that President Luong Cuong met Prime Minister Fumio Kishida in 2019.",
    "Thủ tướng Phạm Minh Chính tiếp tục chỉ đạo các bộ ngành.",
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_plans_history_and_crowds_are_not_meetings(small_extractor, text):
    assert run(small_extractor, text).meetings == ()


def test_honorifics_are_not_part_of_names(small_extractor):
    text = "Prime Minister Pham Minh Chinh met with Malaysian Senate President Dato' Awang Bemee Awang Ali Basah in Kuala Lumpur on March 11."
    (m,) = run(small_extractor, text).meetings
    assert "Awang Bemee Awang Ali Basah" in names(m)


def test_one_person_however_written(small_extractor):
    text = (
        "General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur on March 11.\n"
        "Lam said the General Secretary's visit opened a new chapter. Anwar agreed."
    )
    result = run(small_extractor, text)
    assert sorted(p.name for p in result.people) == ["Anwar Ibrahim", "Tô Lâm"]


# --- agreements ---------------------------------------------------------------------------

AGREEMENTS = [
    # (sentence, kind, parties, level)
    (
        "The two leaders agreed to upgrade Viet Nam-Japan relations to a Comprehensive Strategic Partnership.",
        "partnership_upgrade",
        ("JP", "VN"),
        "comprehensive_strategic_partnership",
    ),
    (
        "Viet Nam and France elevated their ties to a comprehensive strategic partnership on March 11.",
        "partnership_upgrade",
        ("FR", "VN"),
        "comprehensive_strategic_partnership",
    ),
    (
        "Hai bên nhất trí nâng cấp quan hệ Việt Nam - Indonesia lên Đối tác chiến lược toàn diện.",
        "partnership_upgrade",
        ("ID", "VN"),
        "comprehensive_strategic_partnership",
    ),
    (
        "Viet Nam and Singapore established a comprehensive partnership.",
        "partnership_upgrade",
        ("SG", "VN"),
        "comprehensive_partnership",
    ),
    (
        "After the talks, Viet Nam and Japan issued a joint statement.",
        "joint_statement",
        ("JP", "VN"),
        None,
    ),
    (
        "Hai nhà lãnh đạo đã ra Tuyên bố chung Việt Nam - Trung Quốc.",
        "joint_statement",
        ("CN", "VN"),
        None,
    ),
    (
        "Viet Nam and Thailand signed 12 cooperation documents in Bangkok.",
        "document_signing",
        ("TH", "VN"),
        None,
    ),
    (
        "Hai Thủ tướng chứng kiến lễ ký kết 5 văn kiện hợp tác giữa Việt Nam và Lào.",
        "document_signing",
        ("LA", "VN"),
        None,
    ),
    (
        "Viet Nam and Laos approved the Action Programme for 2024-2028.",
        "action_programme",
        ("LA", "VN"),
        None,
    ),
]


@pytest.mark.parametrize("text,kind,parties,level", AGREEMENTS)
def test_agreement_is_read(small_extractor, text, kind, parties, level):
    result = run(small_extractor, text)
    found = [(a.kind, a.parties, a.level) for a in result.agreements]
    assert (kind, parties, level) in found


def test_document_count_is_read(small_extractor):
    (a,) = run(small_extractor, "Viet Nam and Thailand signed 12 cooperation documents.").agreements
    assert a.document_count == 12


NOT_AGREEMENTS = [
    "Viet Nam and Malaysia upgraded their relationship to a strategic partnership in 2015.",
    "Since the two countries established the comprehensive partnership, trade has grown.",
    "The comprehensive strategic partnership will create favourable conditions for cooperation.",
    "The two sides will consider upgrading Viet Nam-Thailand ties to a comprehensive strategic partnership.",
    "Từ khi hai nước nâng cấp quan hệ lên Đối tác chiến lược năm 2015, hợp tác phát triển mạnh.",
    "They urged implementation of cooperation agreements signed by the two governments.",
]


@pytest.mark.parametrize("text", NOT_AGREEMENTS)
def test_background_and_plans_are_not_agreements(small_extractor, text):
    assert run(small_extractor, text).agreements == ()
