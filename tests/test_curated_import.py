"""import_curated end to end on the real PostgreSQL: records, idempotence, a changed
row, editors' corrections, deletions and merges kept, and one visit for a trip that
both the news and the list tell."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ingest
from visits import models
from visits.services import editing

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "curated"


def run(path) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_curated", str(path), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "state-department"
    shutil.copytree(FIXTURES / "small", folder)
    return folder


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (models.Visit, models.Meeting, models.Article)
    }


def test_import_makes_visits_with_office_role_and_countries(data):
    out, err, code = run(data)
    assert code == 1  # one row has an impossible date, one an unknown slug
    assert "visits/2020.xml:39: visit #9004" in err
    assert "visits/2020.xml:51: visit #9005: country slug 'atlantis'" in err
    assert "Rows: 6 created, 0 updated, 0 unchanged, 2 failed" in out

    nz = models.Visit.objects.get(visitor_country="NZ", host_country="US")
    assert nz.visitor_leader.name == "Aroha Tanewaka"
    assert (nz.visitor_office, nz.visitor_role, nz.kind) == ("Prime Minister", "head", "official")
    assert (nz.start, nz.end, nz.start_precision) == (
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 5),
        "day",
    )
    hawaii = models.Visit.objects.get(visitor_country="QH")
    assert hawaii.host_country_id == "US" and hawaii.start.year == 1876
    assert models.Visit.objects.get(visitor_country="WS").kind == "summit"

    japan = models.Visit.objects.get(visitor_country="US", host_country="JP")
    assert japan.visitor_leader.name == "Marta Jane Quill"
    assert (japan.visitor_office, japan.visitor_role) == ("Secretary of State", "minister")
    assert japan.cities == ["Tokyo", "Osaka"]
    president = models.Visit.objects.get(host_country="MY")
    assert (president.visitor_role, president.kind) == ("head", "state")
    assert models.Visit.objects.filter(host_country="SU").exists()  # Moscow, 1989


def test_meetings_come_from_the_trips_remarks(data):
    run(data)
    japan = models.Visit.objects.get(host_country="JP")
    met = {
        frozenset(p.leader.name for p in m.participation_set.all())
        for m in japan.meetings.prefetch_related("participation_set__leader")
    }
    assert met == {
        frozenset({"Marta Jane Quill", "Hiroto Sanjo"}),
        frozenset({"Marta Jane Quill", "Emi Kawabata"}),
    }
    assert all(m.date is None for m in japan.meetings.all())  # a three-day trip
    moscow = models.Visit.objects.get(host_country="SU")
    assert moscow.meetings.count() == 3  # "President Sorin": a surname only, no meeting
    kamm = models.Leader.objects.get(name="Dieter Kamm")
    assert kamm.country_id == "DE"
    assert {m.date for m in moscow.meetings.all()} == {dt.date(1989, 6, 5)}


def test_provenance_names_the_row_and_links_the_offices_page(data):
    run(data)
    nz = models.Visit.objects.get(visitor_country="NZ")
    article = nz.sources.get()
    assert article.source_name == "state-department/visits#9001"
    assert article.kind == "curated"
    assert article.url == "https://history.state.gov/departmenthistory/visits/new-zealand"
    # The visits' and the trips' ids overlap: (dataset, id) keeps them apart.
    assert models.Article.objects.filter(source_name="state-department/travels#9001").exists()


def test_importing_again_changes_nothing(data):
    run(data)
    before = snapshot()
    out, _, _ = run(data)
    assert "Rows: 0 created, 0 updated, 6 unchanged, 2 failed" in out
    assert snapshot() == before


def test_a_changed_row_updates_its_records(data):
    run(data)
    path = data / "visits" / "2020.xml"
    path.write_text(
        path.read_text().replace(
            "<end-date>2025-03-05</end-date>", "<end-date>2025-03-07</end-date>"
        )
    )
    out, _, _ = run(data)
    assert "Rows: 0 created, 1 updated, 5 unchanged" in out
    nz = models.Visit.objects.get(visitor_country="NZ")
    assert nz.end == dt.date(2025, 3, 7)
    assert models.Visit.objects.filter(visitor_country="NZ").count() == 1


def test_corrections_deletions_and_merges_survive_a_reimport(data):
    run(data)
    nz = models.Visit.objects.get(visitor_country="NZ")
    nz.kind = "state"
    editing.record_correct(record=nz)
    hawaii = models.Visit.objects.get(visitor_country="QH")
    editing.record_delete(record=hawaii)
    quill = models.Visit.objects.filter(visitor_leader__name="Marta Jane Quill")
    japan, moscow = quill.get(host_country="JP"), quill.get(host_country="SU")
    # Not the same trip, but an editor may merge what they like: it stays merged.
    kept = editing.visit_merge(into=japan, other=moscow)

    path = data / "visits" / "2020.xml"
    path.write_text(path.read_text().replace("Official working visit.", "Working visit."))
    path = data / "travels" / "secretary-travels" / "quill-marta-jane.xml"
    path.write_text(path.read_text().replace("Attended a trade", "Attended a farm"))
    run(data)
    run(data)

    nz.refresh_from_db()
    assert nz.kind == "state" and "kind" in nz.corrected_fields
    assert not models.Visit.objects.filter(visitor_country="QH").exists()
    assert models.Visit.objects.filter(visitor_leader__name="Marta Jane Quill").count() == 1
    assert models.Visit.objects.filter(pk=kept.pk).exists()
    assert not models.Visit.objects.filter(host_country="SU").exists()


def test_a_trip_told_by_the_news_and_the_list_is_one_visit_showing_both(data, client):
    ingest(FIXTURES / "news")
    news = models.Visit.objects.get(visitor_country="NZ", host_country="US")
    assert (news.kind, news.end) == ("state", dt.date(2025, 3, 6))
    run(data)
    visit = models.Visit.objects.get(visitor_country="NZ", host_country="US")
    assert visit.pk == news.pk
    assert {a.kind for a in visit.sources.all()} == {"news", "curated"}
    # The list's days and kind are kept; the news' are shown beside them.
    assert (visit.end, visit.kind) == (dt.date(2025, 3, 5), "official")
    assert visit.disagreement == {
        "end": {"curated": "2025-03-05", "news": "2025-03-06"},
        "kind": {"curated": "official", "news": "state"},
    }


def test_a_dry_run_stores_nothing(data):
    out = io.StringIO()
    try:
        call_command("import_curated", str(data), "--dry-run", stdout=out, stderr=io.StringIO())
    except SystemExit:
        pass
    assert "Rows: 6 created" in out.getvalue() and "Dry run: nothing was stored." in out.getvalue()
    assert not models.Article.objects.filter(kind="curated").exists()
    assert not models.Visit.objects.exists()


def test_reextracting_the_news_leaves_curated_rows_alone(data):
    run(data)
    before = snapshot()
    ingest("--reextract")
    assert snapshot() == before


def test_a_folder_without_the_lists_or_no_folder_is_named(tmp_path):
    with pytest.raises(CommandError, match="no visits/ or travels/ folder"):
        call_command("import_curated", str(tmp_path))
    with pytest.raises(CommandError, match="nowhere: not a folder"):
        call_command("import_curated", str(tmp_path / "nowhere"))
