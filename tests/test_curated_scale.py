"""The pages with a sample of the real curated data loaded (about 320 rows from 1874 to
2025): every list, facet and detail page answers 200 in a fixed number of queries, and
the timeline spans the years."""

from __future__ import annotations

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from visits import models
from visits.services.curated.store import SHIPPED, curated_import

pytestmark = pytest.mark.django_db
SAMPLE = [
    "visits/1870.xml",
    "visits/2020.xml",
    "travels/president-travels/biden-joseph-r.xml",
    "travels/secretary-travels/rubio-marco.xml",
]
LISTS = [
    "/",
    "/visits/",
    "/visits/?source=curated",
    "/visits/?source=both&role=head",
    "/visits/?kind=summit&sort=-host",
    "/visits/?year=1874",
    "/visits/?page=5",
    "/visits/?format=csv",
    "/visits/disagreements/",
    "/meetings/",
    "/meetings/?leader=marco+rubio",
    "/agreements/",
    "/leaders/",
    "/countries/",
    "/countries/US/",
    "/countries/QH/",
    "/articles/",
    "/articles/?q=summit",
]


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "state-department"
    for name in SAMPLE:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SHIPPED / name, folder / name)
    stats = curated_import(path=folder)
    assert stats.rows["failed"] == 0 and stats.rows["created"] > 300
    return stats


def test_every_page_answers_in_few_queries_with_real_rows(client, sample):
    for url in LISTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= 25, (url, len(queries))
    visit = models.Visit.objects.filter(meetings__isnull=False).first()
    pages = [
        f"/visits/{visit.pk}/",
        f"/meetings/{visit.meetings.first().pk}/",
        f"/leaders/{visit.visitor_leader_id}/",
        f"/articles/{visit.sources.first().pk}/",
        f"/visits/{models.Visit.objects.get(visitor_country='QH').pk}/",
    ]
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= 25, (url, len(queries))
    # The timeline reaches back to the first visit.
    page = client.get("/").content.decode()
    assert "1874" in page and "2024" in page
