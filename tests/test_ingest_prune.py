"""`ingest --prune PATH…`: articles whose files are gone are retired, with the
records only they support (issue 9 item 2)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.test_ingest_warnings import without_root
from visits import models
from visits.management.commands.ingest import (
    MSG_PRUNE_DRY,
    MSG_PRUNE_NO_PATHS,
    MSG_PRUNE_REEXTRACT,
    MSG_PRUNED,
)
from visits.services.runner import MSG_NOT_PRUNED

ARTICLES = Path(__file__).resolve().parent / "articles"

pytestmark = pytest.mark.django_db

# Written for these tests: two reports of one trip to New Zealand.
NZ_ARRIVAL = """ date 2025-02-20
Vietnamese Prime Minister begins a visit to New Zealand

Prime Minister Pham Minh Chinh arrived in Wellington on February 19 for an official visit
to New Zealand, at the invitation of Prime Minister Christopher Luxon.

On February 20 the two prime ministers held talks in Wellington and agreed to lift
two-way trade and to open more direct flights between the two countries.
"""
NZ_LATER = """ date 2025-02-23
Prime Minister wraps up New Zealand trip in Auckland

Prime Minister Pham Minh Chinh concluded his official visit to New Zealand from February 19
to 22, with a final meeting with Prime Minister Christopher Luxon in Auckland on February 22.

The two leaders agreed to raise the relationship to a Comprehensive Strategic Partnership.
"""


def ingest(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def copy(name: str, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    to.write_text((ARTICLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return to


def names() -> list[str]:
    return sorted(models.Article.objects.values_list("source_name", flat=True))


def snapshot() -> dict:
    """The records, without pks: what a clean ingest would make of the articles."""
    return {
        "visits": sorted(
            models.Visit.objects.values_list(
                "visitor_country_id", "host_country_id", "kind", "start", "end", "cities"
            )
        ),
        "meetings": sorted(
            (str(m.date), m.kind, m.country_id) for m in models.Meeting.objects.all()
        ),
        "agreements": sorted(
            (str(a.date), a.kind, a.level_id) for a in models.Agreement.objects.all()
        ),
        "evidence": sorted(models.Evidence.objects.values_list("article__source_name", "sentence")),
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    top = tmp_path / "in"
    copy("sg_talks.txt", top / "sg_talks.txt")
    copy("cl_upgrade.txt", top / "south" / "cl_upgrade.txt")
    return top


def test_without_prune_a_gone_file_keeps_its_article(folder):
    assert ingest(folder)[0] == 0
    (folder / "south" / "cl_upgrade.txt").unlink()
    code, out, _ = ingest(folder)
    assert code == 0
    assert names() == ["sg_talks.txt", "south/cl_upgrade.txt"]
    assert "Pruned" not in out


def test_prune_retires_a_gone_article_and_the_records_only_it_supports(folder):
    assert ingest(folder)[0] == 0
    chile = models.Article.objects.get(source_name="south/cl_upgrade.txt")
    assert models.Visit.objects.filter(evidence__article=chile).exists()
    assert models.Agreement.objects.filter(evidence__article=chile).exists()
    (folder / "south" / "cl_upgrade.txt").unlink()

    code, out, err = ingest("--prune", folder)

    assert code == 0, err
    assert MSG_PRUNED.format(count=1) in out
    assert str(folder / "south" / "cl_upgrade.txt") in out
    assert names() == ["sg_talks.txt"]
    assert not models.Visit.objects.filter(host_country_id="CL").exists()
    assert not models.Visit.objects.filter(visitor_country_id="CL").exists()
    assert not models.Agreement.objects.filter(evidence=None).exists()
    assert models.Visit.objects.filter(host_country_id="SG").exists()
    # Pruning again finds nothing more.
    code, out, _ = ingest("--prune", folder)
    assert code == 0 and MSG_PRUNED.format(count=0) in out


def test_dry_run_prune_says_what_would_go_and_keeps_it(folder):
    assert ingest(folder)[0] == 0
    before = snapshot()
    (folder / "south" / "cl_upgrade.txt").unlink()

    code, out, _ = ingest("--dry-run", "--prune", folder)

    assert code == 0
    assert MSG_PRUNE_DRY.format(count=1) in out
    assert f"  {folder / 'south' / 'cl_upgrade.txt'}" in out.splitlines()
    assert names() == ["sg_talks.txt", "south/cl_upgrade.txt"]
    assert snapshot() == before


def test_a_record_other_evidence_supports_stays_and_follows_what_is_left(tmp_path):
    top = tmp_path / "trip"
    top.mkdir()
    (top / "arrival.txt").write_text(NZ_ARRIVAL, encoding="utf-8")
    (top / "later.txt").write_text(NZ_LATER, encoding="utf-8")
    assert ingest(top)[0] == 0
    visit = models.Visit.objects.get(host_country_id="NZ")
    assert set(visit.evidence.values_list("article__source_name", flat=True)) == {
        "arrival.txt",
        "later.txt",
    }
    before = snapshot()
    (top / "arrival.txt").unlink()

    code, out, _ = ingest("--prune", top)

    assert code == 0 and MSG_PRUNED.format(count=1) in out
    visit.refresh_from_db()  # the same record, kept
    assert set(visit.evidence.values_list("article__source_name", flat=True)) == {"later.txt"}
    assert not models.Meeting.objects.filter(evidence=None).exists()
    pruned = snapshot()
    assert pruned["visits"] != before["visits"]  # its fields follow the evidence left
    # What is left is exactly what a clean ingest of the remaining file makes.
    models.Article.objects.all().delete()
    for model in (models.Visit, models.Meeting, models.Agreement):
        model.objects.all().delete()
    assert ingest(top)[0] == 0
    assert snapshot() == pruned


def test_records_an_editor_corrected_or_reviewed_stay_without_evidence(folder):
    assert ingest(folder)[0] == 0
    chile = models.Article.objects.get(source_name="south/cl_upgrade.txt")
    visit = models.Visit.objects.filter(evidence__article=chile).distinct().get()
    agreement = models.Agreement.objects.filter(evidence__article=chile).first()
    meetings = list(models.Meeting.objects.filter(evidence__article=chile).distinct())
    assert meetings
    models.Visit.objects.filter(pk=visit.pk).update(corrected_fields=["end"])
    models.Agreement.objects.filter(pk=agreement.pk).update(reviewed=True)
    (folder / "south" / "cl_upgrade.txt").unlink()

    assert ingest("--prune", folder)[0] == 0

    assert not models.Article.objects.filter(pk=chile.pk).exists()
    assert models.Visit.objects.filter(pk=visit.pk, evidence=None).exists()
    assert models.Agreement.objects.filter(pk=agreement.pk, evidence=None).exists()
    assert not models.Meeting.objects.filter(pk__in=[m.pk for m in meetings]).exists()


def test_articles_of_other_folders_and_from_urls_are_never_pruned(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    copy("sg_talks.txt", first / "sg_talks.txt")
    copy("cl_upgrade.txt", second / "cl_upgrade.txt")
    assert ingest(first)[0] == 0
    assert ingest(second)[0] == 0
    fetched = models.Article.objects.create(
        source_name="https://example.org/news/1",
        url="https://example.org/news/1",
        text="A report fetched from the web.",
        content_hash="f" * 64,
        status=models.ArticleStatus.NO_CONTENT,
    )
    (second / "cl_upgrade.txt").unlink()  # gone, but not from the folder pruned

    code, out, _ = ingest("--prune", first)

    assert code == 0 and MSG_PRUNED.format(count=0) in out
    assert names() == ["cl_upgrade.txt", "https://example.org/news/1", "sg_talks.txt"]
    assert models.Article.objects.filter(pk=fetched.pk).exists()


def test_a_line_taken_out_of_a_jsonl_given_alone_is_pruned(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "nz-1", "title": "Prime Minister visits New Zealand", "text": NZ_ARRIVAL[16:]},
        {"id": "sg-1", "text": (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8")},
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert ingest(feed)[0] == 0
    assert names() == ["feed.jsonl#nz-1", "feed.jsonl#sg-1"]
    feed.write_text(json.dumps(lines[1]) + "\n", encoding="utf-8")

    code, out, _ = ingest("--prune", feed)

    assert code == 0 and MSG_PRUNED.format(count=1) in out
    assert names() == ["feed.jsonl#sg-1"]


def test_a_moved_file_is_not_pruned_it_keeps_its_article(folder):
    assert ingest(folder)[0] == 0
    chile = models.Article.objects.get(source_name="south/cl_upgrade.txt")
    (folder / "south" / "cl_upgrade.txt").rename(folder / "cl_upgrade.txt")

    code, out, _ = ingest("--prune", folder)

    assert code == 0 and MSG_PRUNED.format(count=0) in out
    chile.refresh_from_db()
    assert chile.source_name == "cl_upgrade.txt"


def test_nothing_is_pruned_when_part_of_the_folder_cannot_be_read(folder, tmp_path):
    copy("vi_call.txt", folder / "locked" / "vi_call.txt")
    secret = copy("no_content.txt", folder / "secret.txt")
    assert ingest(folder)[0] == 0
    assert len(names()) == 4
    (folder / "south" / "cl_upgrade.txt").unlink()
    (folder / "locked").chmod(0)
    secret.chmod(0)
    try:
        with without_root(tmp_path):
            code, out, err = ingest("--prune", folder)
    finally:
        (folder / "locked").chmod(0o755)
        secret.chmod(0o644)

    assert code == 1
    assert MSG_NOT_PRUNED in err
    assert "Pruned:" not in out
    assert len(names()) == 4  # not even the one whose file is gone


def test_an_unreadable_file_alone_keeps_its_article(folder, tmp_path):
    secret = copy("no_content.txt", folder / "secret.txt")
    assert ingest(folder)[0] == 0
    (folder / "south" / "cl_upgrade.txt").unlink()
    secret.chmod(0)
    try:
        with without_root(tmp_path):
            code, out, err = ingest("--prune", folder)
    finally:
        secret.chmod(0o644)

    assert code == 1  # the unreadable file is a failure
    assert f"{secret}: Permission denied" in err
    assert MSG_PRUNED.format(count=1) in out  # the gone one only
    assert names() == ["secret.txt", "sg_talks.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--prune", "--reextract"], MSG_PRUNE_REEXTRACT), (["--prune"], MSG_PRUNE_NO_PATHS)],
)
def test_prune_needs_paths_and_refuses_reextract(args, message):
    with pytest.raises(CommandError) as error:
        call_command("ingest", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert str(error.value) == message
