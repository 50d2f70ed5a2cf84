"""A database error while storing one article undoes that article only (issue 9 item 3)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from visits import models

ARTICLES = Path(__file__).resolve().parent / "articles"

# Written for this test: a trip that no other article here reports.
NZ_TRIP = """ date 2025-02-20
Vietnamese Prime Minister begins a visit to New Zealand

Prime Minister Pham Minh Chinh arrived in Wellington on February 19 for an official visit
to New Zealand, at the invitation of Prime Minister Christopher Luxon.

On February 20 the two prime ministers held talks in Wellington and agreed to lift
two-way trade and to open more direct flights between the two countries.
"""

FAILING = "nz_trip.txt"
TRIGGER = f"""
CREATE FUNCTION test_refuse_evidence() RETURNS trigger AS $$
BEGIN
    IF (SELECT source_name FROM visits_article WHERE id = NEW.article_id) = '{FAILING}' THEN
        RAISE EXCEPTION 'evidence refused for %', '{FAILING}';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER test_refuse_evidence BEFORE INSERT ON visits_evidence
    FOR EACH ROW EXECUTE FUNCTION test_refuse_evidence();
"""


def _records() -> int:
    return (
        models.Visit.objects.count()
        + models.Meeting.objects.count()
        + models.Agreement.objects.count()
    )


@pytest.mark.django_db
def test_a_database_error_in_one_article_rolls_back_that_article_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sg_talks.txt", "cl_upgrade.txt"):
        (folder / name).write_text((ARTICLES / name).read_text(encoding="utf-8"), "utf-8")
    (folder / FAILING).write_text(NZ_TRIP, encoding="utf-8")
    # A real error from PostgreSQL, raised after the article row and its visit are
    # written, when the first sentence of evidence goes in.
    with connection.cursor() as cursor:
        cursor.execute(TRIGGER)

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("ingest", str(folder), stdout=out, stderr=err)

    assert exit_.value.code == 1
    failing = str(folder / FAILING)
    assert f"{failing}: could not be stored:" in err.getvalue()
    assert f"evidence refused for {FAILING}" in err.getvalue()
    assert "1 failure(s)" in out.getvalue()
    # The others landed, with their records and evidence.
    good = models.Article.objects.exclude(source_name=FAILING)
    assert sorted(good.values_list("source_name", flat=True)) == ["cl_upgrade.txt", "sg_talks.txt"]
    assert all(a.status == models.ArticleStatus.EXTRACTED for a in good)
    assert models.Visit.objects.filter(host_country_id="SG").exists()
    assert models.Agreement.objects.filter(evidence__article__source_name="cl_upgrade.txt").exists()
    # The failing one: a failure noted, nothing of what it read.
    article = models.Article.objects.get(source_name=FAILING)
    assert article.status == models.ArticleStatus.FAILED
    assert article.content_hash is None and article.text == "" and article.title == ""
    assert FAILING in article.error
    assert not models.Evidence.objects.filter(article=article).exists()
    assert not models.Visit.objects.filter(host_country_id="NZ").exists()
    assert not models.Meeting.objects.filter(date="2025-02-20").exists()


@pytest.mark.django_db
def test_the_same_folder_without_the_error_stores_the_failed_article_in_full(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / FAILING).write_text(NZ_TRIP, encoding="utf-8")
    (folder / "sg_talks.txt").write_text(
        (ARTICLES / "sg_talks.txt").read_text(encoding="utf-8"), "utf-8"
    )
    with connection.cursor() as cursor:
        cursor.execute(TRIGGER)
    with pytest.raises(SystemExit):
        call_command("ingest", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    before = _records()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER test_refuse_evidence ON visits_evidence")

    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=io.StringIO())

    # The next run retries the failed article and stores it whole.
    article = models.Article.objects.get(source_name=FAILING)
    assert article.status == models.ArticleStatus.EXTRACTED
    assert article.evidence.exists()
    assert models.Visit.objects.filter(host_country_id="NZ", evidence__article=article).exists()
    assert _records() > before
    assert "1 unchanged" in out.getvalue()
