"""A re-ingest of unchanged files reads each file and its hash, and nothing more: the
language detector runs only for an article that is extracted, and spaCy is not even
imported when none is (issue 15: a re-ingest at most 0.03x the full ingest)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from visits import models
from visits.extraction import detection
from visits.extraction.document import read_json_object, read_text
from visits.services.runner import ingest_paths

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = """ date 2024-05-14
Prime Minister Luxon in Singapore

Prime Minister Christopher Luxon held talks with Prime Minister Lawrence Wong in Singapore
on May 14, during his official visit to Singapore.
"""
VIETNAMESE = """ date 2024-05-20
Thủ tướng Anwar Ibrahim thăm Việt Nam

Ngày 20/5, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Anwar Ibrahim
trong khuôn khổ chuyến thăm chính thức Việt Nam.
"""


@pytest.fixture
def detector_calls(monkeypatch):
    """Every text the language detector is asked about, in order."""
    calls = []
    real = detection.detect_language

    def counted(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(detection, "detect_language", counted)
    return calls


def test_reading_a_file_detects_nothing_until_its_language_is_read(detector_calls):
    document = read_text(VIETNAMESE, name="vi.txt")
    assert detector_calls == []
    assert document.language == "vi"
    assert 0.5 < document.language_confidence <= 1.0
    assert len(detector_calls) == 1
    assert document.language == "vi" and len(detector_calls) == 1  # detected once


def test_a_language_the_input_gives_is_never_detected(detector_calls):
    document = read_json_object({"text": VIETNAMESE, "language": "fr"}, name="a.json")
    assert (document.language, document.language_confidence) == ("fr", None)
    assert detector_calls == []


@pytest.mark.django_db(transaction=True)
def test_a_reingest_of_unchanged_files_runs_no_detector(tmp_path, detector_calls):
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "vi.txt").write_text(VIETNAMESE, encoding="utf-8")
    first = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert first.articles["new"] == 2
    assert len(detector_calls) == 2
    stored = dict(models.Article.objects.values_list("source_name", "language"))
    assert stored == {"en.txt": "en", "vi.txt": "vi"}

    again = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert again.articles["unchanged"] == 2
    assert len(detector_calls) == 2  # none for the unchanged files

    (tmp_path / "vi.txt").write_text(VIETNAMESE + "\nHai bên nhất trí.\n", encoding="utf-8")
    changed = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert (changed.articles["changed"], changed.articles["unchanged"]) == (1, 1)
    assert len(detector_calls) == 3  # only the changed one
    assert models.Article.objects.get(source_name="vi.txt").language == "vi"


@pytest.mark.django_db(transaction=True)
def test_a_reingest_of_unchanged_files_never_imports_spacy(tmp_path):
    """Nor the HTTP client (files are not fetched), nor the URLs and views the system
    checks would load: `manage.py ingest` runs none, as it runs on a schedule."""
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["new"] == 1
    from django.db import connection

    script = (
        "import os, sys\n"
        "from django.core.management import execute_from_command_line\n"
        f"execute_from_command_line(['manage.py', 'ingest', {str(tmp_path)!r}, '-v', '0'])\n"
        "from visits.models import Article\n"
        "assert Article.objects.count() == 1, Article.objects.count()\n"
        "print([m in sys.modules for m in ('spacy', 'httpx', 'diplomacy.urls')])\n"
    )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diplomacy.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[False, False, False]"


@pytest.mark.django_db(transaction=True)
def test_a_reingest_of_unchanged_files_reads_no_leaders(tmp_path):
    """The gazetteer (every leader, country and level, for extraction) is read only when
    an article is extracted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["new"] == 1
    with CaptureQueriesContext(connection) as again:
        assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["unchanged"] == 1
    read = [q["sql"] for q in again.captured_queries if 'FROM "visits_leader"' in q["sql"]]
    assert read == []
    (tmp_path / "en.txt").write_text(ENGLISH + "\nBoth sides agreed.\n", encoding="utf-8")
    with CaptureQueriesContext(connection) as changed:
        assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["changed"] == 1
    assert any('FROM "visits_leader"' in q["sql"] for q in changed.captured_queries)
