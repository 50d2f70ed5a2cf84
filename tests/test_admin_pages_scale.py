"""The admin's slowest pages at 100,000 visits (issue 15), kept to the rows they showed:
a meetings or agreements search reads its matches twice (once for the count and the
dates, once for the page's ids), whatever the number of matches, and finds exactly
what a plain ORM query over the same fields finds, in the same order; an article's
page shows the first 300 rows read from it and links to all of them, with their number,
in the evidence list."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    EDITOR_PASSWORD,
    AgreementFactory,
    ArticleFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    country,
    editor_user,
    level,
)
from visits import models

pytestmark = pytest.mark.django_db

A = "/admin/visits"


@pytest.fixture
def editor(client):
    user = editor_user()
    client.post(
        reverse("admin:login"),
        {"username": user.username, "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    return user


def shown(client, path: str) -> tuple[list[int], int, str]:
    """The ids listed on every page of `path` in turn, its count and its first page."""
    ids, page, first = [], 1, None
    while True:
        response = client.get(f"{path}&p={page}")
        assert response.status_code == 200, path
        first, cl = first or response, response.context["cl"]
        ids += [row.pk for row in cl.result_list]
        if len(ids) >= cl.result_count or not cl.multi_page:
            return ids, first.context["cl"].result_count, first.content.decode()
        page += 1


def union_reads(client, path: str) -> list[str]:
    """The queries of one request of `path` that run the search's UNION of branches."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # Not the loose index scans of a filter's choices (WITH RECURSIVE ... UNION ALL).
    sqls = [q["sql"] for q in queries.captured_queries]
    return [sql for sql in sqls if "UNION ALL" in sql and not sql.startswith("WITH RECURSIVE")]


def meetings_world() -> None:
    """70 meetings over three years: a third with Rivera among the participants, some
    in a city or a venue named River..., some in Malaysia, two without a date."""
    rivera, other = LeaderFactory(name="Rivera Ortiz"), LeaderFactory(name="Someone Else")
    for i in range(70):
        day = None if i in (7, 8) else dt.date(2021 + i % 3, 1 + i % 12, 1 + i % 27)
        meeting = MeetingFactory(
            date=day,
            city="Riverton" if i % 7 == 0 else "Hanoi",
            venue="Rivergate Hall" if i % 11 == 0 else "",
            country=country("MY" if i % 5 == 0 else "VN"),
            kind=models.MeetingKind.CALL if i % 2 else models.MeetingKind.TALKS,
        )
        models.Participation.objects.create(meeting=meeting, leader=other)
        if i % 3 == 0:
            models.Participation.objects.create(meeting=meeting, leader=rivera)


def meetings_matching(term: str):
    found = models.Meeting.objects.filter(
        Q(participants__name__unaccent__icontains=term)
        | Q(city__unaccent__icontains=term)
        | Q(venue__unaccent__icontains=term)
        | Q(country__name_en__unaccent__icontains=term)
    )
    return models.Meeting.objects.filter(pk__in=found.values("pk")).order_by("-date", "-id")


@pytest.mark.parametrize(
    ("query", "term"), [("rivér", "river"), ("Malaysia", "Malaysia"), ("xyz", "xyz")]
)
def test_a_meeting_search_lists_what_the_orm_finds_in_order_with_its_count_and_years(
    client, editor, query, term
):
    meetings_world()
    expected = meetings_matching(term)
    ids, count, body = shown(client, f"{A}/meeting/?q={query}")
    assert ids == [m.pk for m in expected]
    assert count == expected.count()
    years = {m.date.year for m in expected if m.date}
    for year in (2021, 2022, 2023):
        assert (f"date__year={year}" in body) == (year in years)


def test_a_meeting_search_runs_its_branches_once_for_the_count_and_dates_once_for_the_page(
    client, editor
):
    meetings_world()
    reads = union_reads(client, f"{A}/meeting/?q=river")
    assert len(reads) == 2, reads
    count_and_dates, page = reads
    # The page's rows are read by their ids, which alone run the branches again.
    assert page.count("UNION ALL") == count_and_dates.count("UNION ALL")


@pytest.mark.parametrize("model", ["meeting", "agreement"])
def test_an_unsearched_list_is_counted_and_dated_by_its_indexes_not_one_read(client, editor, model):
    meetings_world() if model == "meeting" else agreements_world()
    client.get(f"{A}/{model}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{A}/{model}/").status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    # A plain COUNT(*) (an index-only scan) and the years by a loose scan of the index.
    assert any(sql.startswith("SELECT COUNT(*)") for sql in sqls)
    assert not [sql for sql in sqls if "array_agg(DISTINCT date_trunc" in sql]


def test_a_meeting_search_within_a_filter_and_a_year_keeps_both(client, editor):
    meetings_world()
    expected = meetings_matching("river").filter(kind=models.MeetingKind.CALL, date__year=2022)
    path = f"{A}/meeting/?q=river&kind__exact=call&date__year=2022"
    ids, count, body = shown(client, path)
    assert ids == [m.pk for m in expected] and count == len(ids) > 0
    # A year chosen, the hierarchy offers the months of the matches in it.
    for month in {m.date.month for m in expected}:
        assert f"date__month={month}" in body


def test_an_unknown_person_filter_and_a_search_page_by_page(client, editor):
    meetings_world()
    unknown = LeaderFactory(name="Nobody Known", known=False)
    for meeting in models.Meeting.objects.filter(city="Riverton"):
        models.Participation.objects.create(meeting=meeting, leader=unknown)
    expected = meetings_matching("o").filter(participants__known=False).distinct()
    ids, count, _ = shown(client, f"{A}/meeting/?q=o&people=unknown")
    assert ids == [m.pk for m in expected.order_by("-date", "-id")] and count == len(ids) > 0


def agreements_world() -> None:
    """60 agreements: titles about rice or fish, some with Malaysia among the parties,
    some at the level of a comprehensive strategic partnership."""
    for i in range(60):
        agreement = AgreementFactory(
            title="Memorandum on rice trade" if i % 4 == 0 else "Treaty on fisheries",
            date=dt.date(2019 + i % 4, 1 + i % 12, 1 + i % 27),
            level=level("comprehensive_strategic_partnership") if i % 6 == 0 else None,
        )
        agreement.parties.set([country("MY" if i % 3 == 0 else "TH"), country("VN")])


def agreements_matching(term: str):
    found = models.Agreement.objects.filter(
        Q(title__unaccent__icontains=term)
        | Q(parties__name_en__unaccent__icontains=term)
        | Q(level__name_en__unaccent__icontains=term)
    )
    return models.Agreement.objects.filter(pk__in=found.values("pk")).order_by("-date", "-id")


@pytest.mark.parametrize("term", ["rice", "Malaysia", "comprehensive", "treaty", "Viet Nam"])
def test_an_agreement_search_lists_what_the_orm_finds_in_order_with_its_count_and_years(
    client, editor, term
):
    agreements_world()
    expected = agreements_matching(term)
    ids, count, body = shown(client, f"{A}/agreement/?q={term}")
    assert ids == [a.pk for a in expected]
    assert count == expected.count()
    years = {a.date.year for a in expected}
    for year in range(2019, 2023):
        assert (f"date__year={year}" in body) == (year in years)


def test_an_agreement_search_runs_its_branches_once_for_the_count_and_dates_once_for_the_page(
    client, editor
):
    agreements_world()
    assert len(union_reads(client, f"{A}/agreement/?q=Malaysia")) == 2


# --- an article's page: the first 300 rows read from it, and a link to all ----------


def read_from(article, n: int, start: int = 0) -> list[models.Evidence]:
    """`n` more rows read from `article`, for visits, meetings and agreements in turn."""
    rows = []
    for i in range(start, start + n):
        record = [VisitFactory, MeetingFactory, AgreementFactory][i % 3]()
        field = type(record)._meta.model_name
        rows.append(
            models.Evidence(
                article=article,
                record_key=f"{field}:{i}",
                start=i,
                end=i + 1,
                sentence=f"Sentence {i} <b>read</b>.",
                **{field: record},
            )
        )
    return models.Evidence.objects.bulk_create(rows)


def evidence_links(body: str) -> list[str]:
    return re.findall(r'href="(/admin/visits/evidence/\d+/change/)"', body)


def test_an_article_page_shows_its_first_300_evidence_rows_and_links_to_all_with_their_number(
    client, editor
):
    article = ArticleFactory()
    rows = read_from(article, 305)
    read_from(ArticleFactory(), 2)  # another article's, never listed
    body = client.get(f"{A}/article/{article.pk}/change/").content.decode()
    first = sorted(rows, key=lambda e: e.start)[:300]
    assert evidence_links(body) == [f"{A}/evidence/{e.pk}/change/" for e in first]
    assert "All 305 rows read from it, in the evidence list</a> (the first 300 below)" in body
    assert "Sentence 3 &lt;b&gt;read&lt;/b&gt;." in body  # escaped, not markup
    listed = client.get(f"{A}/evidence/?article__id__exact={article.pk}")
    cl = listed.context["cl"]
    assert cl.result_count == 305
    assert {e.article_id for e in cl.result_list} == {article.pk}


def test_an_article_page_makes_as_many_queries_for_5_evidence_rows_as_for_50(client, editor):
    article = ArticleFactory()
    path = f"{A}/article/{article.pk}/change/"
    assert "Nothing was read from it." in client.get(path).content.decode()
    read_from(article, 5)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        body = client.get(path).content.decode()
    assert len(evidence_links(body)) == 5 and "All 5 rows read from it" in body
    read_from(article, 45, start=5)
    with CaptureQueriesContext(connection) as many:
        body = client.get(path).content.decode()
    assert len(evidence_links(body)) == 50 and "All 50 rows read from it" in body
    assert len(few) == len(many)


def test_an_article_page_links_each_row_to_its_own_page_and_its_record(client, editor):
    article = ArticleFactory()
    rows = read_from(article, 3)
    body = client.get(f"{A}/article/{article.pk}/change/").content.decode()
    assert evidence_links(body) == [f"{A}/evidence/{e.pk}/change/" for e in rows]
    for evidence in rows:
        record = evidence.visit or evidence.meeting or evidence.agreement
        name = type(record)._meta.model_name
        assert f'href="{A}/{name}/{record.pk}/change/"' in body
        page = client.get(f"{A}/evidence/{evidence.pk}/change/")
        assert page.status_code == 200 and evidence.record_key in page.content.decode()
