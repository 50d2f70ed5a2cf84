"""The lists as a reader pages through them: every sort of every list shows each row
once, counts sort largest first, empty rows wait behind "show all", facets show the
first 12 then all, titles say what is shown, and refusals are said in words."""

import datetime as dt
import gzip
import re

import pytest
from django.test import RequestFactory

from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    LeaderFactory,
    MeetingFactory,
    ParticipationFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
)
from visits import selectors, views
from visits.models import Country, Leader, Visit

pytestmark = pytest.mark.django_db

LISTS = [views.VISITS, views.MEETINGS, views.AGREEMENTS, views.LEADERS, views.COUNTRIES]
LISTS += [views.ARTICLES]
URLS = {
    "visit": "/visits/",
    "meeting": "/meetings/",
    "agreement": "/agreements/",
    "leader": "/leaders/",
    "country": "/countries/",
    "article": "/articles/",
}


def _ties(n: int = 60) -> None:
    """More than a page of records that tie on every sorted column: one day, one pair,
    one kind; leaders with equal counts; articles of one day and no title."""
    vn, my = country("VN"), country("MY")
    for _ in range(n):
        visit = VisitFactory(visitor_country=vn, host_country=my)
        meeting = MeetingFactory(visit=visit, country=my)
        ParticipationFactory(meeting=meeting, leader=visit.visitor_leader)
        agreement = AgreementFactory(visit=visit)
        agreement.parties.set([vn, my])
        SpanEvidenceFactory(article=ArticleFactory(title=""), visit=visit)


def _sorts(spec) -> list[str]:
    return [""] + [s for value in spec.sorts.values() for s in (value, f"-{value}")]


def _every_page(client, url: str, params: dict) -> tuple[list, int]:
    """The pks of every row of every page, in order, and the count the page states."""
    seen, number = [], 1
    while True:
        response = client.get(url, {**params, "page": number})
        assert response.status_code == 200
        seen += [row.pk for row in response.context["object_list"]]
        paginator = response.context["paginator"]
        if number >= paginator.num_pages:
            return seen, paginator.count
        number += 1


@pytest.mark.parametrize("spec", LISTS, ids=lambda s: s.plural)
def test_every_sort_of_every_list_pages_through_each_row_exactly_once(client, spec):
    _ties()
    expected = sorted(spec.selector().values_list("pk", flat=True))
    assert len(expected) > views.PER_PAGE  # at least two pages
    for sort in _sorts(spec):
        params = {"all": "1", **({"sort": sort} if sort else {})}
        seen, count = _every_page(client, URLS[spec.noun], params)
        assert len(seen) == len(set(seen)), f"{spec.plural} sort={sort!r} repeats rows"
        assert sorted(seen) == expected, f"{spec.plural} sort={sort!r} drops rows"
        assert count == len(expected)


@pytest.mark.parametrize(
    "url, sort, field",
    [
        ("/countries/", "made", "made"),
        ("/countries/", "received", "received"),
        ("/leaders/", "visits", "visit_count"),
        ("/leaders/", "meetings", "meeting_count"),
    ],
)
def test_count_columns_sort_largest_first_and_back(client, url, sort, field):
    _ties(3)
    traveller = LeaderFactory()
    for _ in range(2):
        VisitFactory(visitor_leader=traveller, visitor_country=country("FR"))
        ParticipationFactory(leader=traveller)
    most = [getattr(r, field) for r in client.get(url, {"sort": sort}).context["object_list"]]
    least = [
        getattr(r, field) for r in client.get(url, {"sort": f"-{sort}"}).context["object_list"]
    ]
    assert most == sorted(most, reverse=True) and most[0] > most[-1]
    assert least == sorted(least)


def test_the_sort_menu_says_most_first_for_counts(client):
    page = client.get("/countries/").content.decode()
    assert '<option value="made">visits made, most first</option>' in page
    assert '<option value="-made">visits made, fewest first</option>' in page


def test_countries_open_on_activity_and_hide_those_without_visits(client):
    VisitFactory(visitor_country=country("VN"), host_country=country("MY"))
    VisitFactory(visitor_country=country("VN"), host_country=country("SG"))
    response = client.get("/countries/")
    shown = [c.code for c in response.context["object_list"]]
    assert shown == ["VN", "MY", "SG"]  # VN made 2; MY and SG received one, by name
    assert response.context["sentence"] == "3 countries with visits made or received"
    every = Country.objects.count()
    link = response.context["hidden_rows"]
    assert link["count"] == every
    page = response.content.decode()
    assert f">Show all {every}</a>" in page
    everything = client.get("/countries/" + link["url"])
    assert everything.context["count"] == every
    assert everything.context["hidden_rows"] is None


def test_leaders_open_on_activity_and_hide_those_without_records(client):
    busy = LeaderFactory(name="Busy Leader")
    VisitFactory(visitor_leader=busy)
    VisitFactory(visitor_leader=busy)
    met = LeaderFactory(name="Aaron Met")
    ParticipationFactory(leader=met)
    idle = LeaderFactory(name="Idle Leader")
    response = client.get("/leaders/")
    names = [leader.name for leader in response.context["object_list"]]
    assert names[0] == "Busy Leader" and "Aaron Met" in names
    assert "Idle Leader" not in names
    assert client.get("/leaders/", {"all": "1"}).context["count"] == Leader.objects.count()
    asked = client.get("/leaders/", {"all": "1", "leader": "idle leader"})
    assert [leader.pk for leader in asked.context["object_list"]] == [idle.pk]


def test_a_bad_show_all_value_is_refused_in_words(client):
    response = client.get("/countries/", {"all": "yes"})
    assert response.status_code == 200
    assert any("Rows without records too “yes”" in m for m in response.context["messages_list"])


def _visits_to_hosts(n: int) -> list[str]:
    codes = list(Country.objects.order_by("code").values_list("code", flat=True)[:n])
    for i, code in enumerate(codes):
        for _ in range(n - i):  # a distinct count each, so the order is known
            VisitFactory(host_country=country(code))
    return codes


def _facet(response, param):
    return next(f for f in response.context["facets"] if f["param"] == param)


def test_a_facet_shows_its_first_12_options_then_all_of_them_when_asked(client):
    codes = _visits_to_hosts(14)
    response = client.get("/visits/")
    host = _facet(response, "host")
    assert [o["value"] for o in host["options"]] == codes[:12]
    assert host["total"] == 14 and host["more_url"] and not host["fewer_url"]
    assert ">Show all 14</a>" in response.content.decode()
    everything = client.get("/visits/" + host["more_url"])
    host = _facet(everything, "host")
    assert [o["value"] for o in host["options"]] == codes
    assert "more=host" in everything.request["QUERY_STRING"] and host["fewer_url"]
    # Showing more options changes neither the list nor what the page says it shows.
    assert everything.context["count"] == response.context["count"]
    assert everything.context["sentence"] == response.context["sentence"]


def test_an_option_chosen_beyond_the_first_12_stays_listed(client):
    codes = _visits_to_hosts(14)
    host = _facet(client.get("/visits/", {"host": codes[13]}), "host")
    assert [o["value"] for o in host["options"] if o["selected"]] == [codes[13]]


def test_the_visit_list_shows_whom_the_visitor_met(client):
    visitor = LeaderFactory(name="Visiting Leader", country=country("VN"))
    aide = LeaderFactory(name="Travelling Minister", country=country("VN"))
    host = LeaderFactory(name="Host Leader", country=country("MY"))
    visit = VisitFactory(visitor_leader=visitor)
    for leader in (visitor, aide, host):
        ParticipationFactory(meeting=MeetingFactory(visit=visit), leader=leader)
    response = client.get("/visits/")
    (row,) = response.context["object_list"]
    assert [leader.name for leader in selectors.visit_counterparts(row)] == ["Host Leader"]
    cells = re.search(
        r'data-label="Met" class="met[^"]*">(.*?)</td>', response.content.decode(), re.S
    ).group(1)
    assert "Host Leader" in cells and "Travelling Minister" not in cells


def _visit(leader, code, start, end):
    return VisitFactory(visitor_leader=leader, host_country=country(code), start=start, end=end)


def test_the_stops_of_one_journey_are_grouped_on_the_leader_page(client):
    leader = LeaderFactory(name="Travelling Leader")
    day = dt.date
    _visit(leader, "CH", day(2025, 6, 1), day(2025, 6, 3))
    _visit(leader, "MA", day(2025, 6, 3), day(2025, 6, 5))
    _visit(leader, "SN", day(2025, 6, 6), None)
    _visit(leader, "FR", day(2025, 6, 20), day(2025, 6, 21))
    response = client.get(f"/leaders/{leader.pk}/")
    lines = response.context["lines"]
    journeys = [line for line in lines if line.stops]
    assert len(journeys) == 1 and len(lines) == 2
    assert [v.host_country_id for v in journeys[0].stops] == ["CH", "MA", "SN"]
    assert journeys[0].date_display == "1–6 June 2025"
    assert "Journey: Switzerland → Morocco → Senegal" in response.content.decode()


def test_visits_apart_or_dated_only_by_month_are_not_one_journey():
    leader = LeaderFactory()
    a = _visit(leader, "CH", dt.date(2025, 6, 1), dt.date(2025, 6, 2))
    b = _visit(leader, "MA", dt.date(2025, 6, 4), None)  # a day of nothing between
    c = _visit(leader, "SN", dt.date(2025, 6, 4), None)
    c.start_precision = "month"
    assert [[v.pk for v in j] for j in selectors.journeys([a, b, c])] == [
        [a.pk],
        [b.pk],
        [c.pk],
    ]


@pytest.mark.parametrize(
    "params, title",
    [
        ({"host": "MY", "year": "2024"}, "Visits to Malaysia in 2024"),
        ({"visitor": "VN", "host": "MY"}, "Visits from Viet Nam to Malaysia"),
        ({"kind": "state"}, "Visits, of kind state visit"),
        ({}, "Visits"),
    ],
)
def test_the_title_of_a_filtered_visit_list_says_what_is_shown(client, params, title):
    VisitFactory()
    page = client.get("/visits/", params).content.decode()
    assert f"<title>{title} · Diplomacy record</title>" in page
    assert f"<h1>{title}</h1>" in page


def test_meetings_during_visits_to_a_country_are_titled_so(client):
    page = client.get("/meetings/", {"host": "MY"}).content.decode()
    assert "<h1>Meetings during visits to Malaysia</h1>" in page


def test_a_from_date_after_the_to_date_is_said(client):
    response = client.get("/visits/", {"date_after": "2025-01-01", "date_before": "2020-01-01"})
    assert response.status_code == 200
    assert "The from date (2025-01-01) is after the to date (2020-01-01)" in " ".join(
        response.context["messages_list"]
    )


def test_an_unknown_country_code_is_called_unknown(client):
    response = client.get("/visits/", {"host": "ZZ"})
    assert response.status_code == 200
    assert (
        "There is no country with the code “ZZ”: it is unknown."
        in (response.context["messages_list"])
    )


def test_a_bad_date_stays_in_its_field_as_typed(client):
    page = client.get("/visits/", {"date_after": "2025-13-01"}).content.decode()
    assert '<input type="text" name="date_after" value="2025-13-01" aria-invalid="true"' in page
    assert '<input type="date" name="date_before" value=""' in page


def test_the_list_form_leaves_empty_fields_out_with_a_script_of_the_site(client):
    page = client.get("/visits/").content.decode()
    assert re.search(r'<script src="/static/visits/list-form\.js" defer></script>', page)
    assert "<script>" not in page  # no inline script: the CSP allows none


# --- Every page -----------------------------------------------------------------------


def test_every_page_has_a_skip_link_to_the_content(client):
    page = client.get("/").content.decode()
    body = page[page.index("<body>") :]
    assert re.match(r'<body>\s*<a class="skip-link" href="#main">', body)
    assert '<main id="main" tabindex="-1">' in page


def test_the_search_and_facets_come_before_the_rows(client):
    VisitFactory()
    page = client.get("/visits/").content.decode()
    assert page.index('class="facets"') < page.index('class="records visits"')


def test_a_missing_page_answers_404_with_the_site_navigation(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no such page" in page and "/no-such-page/" in page
    assert '<nav aria-label="Sections">' in page and 'href="/visits/"' in page


def test_a_server_error_page_has_the_navigation_and_needs_no_database(
    django_assert_num_queries,
):
    request = RequestFactory().get("/visits/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert '<nav aria-label="Sections">' in page and "Something went wrong" in page


def test_the_favicon_is_served_at_the_root_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]
    page = client.get("/").content.decode()
    assert 'rel="icon" href="/static/visits/favicon.svg"' in page


def test_public_pages_are_compressed(client):
    VisitFactory()
    response = client.get("/visits/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<h1>Visits</h1>" in gzip.decompress(response.content)


def test_pages_with_a_csrf_token_or_for_a_signed_in_session_are_not_compressed(client):
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert login.status_code == 200 and "csrfmiddlewaretoken" in login.content.decode()
    assert not login.has_header("Content-Encoding")
    client.cookies["sessionid"] = "anything"
    page = client.get("/visits/", HTTP_ACCEPT_ENCODING="gzip")
    assert not page.has_header("Content-Encoding")


def test_a_visit_row_has_one_query_for_its_counterparts_whatever_the_rows(client):
    # The counterparts come with the page's rows (two prefetch queries), so a page of
    # many visits costs what a page of one does.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/visits/").status_code == 200
        return len(ctx.captured_queries)

    _ties(2)
    few = queries()
    _ties(20)
    assert queries() == few
    assert Visit.objects.count() == 22
