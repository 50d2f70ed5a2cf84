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
