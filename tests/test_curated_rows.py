"""Reading the State Department's lists: rows with file and line, bad rows named,
offices and names, the people met, kinds, and every slug of the shipped data mapped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from visits.services.curated.people import people_met, person_parse, visit_kind, visitor_parse
from visits.services.curated.rows import rows_read, slug_code, slugs_load
from visits.services.curated.store import SHIPPED, SLUGS

FIXTURES = Path(__file__).parent / "curated"


def test_rows_are_read_with_their_file_line_and_identity():
    read = rows_read(path=FIXTURES / "small")
    by_name = {r.source_name: r for r in read.rows}
    visit = by_name["state-department/visits#9001"]
    assert visit.where == "visits/2020.xml:3"
    assert visit.person == "Prime Minister Aroha Tanewaka"  # trailing space gone
    assert (visit.start, visit.end) == (dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    trip = by_name["state-department/travels#9001"]
    assert trip.role == "secretary" and trip.locale == "Tokyo, Osaka"
    assert (
        trip.url == "https://history.state.gov/departmenthistory/travels/secretary/quill-marta-jane"
    )
    assert visit.url == "https://history.state.gov/departmenthistory/visits/new-zealand"


def test_a_row_with_an_impossible_date_is_named_and_the_others_read():
    read = rows_read(path=FIXTURES / "small")
    assert read.errors == [
        "visits/2020.xml:39: visit #9004: <start-date> '2025-13-01' is not a date (YYYY-MM-DD)"
    ]
    assert len(read.rows) == 7


def test_a_file_that_is_not_xml_is_named():
    read = rows_read(path=FIXTURES / "broken")
    assert len(read.errors) == 1
    assert read.errors[0].startswith("visits/1999.xml: not well-formed XML")


@pytest.mark.parametrize(
    "text, office, name",
    [
        ("Prime Minister Kyriakos Mitsotakis", "Prime Minister", "Kyriakos Mitsotakis"),
        ("Interim President Juan Guaidó", "Interim President", "Juan Guaidó"),
        ("President-elect Ortiz Rubio", "President-elect", "Ortiz Rubio"),
        ("King Baudouin and Queen Fabiola", "King", "Baudouin"),
        ("Amir Sheikh Tamim bin Hamad", "Amir", "Tamim bin Hamad"),
        ("President Jacques R. Chirac", "President", "Jacques R. Chirac"),
        ("Valdas Adamkus", "", "Valdas Adamkus"),
        (
            "President of the Council of Ministers Hussain Mohammad Ershad",
            "President of the Council of Ministers",
            "Hussain Mohammad Ershad",
        ),
    ],
)
def test_the_visitor_is_an_office_and_a_name(text, office, name):
    named = visitor_parse(text)
    assert (named.office, named.name) == (office, name)


def test_office_kinds_come_from_the_projects_table():
    assert person_parse("Prime Minister Aroha Tanewaka").office_kind == "government"
    assert person_parse("King Kamalu").office_kind == "state"


@pytest.mark.parametrize(
    "remarks, met",
    [
        (
            "Met with Prime Minister Hiroto Sanjo and Foreign Minister Emi Kawabata. Attended "
            "a trade ministerial.",
            [("Prime Minister", "Hiroto Sanjo", None), ("Foreign Minister", "Emi Kawabata", None)],
        ),
        (
            "Met with Chancellor Hanne Vogt, German Chancellor Dieter Kamm, and senior officials.",
            [("Chancellor", "Hanne Vogt", None), ("Chancellor", "Dieter Kamm", "DE")],
        ),
        ("Met with Queen Ada II. Toured the port.", [("Queen", "Ada II", None)]),
        (
            "State visit; met with Acting President Rao Pillai.",
            [("Acting President", "Rao Pillai", None)],
        ),
        ("Attended the summit of donors.", []),
        ("Met with senior Malaysian officials.", []),
        ("Met with Director General of the Atomic Energy Agency.", []),
    ],
)
def test_the_people_met_are_read_from_the_remarks(remarks, met):
    found = people_met(remarks, demonyms={"german": "DE"})
    assert [(p.office, p.name, p.country) for p in found] == met


@pytest.mark.parametrize(
    "text, kind",
    [
        ("State Visit.", "state"),
        ("Official working visit.", "official"),
        ("Working visit.", "working"),
        ("Attended the Nuclear Security Summit.", "summit"),
        ("Met with President Bush at the UN General Assembly in New York City.", "summit"),
        ("Private visit.", "other"),
    ],
)
def test_the_kind_of_visit_is_read_from_the_lists_words(text, kind):
    assert visit_kind(text) == kind


def test_historical_slugs_follow_the_date():
    table = slugs_load(path=SLUGS)
    assert slug_code(table, "russia", dt.date(1972, 5, 22)) == "SU"
    assert slug_code(table, "russia", dt.date(1992, 1, 31)) == "RU"
    assert slug_code(table, "serbia", dt.date(2003, 4, 2)) == "QS"
    assert slug_code(table, "hawaii", dt.date(1874, 12, 12)) == "QH"
    assert slug_code(table, "somoa", dt.date(2022, 9, 28)) == "WS"
    assert slug_code(table, "atlantis", dt.date(2022, 9, 28)) is None


@pytest.mark.django_db
def test_every_slug_of_the_shipped_data_maps_to_a_country():
    from visits.models import Country

    table = slugs_load(path=SLUGS)
    codes = set(Country.objects.values_list("code", flat=True))
    read = rows_read(path=SHIPPED)
    assert len(read.rows) > 7000
    unmapped = sorted(
        {
            (r.slug, r.start.year)
            for r in read.rows
            if slug_code(table, r.slug, r.start) not in codes
        }
    )
    assert unmapped == []
    # Trips abroad never go to the US, visits never come from it.
    assert not [r.where for r in read.rows if slug_code(table, r.slug, r.start) == "US"]
    for code in ("CS", "YU", "DD", "AN", "QH", "SU"):
        assert Country.objects.get(code=code).historical


def _trip(day: dt.date, remarks: str):
    from visits.services.curated.rows import CuratedRow

    return CuratedRow(
        list_name="travels",
        id=9500,
        where="travels/secretary-travels/quill-marta-jane.xml:40",
        start=day,
        end=day,
        slug="samoa",
        country_label="Samoa",
        person="Marta Jane Quill",
        text=remarks,
        role="secretary",
        who="quill-marta-jane",
        locale="Apia",
    )


@pytest.mark.parametrize(
    "day, met",
    [
        (dt.date(2025, 9, 25), ["Ilse Marrow"]),  # she came to the US that month
        (dt.date(2012, 1, 5), []),  # years before she did: no one can say who
    ],
)
def test_a_surname_met_is_the_head_the_visits_list_names_then(day, met):
    from visits.services.curated.store import RowReader

    trip = _trip(day, "Met with President Marrow and Prime Minister Tane.")
    rows = rows_read(path=FIXTURES / "small").rows + [trip]
    reader = RowReader(rows=rows, slugs=slugs_load(path=SLUGS), demonyms={})
    _, extraction = reader.read(trip)
    names = [p.name for m in extraction.meetings for p in m.participants[1:]]
    assert names == met
    assert reader.notes["people met named by a surname only (no meeting made)"] == 2 - len(met)
