"""Folding by translation tables gives, character for character, what folding each
character on its own gives, for every character (the tables fill as they meet them)."""

import random
import sys

import pytest

from visits.extraction import names
from visits.extraction.names import _fold_char, fold, fold_lower


def _one_by_one(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def _one_by_one_lower(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in _one_by_one(text))


def _every_character() -> str:
    return "".join(chr(o) for o in range(sys.maxunicode + 1) if not 0xD800 <= o <= 0xDFFF)


@pytest.fixture
def tables_emptied_after():
    yield
    names._FOLD.clear()  # a million characters: not kept for the other tests
    names._FOLD_LOWER.clear()


def test_fold_is_the_same_for_every_character(tables_emptied_after):
    every = _every_character()
    assert fold(every) == _one_by_one(every)
    assert fold_lower(every) == _one_by_one_lower(every)
    assert len(fold_lower(every)) == len(every)  # offsets stay valid


def test_fold_of_mixed_text_is_the_same_as_one_character_at_a_time():
    pool = "Tô Lâm Việt Nam Đà Nẵng İstanbul Straße Kraków Ñuño “quoted” ‘x’ `a´ – — − Ⅻ ǅ ß ẞ"
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert fold(text) == _one_by_one(text)
        assert fold_lower(text) == _one_by_one_lower(text)
    assert fold_lower("TỔNG BÍ THƯ Tô Lâm") == "tong bi thu to lam"
    assert fold("Đ`đ") == "D'd"
