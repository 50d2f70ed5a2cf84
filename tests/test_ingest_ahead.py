"""Extraction ahead: while one batch of files is stored, the next batch is extracted in
another thread (in the time the storing waits on the database), and what is stored is
what a run extracting inline stores."""

import threading

import pytest

from tests.four_trips import TRIPS, trips_write
from visits import models
from visits.extraction import Extractor
from visits.services import runner
from visits.services.runner import Run, ingest_paths
from visits.services.sources import sources_read

pytestmark = pytest.mark.django_db(transaction=True)


def _records():
    visits = models.Visit.objects.values_list(
        "visitor_country_id", "host_country_id", "start", "visitor_leader__name"
    )
    meetings = models.Meeting.objects.values_list("country_id", "date", "city")
    return sorted(visits), sorted(meetings), models.Evidence.objects.count()


def test_the_next_batch_is_extracted_while_this_one_is_stored(tmp_path, monkeypatch):
    trips_write(tmp_path)
    monkeypatch.setattr(runner, "BATCH", 2)  # two batches of two files
    second = {"a2.txt", "a3.txt"}
    extracting_second = threading.Event()
    extracted_in = set()
    real_extract = Extractor.extract

    def extract(self, document):
        extracted_in.add(threading.get_ident())
        if document.title in {f"{t[0]} in {t[1]}" for t in TRIPS[2:]}:
            extracting_second.set()
        return real_extract(self, document)

    seen_while_storing_first = []
    real_store = runner.article_store

    def store(**kwargs):
        if kwargs["source"].name not in second and not seen_while_storing_first:
            # Storing the first batch waits until the second is being extracted: were
            # the batches extracted one after the other, this would time out.
            seen_while_storing_first.append(extracting_second.wait(timeout=60))
        return real_store(**kwargs)

    monkeypatch.setattr(Extractor, "extract", extract)
    monkeypatch.setattr(runner, "article_store", store)
    done = []
    stats = ingest_paths(
        paths=[str(tmp_path)],
        max_bytes=10**6,
        progress=lambda n, total, where: done.append(n),
    )

    assert seen_while_storing_first == [True]
    assert threading.get_ident() not in extracted_in
    assert stats.failures == []
    assert stats.articles["new"] == 4
    assert done == [2, 4]  # progress once per batch stored, in order
    assert models.Visit.objects.count() == 4


def test_ahead_or_inline_the_records_are_the_same(tmp_path):
    trips_write(tmp_path)
    sources = [
        s for p in sorted(tmp_path.glob("*.txt")) for s in sources_read(path=p, max_bytes=10**6)
    ]
    inline = Run(batch=1)  # one by one: nothing extracted ahead
    assert inline.process(sources, total=len(sources)).articles["new"] == 4
    one_by_one = _records()
    for model in (models.Evidence, models.Participation, models.Meeting, models.Visit):
        model.objects.all().delete()
    models.Article.objects.all().delete()

    ahead = Run(batch=2)
    assert ahead.process(sources, total=len(sources)).articles["new"] == 4
    assert _records() == one_by_one
    assert one_by_one[2] > 0


def test_an_extraction_that_fails_ahead_fails_its_article_only(tmp_path, monkeypatch):
    trips_write(tmp_path)
    monkeypatch.setattr(runner, "BATCH", 2)
    real_extract = Extractor.extract

    def extract(self, document):
        if document.title.startswith("Narendra Modi"):
            raise ValueError("a broken article")
        return real_extract(self, document)

    monkeypatch.setattr(Extractor, "extract", extract)
    stats = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)

    assert stats.articles["new"] == 3
    assert stats.articles["failed"] == 1
    assert len(stats.failures) == 1
    assert "a2.txt" in stats.failures[0] and "a broken article" in stats.failures[0]
    assert models.Article.objects.get(source_name="a2.txt").status == "failed"
