"""Several articles in one transaction under one lock (issue 15: fewer round trips an
article), and still: one failing article never takes the others down, and an ingest
stopped in the middle of a batch keeps nothing half-stored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.four_trips import trips_write
from visits import models
from visits.services import runner
from visits.services.runner import ingest_paths
from visits.services.writer import ArticleWriter

pytestmark = pytest.mark.django_db(transaction=True)


def _locks(queries) -> int:
    return sum("pg_advisory_xact_lock" in q["sql"] for q in queries)


def test_a_batch_of_articles_is_stored_under_one_lock(tmp_path):
    trips_write(tmp_path)
    with CaptureQueriesContext(connection) as run:
        stats = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert stats.articles["new"] == 4 and stats.failures == []
    assert _locks(run.captured_queries) == 1  # one transaction for the four
    assert models.Visit.objects.count() == 4
    assert models.Article.objects.filter(status="extracted").count() == 4


def _failing_for(monkeypatch, title_start):
    """The writer meets a database error for one article: its transaction is aborted."""
    real = ArticleWriter.write

    def write(self):
        if self.article.title.startswith(title_start):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 / 0")
        return real(self)

    monkeypatch.setattr(ArticleWriter, "write", write)


def test_one_failing_article_never_takes_the_others_of_its_batch_down(tmp_path, monkeypatch):
    trips_write(tmp_path)
    _failing_for(monkeypatch, "Narendra Modi")  # the third of four, in one batch
    with CaptureQueriesContext(connection) as run:
        stats = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)

    assert dict(stats.articles) == {"new": 3, "failed": 1}  # counted once each
    assert len(stats.failures) == 1
    assert "a2.txt" in stats.failures[0] and "could not be stored" in stats.failures[0]
    assert "division by zero" in stats.failures[0]
    assert stats.records["created"] == 6  # three visits, three meetings: not twice
    states = dict(models.Article.objects.values_list("source_name", "status"))
    assert states == {
        "a0.txt": "extracted",
        "a1.txt": "extracted",
        "a2.txt": "failed",
        "a3.txt": "extracted",
    }
    hosts = sorted(models.Visit.objects.values_list("host_country_id", flat=True))
    assert hosts == ["AU", "IN", "MY"]
    # The batch was tried once whole, then article by article (and the failure noted).
    assert _locks(run.captured_queries) >= 1 + 4


def test_an_ingest_stopped_in_a_batch_keeps_nothing_of_that_batch(tmp_path, monkeypatch):
    trips_write(tmp_path)
    monkeypatch.setattr(runner, "BATCH", 2)  # two batches of two
    real = ArticleWriter.write

    def write(self):
        if self.article.title.startswith("Anwar Ibrahim"):  # the last article
            raise KeyboardInterrupt
        return real(self)

    monkeypatch.setattr(ArticleWriter, "write", write)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)

    # The first batch is stored; of the second, not even the article before the stop.
    stored = sorted(models.Article.objects.values_list("source_name", flat=True))
    assert stored == ["a0.txt", "a1.txt"]
    assert sorted(models.Visit.objects.values_list("host_country_id", flat=True)) == [
        "IN",
        "MY",
    ]
    monkeypatch.setattr(ArticleWriter, "write", real)
    again = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert (again.articles["unchanged"], again.articles["new"]) == (2, 2)
    assert models.Visit.objects.count() == 4


def _history():
    """Each record's history as its rows say it, without ids and times."""
    visits = models.Visit.history.order_by("history_id").values_list(
        "history_type", "visitor_country_id", "host_country_id", "start", "kind", "confidence"
    )
    meetings = models.Meeting.history.order_by("history_id").values_list(
        "history_type", "country_id", "date", "kind", "city"
    )
    return list(visits), list(meetings)


def test_a_batchs_history_rows_are_written_together_and_as_one_by_one(tmp_path, monkeypatch):
    trips_write(tmp_path)
    monkeypatch.setattr(runner, "BATCH", 1)  # article by article, rows written as saved
    assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["new"] == 4
    one_by_one = _history()
    assert len(one_by_one[0]) >= 4 and len(one_by_one[1]) >= 4
    for model in (models.Evidence, models.Participation, models.Meeting, models.Visit):
        model.objects.all().delete()
    models.Article.objects.all().delete()
    models.Visit.history.all().delete()
    models.Meeting.history.all().delete()

    monkeypatch.setattr(runner, "BATCH", 100)
    with CaptureQueriesContext(connection) as run:
        assert ingest_paths(paths=[str(tmp_path)], max_bytes=10**6).articles["new"] == 4
    assert _history() == one_by_one
    inserts = [q["sql"] for q in run.captured_queries if q["sql"].startswith("INSERT")]
    assert sum('"visits_historicalvisit"' in sql for sql in inserts) == 1
    assert sum('"visits_historicalmeeting"' in sql for sql in inserts) == 1
    # Each visit's last history row is what the visit holds now.
    for visit in models.Visit.objects.all():
        last = visit.history.order_by("-history_id").first()
        assert (last.start, last.kind, last.confidence) == (
            visit.start,
            visit.kind,
            visit.confidence,
        )


def test_a_batch_rolled_back_leaves_no_history_rows(tmp_path, monkeypatch):
    trips_write(tmp_path)
    real = ArticleWriter.write

    def write(self):
        if self.article.title.startswith("Anwar Ibrahim"):  # the last of the batch
            raise KeyboardInterrupt
        return real(self)

    monkeypatch.setattr(ArticleWriter, "write", write)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert models.Visit.objects.count() == 0
    assert models.Visit.history.count() == 0 and models.Meeting.history.count() == 0
