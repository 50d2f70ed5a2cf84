"""Editors win, end to end: corrections made through the admin's own forms survive
ingesting the same article, a changed version of it, and `ingest --reextract`."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.contrib.auth.models import Group, User

from tests.factories import ARTICLES, ingest
from visits import models

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the admin change form would post back unchanged: main form and inlines."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("ed", password="a-long-editor-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def admin_change(client, model: str, pk: int, **changes) -> None:
    url = f"/admin/visits/{model}/{pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data.update(changes)
    response = client.post(url, data)
    if response.status_code != 302:
        form = response.context["adminform"].form
        errors = [form.errors] + [
            i.formset.errors for i in response.context["inline_admin_formsets"]
        ]
        pytest.fail(f"the admin refused the change: {errors}")


def test_corrections_in_the_admin_survive_reingest_changed_file_and_reextract(
    tmp_path, editor_client
):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLES / "sg_talks.txt", folder / "sg_talks.txt")
    ingest(folder)
    visit = models.Visit.objects.get(host_country="SG")
    leader = models.Leader.objects.get(name_key="lawrence wong")

    admin_change(
        editor_client,
        "visit",
        visit.pk,
        start="2025-06-09",
        end="2025-06-13",
    )
    admin_change(editor_client, "leader", leader.pk, name="Lawrence Wong Shyun Tsai")
    visit.refresh_from_db()
    assert {"start", "end"} <= set(visit.corrected_fields)

    # The same article; a changed version of it; the current extractor again.
    ingest(folder)
    (folder / "sg_talks.txt").write_text(
        (ARTICLES / "sg_talks.txt")
        .read_text(encoding="utf-8")
        .replace("June 10 to 12", "June 10 to 11"),
        encoding="utf-8",
    )
    ingest(folder)
    ingest("--reextract")

    visit = models.Visit.objects.get(host_country="SG")
    assert (visit.start, visit.end) == (dt.date(2025, 6, 9), dt.date(2025, 6, 13))
    leader = models.Leader.objects.get(pk=leader.pk)
    assert leader.name == "Lawrence Wong Shyun Tsai"
    assert models.Leader.objects.matching_name("Lawrence Wong").get() == leader
    # The public page shows the corrections.
    page = editor_client.get(f"/visits/{visit.pk}/").content.decode()
    assert "9–13 June 2025" in page or "9 June 2025" in page
    assert (
        "Lawrence Wong Shyun Tsai" in editor_client.get(f"/leaders/{leader.pk}/").content.decode()
    )
