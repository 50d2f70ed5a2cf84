"""The admin at scale (issue 15): every changelist, search, filter and change page makes
the same number of queries whatever the number of rows (counted at two sizes with
CaptureQueriesContext); bench/admin_load.py prints their times at 100,000 visits."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    EDITOR_PASSWORD,
    AgreementFactory,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    country,
    editor_user,
)
from visits import models
from visits.services import editing

pytestmark = pytest.mark.django_db

A = "/admin/visits"
PAGES = [
    f"{A}/visit/",
    f"{A}/visit/?q=Malaysia",
    f"{A}/visit/?q=Scale",
    f"{A}/visit/?host_country__code__exact=MY",
    f"{A}/visit/?confidence=low",
    f"{A}/visit/?people=unknown",
    f"{A}/visit/?start__year=2024",
    f"{A}/visit/?o=8",
    f"{A}/meeting/",
    f"{A}/meeting/?q=Scale",
    f"{A}/meeting/?people=unknown",
    f"{A}/agreement/",
    f"{A}/agreement/?q=Malaysia",
    f"{A}/agreement/?parties__code__exact=VN",
    f"{A}/leader/",
    f"{A}/leader/?o=-6",
    f"{A}/leader/?q=Scale",
    f"{A}/evidence/",
    f"{A}/evidence/?q=talks",
    f"{A}/article/",
    f"{A}/participation/",
    f"{A}/suppression/",
    f"{A}/editoraction/",
    f"{A}/editoraction/?kind__exact=delete&undone=no",
    f"{A}/visit/review/",
    f"{A}/visit/review/?kind=meeting",
    f"{A}/visit/review/?kind=agreement",
    f"{A}/visit/review/?kind=leader",
]


@pytest.fixture
def editor(client):
    user = editor_user()
    client.post(
        reverse("admin:login"),
        {"username": user.username, "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    return user


def grow(n: int, start: int) -> None:
    """`n` more visits, each with a meeting of two people (one unknown), an agreement,
    evidence, and one deletion an editor made."""
    for i in range(start, start + n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        host, guest = LeaderFactory(name=f"Scale Host {i}"), LeaderFactory(name=f"Scale {i}")
        visit = VisitFactory(
            visitor_country=country("MY"),
            host_country=country("VN"),
            visitor_leader=guest,
            start=day,
            end=day,
            confidence=0.4 + (i % 5) / 10,
        )
        meeting = MeetingFactory(visit=visit, date=day, confidence=0.5)
        models.Participation.objects.create(meeting=meeting, leader=host)
        models.Participation.objects.create(meeting=meeting, leader=guest)
        agreement = AgreementFactory(visit=visit, date=day)
        agreement.parties.set([country("MY"), country("VN")])
        article = EvidenceFactory(visit=visit, sentence=f"Scale {i} held talks in Hanoi.").article
        EvidenceFactory(visit=None, meeting=meeting, article=article, sentence="talks")
        EvidenceFactory(visit=None, agreement=agreement, article=article, sentence="signed")
        gone = VisitFactory(start=day, end=day)
        EvidenceFactory(visit=gone, article=article)
        editing.record_delete(record=gone, reason=f"duplicate {i}")


def query_counts(client, paths: list[str]) -> dict[str, int]:
    counts = {}
    for path in paths:
        client.get(path)  # once before counting: the first request fills caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_every_admin_list_makes_as_many_queries_for_3_rows_as_for_12(client, editor):
    grow(3, 0)
    small = query_counts(client, PAGES)
    grow(9, 3)
    large = query_counts(client, PAGES)
    changed = {p: (small[p], large[p]) for p in PAGES if small[p] != large[p]}
    assert not changed, f"queries that grow with the rows (3 rows, 12 rows): {changed}"


def change_pages() -> list[str]:
    visit = models.Visit.objects.order_by("pk").first()
    meeting = models.Meeting.objects.order_by("pk").first()
    agreement = models.Agreement.objects.order_by("pk").first()
    leader = models.Leader.objects.filter(name__startswith="Scale").order_by("pk").first()
    article = models.Article.objects.order_by("pk").first()
    return [
        f"{A}/visit/{visit.pk}/change/",
        f"{A}/meeting/{meeting.pk}/change/",
        f"{A}/agreement/{agreement.pk}/change/",
        f"{A}/leader/{leader.pk}/change/",
        f"{A}/article/{article.pk}/change/",
    ]


def test_change_pages_make_as_many_queries_for_a_few_inline_rows_as_for_many(client, editor):
    grow(2, 0)
    paths = change_pages()
    small = query_counts(client, paths)
    visit = models.Visit.objects.order_by("pk").first()
    article = visit.evidence.first().article
    for i in range(6):
        day = visit.start + dt.timedelta(days=i % 2)
        meeting = MeetingFactory(visit=visit, date=day)
        EvidenceFactory(visit=None, meeting=meeting, article=article, sentence=f"more {i}")
        agreement = AgreementFactory(visit=visit, date=day)
        EvidenceFactory(visit=None, agreement=agreement, article=article, sentence=f"signed {i}")
        EvidenceFactory(visit=visit, article=article, sentence=f"again {i}")
    large = query_counts(client, paths)
    changed = {p: (small[p], large[p]) for p in paths if small[p] != large[p]}
    assert not changed, f"queries that grow with the inline rows (few, many): {changed}"
