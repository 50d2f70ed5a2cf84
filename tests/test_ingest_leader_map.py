"""An ingest run keeps what it learnt of leaders from one article to the next (the
leaders found, and their ids through editors' merges), so an editor's merge made while
the run goes on must reach the articles stored after it."""

import pytest

from tests.factories import country
from visits import models
from visits.services.editing import leaders_merge
from visits.services.ingest import IngestStats
from visits.services.leaders import LeaderBook
from visits.services.runner import Run
from visits.services.sources import sources_read

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = """ date 2024-08-06
Anthony Albanese in India

Prime Minister Anthony Albanese held talks with Prime Minister Narendra Modi in New Delhi on
August 6, during his official visit to India.
"""
SECOND = """ date 2024-09-12
Anthony Albanese in Malaysia

Prime Minister Anthony Albanese held talks with Prime Minister Anwar Ibrahim in Kuala Lumpur
on September 12, during his official visit to Malaysia.
"""


def test_a_merge_made_during_a_run_reaches_the_next_article(tmp_path):
    (tmp_path / "a1.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(SECOND, encoding="utf-8")
    albanese = models.Leader.objects.get(name="Anthony Albanese").pk
    kept = {}

    def progress(done, total, where):
        if done == 1:  # after the first article: an editor merges him into a new record
            into = models.Leader.objects.create(name="A. N. Albanese", country=country("AU"))
            leaders_merge(into=into, others=[models.Leader.objects.get(pk=albanese)])
            kept["leader"] = into

    run = Run(progress=progress, batch=1)
    sources = [
        s for p in sorted(tmp_path.glob("*.txt")) for s in sources_read(path=p, max_bytes=10**6)
    ]
    stats = run.process(sources, total=len(sources))

    assert stats.failures == []
    assert stats.articles["new"] == 2
    assert not models.Leader.objects.filter(pk=albanese).exists()
    visits = models.Visit.objects.order_by("start")
    assert [v.host_country_id for v in visits] == ["IN", "MY"]
    assert {v.visitor_leader_id for v in visits} == {kept["leader"].pk}
    people = set(models.Participation.objects.values_list("leader_id", flat=True))
    assert albanese not in people and kept["leader"].pk in people


def test_the_map_reads_the_merges_again_only_when_they_changed(django_assert_num_queries):
    book = LeaderBook(IngestStats())
    a = models.Leader.objects.create(name="Test Person One", country=country("VN"))
    b = models.Leader.objects.create(name="Test Person Two", country=country("VN"))
    ids = book.leader_map()
    assert ids(a.pk) == a.pk
    with django_assert_num_queries(1):  # the merges' count, nothing else
        ids = book.leader_map()
        assert ids(a.pk) == a.pk
    old = a.pk
    leaders_merge(into=b, others=[a])
    ids = book.leader_map()
    assert ids(old) == b.pk
    assert ids(b.pk) == b.pk


def test_after_a_rolled_back_article_its_leaders_are_not_taken_as_there():
    book = LeaderBook(IngestStats())
    ids = book.leader_map()
    gone = models.Leader.objects.create(name="Test Person Gone", country=country("VN"))
    ids.known(gone.pk)
    assert ids(gone.pk) == gone.pk
    models.Leader.objects.filter(pk=gone.pk).delete()  # as a rollback takes it away
    book.forget()
    assert book.leader_map()(gone.pk) is None


# --- A queue worker keeps its leaders from one article of a job to the next ---

SAME_PEOPLE = """ date 2023-03-10
Albanese in India

Prime Minister Anthony Albanese held talks with Prime Minister Narendra Modi in New Delhi on
March 10, during his official visit to India.
"""
NEW_PERSON = """ date 2024-10-02
Talks in Canberra

Prime Minister Anthony Albanese held talks with Foreign Minister Zorvan Kelemen of Croatia
in Canberra on October 2, during the minister's official visit to Australia.
"""


def _items(tmp_path, texts):
    """A job of `texts` (in this order), its messages kept instead of sent."""
    from visits.services.queue import job_enqueue

    for i, text in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    sent = []
    job_enqueue(paths=[str(tmp_path)], max_bytes=10**6, send=lambda i, m: sent.append((i, m)))
    return sorted(sent, key=lambda item: item[1]["path"])


def _lookups(queries) -> int:
    """Queries that look up a person's leader (LeaderBook.get: a known leader through
    editors' merges, then by id) or whether a leader exists (LeaderMap)."""
    signs = ('"visits_mergedaway"."old_id" =', 'SELECT 1 AS "a" FROM "visits_leader"')
    return sum(any(sign in q["sql"] for sign in signs) for q in queries)


def test_a_queue_worker_looks_up_a_leader_once_per_job(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from visits.services.queue import item_ingest

    (first, second) = _items(tmp_path, [FIRST, SAME_PEOPLE])
    with CaptureQueriesContext(connection) as one:
        assert item_ingest(item_id=first[0], message=first[1]) == "new"
    with CaptureQueriesContext(connection) as two:
        assert item_ingest(item_id=second[0], message=second[1]) == "new"
    assert _lookups(one.captured_queries) >= 2  # Albanese and Modi, looked up once
    assert _lookups(two.captured_queries) == 0  # and kept for the job's next article
    assert models.Visit.objects.count() == 2
    people = set(models.Participation.objects.values_list("leader__name", flat=True))
    assert {"Anthony Albanese", "Narendra Modi"} <= people


def test_a_merge_made_during_a_job_reaches_its_next_article(tmp_path):
    from visits.services.queue import item_ingest

    (first, second) = _items(tmp_path, [FIRST, SECOND])
    albanese = models.Leader.objects.get(name="Anthony Albanese")
    assert item_ingest(item_id=first[0], message=first[1]) == "new"
    into = models.Leader.objects.create(name="A. N. Albanese", country=country("AU"))
    leaders_merge(into=into, others=[albanese])  # an editor, between two articles
    assert item_ingest(item_id=second[0], message=second[1]) == "new"
    assert models.IngestItem.objects.filter(state="failed").count() == 0
    visits = models.Visit.objects.order_by("start")
    assert [v.host_country_id for v in visits] == ["IN", "MY"]
    assert {v.visitor_leader_id for v in visits} == {into.pk}


def test_after_a_failed_queue_article_its_new_leaders_are_not_kept(tmp_path, monkeypatch):
    from visits.services import writer
    from visits.services.queue import item_ingest

    (first, second) = _items(tmp_path, [NEW_PERSON, NEW_PERSON.replace("2024", "2025")])
    real = writer.records_recompute

    def fail(**kwargs):  # after the article's leaders were created in its transaction
        raise RuntimeError("the database went away")

    monkeypatch.setattr(writer, "records_recompute", fail)
    assert item_ingest(item_id=first[0], message=first[1]) == "failed"
    assert not models.Leader.objects.filter(name="Zorvan Kelemen").exists()
    monkeypatch.setattr(writer, "records_recompute", real)
    assert item_ingest(item_id=second[0], message=second[1]) == "new"
    kelemen = models.Leader.objects.get(name="Zorvan Kelemen")
    assert models.Participation.objects.filter(leader=kelemen).exists()
