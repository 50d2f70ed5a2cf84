"""`ingest` of saved web pages (.html, .htm): the same records as the report's text."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from visits import models

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parent
PAGES = TESTS / "pages"
ARTICLES = TESTS / "articles"


def ingest(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def records() -> dict:
    """The export, without what names the article (ids, sources)."""
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    for rows in data.values():
        for row in rows:
            for key in ("id", "sources", "visit"):
                row.pop(key, None)
    return data


def fresh() -> None:
    for model in (models.Visit, models.Meeting, models.Agreement, models.Article):
        model.objects.all().delete()


@pytest.mark.parametrize(
    "text, page", [("sg_talks.txt", "sg_talks.html"), ("vi_call.txt", "vi_call.html")]
)
def test_the_same_report_as_text_and_as_page_gives_the_same_records(tmp_path, text, page):
    assert ingest(ARTICLES / text)[2] == 0
    from_text = records()
    assert from_text["visits"] or from_text["meetings"]
    fresh()
    out, err, code = ingest(PAGES / page)
    assert code == 0, err
    assert records() == from_text
    article = models.Article.objects.get()
    assert article.raw_kind == "html" and article.raw == (PAGES / page).read_text("utf-8")


def test_a_page_is_known_by_its_canonical_url_and_read_twice_changes_nothing(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(PAGES / "sg_talks.html", folder / "talks.htm")
    out, err, code = ingest(folder)
    assert code == 0, err
    article = models.Article.objects.get()
    assert article.source_name == "https://news.example.org/world/pm-talks-singapore"
    assert article.url == article.source_name
    assert article.path == str(folder / "talks.htm")
    before = records()
    out, err, code = ingest(folder)
    assert code == 0 and "1 unchanged" in out, out
    assert records() == before
    out, err, code = ingest("--reextract")
    assert code == 0 and "1 re-extracted" in out, out
    assert records() == before


def test_a_page_without_an_article_fails_named_and_the_others_land(tmp_path):
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        encoding="utf-8",
    )
    shutil.copy(PAGES / "vi_call.html", tmp_path / "vi_call.html")
    out, err, code = ingest(tmp_path)
    assert code == 1
    assert f"{tmp_path / 'menu.html'}: no article text found in this page" in err
    assert models.Meeting.objects.filter(kind="call").exists() or models.Meeting.objects.exists()
