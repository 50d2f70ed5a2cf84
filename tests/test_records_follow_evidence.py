"""A record's fields follow from the evidence that supports it now (issue 9 items 1, 4, 6):
changing an article and restoring it, re-extracting, and re-extracting after an
editor's merge all leave exactly the records a clean ingest makes."""

import shutil

import pytest

from tests.factories import ingest
from visits import models
from visits.services.editing import leaders_merge, visits_merge

SEEDS = "seeds"
MALAYSIA = "000_9547ecbb4defab97.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> list:
    """Every record, described without primary keys."""
    out = []
    for v in models.Visit.objects.select_related("visitor_leader"):
        out.append(
            (
                "visit",
                v.visitor_country_id,
                v.host_country_id,
                v.visitor_leader.name if v.visitor_leader else "",
                v.kind,
                str(v.start),
                str(v.end),
                v.year_settled,
                tuple(v.cities),
                tuple(sorted(set(v.evidence.values_list("article__source_name", flat=True)))),
            )
        )
    for m in models.Meeting.objects.select_related("visit"):
        out.append(
            (
                "meeting",
                m.kind,
                str(m.date),
                m.year_settled,
                str(m.visit.start) if m.visit else "",
                tuple(sorted(m.participants.values_list("name", flat=True))),
                tuple(sorted(set(m.evidence.values_list("article__source_name", flat=True)))),
            )
        )
    for a in models.Agreement.objects.select_related("visit"):
        out.append(
            (
                "agreement",
                a.kind,
                a.level_id or "",
                str(a.date),
                a.title,
                str(a.visit.start) if a.visit else "",
                tuple(sorted(set(a.evidence.values_list("article__source_name", flat=True)))),
            )
        )
    return sorted(out)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_changing_an_article_then_restoring_it_gives_the_records_of_a_clean_ingest(seeds):
    ingest(seeds)
    clean = snapshot()
    report = seeds / MALAYSIA
    original = report.read_text()
    assert "On the afternoon of November 21," in original
    report.write_text(
        original.replace("On the afternoon of November 21,", "On the afternoon of March 5, 2019,")
    )
    ingest(seeds)
    changed = snapshot()
    assert changed != clean
    # The changed report leaves the November 2024 visit: what the others say of it holds.
    november = models.Visit.objects.get(host_country="MY", start__year=2024)
    assert november.start.isoformat() >= "2024-11-20"
    assert {e.article.source_name for e in november.evidence.all()} >= {
        "001_e9abc7ab3590b158.txt",
        "002_2ca38e61a5aac0ee.txt",
    }
    assert not november.meetings.filter(date__year=2019).exists()

    report.write_text(original)
    ingest(seeds)
    assert snapshot() == clean
    ingest("--reextract")
    assert snapshot() == clean


def test_reextract_straight_after_an_ingest_changes_nothing(seeds, tmp_path):
    for extra in ("sg_talks.txt", "cl_upgrade.txt", "vi_call.txt"):
        shutil.copy(f"tests/articles/{extra}", seeds / extra)
    ingest(seeds)
    before = snapshot()
    ingest("--reextract")
    assert snapshot() == before


def test_a_meeting_read_before_its_visit_joins_the_visit_in_any_order(tmp_path):
    """A meeting reported alone, then the visit it was part of: the meeting joins the
    visit as it would had the visit come first, and re-extraction keeps it so."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "talks.txt").write_text(
        " date 2025-06-12\nTwo prime ministers talk trade\n\n"
        "Prime Minister Pham Minh Chinh held talks with Prime Minister Lawrence Wong "
        "in Singapore on June 11. They spoke about undersea cables and clean energy.\n"
    )
    (tmp_path / "b" / "visit.txt").write_text(
        " date 2025-06-13\nA visit to Singapore ends\n\n"
        "Prime Minister Pham Minh Chinh paid an official visit to Singapore from June 10 "
        "to 12 at the invitation of Prime Minister Lawrence Wong.\n"
    )
    ingest(tmp_path / "a")
    ingest(tmp_path / "b")
    meeting = models.Meeting.objects.get(participants__name="Lawrence Wong")
    visit = models.Visit.objects.get(host_country="SG")
    assert meeting.visit_id == visit.pk
    before = snapshot()
    ingest("--reextract")
    assert snapshot() == before


def test_merging_visits_then_reextracting_changes_nothing(seeds):
    ingest(seeds)
    shutil.copy("tests/articles/sg_talks.txt", seeds / "sg_talks.txt")
    ingest(seeds)
    visits = list(models.Visit.objects.filter(visitor_country="VN").order_by("start"))
    assert len(visits) >= 2
    kept = visits_merge(into=visits[0], others=visits[1:])
    assert models.Visit.objects.filter(visitor_country="VN").count() == 1
    merged = snapshot()
    ingest("--reextract")
    assert snapshot() == merged
    kept.refresh_from_db()
    assert kept.evidence.exists()


def test_merging_leaders_then_reextracting_deletes_nothing_and_changes_nothing(seeds):
    ingest(seeds)
    meeting = (
        models.Meeting.objects.filter(participation__isnull=False)
        .exclude(visit=None)
        .order_by("pk")
        .first()
    )
    a, b = sorted(meeting.participants.all(), key=lambda p: p.pk)[:2]
    counts = (models.Visit.objects.count(), models.Meeting.objects.count())
    leaders_merge(into=a, others=[b])
    merged = snapshot()
    ingest("--reextract")
    assert snapshot() == merged
    assert (models.Visit.objects.count(), models.Meeting.objects.count()) == counts


def test_a_report_without_days_of_its_own_joins_the_visit_it_trails(tmp_path):
    """Published six days after a visit, a report that gives no day is of that visit."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text(
        " date 2025-06-12\nA prime minister in Singapore\n\n"
        "Prime Minister Pham Minh Chinh paid an official visit to Singapore from June 10 "
        "to 12 at the invitation of Prime Minister Lawrence Wong.\n"
    )
    (tmp_path / "b" / "two.txt").write_text(
        " date 2025-06-18\nAfter the visit\n\n"
        "The official visit to Singapore by Prime Minister Pham Minh Chinh opened a new "
        "chapter for trade between the two countries, officials said.\n"
    )
    ingest(tmp_path / "a")
    ingest(tmp_path / "b")
    visit = models.Visit.objects.get()
    assert (str(visit.start), str(visit.end)) == ("2025-06-10", "2025-06-12")
    assert {e.article.source_name for e in visit.evidence.all()} == {"one.txt", "two.txt"}
    before = snapshot()
    ingest("--reextract")
    assert snapshot() == before
