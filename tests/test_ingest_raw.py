"""Articles are stored as received, and `ingest --reextract` reads them again from that
(issue 10, layer 10): a better reader improves old articles without their files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from visits import models
from visits.extraction import document as document_module

pytestmark = pytest.mark.django_db

REPORT = """ date 2025-06-12
Vietnamese Prime Minister holds talks with his Singaporean counterpart

Prime Minister Pham Minh Chinh held talks with Prime Minister Lawrence Wong in Singapore \
on June 11, during his official visit to Singapore from June 10 to 12.

The two leaders agreed to widen cooperation on clean energy and undersea cables.

Related news
Harbour festival opens with a lantern parade along the river
"""


def ingest(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def snapshot() -> list[tuple]:
    return sorted(
        models.Visit.objects.values_list("visitor_country", "host_country", "start", "end")
    ) + sorted(models.Meeting.objects.values_list("date", "country", "kind"))


def test_a_text_file_is_stored_as_received_and_its_body_cleaned(tmp_path: Path):
    (tmp_path / "talks.txt").write_text(REPORT, encoding="utf-8")
    out, err, code = ingest(tmp_path)
    assert code == 0, err
    article = models.Article.objects.get()
    assert article.raw_kind == "txt"
    assert article.raw == REPORT
    assert "lantern parade" in article.raw
    assert "lantern parade" not in article.text


def test_reextract_reads_the_article_as_received_not_its_cleaned_text(tmp_path, monkeypatch):
    (tmp_path / "talks.txt").write_text(REPORT, encoding="utf-8")
    assert ingest(tmp_path)[2] == 0
    (tmp_path / "talks.txt").unlink()  # the file is gone: only the stored raw is left
    # A "better" structure layer that keeps the lines after the tail marker: only the
    # stored raw still has them, so the re-extracted text can show them only if the
    # reader ran on the raw.
    monkeypatch.setattr(document_module, "clean_body", lambda text: text.strip())
    out, err, code = ingest("--reextract")
    assert code == 0, err
    assert "1 re-extracted" in out
    article = models.Article.objects.get()
    assert "lantern parade" in article.text
    assert "Related news" in article.text


def test_reextract_of_unchanged_raw_changes_nothing(tmp_path: Path):
    (tmp_path / "talks.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "more.json").write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "date": "2025-04-03",
                    "text": "Tối 2/4, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng "
                    "Australia Anthony Albanese về hợp tác năng lượng sạch.",
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert ingest(tmp_path)[2] == 0
    before = snapshot()
    texts = dict(models.Article.objects.values_list("source_name", "text"))
    kinds = dict(models.Article.objects.values_list("source_name", "raw_kind"))
    assert kinds == {"talks.txt": "txt", "more.json": "json"}
    assert before
    for _ in range(2):
        out, err, code = ingest("--reextract")
        assert code == 0, err
        assert "2 re-extracted" in out
        assert snapshot() == before
        assert dict(models.Article.objects.values_list("source_name", "text")) == texts
    # and a plain ingest of the same files afterwards finds them unchanged
    out, err, code = ingest(tmp_path)
    assert "2 unchanged" in out, out


def test_an_article_stored_without_raw_is_reextracted_from_its_text(tmp_path: Path):
    (tmp_path / "talks.txt").write_text(REPORT, encoding="utf-8")
    assert ingest(tmp_path)[2] == 0
    before = snapshot()
    models.Article.objects.update(raw="", raw_kind="")  # as stored before raw was kept
    out, err, code = ingest("--reextract")
    assert code == 0, err
    assert "1 re-extracted" in out
    assert snapshot() == before
    assert models.Article.objects.get().raw_kind == ""


def test_a_raw_the_reader_cannot_read_any_more_falls_back_to_the_text(tmp_path: Path):
    (tmp_path / "talks.txt").write_text(REPORT, encoding="utf-8")
    assert ingest(tmp_path)[2] == 0
    before = snapshot()
    models.Article.objects.update(raw='{"no text": 1', raw_kind="json")
    out, err, code = ingest("--reextract")
    assert code == 0, err
    assert "talks.txt" in err and "can no longer be read" in err
    assert snapshot() == before
