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


# --- the same rows as before, found by indexes -------------------------------------


def listed(client, path: str) -> list:
    response = client.get(path)
    assert response.status_code == 200, path
    return list(response.context["cl"].result_list)


def test_agreements_filtered_by_a_party_are_listed_once_each_without_a_distinct(client, editor):
    both = AgreementFactory()
    both.parties.set([country("MY"), country("VN")])
    other = AgreementFactory()
    other.parties.set([country("VN"), country("TH")])
    AgreementFactory().parties.set([country("MY")])
    nobody = AgreementFactory()
    with CaptureQueriesContext(connection) as queries:
        rows = listed(client, f"{A}/agreement/?parties__code__exact=VN")
    assert sorted(a.pk for a in rows) == sorted([both.pk, other.pk])
    # The date hierarchy's DISTINCT over days is its own; no DISTINCT over the rows.
    assert not [q["sql"] for q in queries if 'DISTINCT "visits_agreement"."id"' in q["sql"]]
    assert [a.pk for a in listed(client, f"{A}/agreement/?parties__isnull=True")] == [nobody.pk]
    assert len(listed(client, f"{A}/agreement/?parties__isnull=False")) == 3


def test_a_search_of_two_letters_finds_cities_venues_people_and_who_invited(client, editor):
    xi = LeaderFactory(name="Xi Jinping")
    by_city = MeetingFactory(city="Xiamen")
    by_venue = MeetingFactory(venue="Palais Xirgu")
    by_person = MeetingFactory()
    models.Participation.objects.create(meeting=by_person, leader=xi)
    MeetingFactory(city="Hanoi", venue="")
    found = listed(client, f"{A}/meeting/?q=xi")
    assert sorted(m.pk for m in found) == sorted([by_city.pk, by_venue.pk, by_person.pk])
    invited = VisitFactory(invited_by="President Xi")
    VisitFactory(invited_by="")
    assert [v.pk for v in listed(client, f"{A}/visit/?q=xi")] == [invited.pk]


def test_an_agreement_search_finds_titles_parties_and_levels(client, editor):
    titled = AgreementFactory(title="Memorandum on rice trade")
    party = AgreementFactory()
    party.parties.set([country("MY")])
    AgreementFactory(title="Treaty on fisheries")
    assert [a.pk for a in listed(client, f"{A}/agreement/?q=rice")] == [titled.pk]
    assert [a.pk for a in listed(client, f"{A}/agreement/?q=Malaysia")] == [party.pk]


def test_a_searched_list_offers_the_years_of_its_rows_only(client, editor):
    VisitFactory(invited_by="Sultan", start=dt.date(2019, 5, 1), end=dt.date(2019, 5, 2))
    VisitFactory(invited_by="Sultan", start=dt.date(2023, 5, 1), end=dt.date(2023, 5, 2))
    VisitFactory(invited_by="", start=dt.date(2021, 5, 1), end=dt.date(2021, 5, 2))
    body = client.get(f"{A}/visit/?q=Sultan").content.decode()
    assert "start__year=2019" in body and "start__year=2023" in body
    assert "start__year=2021" not in body


def test_the_review_queue_pages_follow_one_sort_of_every_unreviewed_row(
    client, editor, monkeypatch
):
    from visits.admin import review

    monkeypatch.setattr(review, "PER_PAGE", 4)
    known, unknown = LeaderFactory(known=True), LeaderFactory(known=False)
    for i in range(14):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 5)
        VisitFactory(
            confidence=[0.3, 0.5, 0.7, 0.9][i % 4],
            year_settled=i % 3 != 0,
            visitor_leader=unknown if i % 5 == 0 else known,
            disagreement={"start": "2019"} if i % 7 == 0 else {},
            start=day,
            end=day,
        )
    VisitFactory(confidence=0.1, reviewed=True)

    def flags(v) -> int:
        return sum(
            [v.confidence < 0.6, not v.year_settled, v.visitor_leader_id == unknown.pk]
            + [bool(v.disagreement)]
        )

    unreviewed = models.Visit.objects.filter(reviewed=False)
    expected = sorted(
        unreviewed, key=lambda v: (-flags(v), v.confidence, -v.start.toordinal(), -v.pk)
    )
    url = reverse("admin:visits_review_queue")
    shown = []
    for page in range(1, 5):
        response = client.get(url, {"kind": "visit", "page": page})
        shown += [item.record.pk for item in response.context["items"]]
    assert shown == [v.pk for v in expected]
