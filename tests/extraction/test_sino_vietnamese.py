"""Chinese people named in Vietnamese get their international form by a syllable table
(languages/vi.toml [sino_vietnamese]), never by a list of people (issue 10, layer 7)."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object
from visits.extraction.names import sino_readings
from visits.extraction.records import Gazetteer, KnownLeader

from .conftest import SMALL

GAZ = Gazetteer(
    countries=SMALL.countries,
    leaders=SMALL.leaders + (KnownLeader("wangyi", "Wang Yi", "CN", ()),),
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def people(ex, text):
    doc = read_json_object({"text": text, "date": "2025-11-14"}, name="t")
    result = ex.extract(doc)
    return [sorted(p.name for p in m.participants) for m in result.meetings]


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("Lý Thư Lỗi", "Li Shulei"),
        ("Triệu Lạc Tế", "Zhao Leji"),
        ("Vương Hỗ Ninh", "Wang Huning"),
        ("Ly Thu Loi", "Li Shulei"),  # written without accents
    ],
)
def test_readings_by_syllable(written, reading):
    assert sino_readings(written)[0] == reading


def test_a_syllable_outside_the_table_gives_no_reading():
    assert sino_readings("Nguyễn Văn An") == []


def test_a_chinese_official_set_off_by_dashes_gets_the_international_form(ex):
    text = (
        "Ngày 13/11, Tổng Bí thư Tô Lâm tiếp ông Lương Hải Phong - Ủy viên Bộ Chính trị, "
        "Trưởng Ban Đối ngoại Trung ương Đảng Cộng sản Trung Quốc - tại Hà Nội."
    )
    assert people(ex, text) == [["Liang Haifeng", "Tô Lâm"]]


def test_a_known_chinese_leader_is_found_by_the_reading(ex):
    text = "Ngày 13/11, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị."
    assert people(ex, text) == [["Phạm Minh Chính", "Wang Yi"]]


def test_a_vietnamese_official_keeps_the_name_as_written(ex):
    text = "Ngày 13/11, Tổng Bí thư Tô Lâm tiếp Bộ trưởng Ngoại giao Lê Hoài Trung tại Hà Nội."
    assert people(ex, text) == [["Lê Hoài Trung", "Tô Lâm"]]
