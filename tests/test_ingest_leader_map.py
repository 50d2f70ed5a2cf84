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
