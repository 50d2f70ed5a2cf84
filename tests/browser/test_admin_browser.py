"""An editor signs in, corrects a visit in the admin and sees it on the public page."""

import datetime as dt
import importlib

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import EDITOR_PASSWORD, EvidenceFactory, VisitFactory, editor_user
from visits import models

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def ensure_reference_and_editors() -> None:
    """Restore what the migrations load when a flush took it.

    serialized_rollback restores it only through the connection object that
    setup_databases serialized on; once Playwright's sync API is running, the
    ORM may use another one (asgiref's context-local connections), and a test
    after the first finds the tables empty. Until the shared fixtures handle
    that, the test puts back what it needs.
    """
    from visits.reference import reference_load

    if not models.Country.objects.exists():
        reference_load(models=models)
    if not Group.objects.filter(name="Editors").exists():
        editors = importlib.import_module("visits.migrations.0005_editors")
        codenames = [f"{a}_{m}" for m, actions in editors.PERMISSIONS.items() for a in actions]
        group = Group.objects.create(name=editors.GROUP)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="visits", codename__in=codenames)
        )


@pytest.fixture
def visit(live_server):
    ensure_reference_and_editors()
    visit = VisitFactory(kind="official", cities=["Kuala Lumpur"], start=dt.date(2024, 11, 20))
    EvidenceFactory(visit=visit)
    editor_user()
    return visit


def sign_in(page, url):
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url + "/admin/")


def test_editor_corrects_a_visit_and_the_public_page_shows_it(live_server, page, visit):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/visits/visit/{visit.pk}/change/")
    assert "President To Lam paid an official visit to Malaysia." in page.content()
    page.locator("#id_kind").select_option("state")
    page.locator("#id_cities").fill("Kuala Lumpur,Putrajaya")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/visits/visit/")
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    visit.refresh_from_db()
    assert sorted(visit.corrected_fields) == ["cities", "kind"]

    page.goto(f"{live_server.url}/visits/{visit.pk}/")
    assert page.locator(".lede").inner_text().startswith("State visit")
    assert "Kuala Lumpur, Putrajaya" in page.content()

    page.goto(f"{live_server.url}/admin/visits/visit/{visit.pk}/history/")
    history = page.locator("#change-history").inner_text()
    assert "editor" in history and "official" in history


def test_editor_finds_doubtful_records_in_the_review_queue(live_server, page, visit):
    doubtful = VisitFactory(confidence=0.3, year_settled=False)
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Review queue").click()
    first = page.locator("#review-queue tbody tr").first
    assert "low confidence" in first.inner_text()
    first.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Mark selected reviewed").click()
    assert "1 marked reviewed" in page.locator("ul.messagelist").inner_text()
    assert models.Visit.objects.get(pk=doubtful.pk).reviewed
