"""`manage.py ingest`: robust input and run options (issue 9)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from visits import models
from visits.extraction.document import MSG_TITLE_NOT_TEXT, MSG_URL_NOT_HTTP
from visits.management.commands.ingest import MSG_WORKERS_CAPPED
from visits.services.editing import record_delete
from visits.services.runner import MSG_SAME_IDENTITY
from visits.services.sources import MSG_NAME_NOT_UTF8

ARTICLES = Path(__file__).resolve().parent / "articles"

pytestmark = pytest.mark.django_db


def test_workers_beyond_cpu_count_are_capped_with_a_message(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "sg_talks.txt").write_text(
        (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    cpus = os.cpu_count() or 1
    call_command("ingest", str(folder), "--workers", "64", stdout=out, stderr=err)
    assert MSG_WORKERS_CAPPED.format(asked=64, cpus=cpus) in err.getvalue()
    assert models.Article.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('"title": 5', MSG_TITLE_NOT_TEXT),
        ('"url": 5', MSG_URL_NOT_HTTP),
        ('"url": "javascript:alert(1)"', MSG_URL_NOT_HTTP),
        ('"url": "ftp://example.org/a"', MSG_URL_NOT_HTTP),
    ],
)
def test_malformed_json_field_fails_that_article_named_and_the_rest_land(tmp_path, field, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "sg_talks.txt").write_text(
        (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "bad.json").write_text(
        '{"text": "The minister met her counterpart in Hanoi today.", ' + field + "}",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("ingest", str(folder), stdout=out, stderr=err)
    assert exit_.value.code == 1
    failures = [line for line in err.getvalue().splitlines() if "bad.json" in line]
    assert failures and message.split("{")[0].strip() in failures[0], err.getvalue()
    assert set(models.Article.objects.values_list("source_name", flat=True)) >= {"sg_talks.txt"}


def test_json_date_given_as_a_number_fails_that_article_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "num.json").write_text(
        '{"text": "The minister met her counterpart in Hanoi today.", "date": 20240908}',
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(folder), stdout=io.StringIO(), stderr=err)
    assert "num.json" in err.getvalue() and "20240908" in err.getvalue()
    assert not models.Article.objects.filter(published__year=2024).exists()


SG = (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8")
# Own words: a second, different report of an official visit.
OTHER = (
    "date 2025-03-04\nChilean leader in Hanoi\n\nPresident Gabriel Boric of Chile held talks "
    "with President Luong Cuong in Hanoi on March 3 during his state visit to Vietnam.\n"
)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit:
        pass
    return out.getvalue(), err.getvalue()


def test_two_files_called_alike_in_subfolders_are_two_articles_and_a_rerun_changes_nothing(
    tmp_path,
):
    for sub, text in (("a", SG), ("b", OTHER)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(text, encoding="utf-8")
    _run(tmp_path)
    first = dict(models.Article.objects.values_list("source_name", "id"))
    assert set(first) == {"a/report.txt", "b/report.txt"}
    out, _ = _run(tmp_path)
    assert dict(models.Article.objects.values_list("source_name", "id")) == first
    assert "2 unchanged" in out, out


def test_jsonl_line_inserted_above_keeps_identities_and_a_deleted_visit_stays_gone(tmp_path):
    line = json.dumps({"text": SG.split("\n", 2)[2], "date": "2025-06-12"})
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    _run(path)
    (article,) = models.Article.objects.all()
    record_delete(record=models.Visit.objects.get(host_country="SG"))
    extra = json.dumps({"text": OTHER.split("\n", 3)[3], "date": "2025-03-04"})
    path.write_text(extra + "\n" + line + "\n", encoding="utf-8")
    _run(path)
    assert models.Article.objects.get(pk=article.pk).source_name == article.source_name
    assert not models.Visit.objects.filter(host_country="SG").exists()


def test_a_renamed_unchanged_file_keeps_its_article_and_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "old.txt").write_text(SG, encoding="utf-8")
    _run(folder)
    (article,) = models.Article.objects.all()
    visits = set(models.Visit.objects.values_list("id", flat=True))
    (folder / "old.txt").rename(folder / "new.txt")
    _run(folder)
    (moved,) = models.Article.objects.all()
    assert (moved.pk, moved.source_name) == (article.pk, "new.txt")
    assert set(models.Visit.objects.values_list("id", flat=True)) == visits


def test_two_inputs_with_one_identity_in_a_run_the_second_fails_naming_both(tmp_path):
    text = json.dumps({"id": "x1", "text": SG.split("\n", 2)[2]})
    other = json.dumps({"id": "x1", "text": OTHER.split("\n", 3)[3]})
    (tmp_path / "feed.jsonl").write_text(text + "\n" + other + "\n", encoding="utf-8")
    _, err = _run(tmp_path / "feed.jsonl")
    assert MSG_SAME_IDENTITY.split("{")[1].split("}")[1].strip() in err
    assert "line 2" in err and "line 1" in err, err
    assert models.Article.objects.count() == 1


@pytest.mark.parametrize("kind", ["surrogate", "name", "long_id", "long_path"])
def test_each_malformed_input_fails_alone_named_and_the_rest_land(tmp_path, kind):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SG, encoding="utf-8")
    body = json.dumps(SG.split("\n", 2)[2])
    if kind == "surrogate":
        (folder / "bad.jsonl").write_text('{"text": "Talks \\ud800 ' + body[1:] + "}\n")
        named = "bad.jsonl, line 1"
    elif kind == "name":
        os.close(os.open(os.fsencode(folder) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY))
        named = MSG_NAME_NOT_UTF8
    elif kind == "long_id":
        line = json.dumps({"id": "k" * 400, "text": OTHER.split("\n", 3)[3]})
        (folder / "long.jsonl").write_text(line + "\n", encoding="utf-8")
        named = None
    else:
        deep = folder
        while len(str(deep)) < 1010:
            deep = deep / ("d" * 200)
        deep.mkdir(parents=True)
        (deep / "far.txt").write_text(OTHER, encoding="utf-8")
        named = "over the limit of 1,000"
    out, err = _run(folder)
    assert "articles:" in out.lower() or "new" in out, out
    assert models.Article.objects.filter(
        source_name="good.txt", content_hash__isnull=False
    ).exists()
    if named is None:
        assert all(
            len(n) <= 255 for n in models.Article.objects.values_list("source_name", flat=True)
        )
        assert models.Article.objects.count() == 2, err
    else:
        assert named in err, err
        assert "Traceback" not in err
