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
