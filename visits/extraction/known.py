"""Known leaders named by one word alone ("Putin"), checked against the article's date."""

from __future__ import annotations

from .names import name_key
from .records import KnownLeader

# Countries whose leaders are named family name first ("Xi Jinping", "Li Xi").
_FAMILY_FIRST = frozenset({"CN", "KR", "KP", "TW"})


def in_office(leader: KnownLeader, published) -> bool:
    """Whether the leader held one of their offices on the article's date (True if unknown).

    >>> in_office(KnownLeader("p", "P", "RU", terms=(("2012-05-07", ""),)), None)
    True
    """
    year = getattr(published, "year", None)
    if not year or not leader.terms:
        return True
    month = getattr(published, "month", None) or 1
    day = getattr(published, "day", None) or 1
    when = f"{year:04d}-{month:02d}-{day:02d}"
    for start, end in leader.terms:
        if (not start or start[:10] <= when) and (not end or when <= end[:10]):
            return True
    return False


def bare_surname(index, key: str, countries: set, published) -> KnownLeader | None:
    """'Xi and Putin': the one known leader whose surname this is, of a country the article
    names, in office on its date. A first name ("Mikhail") never counts."""
    found = []
    one = index.surnames.get(key)
    if one is not None:
        found.append(one)
    for leader in index.short_names.get(key, []):
        tokens = leader.name.split()
        surname = tokens[0] if leader.country in _FAMILY_FIRST else tokens[-1]
        if leader not in found and len(tokens) >= 2 and name_key(surname) == key:
            found.append(leader)
    found = [k for k in found if k.country in countries and in_office(k, published)]
    return found[0] if len(found) == 1 else None
