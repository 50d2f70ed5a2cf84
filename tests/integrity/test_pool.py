"""The integrity harness's pool and checks on their own: every article reads, the
second versions differ, and a clean ingest of the pool passes every check."""

import pytest

from tests.integrity import world
from visits import models


@pytest.mark.parametrize("article", world.ARTICLES)
def test_every_article_has_two_different_versions(article):
    first, second = (world.version_text(article=article, version=v) for v in world.VERSIONS)
    assert first.strip() and second.strip()
    assert first != second


@pytest.mark.django_db
def test_a_clean_ingest_of_the_pool_passes_every_check(tmp_path):
    folder = world.Folder(root=tmp_path)
    for article in world.ARTICLES:
        folder.write(article=article, version=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cl_visit.txt",
        "digest.jsonl",
        "nz_arrival.txt",
        "nz_talks.txt",
        "nz_vi.txt",
    ]
    folder.ingest()
    assert models.Article.objects.count() == 6
    trip = models.Visit.objects.get(host_country="NZ")
    assert (str(trip.start), str(trip.end)) == ("2025-03-09", "2025-03-11")
    # Four reports of the one trip, in both languages, the URL-known .jsonl line among them.
    assert set(trip.evidence.values_list("article__source_name", flat=True)) == {
        "nz_talks.txt",
        "nz_arrival.txt",
        "nz_vi.txt",
        "https://example.org/news/nz-visit-ends",
    }
    assert models.Visit.objects.filter(host_country="CL").count() == 1
    assert models.Meeting.objects.filter(kind="call").count() == 1
    world.check_all([])
    world.check_ingest_again_changes_nothing(folder)
    world.check_reextract_changes_nothing()
    world.check_all([])


@pytest.mark.django_db
def test_the_snapshot_sees_an_editors_change(tmp_path):
    """The snapshot is fine enough to notice one corrected field."""
    folder = world.Folder(root=tmp_path)
    folder.write(article="cl_visit", version=1)
    folder.ingest()
    before = world.snapshot()
    visit = models.Visit.objects.get()
    correction = world.record_correct(model=models.Visit, pk=visit.pk, field="invited_by")
    world.check_corrections([correction])
    after = world.snapshot()
    assert before != after
    assert "the Governor-General" in world.describe_difference(before, after)
