# ruff: noqa: E501  (tables of sentences read better on one line)
"""Each language the extractor reads, sentence by sentence: what it must read and what it
must leave alone (plans, background, headlines told as plans), in sentences written for
these tests in that language. The words come from visits/extraction/languages/<code>.toml.

The gazetteer is written here, with the country names and adjectives of each language, so
the rules are tested apart from the shipped reference data.
"""

from __future__ import annotations

import dataclasses

import pytest

from visits.extraction import Extractor, read_json_object
from visits.extraction.records import CountryName, Gazetteer, KnownLeader

C = CountryName
GAZ = Gazetteer(
    countries=(
        # no adjective given: "djiboutien", "dschibutische" are read by their endings
        C("DJ", "Djibouti", "Djibouti", (), ("Djibouti City",)),
        C(
            "VN",
            "Viet Nam",
            "Việt Nam",
            (
                "Vietnam",
                "vietnamien",
                "vietnamienne",
                "vietnamita",
                "Vietnã",
                "vietnamesischen",
                "vietnamesische",
            ),
            ("Hanoi", "Hà Nội", "Hanoï", "Hanói"),
        ),
        C(
            "FR",
            "France",
            "Pháp",
            (
                "French",
                "français",
                "française",
                "Francia",
                "França",
                "Frankreich",
                "Prancis",
                "französische",
                "französischen",
                "francés",
                "francês",
            ),
            ("Paris",),
        ),
        C(
            "JP",
            "Japan",
            "Nhật Bản",
            (
                "Japanese",
                "Japon",
                "japonais",
                "Japón",
                "japonés",
                "Japão",
                "japonês",
                "Jepang",
                "japanische",
                "japanischen",
            ),
            ("Tokyo", "Tóquio", "Tokio"),
        ),
        C(
            "BR",
            "Brazil",
            "Brazil",
            (
                "Brazilian",
                "Brésil",
                "brésilien",
                "Brasil",
                "brasileño",
                "brasileiro",
                "Brasilien",
                "brasilianische",
            ),
            ("Brasília",),
        ),
        C(
            "ID",
            "Indonesia",
            "Indonesia",
            (
                "Indonesian",
                "Indonésie",
                "indonesio",
                "Indonésia",
                "indonésio",
                "Indonesien",
                "indonesische",
                "indonesischen",
            ),
            ("Jakarta", "Jacarta"),
        ),
        C(
            "DE",
            "Germany",
            "Đức",
            (
                "German",
                "Allemagne",
                "allemand",
                "Alemania",
                "alemán",
                "Alemanha",
                "alemão",
                "Deutschland",
                "Jerman",
            ),
            ("Berlin",),
        ),
        C("MY", "Malaysia", "Malaysia", ("Malaysian", "Malaisie", "malaisien"), ("Kuala Lumpur",)),
        C(
            "MX",
            "Mexico",
            "Mexico",
            ("Mexican", "Mexique", "México", "mexicano", "mexicana"),
            ("Ciudad de México",),
        ),
    ),
    leaders=(
        KnownLeader("scholz", "Olaf Scholz", "DE", ("Scholz",)),
        KnownLeader("lula", "Luiz Inácio Lula da Silva", "BR", ("Lula da Silva", "Lula")),
        KnownLeader("prabowo", "Prabowo Subianto", "ID", ("Prabowo",)),
        KnownLeader("macron", "Emmanuel Macron", "FR", ("Macron",)),
        KnownLeader("ishiba", "Shigeru Ishiba", "JP", ("Ishiba",)),
        KnownLeader("anwar", "Anwar Ibrahim", "MY", ("Anwar",)),
        KnownLeader("cuong", "Lương Cường", "VN", ("Luong Cuong",)),
        KnownLeader("chinh", "Phạm Minh Chính", "VN", ("Pham Minh Chinh",)),
        KnownLeader("sheinbaum", "Claudia Sheinbaum", "MX", ("Sheinbaum",)),
    ),
)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(GAZ)


def read(ex, language, text, date="2025-07-15", title=None):
    doc = read_json_object({"text": text, "date": date, "title": title}, name=f"t.{language}")
    return ex.extract(dataclasses.replace(doc, language=language))


def visits(r):
    return [
        (
            v.visitor_country,
            v.host_country,
            v.kind,
            v.start.iso() if v.start else None,
            v.end.iso() if v.end else None,
        )
        for v in r.visits
    ]


def meetings(r):
    return [(m.kind, sorted(p.name for p in m.participants)) for m in r.meetings]


def agreements(r):
    return [(a.kind, tuple(sorted(a.parties)), a.document_count, a.level) for a in r.agreements]


# (language, text, visits) -----------------------------------------------------------
VISITS = [
    (
        "fr",
        "Le Premier ministre japonais Shigeru Ishiba a effectué une visite officielle au Vietnam du 27 au 29 avril.",
        [("JP", "VN", "official", "2025-04-27", "2025-04-29")],
    ),
    (
        "fr",
        "Le président brésilien Lula est arrivé à Paris le 5 juin pour une visite d'État de trois jours en France.",
        [("BR", "FR", "state", "2025-06-05", "2025-06-07")],
    ),
    (
        "es",
        "El presidente de Brasil, Luiz Inácio Lula da Silva, realizó una visita de Estado a México del 12 al 14 de marzo.",
        [("BR", "MX", "state", "2025-03-12", "2025-03-14")],
    ),
    (
        "es",
        "La presidenta mexicana Claudia Sheinbaum llegó a Tokio el 2 de junio para una visita de trabajo a Japón.",
        [("MX", "JP", "working", "2025-06-02", None)],
    ),
    (
        "pt",
        "O presidente Lula desembarcou em Jacarta para uma visita de Estado à Indonésia de 2 a 4 de maio.",
        [("BR", "ID", "state", "2025-05-02", "2025-05-04")],
    ),
    (
        "pt",
        "O primeiro-ministro japonês Shigeru Ishiba fez uma visita oficial ao Brasil entre 8 e 10 de junho.",
        [("JP", "BR", "official", "2025-06-08", "2025-06-10")],
    ),
    (
        "id",
        "Presiden Prabowo Subianto tiba di Kuala Lumpur untuk kunjungan kenegaraan ke Malaysia pada 27 Januari 2025.",
        [("ID", "MY", "state", "2025-01-27", None)],
    ),
    (
        "id",
        "Perdana Menteri Jepang Shigeru Ishiba melakukan kunjungan resmi ke Indonesia pada 10 hingga 12 Juni.",
        [("JP", "ID", "official", "2025-06-10", "2025-06-12")],
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz ist am 14. Mai zu einem offiziellen Besuch in Vietnam eingetroffen.",
        [("DE", "VN", "official", "2025-05-14", None)],
    ),
    (
        "de",
        "Der französische Präsident Emmanuel Macron hat vom 10. bis 12. Juni einen Staatsbesuch in Indonesien absolviert.",
        [("FR", "ID", "state", "2025-06-10", "2025-06-12")],
    ),
]


VISITS += [
    # a trip told as begun: its first day
    (
        "fr",
        "Le président brésilien Lula a entamé le 5 juin une visite d'État au Vietnam.",
        [("BR", "VN", "state", "2025-06-05", None)],
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz hat am 14. Mai einen offiziellen Besuch in Vietnam begonnen.",
        [("DE", "VN", "official", "2025-05-14", None)],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), VISITS)
def test_visits(ex, language, text, expected):
    assert visits(read(ex, language, text)) == expected


# (language, text, meetings) -----------------------------------------------------------
MEETINGS = [
    (
        "fr",
        "À Hanoï, le Premier ministre vietnamien Pham Minh Chinh s'est entretenu avec le Premier ministre japonais Shigeru Ishiba le 28 avril.",
        [("talks", ["Phạm Minh Chính", "Shigeru Ishiba"])],
    ),
    (
        "fr",
        "Le président Luong Cuong a reçu le chancelier allemand Olaf Scholz le 14 mai.",
        [("reception", ["Lương Cường", "Olaf Scholz"])],
    ),
    (
        "fr",
        "Le 3 juin, le président Emmanuel Macron a rencontré le Premier ministre japonais Shigeru Ishiba à Paris.",
        [("meeting", ["Emmanuel Macron", "Shigeru Ishiba"])],
    ),
    (
        "fr",
        "Le Premier ministre Pham Minh Chinh s'est entretenu par téléphone avec le chancelier allemand Olaf Scholz le 3 mai.",
        [("call", ["Olaf Scholz", "Phạm Minh Chính"])],
    ),
    (
        "es",
        "La presidenta mexicana Claudia Sheinbaum recibió al presidente brasileño Lula da Silva el 13 de marzo.",
        [("reception", ["Claudia Sheinbaum", "Luiz Inácio Lula da Silva"])],
    ),
    (
        "es",
        "El primer ministro japonés Shigeru Ishiba se reunió con el presidente vietnamita Luong Cuong en Hanói el 28 de abril.",
        [("meeting", ["Lương Cường", "Shigeru Ishiba"])],
    ),
    (
        "es",
        "La presidenta Claudia Sheinbaum sostuvo una conversación telefónica con el primer ministro japonés Shigeru Ishiba el 2 de junio.",
        [("call", ["Claudia Sheinbaum", "Shigeru Ishiba"])],
    ),
    (
        "pt",
        "Em Jacarta, o presidente indonésio Prabowo Subianto recebeu o presidente brasileiro Luiz Inácio Lula da Silva no dia 3 de maio.",
        [("reception", ["Luiz Inácio Lula da Silva", "Prabowo Subianto"])],
    ),
    (
        "pt",
        "O chanceler alemão Olaf Scholz reuniu-se com o primeiro-ministro japonês Shigeru Ishiba em Tóquio no dia 14 de maio.",
        [("meeting", ["Olaf Scholz", "Shigeru Ishiba"])],
    ),
    (
        "id",
        "Di Kuala Lumpur, Presiden Prabowo Subianto bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim pada 27 Januari.",
        [("meeting", ["Anwar Ibrahim", "Prabowo Subianto"])],
    ),
    (
        "id",
        "Presiden Prabowo Subianto menerima Perdana Menteri Jepang Shigeru Ishiba di Istana Merdeka pada 11 Juni.",
        [("reception", ["Prabowo Subianto", "Shigeru Ishiba"])],
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz traf am 15. Mai in Hanoi den vietnamesischen Premierminister Pham Minh Chinh.",
        [("meeting", ["Olaf Scholz", "Phạm Minh Chính"])],
    ),
    # the verb second, its subject after it
    (
        "de",
        "In Hanoi traf Bundeskanzler Olaf Scholz am 15. Mai den vietnamesischen Premierminister Pham Minh Chinh.",
        [("meeting", ["Olaf Scholz", "Phạm Minh Chính"])],
    ),
    (
        "de",
        "Am 16. Mai empfing Präsident Luong Cuong Bundeskanzler Olaf Scholz im Präsidentenpalast.",
        [("reception", ["Lương Cường", "Olaf Scholz"])],
    ),
]


MEETINGS += [
    # a country adjective the names lack, read by its ending next to the office
    (
        "fr",
        "Le 3 juin, le président djiboutien, Ismaïl Omar Guelleh, a reçu le Premier ministre japonais Shigeru Ishiba.",
        [("reception", ["Ismaïl Omar Guelleh", "Shigeru Ishiba"])],
    ),
    (
        "de",
        "Am 3. Juni empfing der dschibutische Präsident Ismaïl Omar Guelleh Bundeskanzler Olaf Scholz.",
        [("reception", ["Ismaïl Omar Guelleh", "Olaf Scholz"])],
    ),
    # the office before the name, the name set off by commas
    (
        "es",
        "El presidente de México, Claudia Sheinbaum, recibió el 3 de junio a su homólogo de Brasil, Luiz Inácio Lula da Silva.",
        [("reception", ["Claudia Sheinbaum", "Luiz Inácio Lula da Silva"])],
    ),
    (
        "en",
        "The President of Mexico, Claudia Sheinbaum, received her counterpart from Brazil, Luiz Inácio Lula da Silva, on June 3.",
        [("reception", ["Claudia Sheinbaum", "Luiz Inácio Lula da Silva"])],
    ),
    # an office inflected: "den japanischen Regierungschef", "den brasilianischen Präsidenten"
    (
        "de",
        "Am 3. Juni empfing Bundeskanzler Olaf Scholz den brasilianischen Präsidenten Luiz Inácio Lula da Silva.",
        [("reception", ["Luiz Inácio Lula da Silva", "Olaf Scholz"])],
    ),
    (
        "pt",
        "No dia 3 de maio, o presidente Prabowo Subianto e o presidente Lula estiveram reunidos em Jacarta.",
        [("meeting", ["Luiz Inácio Lula da Silva", "Prabowo Subianto"])],
    ),
]


# talks and calls in every language besides those above
MEETINGS += [
    (
        "es",
        "El 3 de junio, el presidente Lula sostuvo conversaciones con la presidenta mexicana Claudia Sheinbaum en Ciudad de México.",
        [("talks", ["Claudia Sheinbaum", "Luiz Inácio Lula da Silva"])],
    ),
    (
        "pt",
        "No dia 3 de junho, o presidente Lula manteve conversações com o primeiro-ministro japonês Shigeru Ishiba em Tóquio.",
        [("talks", ["Luiz Inácio Lula da Silva", "Shigeru Ishiba"])],
    ),
    (
        "pt",
        "No dia 4 de junho, o presidente Lula teve uma conversa telefônica com o chanceler alemão Olaf Scholz.",
        [("call", ["Luiz Inácio Lula da Silva", "Olaf Scholz"])],
    ),
    (
        "id",
        "Pada 11 Juni, Presiden Prabowo Subianto melakukan pembicaraan dengan Perdana Menteri Jepang Shigeru Ishiba di Jakarta.",
        [("talks", ["Prabowo Subianto", "Shigeru Ishiba"])],
    ),
    (
        "id",
        "Pada 12 Juni, Presiden Prabowo Subianto melakukan pembicaraan telepon dengan Kanselir Jerman Olaf Scholz.",
        [("call", ["Olaf Scholz", "Prabowo Subianto"])],
    ),
    (
        "de",
        "Am 15. Mai führte Bundeskanzler Olaf Scholz in Hanoi Gespräche mit dem vietnamesischen Premierminister Pham Minh Chinh.",
        [("talks", ["Olaf Scholz", "Phạm Minh Chính"])],
    ),
    (
        "de",
        "Am 16. Mai telefonierte Bundeskanzler Olaf Scholz mit dem japanischen Premierminister Shigeru Ishiba.",
        [("call", ["Olaf Scholz", "Shigeru Ishiba"])],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), MEETINGS)
def test_meetings(ex, language, text, expected):
    assert meetings(read(ex, language, text)) == expected


# (language, text, agreements): a trip first, so the two sides are known ---------------
AGREEMENTS = [
    (
        "fr",
        "Le président brésilien Lula a effectué une visite d'État au Vietnam le 3 juin. Les deux présidents ont signé 12 documents de coopération.",
        [("document_signing", ("BR", "VN"), 12, None)],
    ),
    (
        "fr",
        "Le président français Emmanuel Macron a effectué une visite d'État au Vietnam le 26 mai. Les deux pays ont décidé de rehausser leurs relations au rang de partenariat stratégique global et ont publié une déclaration commune.",
        [
            ("partnership_upgrade", ("FR", "VN"), None, "comprehensive_strategic_partnership"),
            ("joint_statement", ("FR", "VN"), None, None),
        ],
    ),
    (
        "es",
        "La presidenta mexicana Claudia Sheinbaum realizó una visita oficial a Brasil el 5 de junio. Ambos mandatarios firmaron nueve acuerdos y emitieron una declaración conjunta.",
        [
            ("document_signing", ("BR", "MX"), 9, None),
            ("joint_statement", ("BR", "MX"), None, None),
        ],
    ),
    (
        "es",
        "El presidente Luong Cuong realizó una visita de Estado a México el 10 de junio. Las dos partes elevaron la relación a una asociación estratégica integral.",
        [("partnership_upgrade", ("MX", "VN"), None, "comprehensive_strategic_partnership")],
    ),
    (
        "pt",
        "O presidente Lula fez uma visita de Estado à Indonésia no dia 3 de maio. Os dois presidentes assinaram sete acordos de cooperação.",
        [("document_signing", ("BR", "ID"), 7, None)],
    ),
    (
        "pt",
        "O presidente Lula fez uma visita de Estado ao Vietnã no dia 3 de maio. Foram assinados 4 memorandos de entendimento.",
        [("document_signing", ("BR", "VN"), 4, None)],
    ),
    (
        "id",
        "Presiden Prabowo Subianto melakukan kunjungan kenegaraan ke Malaysia pada 27 Januari. Kedua pemimpin menyaksikan penandatanganan lima nota kesepahaman.",
        [("document_signing", ("ID", "MY"), 5, None)],
    ),
    (
        "id",
        "Perdana Menteri Jepang Shigeru Ishiba melakukan kunjungan resmi ke Indonesia pada 10 Juni. Kedua negara meningkatkan hubungan menjadi kemitraan strategis komprehensif.",
        [("partnership_upgrade", ("ID", "JP"), None, "comprehensive_strategic_partnership")],
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz hat am 14. Mai einen offiziellen Besuch in Vietnam begonnen. Beide Seiten unterzeichneten drei Abkommen.",
        [("document_signing", ("DE", "VN"), 3, None)],
    ),
    (
        "de",
        "Der französische Präsident Emmanuel Macron war am 10. Juni zu einem Staatsbesuch in Indonesien. Die beiden Präsidenten verabschiedeten eine gemeinsame Erklärung.",
        [("joint_statement", ("FR", "ID"), None, None)],
    ),
]


AGREEMENTS += [
    (
        "pt",
        "O primeiro-ministro japonês Shigeru Ishiba fez uma visita oficial ao Brasil no dia 5 de junho. Os dois países elevaram as relações a uma parceria estratégica abrangente e emitiram uma declaração conjunta.",
        [
            ("partnership_upgrade", ("BR", "JP"), None, "comprehensive_strategic_partnership"),
            ("joint_statement", ("BR", "JP"), None, None),
        ],
    ),
    (
        "id",
        "Perdana Menteri Jepang Shigeru Ishiba melakukan kunjungan resmi ke Indonesia pada 10 Juni. Kedua pemimpin mengeluarkan pernyataan bersama.",
        [("joint_statement", ("ID", "JP"), None, None)],
    ),
    # a separable verb: "werteten ... auf"
    (
        "de",
        "Bundeskanzler Olaf Scholz hat am 14. Mai einen offiziellen Besuch in Vietnam begonnen. Beide Länder werteten ihre Beziehungen zu einer strategischen Partnerschaft auf.",
        [("partnership_upgrade", ("DE", "VN"), None, "strategic_partnership")],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), AGREEMENTS)
def test_agreements(ex, language, text, expected):
    assert sorted(agreements(read(ex, language, text))) == sorted(expected)


# What must not be read: plans, background, headlines told as plans --------------------
NOT_READ = [
    # plans
    (
        "fr",
        "Le président indonésien Prabowo Subianto effectuera une visite d'État en France le mois prochain.",
    ),
    (
        "fr",
        "Le président Emmanuel Macron devrait rencontrer le Premier ministre japonais Shigeru Ishiba à Tokyo.",
    ),
    (
        "es",
        "La presidenta Claudia Sheinbaum visitará Japón y se reunirá con el primer ministro Shigeru Ishiba.",
    ),
    ("es", "El presidente Lula tiene previsto realizar una visita oficial a Indonesia."),
    (
        "pt",
        "O presidente Lula vai visitar o Japão e assinará acordos com o primeiro-ministro Shigeru Ishiba.",
    ),
    (
        "id",
        "Perdana Menteri Jepang Shigeru Ishiba akan berkunjung ke Indonesia dan bertemu Presiden Prabowo Subianto.",
    ),
    ("id", "Presiden Prabowo Subianto dijadwalkan melakukan kunjungan kenegaraan ke Jepang."),
    (
        "de",
        "Der französische Präsident Emmanuel Macron wird im Juni Deutschland besuchen und Bundeskanzler Olaf Scholz treffen.",
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz soll den japanischen Regierungschef Shigeru Ishiba in Tokio treffen.",
    ),
    # a greeting at the airport is protocol, no meeting
    (
        "fr",
        "Le président brésilien Lula a été accueilli à sa descente d'avion par le Premier ministre japonais Shigeru Ishiba.",
    ),
    (
        "es",
        "La presidenta Claudia Sheinbaum fue recibida en el aeropuerto por el primer ministro japonés Shigeru Ishiba.",
    ),
    # background: what came before the news
    (
        "fr",
        "Lors de sa visite au Japon l'an dernier, Emmanuel Macron avait rencontré Shigeru Ishiba.",
    ),
    ("fr", "Cette rencontre fait suite à la visite d'État du président Luong Cuong en France."),
    ("es", "Desde la visita de Estado de Lula a México, los dos países han ampliado su comercio."),
    ("pt", "Desde a visita oficial de Lula à Indonésia, os dois países ampliaram o comércio."),
    (
        "id",
        "Hubungan kedua negara terus berkembang sejak kunjungan kenegaraan Prabowo Subianto ke Jepang tahun lalu.",
    ),
    (
        "de",
        "Seit dem Staatsbesuch von Emmanuel Macron in Indonesien haben beide Länder ihren Handel ausgebaut.",
    ),
]


@pytest.mark.parametrize(("language", "text"), NOT_READ)
def test_not_read(ex, language, text):
    r = read(ex, language, text)
    assert (visits(r), meetings(r), agreements(r)) == ([], [], [])


HEADLINES = [
    (
        "fr",
        "Le président Lula se rendra au Japon la semaine prochaine",
        "Le président brésilien a été invité par le Premier ministre japonais.",
    ),
    (
        "es",
        "Sheinbaum visitará Japón en julio",
        "La presidenta mexicana fue invitada por el primer ministro japonés.",
    ),
    (
        "pt",
        "Lula visitará o Japão em julho",
        "O presidente brasileiro foi convidado pelo primeiro-ministro japonês.",
    ),
    (
        "id",
        "Prabowo akan berkunjung ke Jepang bulan depan",
        "Presiden Indonesia diundang oleh Perdana Menteri Jepang.",
    ),
    (
        "de",
        "Scholz wird im Juli Japan besuchen",
        "Der Bundeskanzler wurde vom japanischen Regierungschef eingeladen.",
    ),
]


@pytest.mark.parametrize(("language", "title", "text"), HEADLINES)
def test_a_headline_told_as_a_plan_is_no_visit(ex, language, title, text):
    assert visits(read(ex, language, text, title=title)) == []


def test_the_same_trip_in_two_languages_has_one_key(ex):
    """Two reports of one trip, in French and in Spanish, give the same visit key: the
    writer joins them into one visit with both as sources."""
    fr = read(
        ex,
        "fr",
        "Le président brésilien Lula a effectué une visite d'État au Mexique du 12 au 14 mars.",
    )
    es = read(
        ex,
        "es",
        "El presidente de Brasil, Luiz Inácio Lula da Silva, realizó una visita de Estado a México del 12 al 14 de marzo.",
    )
    assert [v.key for v in fr.visits] == [v.key for v in es.visits] != []
