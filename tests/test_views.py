"""The public pages as a reader gets them: every page, filters in the URL, downloads,
bad parameters, and a fixed number of queries whatever the page holds."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    LeaderFactory,
    MeetingFactory,
    ParticipationFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
    pages_world,
)
from visits import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response


def rows(response):
    return list(response.context["object_list"])


def body(response) -> bytes:
    """A download's bytes: downloads stream."""
    return b"".join(response.streaming_content)


# --- Every page ---------------------------------------------------------------------------


def test_home_shows_counts_range_latest_timeline_and_levels(client, world):
    page = get(client, "/").content.decode()
    assert "5 visits, 2 meetings and 2 agreements" in page
    assert "July 2023 to March 2025" in page
    assert "Tô Lâm" in page
    assert '<svg class="chart timeline timeline-wide"' in page
    assert '<svg class="chart timeline timeline-phone"' in page
    # Countries by current level, in the level's colour.
    assert "Comprehensive Strategic Partnership" in page
    assert "Malaysia" in page
    assert 'class="level level-comprehensive_strategic_partnership"' in page


@pytest.mark.parametrize(
    "name",
    ["visit_list", "meeting_list", "agreement_list", "leader_list", "country_list", "article_list"],
)
def test_every_list_page_renders(client, world, name):
    response = get(client, reverse(f"visits:{name}"))
    assert response.context["count"] > 0
    assert "<table" in response.content.decode()


def test_visit_page_shows_everything_known_with_meetings_agreements_and_sources(client, world):
    page = get(client, f"/visits/{world.to_malaysia.pk}/").content.decode()
    assert "Tô Lâm to Malaysia" in page
    assert "20–22 November 2024" in page
    assert "Kuala Lumpur" in page
    assert "Anwar Ibrahim" in page  # from the talks
    assert "Partnership upgrade" in page
    # Level then (the day before the upgrade) and now.
    assert page.index("Strategic Partnership") < page.index("Comprehensive Strategic Partnership")
    assert (
        "<mark>General Secretary Tô Lâm arrived in Kuala Lumpur on 20 November "
        "for an official visit to Malaysia.</mark>" in page
    )
    assert f"/articles/{world.article.pk}/#ev-{world.evidence.pk}" in page


def test_a_month_precision_date_is_never_shown_with_a_made_up_day(client, world):
    page = get(client, f"/visits/{world.anwar_to_vn.pk}/").content.decode()
    assert "July 2023" in page
    assert "1 July 2023" not in page


def test_meeting_and_agreement_pages(client, world):
    page = get(client, f"/meetings/{world.talks.pk}/").content.decode()
    assert "Talks, 21 November 2024" in page and "Anwar Ibrahim" in page and "<mark>" in page
    page = get(client, f"/agreements/{world.upgrade.pk}/").content.decode()
    assert "Partnership upgrade, 22 November 2024" in page
    assert "Comprehensive Strategic Partnership" in page


def test_leader_page_lists_visits_and_meetings_in_order_and_offices(client, world):
    page = get(client, f"/leaders/{world.to_lam.pk}/").content.decode()
    assert "General Secretary" in page
    call = page.index("2 May 2024")
    malaysia = page.index("20 November 2024")
    talks = page.index("21 November 2024")
    singapore = page.index("11 March 2025")
    assert call < malaysia < talks < singapore


def test_country_page_shows_partnership_timeline_and_visits(client, world):
    page = get(client, "/countries/VN/").content.decode()
    assert '<svg class="chart partnerships partnerships-wide"' in page
    assert "Malaysia" in page and "Singapore" in page and "China" in page
    assert "3 visits made" in page and "2 received" in page
    assert get(client, "/countries/my/").context["country"].code == "MY"


def test_article_page_marks_each_evidence_span_and_lists_what_was_read(client, world):
    page = get(client, f"/articles/{world.article.pk}/").content.decode()
    assert f'id="ev-{world.evidence.pk}"' in page
    assert "<mark>General Secretary Tô Lâm arrived" in page
    assert "Visit: Viet Nam → Malaysia" in page or "Visit:" in page
    assert "Agreement: partnership upgrade" in page


def test_evidence_outside_the_text_shows_the_stored_sentence(client, world):
    article = ArticleFactory(text="Short.")
    visit = VisitFactory()
    SpanEvidenceFactory(article=article, visit=visit, start=100, end=120, sentence="Lost words.")
    page = get(client, f"/visits/{visit.pk}/").content.decode()
    assert "<mark>Lost words.</mark>" in page and "its place in the article is unknown" in page
    get(client, f"/articles/{article.pk}/")


@pytest.mark.parametrize(
    "url",
    [
        "/visits/999999/",
        "/meetings/999999/",
        "/agreements/999999/",
        "/leaders/999999/",
        "/articles/999999/",
        "/countries/XX/",
    ],
)
def test_missing_records_are_404(client, world, url):
    assert client.get(url).status_code == 404


# --- Lists: sentence, facets, paging, sorting ------------------------------------------


def test_sentence_says_what_is_shown(client, world):
    response = get(client, "/visits/", host=["MY", "SG"], year="2024")
    assert (
        response.context["sentence"] == "1 visit where the host is Malaysia or Singapore, in 2024"
    )
    response = get(client, "/visits/", host="MY")
    assert response.context["sentence"] == "1 visit where the host is Malaysia"


def test_facets_count_what_each_option_would_give(client, world):
    response = get(client, "/visits/", year="2024")
    host = next(f for f in response.context["facets"] if f["param"] == "host")
    counts = {o["value"]: o["count"] for o in host["options"]}
    assert counts == {"MY": 1, "FR": 1}
    year = next(f for f in response.context["facets"] if f["param"] == "year")
    # The year facet ignores the year filter itself, so other years stay reachable.
    assert {o["value"]: o["count"] for o in year["options"]} == {"2023": 2, "2024": 2, "2025": 1}
    chosen = next(o for o in year["options"] if o["value"] == "2024")
    assert chosen["selected"] and "year=2024" not in chosen["url"]
    other = next(o for o in year["options"] if o["value"] == "2023")
    assert "year=2024" in other["url"] and "year=2023" in other["url"]


def test_level_facet_uses_the_level_at_the_time(client, world):
    response = get(client, "/visits/")
    level = next(f for f in response.context["facets"] if f["param"] == "level")
    counts = {o["value"]: o["count"] for o in level["options"]}
    assert counts == {
        "strategic_partnership": 3,
        "comprehensive_strategic_cooperative_partnership": 1,
    }


def test_paging_links_keep_the_filters(client, world):
    my = country("MY")
    for i in range(60):
        VisitFactory(host_country=my, start=dt.date(2020, 1, 1) + dt.timedelta(days=i), end=None)
    response = get(client, "/visits/", host="MY", kind="official")
    page = response.content.decode()
    assert response.context["paginator"].num_pages == 2
    assert 'href="?host=MY&amp;kind=official&amp;page=2"' in page
    second = get(client, "/visits/", host="MY", kind="official", page="2")
    assert len(rows(second)) == 11
    assert all(v.host_country_id == "MY" for v in rows(second))


def test_sorting_by_host_and_back(client, world):
    names = [v.host_country.name_en for v in rows(get(client, "/visits/", sort="host"))]
    assert names == sorted(names)
    names = [v.host_country.name_en for v in rows(get(client, "/visits/", sort="-host"))]
    assert names == sorted(names, reverse=True)


def test_default_order_is_newest_first_with_undated_last(client, world):
    VisitFactory(start=None, end=None)
    starts = [v.start for v in rows(get(client, "/visits/"))]
    assert starts[-1] is None
    assert starts[:-1] == sorted(starts[:-1], reverse=True)


# --- Downloads --------------------------------------------------------------------------


def test_json_download_holds_the_filtered_list_in_the_export_format(client, world):
    response = get(client, "/visits/", host="MY", format="json")
    data = json.loads(body(response))
    assert list(data) == ["visits", "count", "next", "previous"]
    assert [v["id"] for v in data["visits"]] == [world.to_malaysia.pk]
    assert list(data["visits"][0]) == exports.VISIT_DOWNLOAD_FIELDS
    assert data["visits"][0]["sources"] == ["000_malaysia.txt"]


def test_csv_download_for_meetings_and_agreements(client, world):
    response = get(client, "/meetings/", leader="anwar", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = body(response).decode().splitlines()
    assert lines[0] == ",".join(exports.MEETING_FIELDS)
    assert len(lines) == 3 and "Tô Lâm; Anwar Ibrahim" in lines[1]
    assert lines[2] == "# complete: 1 meetings"
    data = json.loads(body(get(client, "/agreements/", kind="joint_statement", format="json")))
    assert [a["id"] for a in data["agreements"]] == [world.statement.pk]


# --- Bad parameters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_after": "abc"}, "The from date “abc” is not a date"),
        ({"date_before": "2024-13-45"}, "The to date “2024-13-45” is not a date"),
        ({"level": "best_friends"}, "Partnership level then “best_friends”"),
        ({"current_level": "nope"}, "Partnership level now “nope”"),
        ({"page": "9999"}, "There is no page 9999"),
        ({"page": "abc"}, "is not a page number"),
        ({"page": "-3"}, "is not a page number"),
        ({"sort": "nonsense"}, "Unknown sort"),
        ({"year": "twenty"}, "Year “twenty”"),
        ({"host": "123"}, "“123”: Use two-letter ISO"),
        ({"kind": "secret"}, "Kind “secret”"),
        ({"format": "xml"}, "Unknown format"),
    ],
)
@pytest.mark.parametrize("url", ["/visits/", "/meetings/", "/agreements/"])
def test_bad_parameters_give_the_page_with_a_message(client, world, url, params, message):
    response = get(client, url, **params)
    assert any(message in m for m in response.context["messages_list"]), response.context[
        "messages_list"
    ]
    assert message.split(" ")[0] in response.content.decode()
    # In words: the messages never name a parameter.
    names = ("date_after", "date_before", "current_level", "best_friends:", "level:", "kind:")
    assert not any(n in m for n in names for m in response.context["messages_list"])


@pytest.mark.parametrize(
    "url",
    [
        "/leaders/?sort=zzz&page=0&country=1",
        "/countries/?current_level=zzz&sort=x",
        "/articles/?date_after=x&year=y&language=zz&page=99",
        "/visits/?q=%27%26%7C%21%3A*()",
        "/visits/?q=&leader=&host=&date_after=",
        "/visits/?leader=%E2%80%94%E2%80%94",
        "/visits/?date_after=2025-01-01&date_before=2020-01-01",
        "/",
    ],
)
def test_odd_parameters_never_give_500(client, world, url):
    assert client.get(url).status_code == 200


def test_an_invalid_filter_empties_the_list_rather_than_ignoring_it(client, world):
    response = get(client, "/visits/", host="MY", level="best_friends")
    assert response.context["count"] == 0
    response = client.get("/visits/", {"level": "nope", "format": "json"})
    assert response.status_code == 400
    assert list(json.loads(response.content)["error"]["parameters"]) == ["level"]


def test_unknown_sort_keeps_the_filters_and_the_default_order(client, world):
    response = get(client, "/visits/", host="MY", sort="nonsense")
    assert [v.pk for v in rows(response)] == [world.to_malaysia.pk]


# --- Query counts -----------------------------------------------------------------------


def _fill(n):
    vn, my = country("VN"), country("MY")
    for i in range(n):
        leader = LeaderFactory(country=vn)
        visit = VisitFactory(visitor_leader=leader, start=dt.date(2024, 1, 1) + dt.timedelta(i))
        meeting = MeetingFactory(visit=visit, country=my)
        ParticipationFactory(meeting=meeting, leader=leader)
        ParticipationFactory(meeting=meeting)
        agreement = AgreementFactory(visit=visit)
        agreement.parties.set([vn, my])
        article = ArticleFactory()
        SpanEvidenceFactory(article=article, visit=visit)
        SpanEvidenceFactory(article=article, meeting=meeting)


LIST_URLS = [
    "/visits/",
    "/visits/?host=MY&leader=test&year=2024&level=strategic_partnership&q=article",
    "/meetings/",
    "/meetings/?country=MY&kind=talks",
    "/agreements/",
    "/agreements/?country=VN",
    "/leaders/",
    "/leaders/?all=1&sort=-visits",
    "/countries/",
    "/countries/?all=1&sort=made",
    "/visits/?more=host&more=visitor&sort=leader",
    "/articles/",
    "/articles/?q=body",
    "/",
]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", LIST_URLS)
def test_query_count_does_not_grow_with_the_rows_shown(client, url):
    _fill(5)
    few = _queries(client, url)
    _fill(25)
    many = _queries(client, url)
    assert few == many, f"{url}: {few} queries for 5 rows, {many} for 30"


def test_detail_pages_query_count_does_not_grow_with_meetings(
    client, django_assert_max_num_queries
):
    _fill(1)
    from visits.models import Visit

    visit = Visit.objects.get()
    with CaptureQueriesContext(connection) as small:
        client.get(f"/visits/{visit.pk}/")
    for _ in range(10):
        meeting = MeetingFactory(visit=visit)
        ParticipationFactory(meeting=meeting)
        SpanEvidenceFactory(visit=visit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/visits/{visit.pk}/").status_code == 200


@pytest.mark.parametrize(
    "url, key, expected",
    [
        ("/leaders/?leader=anwar+ibrahim&format=json", "leaders", "Anwar Ibrahim"),
        ("/countries/?q=malaysia&format=json", "countries", "MY"),
        ("/articles/?q=kuala&format=json", "articles", "000_malaysia.txt"),
    ],
)
def test_other_lists_download_with_their_filters(client, world, url, key, expected):
    data = json.loads(body(get(client, url)))
    assert list(data)[0] == key and len(data[key]) == 1 and data["count"] == 1
    assert expected in data[key][0].values()
    csv_text = body(get(client, url.replace("format=json", "format=csv"))).decode()
    assert len(csv_text.strip().splitlines()) == 3


def test_a_leader_name_and_a_search_are_resolved_once_for_the_list_and_its_facets(client, world):
    with CaptureQueriesContext(connection) as ctx:
        response = get(client, "/visits/", leader="to lam", q="kuala lumpur")
    assert [v.pk for v in rows(response)] == [world.to_malaysia.pk]
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum('FROM "visits_leader"' in s and "name_key" in s for s in sql) == 1
    assert sum('FROM "visits_article"' in s and "to_tsvector" in s for s in sql) == 1


def test_the_list_is_counted_with_its_facets(client, world):
    with CaptureQueriesContext(connection) as ctx:
        response = get(client, "/visits/", host="MY")
    assert response.context["count"] == 1
    assert not any('"__count"' in q["sql"] for q in ctx.captured_queries)


def test_a_sorted_later_page_shows_the_rows_in_order_with_their_levels(client, world):
    my = country("MY")
    for i in range(60):
        VisitFactory(host_country=my, start=dt.date(2020, 1, 1) + dt.timedelta(days=i), end=None)
    first = rows(get(client, "/visits/", sort="-date"))
    second = rows(get(client, "/visits/", sort="-date", page="2"))
    starts = [v.start for v in first + second]
    assert len(first) == 50 and len(second) == 15
    assert starts == sorted(starts, reverse=True)
    assert {v.pk for v in first}.isdisjoint(v.pk for v in second)
    # Annotations come with the rows of any page.
    assert all(hasattr(v, "level_then") and v.source_count is not None for v in second)


@pytest.mark.parametrize(
    "name, key",
    [
        ("visits:visit_detail", 7),
        ("visits:meeting_detail", 12345),
        ("visits:agreement_detail", 1),
        ("visits:leader_detail", 90),
        ("visits:country_detail", "VN"),
    ],
)
def test_a_record_url_is_the_reversed_url_under_any_script_prefix(name, key):
    from django.urls import reverse, set_script_prefix

    from visits.templatetags.visits_tags import record_url_of

    try:
        for prefix in ("/", "/diplomacy/"):
            set_script_prefix(prefix)
            assert record_url_of(name, key) == reverse(name, args=[key])
            assert record_url_of(name, key).startswith(prefix)
    finally:
        set_script_prefix("/")
