"""The visits matching reads by hand-written SQL are those the ORM query (near_q and
the annotated undated trips) reads, over varied pairs, days, leaders and exclusions."""

import datetime as dt
import random

import pytest
from django.db.models import Max, Min, Q

from tests.factories import country
from visits.extraction.records import VisitRecord
from visits.models import Article, Evidence, Leader, Visit
from visits.services.matching import near_q, visits_near, visits_undated

pytestmark = pytest.mark.django_db


def _orm_pair(rec, leader, exclude):
    pair = Visit.objects.filter(
        visitor_country_id=rec.visitor_country, host_country_id=rec.host_country
    ).exclude(pk__in=exclude)
    if leader is not None:
        pair = pair.filter(Q(visitor_leader=None) | Q(visitor_leader=leader))
    return pair


def _data(rng):
    codes = ["VN", "MY", "SG"]
    for code in codes:
        country(code)
    people = [Leader.objects.create(name=f"Test Traveller {i}", country_id="VN") for i in range(3)]
    article = Article.objects.create(
        source_name="a.txt", published=dt.date(2024, 3, 9), content_hash="0" * 64
    )
    undated_article = Article.objects.create(source_name="b.txt", content_hash="1" * 64)
    for i in range(160):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        undated = rng.random() < 0.15
        visitor, host = rng.sample(codes, 2)
        visit = Visit.objects.create(
            visitor_country_id=visitor,
            host_country_id=host,
            visitor_leader=rng.choice([None, *people]),
            start=None if undated else start,
            end=None if undated or rng.random() < 0.4 else start + dt.timedelta(rng.randint(0, 4)),
            year_settled=rng.random() < 0.8,
        )
        if undated and rng.random() < 0.8:
            # Some only in an article without a date: such a trip has no reported days.
            on = undated_article if rng.random() < 0.3 else article
            Evidence.objects.create(article=on, visit=visit, record_key=f"v{i}", start=i, end=i + 1)
    return codes, people


def test_visits_near_and_undated_are_the_orm_queries():
    rng = random.Random(11)
    codes, people = _data(rng)
    checked = found = 0
    for _ in range(250):
        visitor, host = rng.sample(codes, 2)
        rec = VisitRecord(
            key="k",
            visitor_country=visitor,
            host_country=host,
            visitor=None,
            kind="official",
            start=None,
            end=None,
            cities=(),
            invited_by=None,
            confidence=1.0,
            evidence=(),
        )
        leader = rng.choice([None, *people])
        exclude = set(
            rng.sample(sorted(Visit.objects.values_list("pk", flat=True)), rng.randint(0, 3))
        )
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(-30, 760))
        settled = rng.random() < 0.7
        pair = _orm_pair(rec, leader, exclude)
        orm = list(pair.filter(near_q("start", "end", day, settled)).order_by("id"))
        raw = list(visits_near(rec=rec, day=day, settled=settled, leader=leader, exclude=exclude))
        assert [v.pk for v in raw] == [v.pk for v in orm]
        undated = (
            pair.filter(start=None)
            .annotate(
                first=Min("evidence__article__published"), last=Max("evidence__article__published")
            )
            .exclude(first=None)
            .order_by("id")
        )
        expected = [(v.pk, v.first, v.last) for v in undated]
        assert [
            (v.pk, v.first, v.last) for v in visits_undated(rec=rec, leader=leader, exclude=exclude)
        ] == expected
        checked += 1
        found += bool(orm) + bool(expected)
    assert checked == 250 and found > 50  # the questions found visits, not only nothing


def test_meetings_shared_are_the_orm_query():
    from django.db.models import Count

    from visits.models import Meeting, Participation
    from visits.services.matching import meetings_shared

    rng = random.Random(5)
    country("VN")
    people = [Leader.objects.create(name=f"Test Person {i}", country_id="VN") for i in range(6)]
    for _ in range(150):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        meeting = Meeting.objects.create(date=day, year_settled=rng.random() < 0.8)
        for person in rng.sample(people, rng.randint(1, 3)):
            Participation.objects.create(meeting=meeting, leader=person)
    checked = found = 0
    for _ in range(200):
        ids = [p.pk for p in rng.sample(people, rng.randint(2, 4))]
        exclude = set(rng.sample(sorted(Meeting.objects.values_list("pk", flat=True)), 2))
        date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(-10, 720))
        settled = rng.random() < 0.7
        shared = (
            Participation.objects.filter(leader_id__in=ids)
            .values("meeting_id")
            .annotate(people=Count("leader_id", distinct=True))
            .filter(people__gte=2)
            .values("meeting_id")
        )
        orm = (
            Meeting.objects.filter(pk__in=shared)
            .exclude(pk__in=exclude)
            .filter(near_q("date", None, date, settled, slack=1))
            .order_by("id")
        )
        raw = meetings_shared(ids=ids, date=date, settled=settled, exclude=exclude)
        assert [m.pk for m in raw] == [m.pk for m in orm]
        checked += 1
        found += bool(orm)
    assert checked == 200 and found > 40
