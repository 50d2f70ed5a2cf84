"""The faster downloads write the very bytes the earlier definition wrote.

`tests/exports_before` is visits/exports as it was before the downloads read
tuples (one dict per row, a list of ids adapted by psycopg, a join scanning
every participation for each chunk). On
varied data (several sources, a curated row, a URL without a path, counterparts
with repeats and the visitor among them, no leader, no level, unknown dates,
accents, commas, quotes and new lines in names), every list, as CSV and as JSON,
and the export's rows must come out byte for byte the same.
"""

import datetime as dt

import pytest

from tests import exports_before as before
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    ParticipationFactory,
    PartnershipFactory,
    VisitFactory,
    country,
    level,
    pages_world,
)
from visits import exports, models
from visits.exports.records import every_record
from visits.views.specs import AGREEMENTS, ARTICLES, COUNTRIES, LEADERS, MEETINGS, VISITS

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
SPECS = [VISITS, MEETINGS, AGREEMENTS, LEADERS, COUNTRIES, ARTICLES]
OLD_ROWS = {
    "visits": before.visit_rows,
    "meetings": before.meeting_rows,
    "agreements": before.agreement_rows,
    "leaders": before.leader_rows,
    "countries": before.country_rows,
    "articles": before.article_rows,
}


@pytest.fixture
def varied():
    world = pages_world()
    vn, my, fr, cn = country("VN"), country("MY"), country("FR"), country("CN")
    odd = LeaderFactory(name='Nguyễn "Bác" Văn, Ánh', country=vn)
    other = LeaderFactory(name="Émile\nLe Sœur; l'Aîné", country=fr)
    third = LeaderFactory(name="Datuk Seri, Bench", country=my, aliases=["Datuk", "D, B"])
    # A pair upgraded twice, one of them on the day of a visit.
    PartnershipFactory(
        country_a=fr, country_b=vn, level=level("strategic_partnership"), since=dt.date(2013, 9, 25)
    )
    PartnershipFactory(
        country_a=fr,
        country_b=vn,
        level=level("comprehensive_strategic_partnership"),
        since=dt.date(2025, 5, 26),
    )
    many = VisitFactory(
        visitor_country=vn,
        host_country=fr,
        visitor_leader=odd,
        start=dt.date(2025, 5, 26),
        end=dt.date(2025, 5, 28),
        cities=["Paris", "Nice, Côte d'Azur", 'Lyon "la ville"'],
        confidence=0.87654,
    )
    curated = ArticleFactory(
        kind=models.SourceKind.CURATED, source_name="state-department/visits#2991", path=""
    )
    by_url = ArticleFactory(source_name="https://example.org/news/visit.html#top", path="")
    in_folder = ArticleFactory(source_name="2025/fr/é, 1.txt", path="2025/fr/é, 1.txt")
    for article in (curated, by_url, in_folder, in_folder):
        EvidenceFactory(article=article, visit=many)
    first = MeetingFactory(
        visit=many, country=fr, city="Paris", venue='Élysée, "salon"', date=dt.date(2025, 5, 26)
    )
    later = MeetingFactory(
        visit=many, country=fr, city="", venue="", date=None, date_precision="month"
    )
    for meeting, people in ((later, [third, other]), (first, [odd, other, third])):
        for person in people:
            ParticipationFactory(meeting=meeting, leader=person)
    EvidenceFactory(article=by_url, visit=None, meeting=first)
    EvidenceFactory(article=curated, visit=None, meeting=first)
    deal = AgreementFactory(
        visit=many,
        title='Accord "cadre", 2025',
        document_count=3,
        level=level("comprehensive_strategic_partnership"),
    )
    deal.parties.set([vn, fr])
    EvidenceFactory(article=in_folder, visit=None, agreement=deal)
    AgreementFactory(visit=None, title="", date=None, date_precision="year")
    # No leader, no level for the pair, a day of an unsettled year, a month only.
    VisitFactory(
        visitor_country=cn,
        host_country=fr,
        visitor_leader=None,
        start=None,
        end=None,
        start_precision="year",
        confidence=0.5,
    )
    VisitFactory(
        visitor_country=my,
        host_country=fr,
        visitor_leader=third,
        start=dt.date(2024, 3, 1),
        end=None,
        start_precision="month",
        cities=[],
    )
    VisitFactory(
        visitor_country=vn,
        host_country=cn,
        start=dt.date(2023, 4, 5),
        end=dt.date(2023, 4, 6),
        year_settled=False,
        reviewed=True,
    )
    lonely = MeetingFactory(visit=None, country=cn, city="Bắc Kinh", venue="")
    ParticipationFactory(meeting=lonely, leader=odd)
    return world


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.plural)
def test_every_list_downloads_the_same_csv_bytes_as_before(varied, spec):
    old = before.csv_text(
        OLD_ROWS[spec.plural](spec.selector(), site=SITE), spec.fields, plural=spec.plural
    )
    new = "".join(
        exports.csv_lines(spec.rows(spec.selector(), site=SITE), spec.fields, plural=spec.plural)
    )
    assert new == old
    assert new.count("\r\n") > 2


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.plural)
def test_every_list_downloads_the_same_json_bytes_as_before(varied, spec):
    def tail(n):
        return {"count": n, "next": None, "previous": None}

    old = "".join(
        before.json_list_document(
            OLD_ROWS[spec.plural](spec.selector(), site=SITE), plural=spec.plural, tail=tail
        )
    )
    new = "".join(
        exports.json_list_document(
            spec.rows(spec.selector(), site=SITE), plural=spec.plural, tail=tail
        )
    )
    assert new == old


def test_the_export_rows_are_the_same_as_before(varied):
    old = {name: list(rows) for name, rows in before.records.every_record()}
    new = {name: list(rows) for name, rows in every_record()}
    assert new == old
    assert all(old.values())


def test_the_varied_data_reaches_every_case(varied):
    """The fixture is worth comparing on: what the old definition wrote holds each case."""
    text = before.csv_text(
        before.visit_rows(VISITS.selector(), site=SITE), VISITS.fields, plural="visits"
    )
    assert "curated" not in text and "state-department/visits#2991; visit.html; é, 1.txt" in text
    assert '"Nguyễn ""Bác"" Văn, Ánh"' in text and "Émile\nLe Sœur; l'Aîné" in text
    assert "comprehensive_strategic_partnership" in text
