"""`manage.py ingest`: robust input and run options (issue 9)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from visits import models
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
