"""New rows stored BATCH at a time give the same records as rows stored one by one
through the writer: the same visits, meetings, evidence and claims, leaders and offices,
with news already stored and the same trip twice in the list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import transaction

from tests.factories import ingest
from visits import models
from visits.services.curated.store import SHIPPED, curated_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "curated"


def dataset(tmp_path) -> Path:
    folder = tmp_path / "state-department"
    shutil.copytree(FIXTURES / "small", folder)
    for name in ("president-travels/biden-joseph-r.xml", "secretary-travels/rubio-marco.xml"):
        shutil.copy(SHIPPED / "travels" / name, folder / "travels" / name)
    for name in ("1870.xml", "1880.xml"):
        shutil.copy(SHIPPED / "visits" / name, folder / "visits" / name)
    # The same trip twice, as the Office's data has it (Blinken's 3992 and 4019).
    trips = folder / "travels" / "secretary-travels"
    text = (trips / "quill-marta-jane.xml").read_text()
    (trips / "quill-again.xml").write_text(text.replace("<id>900", "<id>910"))
    return folder


def state() -> dict:
    """Everything the records say, with ids replaced by what they stand for."""
    name = dict(models.Leader.objects.values_list("pk", "name"))

    def claim(c: dict) -> dict:
        c = dict(c)
        if c.get("leader"):
            c["leader"] = name[c["leader"]]
        if c.get("participants"):
            c["participants"] = [[name[pk], office] for pk, office in c["participants"]]
        return c

    visit_key = {
        v.pk: (v.visitor_country_id, v.host_country_id, str(v.start), name.get(v.visitor_leader_id))
        for v in models.Visit.objects.all()
    }
    skip = {"id", "created_at", "updated_at", "ingested_at", "visitor_leader", "visit"}
    visits = sorted(
        (
            visit_key[v.pk],
            tuple(
                (f.name, str(getattr(v, f.attname)))
                for f in v._meta.concrete_fields
                if f.name not in skip
            ),
        )
        for v in models.Visit.objects.all()
    )
    meetings = sorted(
        (
            visit_key.get(m.visit_id),
            tuple(sorted((name[p.leader_id], p.office) for p in m.participation_set.all())),
            tuple(
                (f.name, str(getattr(m, f.attname)))
                for f in m._meta.concrete_fields
                if f.name not in skip
            ),
        )
        for m in models.Meeting.objects.prefetch_related("participation_set")
    )
    evidence = sorted(
        (
            e.article.source_name,
            e.record_key,
            e.start,
            e.end,
            e.sentence,
            str(sorted(claim(e.claim).items())),
            visit_key.get(e.visit_id),
        )
        for e in models.Evidence.objects.select_related("article")
    )
    leaders = sorted(
        models.Leader.objects.values_list("name", "country_id", "aliases", "honorific", "known")
    )
    offices = sorted(
        tuple(map(str, o))
        for o in models.Office.objects.values_list("leader__name", "kind", "title", "start")
    )
    articles = sorted(
        models.Article.objects.values_list(
            "source_name", "kind", "path", "url", "title", "text", "content_hash", "status"
        )
    )
    return {
        "visits": visits,
        "meetings": meetings,
        "evidence": evidence,
        "leaders": leaders,
        "offices": offices,
        "articles": articles,
    }


class Rollback(Exception):
    pass


def test_rows_stored_in_bulk_are_the_rows_stored_one_by_one(tmp_path):
    folder = dataset(tmp_path)
    ingest(FIXTURES / "news")
    try:
        with transaction.atomic():
            one_by_one = curated_import(path=folder, bulk=False)
            slow = state()
            raise Rollback
    except Rollback:
        pass
    assert one_by_one.rows["created"] > 50
    assert not models.Article.objects.filter(kind="curated").exists()

    in_bulk = curated_import(path=folder)
    assert in_bulk.rows == one_by_one.rows
    # Most went in bulk; the news' trip, the trip told twice and its meetings did not.
    assert one_by_one.in_bulk == 0
    assert 40 < in_bulk.in_bulk < in_bulk.rows["created"]
    assert in_bulk.ingest.records["created"] == one_by_one.ingest.records["created"]
    fast = state()
    for part in slow:
        assert fast[part] == slow[part], part
    assert all(v.history.exists() for v in models.Visit.objects.all())
