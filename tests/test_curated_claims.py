"""A visit's fields when a curated row and news reports both claim it: the row's days
and kind kept, the news' shown where they differ, a summit left as the list says."""

from __future__ import annotations

import datetime as dt

import pytest

from visits.services.claims import Claim, visit_values


def claim(source: str, *, kind: str, start: str, end: str, office: str = "") -> Claim:
    values = {
        "leader": 7,
        "kind": kind,
        "start": start,
        "start_p": "day",
        "end": end,
        "end_p": "day",
        "settled": True,
        "cities": [],
        "office": office,
        "confidence": 1.0 if source == "curated" else 0.8,
    }
    return Claim(
        article_id=1 if source == "curated" else 2, order=(source,), values=values, source=source
    )


def same(pk):
    return pk


@pytest.mark.parametrize(
    "curated_kind, news_kind, kind, disagreement",
    [
        ("official", "state", "official", {"kind": {"curated": "official", "news": "state"}}),
        ("official", "other", "official", {}),
        ("other", "state", "state", {}),  # "Private visit.": the list names no kind
        ("summit", "official", "summit", {}),  # a summit attended stays one
    ],
)
def test_the_lists_kind_is_kept_and_the_news_shown_beside_it(
    curated_kind, news_kind, kind, disagreement
):
    values = visit_values(
        [
            claim("curated", kind=curated_kind, start="2025-03-04", end="2025-03-05"),
            claim("news", kind=news_kind, start="2025-03-04", end="2025-03-05"),
        ],
        same,
    )
    assert values["kind"] == kind
    assert values["disagreement"] == disagreement


def test_the_lists_days_are_kept_and_the_news_days_shown_beside_them():
    values = visit_values(
        [
            claim("news", kind="official", start="2025-03-03", end="2025-03-06"),
            claim("curated", kind="official", start="2025-03-04", end="2025-03-05", office="King"),
        ],
        same,
    )
    assert (values["start"], values["end"]) == (dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert values["disagreement"] == {
        "start": {"curated": "2025-03-04", "news": "2025-03-03"},
        "end": {"curated": "2025-03-05", "news": "2025-03-06"},
    }
    assert (values["visitor_office"], values["visitor_role"]) == ("King", "head")


def test_news_alone_keeps_its_own_days_and_no_disagreement():
    values = visit_values(
        [
            claim(
                "news", kind="state", start="2025-03-03", end="2025-03-06", office="Prime Minister"
            )
        ],
        same,
    )
    assert values["disagreement"] == {} and values["kind"] == "state"
    assert values["visitor_role"] == "head"
