"""The claims ingest reads by hand-written SQL are those the ORM reads: every record's,
in the same order, and a visit's with the settled days of its meetings and agreements."""

from pathlib import Path

import pytest
from django.db.models import Value

from visits.models import Agreement, Evidence, Meeting, Visit
from visits.services import claims
from visits.services.runner import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("article_id", "article__source_name", "record_key", "start", "claim", "article__kind")

pytestmark = pytest.mark.django_db(transaction=True)


def _orm_rows(branches):
    queries = [
        Evidence.objects.filter(**{where: pk})
        .exclude(claim={})
        .annotate(branch=Value(n))
        .values_list("branch", *COLUMNS)
        .order_by()
        for n, (where, pk) in enumerate(branches)
    ]
    together = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return list(together.order_by("branch", "article__source_name", "record_key", "start"))


def test_the_claims_read_by_sql_are_those_the_orm_reads():
    stats = ingest_paths(paths=[str(ROOT / "seeds"), str(ROOT / "tests/articles")], max_bytes=10**6)
    assert stats.articles["new"] >= 8
    records = [*Visit.objects.all(), *Meeting.objects.all(), *Agreement.objects.all()]
    assert len(records) >= 10
    for record in records:
        orm = _orm_rows([(type(record).__name__.lower(), record.pk)])
        assert claims.claims_of(record) == claims._claims(orm), record
    with_events = 0
    for visit in Visit.objects.all():
        orm = _orm_rows(
            [("visit", visit.pk), ("meeting__visit", visit.pk), ("agreement__visit", visit.pk)]
        )
        events = [r[5]["date"] for r in orm if r[0] and r[5].get("date") and r[5].get("settled")]
        own = [r for r in orm if r[0] == 0]
        assert claims._visit_claims(visit) == (claims._claims(own), events), visit
        with_events += bool(events)
    assert with_events >= 1  # some visit's meetings or agreements give settled days
