"""Every language file has every key, and every entry compiles (visits/extraction/languages)."""

from __future__ import annotations

import re
import tomllib

import pytest

from visits.extraction import languages as L


@pytest.mark.parametrize("code", L.codes())
def test_every_file_has_every_key(code):
    path = L.HERE / f"{code}.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    assert set(data["words"]) == set(L.WORD_KEYS), code
    assert set(data["mood"]) == set(L.MOOD_KEYS), code
    for key in L.WORD_KEYS:
        for entry in data["words"][key]:
            re.compile(entry.replace("{number}", "x"))
    assert data["offices"], f"{code} names no office"
    assert all(kind in L.OFFICE_KINDS for kind in data["offices"].values())


def _minimal() -> dict:
    return {
        "name": "Test",
        "chain_words": [],
        "determiners": [],
        "demonym_suffixes": [],
        "org_words": [],
        "words": {k: [] for k in L.WORD_KEYS},
        "mood": {k: [] for k in L.MOOD_KEYS},
        "offices": {"roi": "state"},
        "honorifics": {"words": [], "phrases": []},
        "levels": {},
        "months": {},
        "weekdays": {},
        "numbers": {},
    }


def test_a_minimal_file_passes():
    L.check("xx.toml", _minimal())


def test_a_missing_key_is_named_with_its_file():
    data = _minimal()
    del data["words"]["visit"]
    with pytest.raises(L.LanguageFileError, match=r"xx\.toml: \[words\] visit"):
        L.check("xx.toml", data)


def test_an_entry_that_does_not_compile_is_named():
    data = _minimal()
    data["words"]["talks"] = [r"\bentretien(s"]
    with pytest.raises(L.LanguageFileError, match=r"xx\.toml: \[words\] talks"):
        L.check("xx.toml", data)


def test_an_unknown_office_kind_is_refused():
    data = _minimal()
    data["offices"]["roi"] = "royalty"
    with pytest.raises(L.LanguageFileError, match="unknown kind"):
        L.check("xx.toml", data)


def test_english_comes_first_and_vietnamese_is_read():
    assert L.codes()[0] == "en"
    assert "vi" in L.codes()
