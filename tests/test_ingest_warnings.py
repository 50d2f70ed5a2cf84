"""`manage.py ingest`: input problems are warned about or failed, never passed over
in silence (issue 9 item 5). Warnings keep exit status 0; failures make it 1."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import json
import os
import stat

import pytest
from django.core.management import call_command

from visits import models
from visits.management.commands.ingest import MSG_SUMMARY_TOTAL

pytestmark = pytest.mark.django_db

# Written for these tests: a short report with no diplomatic content needed.
BODY = (
    "Harbour town opens its new library\n\n"
    "The town council of a small harbour town opened a public library on Saturday.\n"
    "Volunteers carried two thousand donated books up the hill to the old customs house.\n"
)
OTHER_BODY = (
    "Ferry timetable changes for the winter\n\n"
    "The island ferry will run four crossings a day from the first frost until spring.\n"
    "Passengers with bicycles are asked to arrive twenty minutes early.\n"
)
NOBODY = 65534


def ingest(*paths) -> tuple[int, str, str]:
    """Run the real command: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def total(*, stored=0, unchanged=0, failed=0, warnings=0, skipped=0) -> str:
    return MSG_SUMMARY_TOTAL.format(
        stored=stored, unchanged=unchanged, failed=failed, warnings=warnings, skipped=skipped
    )


def warning_lines(err: str) -> list[str]:
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def article(name: str) -> models.Article:
    return models.Article.objects.get(source_name=name)


@pytest.mark.parametrize("value", ["2025-02-31", "0001-01-01", "1799-12-31", "2025-13"])
def test_impossible_date_line_is_a_warning_naming_file_and_line(tmp_path, value):
    path = tmp_path / "library.txt"
    path.write_text(f"\n date {value}\n{BODY}", encoding="utf-8")  # the date is on line 2

    code, out, err = ingest(path)

    assert code == 0
    assert warning_lines(err) == [
        f"{path}, line 2: the date line {value!r} is not a possible date (a real day, month "
        "or year from 1800 on); the article is stored without a date"
    ]
    assert total(stored=1, warnings=1) in out
    stored = article("library.txt")
    assert stored.published is None
    assert stored.status != models.ArticleStatus.FAILED


def test_date_after_today_is_not_the_articles_date(tmp_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (tmp_path / "far.txt").write_text(f" date 2199-06-01\n{BODY}", encoding="utf-8")
    (tmp_path / "soon.txt").write_text(f" date {tomorrow.isoformat()}\n{OTHER_BODY}")

    code, out, err = ingest(tmp_path)

    assert code == 0
    today = dt.date.today().isoformat()
    assert warning_lines(err) == [
        f"{tmp_path / 'far.txt'}, line 1: the date '2199-06-01' is after today ({today}); "
        "it is not taken as the article's date",
        f"{tmp_path / 'soon.txt'}, line 1: the date '{tomorrow.isoformat()}' is after today "
        f"({today}); it is not taken as the article's date",
    ]
    assert total(stored=2, warnings=2) in out
    assert article("far.txt").published is None
    assert article("soon.txt").published is None
    # No record is dated from the refused date line either.
    assert not models.Visit.objects.filter(start__year__gte=2198).exists()


def test_json_lines_date_after_today_names_the_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": BODY, "date": "2024-06-03"},
        {"id": "b", "text": OTHER_BODY, "date": "2188-01-09"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")

    code, out, err = ingest(path)

    assert code == 0
    assert len(warning_lines(err)) == 1
    assert warning_lines(err)[0].startswith(f"{path}, line 2: the date '2188-01-09' is after")
    assert article("feed.jsonl#a").published == dt.date(2024, 6, 3)
    assert article("feed.jsonl#b").published is None
    assert total(stored=2, warnings=1) in out


def test_today_itself_is_a_valid_article_date(tmp_path):
    today = dt.date.today()
    (tmp_path / "now.txt").write_text(f" date {today.isoformat()}\n{BODY}", encoding="utf-8")

    code, out, err = ingest(tmp_path / "now.txt")

    assert code == 0
    assert warning_lines(err) == []
    assert article("now.txt").published == today
    assert total(stored=1) in out


@pytest.mark.parametrize(
    ("line", "day", "precision"),
    [
        (" date 2025-05", dt.date(2025, 5, 1), "month"),
        (" date 2019", dt.date(2019, 1, 1), "year"),
        (" date 2023-08-17", dt.date(2023, 8, 17), "day"),
    ],
)
def test_partial_date_line_is_stored_with_its_precision(tmp_path, line, day, precision):
    path = tmp_path / "partial.txt"
    path.write_text(f"{line}\n{BODY}", encoding="utf-8")

    code, out, err = ingest(path)

    assert code == 0
    assert warning_lines(err) == []
    stored = article("partial.txt")
    assert (stored.published, stored.published_precision) == (day, precision)


def test_json_month_only_date_is_stored_with_month_precision(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": BODY, "date": "2024-03"}), encoding="utf-8")

    code, out, err = ingest(path)

    assert code == 0
    stored = article("one.json")
    assert (stored.published, stored.published_precision) == (dt.date(2024, 3, 1), "month")


def test_reextract_keeps_a_month_only_date_at_month_precision(tmp_path):
    path = tmp_path / "partial.txt"
    path.write_text(f" date 2025-04\n{BODY}", encoding="utf-8")
    ingest(path)

    code, out, err = ingest("--reextract")

    assert code == 0
    stored = article("partial.txt")
    assert (stored.published, stored.published_precision) == (dt.date(2025, 4, 1), "month")


def test_files_of_other_suffixes_in_a_folder_are_skipped_with_one_warning_each(tmp_path):
    (tmp_path / "good.txt").write_text(f" date 2024-02-02\n{BODY}", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (tmp_path / "README").write_text("notes for whoever collects the files")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")  # hidden: passed over in silence

    code, out, err = ingest(tmp_path)

    assert code == 0
    assert warning_lines(err) == [
        f"{tmp_path / 'README'}: skipped: a file without a suffix is not read; ingest reads "
        ".txt, .json, .jsonl, .html, .htm files",
        f"{tmp_path / 'scan.pdf'}: skipped: a .pdf file is not read; ingest reads "
        ".txt, .json, .jsonl, .html, .htm files",
    ]
    assert "DS_Store" not in err
    assert total(stored=1, warnings=2, skipped=2) in out
    assert list(models.Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_file_of_unknown_suffix_named_directly_fails_and_is_not_parsed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    odd = tmp_path / "feed.md"
    # Valid JSON Lines inside: it must not be read as such because of its suffix.
    odd.write_text(json.dumps({"text": OTHER_BODY}) + "\n", encoding="utf-8")

    code, out, err = ingest(odd, good)

    assert code == 1
    assert (
        f"{odd}: a .md file is not read; ingest reads .txt, .json, .jsonl, .html, .htm files" in err
    )
    assert "1 failure(s):" in err
    assert total(stored=1, failed=1) in out
    assert list(models.Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_html_file_named_directly_is_read_as_a_page(tmp_path):
    page = tmp_path / "story.HTML"
    page.write_text(f"<html><body><article><p>{BODY}</p></article></body></html>")

    code, out, err = ingest(page)

    assert code == 0, err
    article = models.Article.objects.get()
    assert (article.source_name, article.raw_kind) == ("story.HTML", "html")
    assert "opened a public library on Saturday" in article.text


@contextlib.contextmanager
def without_root(tmp_path):
    """Run as an ordinary user, so that permissions apply (root reads everything).

    The folders above tmp_path are private to root: let the user pass through
    them for the time of the test, then put their modes back.
    """
    if os.geteuid() != 0:
        yield
        return
    # The folders above tmp_path are shared by the pytest-xdist workers: one worker
    # putting their modes back while another runs as nobody fails the other. One at a time.
    with open("/tmp/diplomacy-tests-without-root.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        chain = [tmp_path, *[p for p in tmp_path.parents if str(p).startswith("/tmp/")]]
        modes = {p: stat.S_IMODE(p.stat().st_mode) for p in chain}
        for p, mode in modes.items():
            p.chmod(mode | stat.S_IXGRP | stat.S_IXOTH)  # the group stays root's
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)
            for p, mode in modes.items():
                p.chmod(mode)


def test_unreadable_folder_and_file_fail_named_and_the_rest_is_stored(tmp_path):
    top = tmp_path / "in"
    locked = top / "locked"
    locked.mkdir(parents=True)
    (top / "good.txt").write_text(BODY, encoding="utf-8")
    (locked / "inside.txt").write_text(OTHER_BODY, encoding="utf-8")
    secret = top / "secret.txt"
    secret.write_text(OTHER_BODY.replace("four", "three"), encoding="utf-8")
    # As root first: the pipeline, codecs and lazy imports are loaded while the
    # standard library (under /root) is still readable.
    assert ingest(top / "good.txt")[0] == 0
    locked.chmod(0)
    secret.chmod(0)
    try:
        with without_root(tmp_path):
            code, out, err = ingest(top)
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)

    assert code == 1
    assert (
        f"{locked}: cannot read this folder (Permission denied); nothing in it was ingested" in err
    )
    assert f"{secret}: Permission denied" in err
    assert "2 failure(s):" in err
    assert total(unchanged=1, failed=2) in out
    assert article("good.txt").status != models.ArticleStatus.FAILED
    assert not models.Article.objects.filter(source_name="locked/inside.txt").exists()


def test_summary_counts_stored_unchanged_failed_warnings_and_skipped(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(f" date 2024-09-30\n{BODY}", encoding="utf-8")
    (folder / "b.txt").write_text(f" date 2024-02-30\n{OTHER_BODY}", encoding="utf-8")
    (folder / "c.pdf").write_text(f"<p>{BODY}</p>")
    (folder / "empty.json").write_text("   ")

    code, out, err = ingest(folder)

    assert code == 1  # the empty file is a failure; the others are warnings
    assert total(stored=2, failed=1, warnings=2, skipped=1) in out
    assert out.strip().splitlines()[-1] == total(stored=2, failed=1, warnings=2, skipped=1)
    assert "2 warning(s):" in err

    (folder / "empty.json").unlink()
    code, out, err = ingest(folder)

    assert code == 0  # warnings only
    assert total(unchanged=2, warnings=2, skipped=1) in out
