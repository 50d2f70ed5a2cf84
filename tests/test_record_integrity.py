"""Records follow their evidence: what an editor deleted stays deleted when the
article's date changes (meeting keys carry no day)."""

from __future__ import annotations

import pytest

from tests.factories import ARTICLES, ingest
from visits import models
from visits.services.editing import record_delete

pytestmark = pytest.mark.django_db


def test_deleted_meeting_stays_deleted_when_the_date_changes(tmp_path):
    article = tmp_path / "sg_talks.txt"
    text = (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    ingest(article)
    meeting = models.Meeting.objects.get()
    assert str(meeting.date) == "2025-06-11"
    assert record_delete(record=meeting) == 1
    assert models.Suppression.objects.count() == 1

    moved = text.replace("on June 11,", "on June 12,").replace("2025-06-12", "2025-06-13")
    assert moved != text
    article.write_text(moved, encoding="utf-8")
    ingest(article)

    assert not models.Meeting.objects.exists()
    assert models.Visit.objects.count() == 1


def test_a_deletion_recorded_under_an_old_meeting_key_still_holds(tmp_path):
    """Before 0.6 a meeting's key held its day ('meeting:2025-06-11:names'): an editor's
    deletion recorded then is honoured by today's keys ('meeting:talks:names')."""
    article = tmp_path / "sg_talks.txt"
    article.write_text((ARTICLES / "sg_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ingest(article)
    meeting = models.Meeting.objects.get()
    key = meeting.evidence.values_list("record_key", flat=True).first()
    kind, names = key.split(":", 2)[1:]
    assert kind and names
    record_delete(record=meeting)
    models.Suppression.objects.update(record_key=f"meeting:2025-06-11:{names}")

    ingest("--reextract")

    assert not models.Meeting.objects.exists()
    assert models.Visit.objects.count() == 1


def test_renaming_a_leader_keeps_the_record_keys_and_the_deletions(tmp_path):
    """A meeting's key holds its people's names as the article writes them: an editor's
    renaming of a known leader changes neither the key nor a deletion made before."""
    from visits.services.editing import record_correct

    article = tmp_path / "sg_talks.txt"
    article.write_text((ARTICLES / "sg_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ingest(article)
    meeting = models.Meeting.objects.get()
    keys = set(models.Evidence.objects.values_list("record_key", flat=True))
    chinh = next(p for p in meeting.participants.all() if "Wong" not in p.name)
    chinh.name = "Phạm Minh Chính (Prime Minister)"
    record_correct(record=chinh, fields=["name"])

    ingest("--reextract")
    assert set(models.Evidence.objects.values_list("record_key", flat=True)) == keys
    record_delete(record=models.Meeting.objects.get())
    ingest("--reextract")
    assert not models.Meeting.objects.exists()
