# ruff: noqa: E501  (tables of sentences read better on one line)
"""Plans and background: only what a report tells as done, and as its own news, is a record.

Sentences written for these tests, in English and Vietnamese; the gazetteer is the one of
test_phrasings. Each plan or background sentence has its twin told as done.
"""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, patterns

from .conftest import day
from .test_phrasings import GAZ, meetings, run, visits


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def agreements(result):
    return [(a.kind, a.parties) for a in result.agreements]


# A plan cue governs the verbs coordinated after it, however far the trip's words are.
PLANS = [
    "Prime Minister Fumio Kishida and a large delegation are scheduled to attend a regional forum in Bangkok, hold bilateral meetings on its sidelines, and pay an official visit to Cambodia.",
    "Premier Li Qiang will hold talks with Prime Minister Pham Minh Chinh at the government office in the capital and sign two trade agreements with Vietnam.",
    "Theo kế hoạch, Thủ tướng Phạm Minh Chính sẽ dự hội nghị khu vực tại Bangkok, gặp gỡ cộng đồng người Việt và thăm chính thức Nhật Bản.",
    "Thủ tướng Phạm Minh Chính sẽ hội đàm với Thủ tướng Nhật Bản Fumio Kishida tại Văn phòng Thủ tướng ở thủ đô Tokyo, gặp gỡ lãnh đạo các tập đoàn lớn và chứng kiến lễ ký nhiều văn kiện hợp tác.",
]
DONE = [
    (
        "Prime Minister Fumio Kishida and a large delegation attended a regional forum in Bangkok, held bilateral meetings on its sidelines, and paid an official visit to Cambodia.",
        [("JP", "KH", "Fumio Kishida")],
        [],
        [],
    ),
    (
        "Premier Li Qiang held talks with Prime Minister Pham Minh Chinh at the government office in Hanoi and signed two trade agreements with Vietnam.",
        [("CN", "VN", "Li Qiang")],  # a meeting abroad implies the trip
        [("talks", ["Li Qiang", "Phạm Minh Chính"], "VN")],
        [("document_signing", ("CN", "VN"))],
    ),
    (
        "Thủ tướng Phạm Minh Chính đã dự hội nghị khu vực tại Bangkok, gặp gỡ cộng đồng người Việt và thăm chính thức Nhật Bản.",
        [("VN", "JP", "Phạm Minh Chính")],
        [],
        [],
    ),
    (
        "Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Nhật Bản Fumio Kishida tại Văn phòng Thủ tướng ở thủ đô Tokyo, gặp gỡ lãnh đạo các tập đoàn lớn và chứng kiến lễ ký nhiều văn kiện hợp tác.",
        [("VN", "JP", "Phạm Minh Chính")],
        [("talks", ["Fumio Kishida", "Phạm Minh Chính"], "JP")],
        [("document_signing", ("JP", "VN"))],
    ),
]


@pytest.mark.parametrize("text", PLANS)
def test_a_plan_is_no_record(ex, text):
    result = run(ex, text)
    assert (visits(result), meetings(result), agreements(result)) == ([], [], [])


@pytest.mark.parametrize("text,visit,meeting,agreement", DONE)
def test_the_same_event_told_as_done_is_a_record(ex, text, visit, meeting, agreement):
    result = run(ex, text)
    assert visits(result) == visit
    assert meetings(result) == meeting
    assert agreements(result) == agreement


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida pays an official visit to Vietnam from March 20 to 22.",
        "Thủ tướng Nhật Bản Fumio Kishida thăm chính thức Việt Nam từ ngày 20 đến 22/3.",
    ],
)
def test_a_trip_dated_after_the_article_is_a_plan_and_before_it_a_record(ex, text):
    assert visits(run(ex, text, date="2024-03-12")) == []
    result = run(ex, text, date="2024-03-25")
    assert visits(result) == [("JP", "VN", "Fumio Kishida")]
    assert (day(result.visits[0].start), day(result.visits[0].end)) == ("2024-03-20", "2024-03-22")


# The report's news first, then an earlier trip as its background.
BACKGROUND = [
    (
        "Prime Minister Fumio Kishida arrived in Hanoi on Monday for an official visit to Vietnam. The trip follows Premier Li Qiang's visit to Vietnam in January.",
        [("JP", "VN", "Fumio Kishida")],
    ),
    (
        "Prime Minister Pham Minh Chinh held talks with Premier Li Qiang in Beijing on Monday during his official visit to China. He said it was the first high-level exchange since the two sides upgraded their relationship to a comprehensive strategic partnership during President Xi Jinping's state visit to Vietnam.",
        [("VN", "CN", "Phạm Minh Chính")],
    ),
    (
        "Chiều 11/3, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Fumio Kishida đang thăm chính thức Việt Nam. Thủ tướng Phạm Minh Chính cảm ơn sự đón tiếp nồng hậu dành cho đoàn Việt Nam trong chuyến thăm Nhật Bản vừa qua. Hai bên nhất trí thúc đẩy hợp tác đầu tư trong chuyến thăm chính thức Nhật Bản đó.",
        [("JP", "VN", "Fumio Kishida")],
    ),
    (
        "Chiều 11/3, Thủ tướng Phạm Minh Chính tiếp Thủ tướng Nhật Bản Fumio Kishida đang thăm chính thức Việt Nam. Trước đó, Thủ tướng Phạm Minh Chính đã thăm chính thức Trung Quốc hồi tháng 1.",
        [("JP", "VN", "Fumio Kishida")],
    ),
]


@pytest.mark.parametrize("text,expected", BACKGROUND)
def test_a_trip_told_as_background_is_no_record(ex, text, expected):
    assert visits(run(ex, text, date="2024-03-12")) == expected


# A report a few days after the trip, or one whose lead tells the trip as just past.
REPORTED_AFTER = [
    "Prime Minister Fumio Kishida paid an official visit to Vietnam from March 10 to 12.",
    "Prime Minister Fumio Kishida concluded his official visit to Vietnam on March 12. During the visit last week, the two sides agreed to expand trade.",
    "Thủ tướng Nhật Bản Fumio Kishida đã kết thúc tốt đẹp chuyến thăm chính thức Việt Nam từ ngày 10 đến 12/3.",
    "Thủ tướng Nhật Bản Fumio Kishida vừa kết thúc chuyến thăm chính thức Việt Nam vừa qua với nhiều kết quả quan trọng.",
]


@pytest.mark.parametrize("text", REPORTED_AFTER)
def test_a_report_a_few_days_after_the_trip_is_a_record(ex, text):
    assert visits(run(ex, text, date="2024-03-15")) == [("JP", "VN", "Fumio Kishida")]


def test_a_trip_dated_weeks_before_the_article_is_the_news_only_when_the_lead_tells_it(ex):
    text = "Premier Li Qiang paid an official visit to Vietnam from February 10 to 12."
    assert visits(run(ex, text, date="2024-03-15")) == [("CN", "VN", "Li Qiang")]
    later = "Prime Minister Fumio Kishida arrived in Hanoi on Monday for an official visit to Vietnam. He met business leaders in the capital. Premier Li Qiang paid an official visit to Vietnam from February 10 to 12."
    assert visits(run(ex, later, date="2024-03-15")) == [("JP", "VN", "Fumio Kishida")]


@pytest.mark.parametrize("language", sorted(patterns.MOOD_CUES))
def test_every_language_has_every_kind_of_cue(language):
    kinds = set(patterns.MOOD_CUES["en"])
    assert set(patterns.MOOD_CUES[language]) == kinds
    # A language may write no headline infinitive; it has words for all the rest.
    assert all(patterns.MOOD_CUES[language][k] for k in kinds - {"headline_to"})


def test_a_language_not_listed_reads_with_the_english_cues():
    assert patterns.mood_patterns("xx") is patterns.mood_patterns("en")


LEAD = "Prime Minister Fumio Kishida arrived in Hanoi on Monday for an official visit to Vietnam. "


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Pham Minh Chinh holds talks with Premier Li Qiang in Beijing on March 20.",
        "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Trung Quốc Lý Cường tại Bắc Kinh ngày 20/3.",
    ],
)
def test_a_meeting_dated_after_the_article_is_a_plan_and_before_it_a_record(ex, text):
    assert meetings(run(ex, text, date="2024-03-12")) == []
    result = run(ex, text, date="2024-03-21")
    assert [(m.kind, m.country, day(m.date)) for m in result.meetings] == [
        ("talks", "CN", "2024-03-20")
    ]


@pytest.mark.parametrize(
    "text,meeting,agreement",
    [
        (
            LEAD
            + "The trip follows talks between Premier Li Qiang and Prime Minister Pham Minh Chinh in Beijing in January.",
            [],
            [],
        ),
        (
            LEAD
            + "Premier Li Qiang and Prime Minister Pham Minh Chinh held talks in Beijing in January.",
            [("talks", ["Li Qiang", "Phạm Minh Chính"], "CN")],
            [],
        ),
        (
            LEAD
            + "The visit follows the signing of three trade agreements between the two countries in Tokyo in January.",
            [],
            [],
        ),
        (
            LEAD + "The two countries signed three trade agreements in Tokyo.",
            [],
            [("document_signing", ("JP", "VN"))],
        ),
    ],
)
def test_meetings_and_signings_told_as_background_are_no_records(ex, text, meeting, agreement):
    result = run(ex, text, date="2024-03-12")
    assert visits(result) == [("JP", "VN", "Fumio Kishida")]
    assert (meetings(result), agreements(result)) == (meeting, agreement)


def test_a_background_cue_governs_no_further_than_a_comma(ex):
    text = (
        LEAD
        + "Following the talks, Prime Minister Fumio Kishida visited Da Nang and met local leaders there."
    )
    result = run(ex, text)
    assert visits(result) == [("JP", "VN", "Fumio Kishida")]
    assert "Da Nang" in result.visits[0].cities


# Plans told after the event's words, and the infinitive of headlines.
PLANS_TOLD_AFTER = [
    "Talks between Premier Li Qiang and Prime Minister Pham Minh Chinh are scheduled for Friday in Beijing.",
    "Talks between Premier Li Qiang and Prime Minister Pham Minh Chinh to be held in Beijing.",
    "Prime Minister Pham Minh Chinh to attend a regional summit, pay official visit to Japan",
    "Vietnamese Prime Minister to pay official visit to Japan",
    "Chuyến thăm chính thức Nhật Bản sắp tới của Thủ tướng Phạm Minh Chính được hai bên chuẩn bị kỹ lưỡng.",
    "Cuộc hội đàm giữa Thủ tướng Phạm Minh Chính và Thủ tướng Trung Quốc Lý Cường sẽ diễn ra tại Bắc Kinh.",
]


@pytest.mark.parametrize("text", PLANS_TOLD_AFTER)
def test_a_plan_told_after_the_event_or_in_a_headline_is_no_record(ex, text):
    result = run(ex, text)
    assert (visits(result), meetings(result)) == ([], [])


@pytest.mark.parametrize(
    "text,visit,meeting",
    [
        (
            "Talks between Premier Li Qiang and Prime Minister Pham Minh Chinh were held in Beijing on Friday.",
            [("VN", "CN", "Phạm Minh Chính")],  # a meeting abroad implies the trip
            [("talks", ["Li Qiang", "Phạm Minh Chính"], "CN")],
        ),
        (
            "Prime Minister Fumio Kishida arrived in Hanoi to pay an official visit to Vietnam.",
            [("JP", "VN", "Fumio Kishida")],
            [],
        ),
        (
            "Thủ tướng Phạm Minh Chính đã thăm chính thức Nhật Bản, chuyến thăm sẽ góp phần thúc đẩy quan hệ hai nước.",
            [("VN", "JP", "Phạm Minh Chính")],
            [],
        ),
        (
            "Cuộc hội đàm giữa Thủ tướng Phạm Minh Chính và Thủ tướng Trung Quốc Lý Cường đã diễn ra tại Bắc Kinh.",
            [("VN", "CN", "Phạm Minh Chính")],
            [("talks", ["Li Qiang", "Phạm Minh Chính"], "CN")],
        ),
    ],
)
def test_the_same_told_as_done_is_a_record(ex, text, visit, meeting):
    result = run(ex, text)
    assert (visits(result), meetings(result)) == (visit, meeting)


@pytest.mark.parametrize(
    "language,cue,other",
    [("en", "he would visit", "ong se tham"), ("vi", "ong se tham", "he would visit")],
)
def test_each_language_reads_its_own_cues(language, cue, other):
    plan_before = patterns.mood_patterns(language)["plan_before"]
    assert plan_before.search(cue.removesuffix(cue.split()[-1]))
    assert not plan_before.search(other.removesuffix(other.split()[-1]))


MET = "Premier Li Qiang held talks with Prime Minister Pham Minh Chinh in Beijing on {}."


@pytest.mark.parametrize(
    "text,expected",
    [
        # Dated weeks before the article, after the lead: background.
        (LEAD + MET.format("February 2"), []),
        # The lead itself: the report's news, however old.
        (MET.format("February 2"), [("talks", "2024-02-02")]),
        # A few days before the article: news.
        (LEAD + MET.format("March 8"), [("talks", "2024-03-08")]),
        (
            "Prime Minister Pham Minh Chinh received Premier Li Qiang in Hanoi on March 11. The two leaders last met in Beijing.",
            [("reception", "2024-03-11")],
        ),
        (
            "Chiều 11/3, Thủ tướng Phạm Minh Chính tiếp Thủ tướng Trung Quốc Lý Cường tại Hà Nội. Lần gần nhất hai nhà lãnh đạo gặp nhau là tại Bắc Kinh.",
            [("reception", "2024-03-11")],
        ),
    ],
)
def test_a_meeting_long_before_the_article_is_news_only_in_the_lead(ex, text, expected):
    result = run(ex, text, date="2024-03-12")
    assert [(m.kind, day(m.date)) for m in result.meetings] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida will pay an official visit to Vietnam from March 10 to 12.",
        "Thủ tướng Nhật Bản Fumio Kishida sẽ thăm chính thức Việt Nam từ ngày 10 đến 12/3.",
    ],
)
def test_a_plan_whose_days_are_before_the_article_has_happened(ex, text):
    assert visits(run(ex, text, date="2024-03-08")) == []
    assert visits(run(ex, text, date="2024-03-14")) == [("JP", "VN", "Fumio Kishida")]


def test_a_plan_without_days_stays_a_plan_whatever_the_article_date(ex):
    text = "Prime Minister Fumio Kishida will pay an official visit to Vietnam."
    assert visits(run(ex, text, date="2024-03-14")) == []


@pytest.mark.parametrize(
    "text",
    [
        # "Following" opening a clause tells the sequence of the trip, not its background.
        LEAD
        + "Following talks with Prime Minister Pham Minh Chinh, Prime Minister Fumio Kishida visited Da Nang.",
        "Following their talks in Hanoi on Monday, Prime Minister Pham Minh Chinh and Prime Minister Fumio Kishida witnessed the signing of three agreements.",
    ],
)
def test_following_at_the_head_of_a_clause_is_the_trips_own_sequence(ex, text):
    assert meetings(run(ex, text)) == [("talks", ["Fumio Kishida", "Phạm Minh Chính"], "VN")]


@pytest.mark.parametrize(
    "after,earlier",
    [
        (" to vietnam in january", True),
        (" sang nga hoi thang 1", True),
        (" to china after winning the general election in january", False),
        (" to vietnam in january 2023", False),  # a year: is_history reads it
    ],
)
def test_a_month_named_after_the_trip_is_its_own(after, earlier):
    language = "vi" if "thang" in after else "en"
    assert bool(patterns.grammar_patterns(language)["month_only_after"].match(after)) is earlier


def test_a_recent_trip_after_the_lead_is_background(ex):
    text = (
        LEAD
        + "He thanked Premier Li Qiang for the warm words exchanged during his recent official visit to Vietnam."
    )
    assert visits(run(ex, text)) == [("JP", "VN", "Fumio Kishida")]
    assert visits(run(ex, text.replace("his recent official visit", "his official visit"))) == [
        ("JP", "VN", "Fumio Kishida"),
        ("CN", "VN", "Li Qiang"),
    ]


@pytest.mark.parametrize(
    "earlier",
    [
        "Trước đó, ngày 10/3, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Fumio Kishida.",
        "Trước đó Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Fumio Kishida ngày 10/3.",
    ],
)
def test_truoc_do_opens_the_earlier_part_of_the_same_trip(ex, earlier):
    text = (
        "Chiều 11/3, Thủ tướng Phạm Minh Chính tiếp Thủ tướng Nhật Bản Fumio Kishida đang thăm chính thức Việt Nam. "
        + earlier
    )
    result = run(ex, text)
    assert [(m.kind, day(m.date)) for m in result.meetings] == [
        ("reception", "2024-03-11"),
        ("talks", "2024-03-10"),
    ]
