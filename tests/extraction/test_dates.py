"""Dates in sentences, resolved against the article's date (or left with an open year)."""

from __future__ import annotations

import pytest

from visits.extraction.dates import find_dates
from visits.extraction.names import fold_lower
from visits.extraction.records import FuzzyDate

PUB = FuzzyDate(2025, 5, 6)  # a Tuesday


def first(text, published=PUB):
    found = find_dates(fold_lower(text), published)
    return found[0] if found else None


@pytest.mark.parametrize(
    "text,iso",
    [
        ("On the afternoon of May 5, the leaders met", "2025-05-05"),
        ("in Astana on May 5 evening", "2025-05-05"),
        ("on Nov. 21, 2024 in Kuala Lumpur", "2024-11-21"),
        ("on 4 May the two sides", "2025-05-04"),
        ("Ngày 21/11/2024, Tổng Bí thư", "2024-11-21"),
        ("Sáng 5/5, tại Hà Nội", "2025-05-05"),
        ("tối 4-5, Thủ tướng", "2025-05-04"),
        ("ngày 3 tháng 5 năm 2025", "2025-05-03"),
        ("on Monday, the minister", "2025-05-05"),
        ("yesterday the two leaders", "2025-05-05"),
        ("on December 30 last year", "2024-12-30"),
    ],
)
def test_day_is_read(text, iso):
    assert first(text).date.iso() == iso


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("from March 11-13", "2025-03-11", "2025-03-13"),
        ("from March 11 to 13, 2024", "2024-03-11", "2024-03-13"),
        ("từ ngày 11-13/3", "2025-03-11", "2025-03-13"),
        ("từ ngày 8 đến ngày 10/4/2024", "2024-04-08", "2024-04-10"),
        ("chuyến thăm Nhật Bản (29/5-2/6), ngày 31/5", "2025-05-29", "2025-06-02"),
        ("a tour from April 28 – May 3", "2025-04-28", "2025-05-03"),
        ("from December 30 to January 2, 2025", "2024-12-30", "2025-01-02"),
    ],
)
def test_range_is_read(text, start, end):
    m = first(text)
    assert (m.date.iso(), m.end_date.iso()) == (start, end)


def test_article_without_date_keeps_the_year_open():
    m = first("Ngày 21/11, Tổng Bí thư hội đàm", published=None)
    assert m.date == FuzzyDate(None, 11, 21)
    assert m.date.iso() is None


@pytest.mark.parametrize(
    "text",
    [
        "giai đoạn 2025-2030",
        "may contribute to peace",
        "the 50th anniversary",
        "tỷ lệ 3/4 số phiếu",
    ],
)
def test_things_that_are_not_days(text):
    assert first(text) is None


def test_article_without_date_line_reads_weekdays_against_a_full_date_in_its_lead():
    from visits.extraction.context import reference_date

    ref = reference_date(fold_lower("ROME, 3 March 2021: The president arrived on Tuesday."))
    assert ref.iso() == "2021-03-03"
    assert reference_date(fold_lower("Posted 2019-07-14 08:30 | The talks")).iso() == "2019-07-14"


def test_a_full_date_deep_in_the_body_is_not_the_reference():
    from visits.extraction.context import reference_date

    text = "The premier arrived on Tuesday. " + "Trade grew. " * 40 + "Ties began on May 2, 1970."
    assert reference_date(fold_lower(text)) is None


def test_a_vietnamese_range_within_one_month_with_both_months_written():
    from visits.extraction.dates import find_dates
    from visits.extraction.records import FuzzyDate

    (found,) = find_dates("tu ngay 25/03 den ngay 26/3.", FuzzyDate(2025, 3, 26))
    assert (found.date.day, found.end_date.day, found.end_date.month) == (25, 26, 3)
    assert find_dates("tu ngay 26/3 den ngay 25/3.", FuzzyDate(2025, 3, 26))[0].end_date is None
