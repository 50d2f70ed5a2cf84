"""Country names in every language read: CLDR's through Babel, and our per-language data
of demonyms, aliases, capitals and cities (visits/extraction/data/countries/<code>.json)."""

from __future__ import annotations

import csv
import json

import pytest

from visits.extraction import Extractor
from visits.extraction.components import SPAN_KEY
from visits.extraction.countries import DATA_DIR, DATA_KEYS, cldr_names, language_places
from visits.extraction.detection import LANGUAGES
from visits.extraction.names import name_key

from .conftest import DATA

with open(DATA / "countries.csv", encoding="utf-8", newline="") as f:
    REFERENCE = {row["code"]: row for row in csv.DictReader(f)}
with open(DATA / "leaders.csv", encoding="utf-8", newline="") as f:
    LEADER_COUNTRIES = {row["country"] for row in csv.DictReader(f) if row["country"]}
G20 = set("AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US".split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reference_country_has_a_cldr_name_in_each_language(language):
    names = cldr_names(language)
    missing = [code for code in REFERENCE if not names.get(code)]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_data_file_with_every_key_and_known_codes(language):
    data = json.loads((DATA_DIR / f"{language}.json").read_text(encoding="utf-8"))
    assert set(DATA_KEYS) <= set(data)
    places = language_places(language)
    for key in ("demonyms", "aliases", "capitals"):
        assert set(getattr(places, key)) <= set(REFERENCE), key
    for code in places.capitals:
        assert REFERENCE[code]["cities"], f"{code} has no capital in countries.csv"
    known_cities = {name_key(c) for row in REFERENCE.values() for c in row["cities"].split("|")}
    for name, english in places.cities.items():
        assert name_key(english) in known_cities, f"{language}: {name} -> {english}"


@pytest.mark.parametrize("language", ["fr", "es", "pt", "de"])
def test_demonyms_cover_the_countries_of_our_leaders_and_the_g20(language):
    demonyms = language_places(language).demonyms
    assert sorted((LEADER_COUNTRIES | G20) - set(demonyms)) == []


def test_the_data_files_are_the_languages_read():
    assert sorted(p.stem for p in DATA_DIR.glob("*.json")) == sorted(LANGUAGES)


def countries_marked(extractor: Extractor, language: str, text: str) -> list[tuple[str, str]]:
    doc = extractor.nlp(language)(text)
    return [
        (s.text, extractor.index.country_of(s.text))
        for s in doc.spans[SPAN_KEY]
        if s.label_ == "COUNTRY"
    ]


# Written for these tests.
@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("fr", "Le ministre est arrivé en Allemagne mardi.", "Allemagne"),
        ("es", "El ministro llegó a Alemania el martes.", "Alemania"),
        ("pt", "O ministro chegou à Alemanha na terça-feira.", "Alemanha"),
        ("id", "Menteri tiba di Jerman pada hari Selasa.", "Jerman"),
        ("de", "Der Minister ist am Dienstag in Deutschland eingetroffen.", "Deutschland"),
        ("de", "Der Präsident Frankreichs reiste nach Berlin.", "Frankreichs"),
        ("vi", "Bộ trưởng đến Đức hôm thứ Ba.", "Đức"),
        ("en", "The minister arrived in Germany on Tuesday.", "Germany"),
    ],
)
def test_germany_and_others_are_matched_in_every_language(extractor, language, text, name):
    found = dict(countries_marked(extractor, language, text))
    assert name in found
    assert found[name] == ("FR" if name == "Frankreichs" else "DE")


@pytest.mark.parametrize(
    ("language", "text", "word", "code"),
    [
        ("fr", "Le président allemand a reçu son homologue.", "allemand", "DE"),
        ("es", "La delegación china llegó ayer.", "china", "CN"),
        ("pt", "O presidente brasileiro recebeu o visitante.", "brasileiro", "BR"),
        ("de", "Der vietnamesische Präsident traf den Kanzler.", "vietnamesische", "VN"),
    ],
)
def test_demonyms_in_lower_case_are_matched_in_their_language(
    extractor, language, text, word, code
):
    assert dict(countries_marked(extractor, language, text)).get(word) == code


def test_a_name_of_another_language_is_no_country_in_an_english_report(extractor):
    # "Island" is Iceland in German, "Maurice" Mauritius in French.
    text = "Maurice Smith visited the Island of Skye."
    assert countries_marked(extractor, "en", text) == []
    assert dict(countries_marked(extractor, "de", "Der Minister flog nach Island.")) == {
        "Island": "IS"
    }


def test_capitals_and_cities_named_in_the_language_are_the_english_city(extractor):
    doc = extractor.nlp("fr")("Le président est arrivé à Pékin, puis à Genève.")
    cities = {
        s.text: extractor.index.cities[name_key(s.text)]
        for s in doc.spans[SPAN_KEY]
        if s.label_ == "CITY"
    }
    assert cities["Pékin"] == ("CN", "Beijing")
    assert cities["Genève"][0] == "CH"


def test_every_english_and_vietnamese_name_of_the_reference_data_still_resolves(extractor):
    """The aliases CLDR has were taken out of countries.csv: CLDR gives them back."""
    for code, row in REFERENCE.items():
        for name in (row["name_en"], row["name_vi"], *row["aliases"].split("|")):
            key = name_key(name)
            if len(key) > 2 and name != "Congo":
                assert extractor.index.countries.get(key) in (code, None), (code, name)
    index = extractor.index
    for name, code in [("Czechia", "CZ"), ("Úc", "AU"), ("Trung Quoc", "CN"), ("Burma", "MM")]:
        assert index.countries[name_key(name)] == code
        assert name_key(name) in index.country_keys("en") and name_key(name) in (
            index.country_keys("vi")
        )
