"""The languages read: detection, a language given by the input, and a pipeline each."""

from __future__ import annotations

import pytest

from visits.extraction import DocumentError, Extractor, read_json_object, read_text
from visits.extraction.components import SPAN_KEY, TOKENIZER_LANGUAGE
from visits.extraction.detection import LANGUAGES, detect_language
from visits.extraction.document import MSG_LANGUAGE_UNKNOWN
from visits.extraction.names import fold_lower
from visits.extraction.records import Document

# Written for these tests: a headline and a first sentence, or a sentence alone.
DETECTED = [
    (
        "en",
        "Minister opens new consulate in Da Nang\n"
        "The foreign minister opened a consulate on Thursday and met the city's leaders.",
    ),
    (
        "en",
        "Nguyen Van Thanh, Le Minh Hung and Tran Quoc Vuong welcomed Chea Sim in Ha Noi",
    ),
    ("vi", "Bộ trưởng Ngoại giao tiếp Đại sứ Pháp tại Hà Nội nhân dịp kết thúc nhiệm kỳ."),
    ("vi", "Chu tich Quoc hoi hoi kien Chu tich Thuong vien Philippines tai Manila"),
    (
        "fr",
        "Le ministre des Affaires étrangères inaugure un consulat\n"
        "Le ministre a inauguré jeudi un consulat et a rencontré les dirigeants de la ville.",
    ),
    (
        "es",
        "La canciller inaugura un consulado en Lima\n"
        "La ministra inauguró el jueves un consulado y se reunió con las autoridades locales.",
    ),
    (
        "pt",
        "Ministra inaugura consulado em São Paulo\n"
        "A ministra inaugurou na quinta-feira um consulado e reuniu-se com as autoridades.",
    ),
    (
        "id",
        "Menteri meresmikan konsulat baru di Surabaya\n"
        "Menteri meresmikan konsulat pada hari Kamis dan bertemu dengan para pejabat kota.",
    ),
    (
        "de",
        "Ministerin eröffnet neues Konsulat in München\n"
        "Die Ministerin hat am Donnerstag ein Konsulat eröffnet und die Stadtspitze getroffen.",
    ),
]


@pytest.mark.parametrize(("code", "text"), DETECTED)
def test_each_language_is_detected_with_a_confidence(code, text):
    got, confidence = detect_language(text)
    assert got == code
    # Better than a guess among the seven (a headline in Vietnamese without its accents
    # is the least sure, about 0.3).
    assert 1 / len(LANGUAGES) < confidence <= 1.0
    doc = read_text(text, name="a.txt")
    assert doc.language == code and doc.language_confidence is not None


def test_detection_answers_only_the_languages_read():
    # Italian is not read: the answer is still one of ours.
    got, confidence = detect_language("Il presidente ha ricevuto l'ambasciatore a Roma ieri.")
    assert got in LANGUAGES and 0.0 <= confidence <= 1.0


def test_a_language_given_in_json_wins_over_detection_and_has_no_confidence():
    doc = read_json_object(
        {"text": "The minister opened a consulate on Thursday.", "language": "FR"}, name="a.json"
    )
    assert doc.language == "fr" and doc.language_confidence is None
    detected = read_json_object({"text": "The minister opened a consulate."}, name="b.json")
    assert detected.language == "en" and detected.language_confidence is not None


@pytest.mark.parametrize("value", ["it", "english", 7, ["fr"], "x"])
def test_an_unsupported_json_language_is_an_error_naming_the_file(value):
    with pytest.raises(DocumentError) as error:
        read_json_object({"text": "The minister met them.", "language": value}, name="in/c.json")
    message = str(error.value)
    assert message.startswith("in/c.json: field 'language'")
    assert message == MSG_LANGUAGE_UNKNOWN.format(
        name="in/c.json", value=value, known=", ".join(LANGUAGES)
    )


def test_every_language_read_has_a_tokenizer():
    assert set(TOKENIZER_LANGUAGE) == set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_gets_spacys_own_tokenizer_cached(small_extractor: Extractor, code):
    nlp = small_extractor.nlp(code)
    assert nlp.lang == ("xx" if code == "vi" else code)
    assert small_extractor.nlp(code) is nlp
    assert small_extractor.nlp("it").lang == "en"  # a language not read: English's


def test_french_tokenizer_splits_elided_articles(small_extractor: Extractor):
    doc = small_extractor.nlp("fr")("Le président a reçu l'ambassadeur d'Indonésie.")
    assert "Indonésie" in [t.text for t in doc]


# Written for these tests: a report of a visit in each language the rules do not read yet.
REPORTS = {
    "fr": "Le Premier ministre de Malaisie est arrivé lundi à Hanoï pour une visite officielle.",
    "es": "El primer ministro de Malasia llegó el lunes a Hanói para una visita oficial.",
    "pt": "O primeiro-ministro da Malásia chegou na segunda-feira a Hanói em visita oficial.",
    "id": "Perdana Menteri Malaysia tiba di Hanoi pada hari Senin untuk kunjungan resmi.",
    "de": "Der malaysische Premierminister ist am Montag zu einem Besuch in Hanoi eingetroffen.",
}


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_extraction_runs_on_every_language_and_keeps_it(small_extractor: Extractor, code):
    extraction = small_extractor.extract(Document(body=REPORTS[code], language=code))
    assert extraction.document.language == code
    parsed = small_extractor.nlp(code)(REPORTS[code])
    cities = [s.text for s in parsed.spans[SPAN_KEY] if s.label_ == "CITY"]
    assert [fold_lower(c) for c in cities] == ["hanoi"]  # "Hanoï", "Hanói" folded
