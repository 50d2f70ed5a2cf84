"""References (issue 10, layer 5): an office told by its description resolves to the
person named with it before; the people of a passive are not who acted after it (layer 4)."""

from __future__ import annotations

import pytest

from visits.extraction import Extractor, read_json_object
from visits.extraction.records import Gazetteer, KnownLeader

from .conftest import SMALL

GAZ = Gazetteer(
    countries=SMALL.countries,
    leaders=SMALL.leaders
    + (
        KnownLeader("chinh", "Phạm Minh Chính", "VN", ("Pham Minh Chinh",)),
        KnownLeader("man", "Trần Thanh Mẫn", "VN", ("Tran Thanh Man",)),
    ),
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def meetings(ex, text):
    doc = read_json_object({"text": text, "date": "2025-09-03"}, name="t")
    return sorted(sorted(p.name for p in m.participants) for m in ex.extract(doc).meetings)


LEAD = (
    "Wang Hua, Chairman of the Standing Committee of the National People's Congress of "
    "China, paid an official visit to Viet Nam from September 1 to 3.\n\n"
)


def test_the_top_legislator_of_a_country_is_its_legislature_head_named_before(ex):
    text = (
        LEAD
        + "On September 2, NA Chairman Tran Thanh Man held talks with the top Chinese legislator."
    )
    assert meetings(ex, text) == [["Trần Thanh Mẫn", "Wang Hua"]]


def test_a_legislator_is_not_the_head_of_state(ex):
    text = (
        "Chinese President Xi Jinping paid a state visit to Viet Nam from September 1 to 3.\n\n"
        "On September 2, NA Chairman Tran Thanh Man held talks with the top Chinese legislator."
    )
    assert ["Trần Thanh Mẫn", "Xi Jinping"] not in meetings(ex, text)


def test_the_one_received_by_a_list_is_who_met_after_it(ex):
    text = LEAD + (
        "On September 2, Wang Hua was received by General Secretary To Lam, and had a meeting "
        "with Prime Minister Pham Minh Chinh."
    )
    assert meetings(ex, text) == [["Phạm Minh Chính", "Wang Hua"], ["Tô Lâm", "Wang Hua"]]


def test_the_pm_of_a_country_is_its_prime_minister_named_before(ex):
    text = LEAD + (
        "On September 2, Wang Hua attended a ceremony hosted by Prime Minister Pham Minh Chinh "
        "in Hanoi. Later that day Wang Hua held talks with the Vietnamese PM."
    )
    assert ["Phạm Minh Chính", "Wang Hua"] in meetings(ex, text)


def test_a_former_office_holder_is_not_the_one_named_before(ex):
    text = LEAD + "On September 2, NA Chairman Tran Thanh Man met the former Chinese legislator."
    assert ["Trần Thanh Mẫn", "Wang Hua"] not in meetings(ex, text)


def visits(ex, text, language=None):
    obj = {"text": text, "date": "2025-09-03"}
    if language:
        obj["language"] = language
    found = ex.extract(read_json_object(obj, name="t")).visits
    return [
        (v.visitor_country, v.host_country, v.visitor.name if v.visitor else None) for v in found
    ]


def test_a_counterpart_is_the_office_his_country_names_after(ex):
    # "his Japanese counterpart A" ... "the Japanese PM": A, whatever the office is called
    text = (
        "Prime Minister Pham Minh Chinh met his Japanese counterpart Ishiba Shigeru in Hanoi "
        "on September 2. The Japanese PM is on a three-day official visit to Viet Nam."
    )
    assert visits(ex, text) == [("JP", "VN", "Ishiba Shigeru")]


def test_an_office_opening_a_sentence_names_that_countrys_holder(ex):
    text = (
        "Prime Minister Pham Minh Chinh met his Japanese counterpart Ishiba Shigeru in Hanoi "
        "on September 2. Japanese PM, for his part, thanked Viet Nam for the welcome."
    )
    mentions = ex.extract(read_json_object({"text": text, "date": "2025-09-03"}, name="t"))
    assert [sorted(p.name for p in m.participants) for m in mentions.meetings] == [
        ["Ishiba Shigeru", "Phạm Minh Chính"]
    ]


def test_a_vietnamese_counterpart_is_the_office_named_after(ex):
    text = (
        "Ngày 2/9, tại Hà Nội, Thủ tướng Phạm Minh Chính hội đàm với người đồng cấp Nhật Bản "
        "Ishiba Shigeru. Thủ tướng Nhật Bản đang thăm chính thức Việt Nam từ ngày 1 đến 3/9."
    )
    assert visits(ex, text, "vi") == [("JP", "VN", "Ishiba Shigeru")]


def test_an_honorific_with_a_full_stop_ends_no_sentence(ex):
    text = (
        "Prime Minister Ishiba Shigeru of Japan arrived in Hanoi on September 2. The Japanese "
        "leader was received by Hon. Prime Minister Pham Minh Chinh at the Presidential Palace."
    )
    assert ["Ishiba Shigeru", "Phạm Minh Chính"] in meetings(ex, text)


# --- plurals: "the two prime ministers", "hai Thủ tướng" (layer 5) ------------------


def test_the_two_prime_ministers_are_the_host_and_guest_of_the_ceremony_before(ex):
    text = (
        "Japanese Prime Minister Ishiba Shigeru paid an official visit to Viet Nam from "
        "September 1 to 3. On September 1, General Secretary To Lam met the Japanese "
        "leader at the Party headquarters. On September 2, Prime Minister Pham Minh Chinh "
        "hosted an official welcome ceremony for Prime Minister Ishiba Shigeru. After the "
        "ceremony, the two prime ministers held talks."
    )
    doc = read_json_object({"text": text, "date": "2025-09-03"}, name="t")
    found = {
        (tuple(sorted(p.name for p in m.participants)), m.date.day)
        for m in ex.extract(doc).meetings
    }
    assert (("Ishiba Shigeru", "Phạm Minh Chính"), 2) in found
    assert (("Ishiba Shigeru", "Tô Lâm"), 1) in found


def test_hai_thu_tuong_are_the_host_and_guest_of_the_ceremony_before(ex):
    text = (
        "Thủ tướng Nhật Bản Ishiba Shigeru thăm chính thức Việt Nam từ ngày 1 đến 3/9. "
        "Tối 1/9, Tổng Bí thư Tô Lâm hội kiến Thủ tướng Nhật Bản Ishiba Shigeru. "
        "Sáng 2/9, Thủ tướng Phạm Minh Chính chủ trì lễ đón chính thức Thủ tướng Nhật Bản "
        "Ishiba Shigeru. Sau lễ đón, hai Thủ tướng tiến hành hội đàm."
    )
    doc = read_json_object({"text": text, "date": "2025-09-03", "language": "vi"}, name="t")
    found = {
        (tuple(sorted(p.name for p in m.participants)), m.date.day)
        for m in ex.extract(doc).meetings
    }
    assert (("Ishiba Shigeru", "Phạm Minh Chính"), 2) in found
    assert (("Ishiba Shigeru", "Tô Lâm"), 1) in found


def test_a_plural_office_names_no_one_person(ex):
    # "hai Thủ tướng" is not the last prime minister named
    text = (
        "Sáng 2/9, tại Hà Nội, Thủ tướng Phạm Minh Chính đón Thủ tướng Nhật Bản Ishiba "
        "Shigeru. Hai Thủ tướng đã cùng thăm một triển lãm ảnh."
    )
    doc = read_json_object({"text": text, "date": "2025-09-03", "language": "vi"}, name="t")
    result = ex.extract(doc)
    assert all(len({p.name for p in m.participants}) == 2 for m in result.meetings)


def test_leaders_both_abroad_at_a_summit_imply_no_trip(ex):
    text = (
        "Bên lề Hội nghị cấp cao tại Tokyo, Nhật Bản, ngày 2/9, Thủ tướng Phạm Minh Chính đã "
        "có cuộc gặp Tổng thống Hoa Kỳ Joe Biden."
    )
    doc = read_json_object({"text": text, "date": "2025-09-03", "language": "vi"}, name="t")
    result = ex.extract(doc)
    assert [m.country for m in result.meetings] == ["JP"]
    assert list(result.visits) == []


@pytest.mark.parametrize(
    "text,language",
    [
        (
            "Japanese Prime Minister Ishiba Shigeru paid an official visit to Viet Nam from "
            "September 1 to 3. On September 1, General Secretary To Lam met him at the Party "
            "headquarters.",
            None,
        ),
        (
            "Thủ tướng Nhật Bản Ishiba Shigeru thăm chính thức Việt Nam từ ngày 1 đến 3/9. Tối "
            "1/9, Tổng Bí thư Tô Lâm đã tiếp ông tại trụ sở Trung ương Đảng.",
            "vi",
        ),
    ],
)
def test_the_one_met_told_by_a_pronoun_is_the_visitor(ex, text, language):
    obj = {"text": text, "date": "2025-09-03"}
    if language:
        obj["language"] = language
    found = ex.extract(read_json_object(obj, name="t")).meetings
    assert [sorted(p.name for p in m.participants) for m in found] == [["Ishiba Shigeru", "Tô Lâm"]]
