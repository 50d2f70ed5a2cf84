"""Curated records on the public pages, the export and the review queue: where each
record came from, the lists narrowed by source and by the visitor's office, and the
visits where the list and the news disagree."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ingest
from visits import models
from visits.services.curated.store import curated_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "curated"


@pytest.fixture
def both(tmp_path):
    """The news' report of the New Zealand visit, then the small list."""
    folder = tmp_path / "state-department"
    shutil.copytree(FIXTURES / "small", folder)
    ingest(FIXTURES / "news")
    curated_import(path=folder)
    return models.Visit.objects.get(visitor_country="NZ", host_country="US")


def shown(client, **params) -> set[str]:
    response = client.get("/visits/", params)
    assert response.status_code == 200
    return {f"{v.visitor_country_id}>{v.host_country_id}" for v in response.context["object_list"]}


def test_the_list_narrows_to_curated_records(client, both):
    assert shown(client, source="curated") == {"NZ>US", "QH>US", "WS>US", "US>JP", "US>SU", "US>MY"}


def test_the_list_narrows_to_news_records(client, both):
    news = shown(client, source="news")
    assert "NZ>US" in news and "US>JP" not in news


def test_the_list_narrows_to_records_both_sources_tell(client, both):
    assert shown(client, source="both") == {"NZ>US"}
    page = client.get("/visits/", {"source": "both"}).content.decode()
    assert "told by both" in page
    assert "news and curated list" in page


def test_the_list_narrows_to_heads_or_ministers(client, both):
    assert shown(client, role="minister") == {"US>JP", "US>SU"}
    assert "US>MY" in shown(client, role="head")


def test_a_year_of_the_nineteenth_century_is_a_filter(client, both):
    assert shown(client, year="1876") == {"QH>US"}


def test_a_source_that_is_no_choice_is_refused_plainly(client, both):
    response = client.get("/visits/", {"source": "rumour"})
    assert response.status_code == 200
    assert "rumour" in response.content.decode()


def test_a_visit_page_names_its_curated_row_and_shows_the_disagreement(client, both):
    page = client.get(f"/visits/{both.pk}/").content.decode()
    assert "state-department/visits#9001" in page
    assert 'href="https://history.state.gov/departmenthistory/visits/new-zealand"' in page
    assert "The sources disagree" in page
    assert "2025-03-06" in page and "2025-03-05" in page
    assert "Prime Minister (head of state or government)" in page


def test_the_disagreements_page_lists_them(client, both):
    response = client.get(reverse("visits:visit_disagreements"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/visits/{both.pk}/" in page and "1 visit told" in page
    assert client.get(reverse("visits:visit_disagreements"), {"page": "x'"}).status_code == 200


def test_the_review_queue_flags_a_disagreement(client, both):
    user = User.objects.create_user("ed", password="a-long-editor-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.get(reverse("admin:visits_review_queue"), {"kind": "visit"})
    assert response.status_code == 200
    assert "the curated list and the news disagree" in response.content.decode()


def test_the_export_names_a_curated_row_beside_article_files(both):
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    visits = {
        (v["visitor_country"], v["host_country"]): v for v in json.loads(out.getvalue())["visits"]
    }
    assert visits[("NZ", "US")]["sources"] == ["nz_us_visit.txt", "state-department/visits#9001"]
    assert visits[("US", "JP")]["sources"] == ["state-department/travels#9001"]


def test_the_meeting_list_narrows_by_source_and_shows_it(client, both):
    curated = client.get("/meetings/", {"source": "curated"})
    assert curated.status_code == 200
    assert curated.context["count"] == 6  # Japan 2, Moscow 3, Malaysia 1
    assert "curated list" in curated.content.decode()
    news = client.get("/meetings/", {"source": "news"}).context["count"]
    assert news == models.Meeting.objects.filter(evidence__article__kind="news").distinct().count()
