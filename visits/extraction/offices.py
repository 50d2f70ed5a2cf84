"""Helpers for the office chain left of a name."""

from __future__ import annotations


def drop_place_before_comma(doc, labels, first: int, end: int) -> int:
    """'tại thủ đô Vientiane, Chủ tịch Quốc hội X': the place before the comma is not the office."""
    for k in range(first, end):
        if doc[k].text != ",":
            continue
        if any(labels[i] == "OFFICE" for i in range(first, k)):
            break
        first = k + 1
    return first


# Short titles that name the same office as the long one: "the Premier" after "Prime Minister X".
_SAME_TITLE = {"premier": "prime minister"}


def same_office(title: str, office: str) -> bool:
    """Whether a title used alone ("premier") refers to this office ("prime minister").

    >>> same_office("premier", "prime minister"), same_office("president", "prime minister")
    (True, False)
    """
    return title in office or _SAME_TITLE.get(title, title) in office
