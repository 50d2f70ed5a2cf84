"""The office chain left of a name, and people named by their office alone."""

from __future__ import annotations

import re

from . import languages as L
from .known import in_office
from .names import name_key, office_kind
from .records import KnownLeader


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
_SAME_TITLE = {"premier": "prime minister", "pm": "prime minister"}


def same_office(title: str, office: str) -> bool:
    """Whether a title used alone ("premier") refers to this office ("prime minister").

    >>> same_office("premier", "prime minister"), same_office("president", "prime minister")
    (True, False)
    """
    return title in office or _SAME_TITLE.get(title, title) in office


def office_references(finder, mention_cls) -> None:
    """'the General Secretary', 'the Senate President', 'the South African leader'.

    The last person named with that office, or of that country; failing that, the one known
    leader of that country holding that office on the article's date.
    """
    doc, labels = finder.doc, finder.labels
    covered = set()
    for m in finder.mentions:
        covered.update(range(m.start, m.end))
    i = 0
    while i < len(doc):
        if labels[i] != "OFFICE" or i in covered:
            i += 1
            continue
        j = i
        while j < len(doc) and labels[j] in ("OFFICE", "ORG") and j not in covered:
            j += 1
        if i > 0 and name_key(doc[i - 1].text) in _PLURAL_BEFORE:
            i = j  # "the two prime ministers", "hai Thủ tướng": both sides, not one person
            continue
        title = name_key(doc[i:j].text)
        code = _demonym_before(finder, i) or _demonym_after(finder, i, j)
        pid = _holder_named(finder, i, title, code)
        if pid is None and code:
            pid = _holder_known(finder, title, code)
        if pid is not None:
            end_char = doc[j - 1].idx + len(doc[j - 1].text)
            finder.mentions.append(mention_cls(i, j, doc[i].idx, end_char, pid, named=False))
        i = j


# Before an office told in the plural: "both presidents", "hai Thủ tướng", "les deux ..."
_PLURAL_BEFORE = frozenset(
    "two both hai deux dois dos kedua beiden beide ambos ambas cac nhung".split()
)

# Not "former": "the former Kazakh president" is not the holder named before.
_RANK_WORDS = frozenset("top senior chief visiting new".split())


def _demonym_before(finder, i: int) -> str | None:
    """'the Kazakh president': the country word right before the office, after 'the'."""
    if i < 2 or finder.labels[i - 1] != "COUNTRY":
        return None
    k = i - 1
    while k > 0 and finder.labels[k - 1] == "COUNTRY":
        k -= 1
    first = k
    while first > 0 and finder.doc[first - 1].norm_ in _RANK_WORDS:
        first -= 1  # "the top Chinese legislator", "the visiting Kazakh president"
    if first > 0 and finder.doc[first - 1].norm_ != "the" and not finder.doc[first].is_sent_start:
        return None  # "the Portugal PM", or opening the sentence: "Portugal PM, on his part"
    return finder.index.country_of(finder.doc[k:i].text)


_DETERMINERS = frozenset(L.word_list("determiners"))


def _demonym_after(finder, i: int, j: int) -> str | None:
    """'le président français', 'der Präsident' + adjective after: the country word right
    after the office, after an article, as French, Spanish, Portuguese write it."""
    labels, doc = finder.labels, finder.doc
    if j >= len(doc) or labels[j] != "COUNTRY":
        return None
    if i > 0 and doc[i - 1].norm_ not in _DETERMINERS and not _bare_office(finder, i):
        return None
    k = j
    while k < len(doc) and labels[k] == "COUNTRY":
        k += 1
    if k < len(doc) and labels[k] in ("LEADER", "HON"):
        return None  # "le président français Emmanuel Macron": the name says who
    return finder.index.country_of(doc[j:k].text)


def _bare_office(finder, i: int) -> bool:
    """Vietnamese names an office and its country with no article: 'Thủ tướng Nhật Bản
    đang thăm ...' is the Japanese prime minister; a Vietnamese office word opens it."""
    return not finder.doc[i].text.isascii() or finder.doc[i - 1].is_punct


def _holder_named(finder, i: int, title: str, code: str | None) -> int | None:
    best = None
    for m in finder.mentions:
        if m.start >= i or not m.named:
            continue
        ent = finder.entities[m.pid]
        if code is not None:
            country = ent.country or (ent.known.country if ent.known else None)
            if country == code and (
                title == "leader"
                or not ent.office
                or _office_of(ent, title)
                or _same_kind(ent.office, title)
                or _COUNTERPART.search(name_key(ent.office))
            ):
                best = m
        elif _office_of(ent, title):
            best = m
    return best.pid if best is not None else None


# "his Portugal counterpart António Costa": the office of the one he is counterpart of,
# whatever it is called after ("the Portugal PM")
_COUNTERPART = re.compile(r"\b(?:counterpart|homologue|homologo|dong cap|amtskolleg\w*|sejawat)\b")


def _same_kind(office: str, title: str) -> bool:
    """'the top Chinese legislator' after 'Chairman of the National People's Congress':
    a description of the office by its kind (a legislature's, a state's head)."""
    kind = office_kind(title)
    return kind in ("legislature",) and office_kind(office) == kind


def _office_of(ent, title: str) -> bool:
    return bool(ent.office and title and same_office(title, name_key(ent.office)))


def _holder_known(finder, title: str, code: str) -> int | None:
    """The one gazetteer leader of that country in that office on the article's date."""
    if finder.published is None or title == "leader":
        return None
    found = []
    for leader in finder.index.leaders.values():
        if leader.country != code or leader in found or not leader.terms:
            continue
        for office, term in zip(leader.offices, leader.terms, strict=False):
            if (
                _SAME_TITLE.get(title, title) == name_key(office)
                and term[0]
                and _held(term, finder.published)
            ):
                found.append(leader)
                break
    if len(found) != 1:
        return None
    for ent in finder.entities:
        if ent.known is found[0]:
            return ent.pid
    ent = finder.new_entity(found[0])
    return ent.pid


def _held(term, published) -> bool:
    return in_office(KnownLeader("", "", terms=(term,)), published)
