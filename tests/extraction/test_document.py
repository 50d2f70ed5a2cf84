"""Reading articles: date line, title, boilerplate, language, JSON fields."""

from __future__ import annotations

import pytest

from visits.extraction import DocumentError, read_json_object, read_text
from visits.extraction.records import FuzzyDate


def test_date_line_with_body_on_the_same_line():
    doc = read_text(" date 2025-05-06 The two leaders met in Astana.\n\nMore text.", name="a")
    assert doc.published == FuzzyDate(2025, 5, 6)
    assert doc.body.startswith("The two leaders met in Astana.")


def test_title_line_is_taken_apart_from_the_body():
    raw = "Leaders hold talks in Hanoi\n\nPrime Minister Pham Minh Chinh held talks on Monday.\n"
    doc = read_text(raw, name="a")
    assert doc.title == "Leaders hold talks in Hanoi"
    assert doc.body == "Prime Minister Pham Minh Chinh held talks on Monday."
    assert doc.published is None


def test_first_line_that_is_a_sentence_is_body_not_title():
    doc = read_text("The minister arrived in Tokyo on Monday.\nHe met officials.", name="a")
    assert doc.title is None


@pytest.mark.parametrize(
    "marker",
    ["Có thể bạn quan tâm", "Related news", "Tin liên quan", "Read more", "Source", "Comment (0)"],
)
def test_everything_after_a_related_block_marker_is_cut(marker):
    raw = f"The talks took place in Hanoi.\n\n{marker}\n\nMinister A met Minister B on 28/1."
    doc = read_text(raw, name="a")
    assert doc.body == "The talks took place in Hanoi."


def test_photo_captions_and_repeated_lines_are_cut():
    raw = (
        "Thủ tướng tiếp Đại sứ. (Ảnh: TTXVN)\nChiều 3/4, Thủ tướng tiếp Đại sứ Nhật Bản.\n"
        "Chiều 3/4, Thủ tướng tiếp Đại sứ Nhật Bản.\nHai bên trao đổi. (Photo: VNA)\nTTXVN"
    )
    doc = read_text(raw, name="a")
    assert doc.body == "Chiều 3/4, Thủ tướng tiếp Đại sứ Nhật Bản."


def test_agency_sign_off_is_cut():
    doc = read_text("The two sides agreed to boost trade. — VNS", name="a")
    assert doc.body == "The two sides agreed to boost trade."
    doc = read_text("Hai bên nhất trí thúc đẩy thương mại./.", name="b")
    assert doc.body == "Hai bên nhất trí thúc đẩy thương mại."


@pytest.mark.parametrize(
    "text,language",
    [
        ("Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản.", "vi"),
        ("Thu tuong Pham Minh Chinh hoi dam voi Thu tuong cua Nhat Ban va hai nuoc.", "vi"),
        ("THỦ TƯỚNG HỘI ĐÀM VỚI TỔNG THỐNG HÀN QUỐC", "vi"),
        ("The Prime Minister held talks with the President of the Republic of Korea.", "en"),
    ],
)
def test_language_is_detected(text, language):
    assert read_text(text, name="a").language == language


def test_json_object_is_read():
    doc = read_json_object(
        {"text": "The leaders met.", "date": "2024-11-21", "title": "T", "url": "http://x"},
        name="a",
    )
    assert (doc.published, doc.title, doc.url) == (FuzzyDate(2024, 11, 21), "T", "http://x")


@pytest.mark.parametrize(
    "obj,field", [({"date": "2024-01-01"}, "text"), ({"text": "x", "date": "21/11"}, "date")]
)
def test_json_object_without_a_usable_field_names_it(obj, field):
    with pytest.raises(DocumentError, match=field):
        read_json_object(obj, name="a")


@pytest.mark.parametrize("raw", ["", " date 2024-01-01", "Related\nOnly links here"])
def test_empty_article_is_a_document_error(raw):
    with pytest.raises(DocumentError):
        read_text(raw, name="a")


@pytest.mark.parametrize(
    "raw, published, body",
    [
        (" date 2017-12 The talks went well.", (2017, 12, None), "The talks went well."),
        (" date 2024-11-21T10:00:00Z Ties grew.", (2024, 11, 21), "Ties grew."),
        ("date: 2024-11-21\n\nTies grew.", (2024, 11, 21), "Ties grew."),
        (" date 2019\n\nTies grew.", (2019, None, None), "Ties grew."),
        ("date of the visit is not set. Ties grew.", None, "date of the visit is not set."),
    ],
)
def test_date_lines_as_precise_as_given(raw, published, body):
    doc = read_text(raw, name="x.txt")
    got = doc.published and (doc.published.year, doc.published.month, doc.published.day)
    assert got == published
    assert doc.body.startswith(body)


# Runs of related-article headlines set end to end inside the text (issue 10, layer 1).
HEADLINE_RUNS = [
    "Premier Lan Anh tours the new deep-sea port Trade pact signed in Vientiane "
    "Premier Lan Anh meets business leaders",
    "Thủ tướng Lê Minh An thăm Lào Ký kết hiệp định thương mại mới tại Viêng Chăn "
    "Thủ tướng Lê Minh An gặp doanh nghiệp",
]
NOT_HEADLINE_RUNS = [
    "Premier Lan Anh toured the new deep-sea port on Monday. Premier Lan Anh later met "
    "business leaders in Vientiane.",
    "Thủ tướng Lê Minh An, Chủ tịch Quốc hội Trần Văn Bình, Bộ trưởng Ngoại giao Lê Minh "
    "An và các đại biểu",
    # a short paragraph that names its subject twice
    "President Tran Van Binh arrived. President Tran Van Binh then held talks with the "
    "visiting leader",
]


@pytest.mark.parametrize("line", HEADLINE_RUNS)
def test_a_run_of_related_headlines_is_cut(line):
    text = f"The two leaders held talks in Hanoi on Monday.\n\n{line}\n\nThey signed a deal."
    doc = read_text(text, name="t.txt")
    assert line not in doc.body
    assert "They signed a deal." in doc.body


@pytest.mark.parametrize("line", NOT_HEADLINE_RUNS)
def test_a_sentence_or_a_list_is_no_headline_run(line):
    text = f"The two leaders held talks in Hanoi on Monday.\n\n{line}\n\nThey signed a deal."
    assert line in read_text(text, name="t.txt").body
