"""`manage.py ingest` and `manage.py export`, end to end on the real database."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from visits import models
from visits.management.commands.ingest import MSG_DRY_RUN
from visits.services.editing import record_correct, record_delete, visit_merge

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"

pytestmark = pytest.mark.django_db


def ingest(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def counts() -> dict[str, int]:
    return {
        "visits": models.Visit.objects.count(),
        "meetings": models.Meeting.objects.count(),
        "agreements": models.Agreement.objects.count(),
        "evidence": models.Evidence.objects.count(),
        "leaders": models.Leader.objects.count(),
        "articles": models.Article.objects.count(),
    }


def copy(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(ARTICLES / name, folder / name)
    return folder


def test_seeds_give_one_visit_per_trip_with_every_report_as_source():
    out, err, code = ingest(SEEDS)
    assert code == 0, err
    malaysia = models.Visit.objects.filter(visitor_country="VN", host_country="MY")
    assert malaysia.count() == 1
    visit = malaysia.get()
    names = {a.source_name for a in visit.sources.all()}
    assert names == {
        "000_9547ecbb4defab97.txt",
        "001_e9abc7ab3590b158.txt",
        "002_2ca38e61a5aac0ee.txt",
    }
    # The two undated reports take their year from the dated one.
    assert visit.year_settled and visit.start.year == 2024
    assert models.Visit.objects.filter(visitor_country="VN", host_country="KZ").count() == 1
    # Tô Lâm is one leader however spelt.
    assert models.Leader.objects.matching_name("To Lam").count() == 1


def test_reingesting_unchanged_articles_changes_nothing():
    ingest(SEEDS)
    before = counts()
    out, _, code = ingest(SEEDS)
    assert code == 0
    assert "5 unchanged" in out
    assert counts() == before


def test_a_changed_file_replaces_what_its_earlier_version_produced(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    assert models.Visit.objects.filter(host_country="SG").count() == 1
    shutil.copy(ARTICLES / "sg_talks_changed.txt", folder / "sg_talks.txt")
    out, _, code = ingest(folder)
    assert code == 0 and "1 changed" in out
    assert models.Visit.objects.filter(host_country="SG").count() == 0
    assert models.Visit.objects.filter(host_country="ID").count() == 1
    assert models.Article.objects.count() == 1


def test_an_article_with_no_diplomatic_content_is_stored_without_records(tmp_path):
    out, _, code = ingest(copy(tmp_path, "no_content.txt"))
    assert code == 0
    assert "(1 without diplomatic content)" in out
    article = models.Article.objects.get()
    assert article.status == models.ArticleStatus.NO_CONTENT
    assert counts()["visits"] == counts()["meetings"] == 0


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("cp1258.txt", "Thành Đà".encode("cp1258"), "UTF-8"),
        ("utf16.txt", "Hội đàm".encode("utf-16"), "UTF-16"),
        ("page.txt", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "HTML"),
        ("notext.json", b'{"title": "No body here", "date": "2025-01-01"}', "text"),
        ("broken.json", b'{"text": "unterminated', "invalid JSON"),
    ],
)
def test_bad_input_is_named_and_the_good_articles_still_land(tmp_path, name, content, reason):
    folder = copy(tmp_path, "sg_talks.txt")
    (folder / name).write_bytes(content)
    out, err, code = ingest(folder)
    assert code != 0
    assert name in err and reason in err
    assert models.Visit.objects.filter(host_country="SG").count() == 1
    failed = models.Article.objects.get(source_name=name)
    assert failed.status == models.ArticleStatus.FAILED and reason in failed.error


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 100
    out, err, code = ingest(copy(tmp_path, "sg_talks.txt"))
    assert code != 0 and "over the limit" in err and "sg_talks.txt" in err
    assert counts()["visits"] == 0


def test_a_failed_new_version_keeps_what_the_old_one_stored(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    before = counts()
    (folder / "sg_talks.txt").write_bytes(b"\x00\x01\x02binary now")
    _, err, code = ingest(folder)
    assert code != 0 and "binary" in err
    assert counts() == before
    assert models.Article.objects.get().status == models.ArticleStatus.EXTRACTED


def test_a_path_that_does_not_exist_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nope.txt: no such file"):
        call_command("ingest", str(tmp_path / "nope.txt"), stdout=io.StringIO())


def test_dry_run_stores_nothing(tmp_path):
    out, _, code = ingest(copy(tmp_path, "sg_talks.txt"), "--dry-run")
    assert code == 0 and MSG_DRY_RUN in out and "1 new" in out
    assert counts() == dict.fromkeys(counts(), 0) | {"leaders": counts()["leaders"]}


def test_json_lines_and_parallel_workers(tmp_path):
    folder = tmp_path / "jsonl"
    folder.mkdir()
    lines = []
    for name in ("sg_talks.txt", "vi_call.txt"):
        text = (ARTICLES / name).read_text(encoding="utf-8")
        date_line, title, body = text.split("\n", 2)
        lines.append(json.dumps({"text": body, "title": title, "date": date_line.split()[-1]}))
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err, code = ingest(folder, "--workers", "2")
    assert code == 0, err
    # A line is known by its content hash (no "id" field), never its line number.
    names = {a.source_name for a in models.Article.objects.all()}
    assert len(names) == 2 and all(n.startswith("batch.jsonl#") for n in names), names
    assert not names & {"batch.jsonl#1", "batch.jsonl#2"}
    assert models.Meeting.objects.filter(kind="call").count() == 1


def test_editor_corrections_survive_reingest_and_reextract(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    visit = models.Visit.objects.get(host_country="SG")
    visit.kind, visit.cities = "working", ["Singapore City"]
    record_correct(record=visit)
    leader = models.Leader.objects.get(name_key="lawrence wong")
    leader.name = "Lawrence Wong Shyun Tsai"
    record_correct(record=leader)
    # The same article, then a changed version of it, then the current extractor again.
    ingest(folder)
    (folder / "sg_talks.txt").write_text(
        (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8")
        + "\nThey also discussed tourism.\n",
        encoding="utf-8",
    )
    ingest(folder)
    ingest("--reextract")
    visit = models.Visit.objects.get(host_country="SG")
    assert visit.kind == "working" and visit.cities == ["Singapore City"]
    assert models.Leader.objects.get(pk=leader.pk).name == "Lawrence Wong Shyun Tsai"
    assert models.Visit.objects.filter(host_country="SG").count() == 1


def test_a_record_an_editor_deleted_is_not_recreated(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    record_delete(record=models.Visit.objects.get(host_country="SG"))
    out, _, _ = ingest("--reextract")
    assert models.Visit.objects.filter(host_country="SG").count() == 0
    assert "1 not recreated" in out


def test_visits_an_editor_merged_stay_merged(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    kept = models.Visit.objects.get(host_country="SG")
    # A second report that the matcher would not join (dates a month apart).
    other = tmp_path / "other"
    other.mkdir()
    (other / "sg_later.txt").write_text(
        " date 2025-07-20\nA second trip\n\nPrime Minister Pham Minh Chinh paid a working visit "
        "to Singapore on July 19 and met with Prime Minister Lawrence Wong.\n",
        encoding="utf-8",
    )
    ingest(other)
    assert models.Visit.objects.filter(host_country="SG").count() == 2
    duplicate = models.Visit.objects.filter(host_country="SG").exclude(pk=kept.pk).get()
    visit_merge(into=kept, other=duplicate)
    ingest("--reextract")
    assert list(models.Visit.objects.filter(host_country="SG")) == [kept]
    assert {a.source_name for a in kept.sources.all()} == {"sg_talks.txt", "sg_later.txt"}


@pytest.mark.django_db(transaction=True)
def test_two_ingests_at_once_make_no_duplicates():
    errors = []

    def run():
        try:
            ingest(SEEDS)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert models.Article.objects.count() == 5
    assert models.Visit.objects.filter(visitor_country="VN", host_country="MY").count() == 1


def test_export_json_is_the_scorers_format():
    ingest(SEEDS)
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"visits", "meetings", "agreements"}
    visit = next(v for v in data["visits"] if v["host_country"] == "MY")
    assert visit["visitor_country"] == "VN" and visit["visitor_leader"] in ("Tô Lâm", "To Lam")
    assert "002_2ca38e61a5aac0ee.txt" in visit["sources"]
    upgrade = next(a for a in data["agreements"] if a["kind"] == "partnership_upgrade")
    assert upgrade["parties"] == ["MY", "VN"]


def test_export_csv_writes_one_file_per_record_type(tmp_path):
    ingest(SEEDS)
    call_command(
        "export", "--format", "csv", "--output", str(tmp_path / "out.zip"), stderr=io.StringIO()
    )
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == ["agreements.csv", "meetings.csv", "visits.csv"]
        visits = archive.read("visits.csv").decode()
    assert visits.splitlines()[0].startswith("id,visitor_country,host_country")
    assert "VN,MY" in visits
    with pytest.raises(CommandError, match="--output"):
        call_command("export", "--format", "csv")


def test_upgrade_in_an_article_updates_the_pairs_level_from_its_date_on(tmp_path):
    def level(day):
        row = models.Partnership.objects.for_pair("VN", "CL").at(day).first()
        return row.level_id if row else None

    assert level(dt.date(2025, 12, 1)) is None
    _, err, code = ingest(copy(tmp_path, "cl_upgrade.txt"))
    assert code == 0, err
    assert level(dt.date(2025, 8, 4)) is None
    assert level(dt.date(2025, 8, 5)) == "strategic_partnership"
    row = models.Partnership.objects.for_pair("VN", "CL").get()
    assert row.source == "agreement" and row.agreement.kind == "partnership_upgrade"


def test_an_undated_report_settles_its_year_from_a_dated_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (ARTICLES / "cl_upgrade.txt").read_text(encoding="utf-8")
    (folder / "a_undated.txt").write_text(text.split("\n", 1)[1], encoding="utf-8")
    ingest(folder)
    visit = models.Visit.objects.get(visitor_country="CL")
    assert not visit.year_settled
    assert not models.Partnership.objects.for_pair("VN", "CL").exists()
    shutil.copy(ARTICLES / "cl_upgrade.txt", folder / "b_dated.txt")
    ingest(folder)
    visit = models.Visit.objects.get(visitor_country="CL")
    assert visit.year_settled and visit.start == dt.date(2025, 8, 5)
    assert visit.sources.count() == 2
    assert models.Partnership.objects.for_pair("VN", "CL").get().since == dt.date(2025, 8, 5)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_an_unsettled_year_is_exported_as_no_date(tmp_path):
    folder = tmp_path / "in"
    write(
        folder,
        "undated.txt",
        "Prime Minister Pham Minh Chinh held talks with Prime Minister Lawrence Wong in "
        "Singapore on June 11, during his official visit to Singapore.\n",
    )
    ingest(folder)
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    (visit,) = data["visits"]
    (meeting,) = data["meetings"]
    assert visit["year_settled"] is False and visit["start"] is None
    assert meeting["date"] is None
    # The page still shows the day, marked as such.
    assert models.Visit.objects.get().start_display.endswith("(year unsettled)")


def test_a_dated_report_without_days_joins_the_trip_reported_that_week(tmp_path):
    folder = tmp_path / "in"
    write(
        folder,
        "a.txt",
        " date 2025-06-10\nArrival\n\nPrime Minister Pham Minh Chinh arrived in Singapore on "
        "June 10, starting an official visit to Singapore.\n",
    )
    write(
        folder,
        "b.txt",
        " date 2025-06-13\nLooking back\n\nThe official visit to Singapore by Prime Minister "
        "Pham Minh Chinh strengthened trust between the two countries, officials said.\n",
    )
    ingest(folder)
    visits = models.Visit.objects.filter(visitor_country="VN", host_country="SG")
    assert visits.count() == 1
    assert visits.get().sources.count() == 2


def test_two_leaders_of_one_country_visiting_the_same_place_are_two_visits(tmp_path):
    folder = tmp_path / "in"
    write(
        folder,
        "pm.txt",
        " date 2025-06-11\nPM\n\nPrime Minister Pham Minh Chinh held talks with Prime Minister "
        "Lawrence Wong in Singapore on June 11, during his official visit to Singapore.\n",
    )
    write(
        folder,
        "na.txt",
        " date 2025-06-12\nNA\n\nNational Assembly Chairman Tran Thanh Man met with Prime "
        "Minister Lawrence Wong in Singapore on June 12, during his official visit to "
        "Singapore.\n",
    )
    ingest(folder)
    visits = models.Visit.objects.filter(visitor_country="VN", host_country="SG")
    assert {v.visitor_leader.name_key for v in visits} == {"pham minh chinh", "tran thanh man"}


def test_a_meeting_reported_on_its_own_joins_the_visit_it_happened_during(tmp_path):
    folder = tmp_path / "in"
    write(
        folder,
        "a_visit.txt",
        " date 2025-06-12\nVisit\n\nPrime Minister Pham Minh Chinh paid an official visit to "
        "Singapore from June 10 to 12.\n",
    )
    write(
        folder,
        "b_meeting.txt",
        "Meeting\n\nOn June 11, Prime Minister Pham Minh Chinh met with Singaporean President "
        "Tharman Shanmugaratnam in Singapore.\n",
    )
    ingest(folder)
    visit = models.Visit.objects.get(visitor_country="VN", host_country="SG")
    meeting = models.Meeting.objects.get()
    assert meeting.visit == visit
    assert meeting.year_settled and meeting.date == dt.date(2025, 6, 11)


def test_the_summary_counts_records_left_as_an_editor_corrected_them(tmp_path):
    folder = copy(tmp_path, "sg_talks.txt")
    ingest(folder)
    visit = models.Visit.objects.get(host_country="SG")
    assert visit.end == dt.date(2025, 6, 12)
    visit.end = dt.date(2025, 6, 11)
    record_correct(record=visit)
    out, _, _ = ingest("--reextract")
    assert "1 left as an editor corrected them" in out
    assert models.Visit.objects.get(pk=visit.pk).end == dt.date(2025, 6, 11)


def test_two_reports_of_one_signing_during_a_visit_are_one_agreement(tmp_path):
    folder = tmp_path / "in"
    write(
        folder,
        "a.txt",
        " date 2025-06-11\nTalks\n\nPrime Minister Pham Minh Chinh held talks with Prime "
        "Minister Lawrence Wong in Singapore on June 11, during his official visit to Singapore. "
        "After the talks, the two prime ministers witnessed the signing of six cooperation "
        "documents.\n",
    )
    write(
        folder,
        "b.txt",
        " date 2025-06-12\nWrap-up\n\nPrime Minister Pham Minh Chinh wrapped up his official "
        "visit to Singapore on June 12. During the visit, Viet Nam and Singapore signed "
        "cooperation documents on energy and finance.\n",
    )
    ingest(folder)
    signings = models.Agreement.objects.filter(kind="document_signing")
    assert signings.count() == 1
    assert signings.get().sources.count() == 2
