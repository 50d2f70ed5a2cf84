"""Editors undo deletions and merges (issue 14): the record comes back under its own id
with its evidence, the suppressions and the redirect the action made are lifted, and a
later real ingest behaves as if the deletion or merge had never happened. Every change
can carry a reason, shown in the history."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from tests.factories import (
    EDITOR_PASSWORD,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    editor_user,
)
from tests.integrity import world
from visits import models
from visits.services import editing, undo

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = editor_user()
    client.post(
        reverse("admin:login"),
        {"username": user.username, "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    return user


@pytest.fixture
def folder():
    root = Path(tempfile.mkdtemp(prefix="undo-"))
    yield world.Folder(root=root)
    shutil.rmtree(root, ignore_errors=True)


def undo_url(action) -> str:
    return reverse("admin:visits_editoraction_undo", args=[action.pk])


# --- Deletions ------------------------------------------------------------------------


def test_deleting_from_the_admin_keeps_the_reason_and_the_undo_brings_the_visit_back(
    client, editor
):
    visit = VisitFactory(cities=["Hanoi"])
    evidence = EvidenceFactory(visit=visit, record_key="visit:vn-my")
    meeting = MeetingFactory(visit=visit)
    pk = visit.pk
    url = reverse("admin:visits_visit_delete", args=[pk])
    page = client.get(url).content.decode()
    assert 'name="reason"' in page

    client.post(url, {"post": "yes", "reason": "Two reports of one trip, told twice"})

    assert not models.Visit.objects.filter(pk=pk).exists()
    action = models.EditorAction.objects.get()
    assert (action.kind, action.model, action.record_id) == ("delete", "visit", pk)
    assert action.reason == "Two reports of one trip, told twice"
    assert action.user == editor
    gone = models.Visit.history.filter(id=pk, history_type="-").get()
    assert gone.history_change_reason == "Two reports of one trip, told twice"
    assert models.Suppression.objects.filter(record_key="visit:vn-my").exists()

    listed = client.get(reverse("admin:visits_editoraction_changelist")).content.decode()
    assert undo_url(action) in listed and "Two reports of one trip" in listed
    confirm = client.get(undo_url(action))
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    response = client.post(undo_url(action), {"reason": "It was a separate trip after all"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:visits_visit_change", args=[pk])
    back = models.Visit.objects.get(pk=pk)
    assert back.cities == ["Hanoi"]
    assert list(back.evidence.values_list("pk", flat=True)) == [evidence.pk]
    assert list(back.meetings.values_list("pk", flat=True)) == [meeting.pk]
    assert not models.Suppression.objects.filter(record_key="visit:vn-my").exists()
    action.refresh_from_db()
    assert action.undone_at is not None and action.undone_by == editor
    assert action.undo_reason == "It was a separate trip after all"
    history = client.get(reverse("admin:visits_visit_history", args=[pk])).content.decode()
    assert "It was a separate trip after all" in history
    assert "Two reports of one trip, told twice" in history


def test_a_deleted_meeting_comes_back_with_its_participants(client, editor):
    meeting = MeetingFactory()
    leaders = [LeaderFactory(), LeaderFactory()]
    for leader in leaders:
        models.Participation.objects.create(meeting=meeting, leader=leader, office="Minister")
    EvidenceFactory(visit=None, meeting=meeting)
    pk = meeting.pk
    editing.record_delete(record=meeting, reason="not a meeting")
    action = models.EditorAction.objects.get()
    client.post(undo_url(action), {"reason": ""})
    back = models.Meeting.objects.get(pk=pk)
    assert set(back.participants.all()) == set(leaders)
    assert set(back.participation_set.values_list("office", flat=True)) == {"Minister"}


def test_an_undo_is_made_once_and_a_bad_address_is_no_500(client, editor):
    visit = VisitFactory()
    EvidenceFactory(visit=visit)
    editing.record_delete(record=visit)
    action = models.EditorAction.objects.get()
    client.post(undo_url(action))
    again = client.post(undo_url(action), follow=True)
    assert again.status_code == 200
    assert "was undone already" in again.content.decode()
    assert models.Visit.objects.filter(pk=action.record_id).count() == 1
    assert client.get("/admin/visits/editoraction/abc/undo/").status_code == 404
    assert client.get("/admin/visits/editoraction/999999/undo/").status_code == 404


def test_deleting_a_visit_then_undoing_it_then_ingesting_is_as_if_it_was_never_deleted(folder):
    """A real ingest: delete the New Zealand visit, ingest the article's second version
    (the visit stays deleted), undo, ingest again: the record is the one an ingest of the
    same files gives when nobody deleted anything."""
    point = transaction.savepoint()
    folder.write(article="nz_talks", version=1)
    folder.ingest()
    folder.write(article="nz_talks", version=2)
    folder.ingest()
    never_deleted = world.snapshot()
    transaction.savepoint_rollback(point)
    shutil.rmtree(folder.root)
    folder.root.mkdir()

    folder.write(article="nz_talks", version=1)
    folder.ingest()
    visit = models.Visit.objects.get(host_country="NZ")
    pk = visit.pk
    editing.record_delete(record=visit, reason="test")
    folder.write(article="nz_talks", version=2)
    folder.ingest()
    assert not models.Visit.objects.filter(host_country="NZ").exists()
    undo.action_undo(action=models.EditorAction.objects.get(), reason="undo")
    folder.ingest()
    after = world.snapshot()
    assert after == never_deleted, world.describe_difference(never_deleted, after)
    assert models.Visit.objects.filter(pk=pk).exists()  # under its own id, links work


# --- Merges ---------------------------------------------------------------------------


def test_undoing_a_visit_merge_puts_both_back_and_ends_the_redirect(client, editor):
    kept = VisitFactory(cities=["Hanoi"])
    other = VisitFactory(cities=["Penang"])
    EvidenceFactory(visit=kept, record_key="visit:a")
    moved = EvidenceFactory(visit=other, record_key="visit:b")
    meeting = MeetingFactory(visit=other)
    other_pk = other.pk
    url = reverse("admin:visits_visit_changelist")
    client.post(
        url,
        {
            "action": "merge_visits",
            "_selected_action": [kept.pk, other_pk],
            "confirm": "yes",
            "into": kept.pk,
            "reason": "same trip",
        },
    )
    assert client.get(f"/visits/{other_pk}/").status_code == 301
    kept.refresh_from_db()
    assert "Penang" in kept.cities
    action = models.EditorAction.objects.get(kind="merge")
    assert (action.record_id, action.into_id, action.reason) == (other_pk, kept.pk, "same trip")

    response = client.post(undo_url(action), {"reason": "two trips"})

    assert response.status_code == 302
    back = models.Visit.objects.get(pk=other_pk)
    assert list(back.evidence.values_list("pk", flat=True)) == [moved.pk]
    assert list(back.meetings.values_list("pk", flat=True)) == [meeting.pk]
    kept.refresh_from_db()
    assert kept.cities == ["Hanoi"]
    assert list(kept.evidence.values_list("record_key", flat=True)) == ["visit:a"]
    assert not models.MergedAway.objects.filter(kind="visit", old_id=other_pk).exists()
    assert client.get(f"/visits/{other_pk}/").status_code == 200


def test_an_editors_change_after_a_merge_survives_its_undo():
    kept, other = VisitFactory(cities=[]), VisitFactory(cities=["Penang"])
    EvidenceFactory(visit=kept)
    EvidenceFactory(visit=other)
    editing.visit_merge(into=kept, other=other)
    kept.refresh_from_db()
    kept.cities = ["Kuala Lumpur"]
    editing.record_correct(record=kept, fields=["cities"])
    undo.action_undo(action=models.EditorAction.objects.get())
    kept.refresh_from_db()
    assert kept.cities == ["Kuala Lumpur"]


def test_the_undo_of_a_merge_whose_kept_visit_is_gone_is_refused_in_words(client, editor):
    kept, other = VisitFactory(), VisitFactory()
    EvidenceFactory(visit=kept)
    EvidenceFactory(visit=other)
    editing.visit_merge(into=kept, other=other)
    merge = models.EditorAction.objects.get()
    editing.record_delete(record=models.Visit.objects.get(pk=merge.into_id))
    response = client.post(undo_url(merge), follow=True)
    assert response.status_code == 200
    assert f"(#{merge.into_id}) is gone" in response.content.decode()
    assert models.EditorAction.objects.get(pk=merge.pk).undone_at is None


def test_merging_two_visits_then_undoing_then_ingesting_is_as_if_never_merged(folder):
    """A real ingest: merge the Chile visit into the New Zealand one, undo, ingest the
    second versions of both articles: the same record as with no merge at all."""
    point = transaction.savepoint()
    for article in ("nz_talks", "cl_visit"):
        folder.write(article=article, version=1)
    folder.ingest()
    for article in ("nz_talks", "cl_visit"):
        folder.write(article=article, version=2)
    folder.ingest()
    never_merged = world.snapshot()
    transaction.savepoint_rollback(point)
    shutil.rmtree(folder.root)
    folder.root.mkdir()

    for article in ("nz_talks", "cl_visit"):
        folder.write(article=article, version=1)
    folder.ingest()
    chile = models.Visit.objects.get(host_country="CL")
    new_zealand = models.Visit.objects.get(host_country="NZ")
    editing.visit_merge(into=new_zealand, other=chile)
    assert not models.Visit.objects.filter(host_country="CL").exists()
    undo.action_undo(action=models.EditorAction.objects.get())
    for article in ("nz_talks", "cl_visit"):
        folder.write(article=article, version=2)
    folder.ingest()
    after = world.snapshot()
    assert after == never_merged, world.describe_difference(never_merged, after)
    assert models.Visit.objects.filter(host_country="CL").count() == 1


def test_undoing_a_leader_merge_gives_the_names_meetings_and_visits_back():
    kept = LeaderFactory(name="Keep Person", aliases=[])
    other = LeaderFactory(name="Other Person", aliases=["O. Person"])
    meeting = MeetingFactory(reviewed=True)
    models.Participation.objects.create(meeting=meeting, leader=other)
    visit = VisitFactory(visitor_leader=other, reviewed=True)
    other_pk = other.pk
    editing.leader_merge(into=kept, other=other)
    kept.refresh_from_db()
    assert {"Other Person", "O. Person"} <= set(kept.aliases)

    undo.action_undo(action=models.EditorAction.objects.get())

    back = models.Leader.objects.get(pk=other_pk)
    kept.refresh_from_db()
    assert kept.aliases == [] and back.aliases == ["O. Person"]
    assert list(back.meetings.values_list("pk", flat=True)) == [meeting.pk]
    assert models.Visit.objects.get(pk=visit.pk).visitor_leader_id == other_pk
    assert not models.MergedAway.objects.filter(kind="leader", old_id=other_pk).exists()


# --- The merge confirmation -------------------------------------------------------------


def test_the_merge_confirmation_lists_what_moves(client, editor):
    kept, other = VisitFactory(), VisitFactory()
    meeting = MeetingFactory(visit=other)
    models.Participation.objects.create(meeting=meeting, leader=LeaderFactory(name="Ana Lima"))
    evidence = EvidenceFactory(visit=other, sentence="The two ministers signed a plan on rice.")
    response = client.post(
        reverse("admin:visits_visit_changelist"),
        {"action": "merge_visits", "_selected_action": [kept.pk, other.pk]},
    )
    page = response.content.decode()
    assert f"#{meeting.pk} " in page and "Ana Lima" in page
    assert "The two ministers signed a plan on rice." in page
    assert evidence.article.source_name in page or evidence.article.title in page
    assert "Meetings (0)" in page and "Meetings (1)" in page
    assert 'name="reason"' in page


def test_merged_names_become_aliases_only_when_the_box_stays_ticked(client, editor):
    kept = LeaderFactory(name="Kept Name", aliases=[])
    other = LeaderFactory(name="Spare Name", aliases=["S. Name"])
    url = reverse("admin:visits_leader_changelist")
    selected = {"action": "merge_leaders", "_selected_action": [kept.pk, other.pk]}
    page = client.post(url, selected).content.decode()
    assert 'name="keep_aliases" id="id_keep_aliases" checked' in page
    assert "Spare Name" in page and "S. Name" in page
    client.post(url, {**selected, "confirm": "yes", "into": kept.pk})  # the box unticked
    kept.refresh_from_db()
    assert kept.aliases == []
    assert not models.Leader.objects.filter(pk=other.pk).exists()


# --- Reasons on every change ------------------------------------------------------------


def test_a_change_saved_with_a_reason_shows_it_in_the_history(client, editor):
    leader = LeaderFactory(name="Reason Person", honorific="")
    url = reverse("admin:visits_leader_change", args=[leader.pk])
    form = client.get(url).content.decode()
    assert 'name="change_reason"' in form
    data = {
        "name": "Reason Person",
        "aliases": "",
        "country": leader.country_id or "",
        "honorific": "Dr",
        "change_reason": "Her title, from the ministry's site",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = models.Leader.history.filter(id=leader.pk).latest()
    assert latest.history_change_reason == "Her title, from the ministry's site"
    history = client.get(reverse("admin:visits_leader_history", args=[leader.pk]))
    assert "Her title, from the ministry" in history.content.decode()


def test_the_undo_of_a_deleted_leader_whose_name_is_taken_again_is_refused_in_words(client, editor):
    leader = LeaderFactory(name="Twice Named", country=None)
    pk = leader.pk
    editing.record_delete(record=leader)
    LeaderFactory(name="Twice Named", country=None)  # ingest met the name again
    action = models.EditorAction.objects.get()
    response = client.post(undo_url(action), follow=True)
    assert response.status_code == 200
    assert "Another leader now holds what" in response.content.decode()
    assert not models.Leader.objects.filter(pk=pk).exists()
    assert models.EditorAction.objects.get().undone_at is None
