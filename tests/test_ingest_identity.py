"""`manage.py ingest`: robust input and run options (issue 9)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from visits import models
from visits.extraction.document import MSG_TITLE_NOT_TEXT, MSG_URL_NOT_HTTP
from visits.management.commands.ingest import MSG_WORKERS_CAPPED

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
