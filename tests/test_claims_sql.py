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


def test_the_records_a_recompute_reads_by_sql_are_those_the_orm_reads():
    from django.contrib.postgres.aggregates import ArrayAgg
    from django.db.models import Q

    from visits.models import Participation

    ingest_paths(paths=[str(ROOT / "seeds"), str(ROOT / "tests/articles")], max_bytes=10**6)
    Meeting.objects.filter(pk=Meeting.objects.order_by("pk").first().pk).update(visit=None)
    visits = sorted(Visit.objects.values_list("pk", flat=True))[:3]
    named = sorted(Meeting.objects.values_list("pk", flat=True))[-1:]
    travellers = sorted(Participation.objects.values_list("leader_id", flat=True).distinct())
    assert visits and named and travellers
    which = (
        Q(pk__in=named)
        | Q(visit_id__in=visits)
        | Q(
            visit=None,
            pk__in=Participation.objects.filter(leader_id__in=travellers).values("meeting_id"),
        )
    )
    orm = Meeting.objects.filter(which).annotate(people=ArrayAgg("participation__leader_id"))
    expected = [
        (m.pk, m.visit_id, m.date, sorted(set(m.people) - {None})) for m in orm.order_by("pk")
    ]
    found = Meeting.objects.raw(claims._MEETINGS_SQL, [named, visits, travellers])
    got = [(m.pk, m.visit_id, m.date, sorted(m.people_now)) for m in found]
    assert got == expected
    assert any(visit is None for _, visit, _, _ in got)  # the visit-less one, by its people
    agreements = Agreement.objects.filter(Q(pk__in=[]) | Q(visit_id__in=visits)).order_by("pk")
    raw = Agreement.objects.raw(claims._AGREEMENTS_SQL, [[], visits])
    assert [a.pk for a in raw] == [a.pk for a in agreements]
