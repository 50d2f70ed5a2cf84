"""The lists in a real Chromium at 1280 and 390 px: a row per line on a desktop,
results first on a phone, the keyboard's way through, facets' "show all", the form's
URL, titles and messages, and the pages every site has (404, favicon)."""

import datetime as dt
import re

import pytest

from tests.factories import (
    LeaderFactory,
    MeetingFactory,
    ParticipationFactory,
    VisitFactory,
    country,
    pages_world,
)
from visits.models import Country, Visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Hosts with names of everyday length (a long one wraps in its own cell, uncut).
HOST_CODES = ["FR", "DE", "IT", "ES", "JP", "KR", "IN", "ID", "TH", "LA", "KH", "PH", "AU", "NZ"]
HOSTS = len(HOST_CODES)


@pytest.fixture
def site(live_server):
    """pages_world, and one visit a day from Viet Nam to each of 14 hosts (more than a
    facet lists at first), each meeting the host's leader."""
    world = pages_world()
    world.url = live_server.url
    vn = country("VN")
    codes = [country(c) for c in HOST_CODES]
    for i, host in enumerate(codes):
        visit = VisitFactory(
            visitor_country=vn,
            host_country=host,
            visitor_leader=world.chinh,
            start=dt.date(2022, 3, 1) + dt.timedelta(days=2 * i),
            end=dt.date(2022, 3, 1) + dt.timedelta(days=2 * i + 1),
        )
        ParticipationFactory(
            meeting=MeetingFactory(visit=visit, country=host),
            leader=LeaderFactory(name=f"Leader of {host.name_en}", country=host),
        )
    world.hosts = [c.code for c in codes]
    return world


def _lines(locator) -> int:
    """How many lines the text of an element takes (its boxes' distinct line tops)."""
    return locator.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const tops = [...r.getClientRects()].map(x => Math.round(x.bottom));"
        " return new Set(tops).size; }"
    )


def test_a_desktop_list_shows_a_row_per_line(site, page, screenshot):
    page.goto(site.url + "/visits/")
    wrap = page.locator(".table-wrap")
    sizes = wrap.evaluate("e => [e.clientWidth, e.scrollWidth]")
    assert sizes[1] <= sizes[0], "the table is wider than its place: cells are cut"
    rows = page.locator("table.records tbody tr")
    assert rows.count() == 19
    right = wrap.evaluate("e => e.getBoundingClientRect().right")
    for i in range(rows.count()):
        row = rows.nth(i)
        assert _lines(row.locator("td.when a")) == 1, row.inner_text()
        for badge in row.locator(".level").all():
            assert badge.evaluate("e => e.getBoundingClientRect().right") <= right
            assert badge.evaluate("e => e.scrollWidth <= e.clientWidth")
        assert _lines(row.locator("td.route")) == 1, row.inner_text()
    # The longest level name, Xi Jinping's visit (China – Viet Nam), is whole.
    page.goto(site.url + "/visits/?visitor=CN")
    badge = page.locator("td.level-then .level")
    assert badge.inner_text() == "Comprehensive Strategic Cooperative Partnership"
    assert badge.evaluate("e => e.getBoundingClientRect().right") <= right
    page.goto(site.url + "/visits/")
    screenshot(page, "lists-visits-desktop")


def test_on_a_phone_the_results_come_first_in_compact_cards(site, phone_page, screenshot):
    phone_page.goto(site.url + "/visits/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    panel = phone_page.locator("details.filters-panel")
    assert panel.evaluate("e => e.open") is False
    assert not phone_page.locator(".facets").is_visible()
    first = phone_page.locator("table.records tbody tr").first
    box = first.bounding_box()
    assert box["y"] + box["height"] < 844, "the first result is below the first screen"
    heights = [r.bounding_box()["height"] for r in phone_page.locator("tbody tr").all()]
    # Five short lines at most (dates; who and where; whom they met; kind and level),
    # where a card was seven labelled lines (about 200 px).
    assert max(heights) < 140, heights
    screenshot(phone_page, "lists-visits-phone")
    panel.locator("> summary").click()
    assert phone_page.locator(".facets").is_visible()
    phone_page.locator('details.facet[data-facet="host"] > summary').click()
    assert phone_page.locator('.facets a[data-param="host"]').first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "lists-visits-phone-facets")


def test_the_keyboard_reaches_the_skip_link_then_the_facets_before_the_rows(site, page):
    page.goto(site.url + "/visits/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to the content"
    assert page.locator(".skip-link").is_visible()
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " if (e.closest('table.records')) return 'row';"
                " if (e.matches('details.facet > summary')) return 'facet';"
                " return e.tagName; }"
            )
        )
        if seen[-1] == "row":
            break
    assert "row" in seen and "facet" in seen
    assert seen.index("facet") < seen.index("row")
    # The skip link takes the keyboard to the content.
    page.goto(site.url + "/visits/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_facet_shows_its_first_12_then_all_in_a_shareable_url(site, page, screenshot):
    page.goto(site.url + "/visits/")
    page.locator('details.facet[data-facet="host"] > summary').click()
    options = page.locator('.facets a[data-param="host"]')
    assert options.count() == 12
    assert options.first.is_visible()
    screenshot(page, "lists-facet-menu")
    hosts = Visit.objects.values("host_country").distinct().count()
    assert hosts > 12
    page.get_by_role("link", name=f"Show all {hosts}").click()
    page.wait_for_url(re.compile(r"more=host"))
    assert options.count() == hosts
    assert options.last.is_visible()  # the facet opens by itself when showing all
    screenshot(page, "lists-facet-all")
    page.get_by_role("link", name="Show the first 12").click()
    page.wait_for_url(lambda url: "more=" not in url)
    assert options.count() == 12


def test_the_form_leaves_empty_fields_out_of_the_url(site, page):
    page.goto(site.url + "/visits/?host=MY")
    page.get_by_role("textbox", name="Leader").fill("to lam")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"leader=to\+lam"))
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["host=MY", "leader=to+lam"]
    assert page.locator("#sentence").inner_text() == (
        "1 visit where the host is Malaysia, with the leader “to lam”"
    )


def test_titles_say_what_is_shown_and_a_bad_value_stays_in_its_field(site, page, screenshot):
    page.goto(site.url + "/visits/?host=MY&year=2024")
    assert page.title() == "Visits to Malaysia in 2024 · Diplomacy record"
    assert page.locator("h1").inner_text() == "Visits to Malaysia in 2024"
    page.goto(site.url + "/visits/?date_after=2025-13-01&host=ZZ")
    field = page.locator('input[name="date_after"]')
    assert field.input_value() == "2025-13-01"
    assert field.get_attribute("aria-invalid") == "true"
    messages = page.locator(".messages").inner_text()
    assert "The from date “2025-13-01” is not a date" in messages
    assert "date_after" not in messages
    screenshot(page, "lists-bad-value")
    page.goto(site.url + "/visits/?host=ZZ")
    assert "There is no country with the code “ZZ”: it is unknown." in (
        page.locator(".messages").inner_text()
    )
    page.goto(site.url + "/visits/?date_after=2025-01-01&date_before=2024-01-01")
    assert "is after the to date" in page.locator(".messages").inner_text()


def test_countries_open_on_activity_and_show_all_on_request(site, page, phone_page, screenshot):
    page.goto(site.url + "/countries/")
    first = page.locator("table.records tbody tr").first.inner_text()
    assert first.startswith("Viet Nam")  # the most active: 16 visits made, 2 received
    every = Country.objects.count()
    shown = int(page.locator("#sentence").inner_text().split()[0])
    assert shown < every
    screenshot(page, "lists-countries-desktop")
    page.get_by_role("link", name=f"Show all {every}").click()
    page.wait_for_url(re.compile(r"all=1"))
    assert page.locator("#sentence").inner_text() == f"{every} countries"
    phone_page.goto(site.url + "/countries/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "lists-countries-phone")


def test_the_visit_list_shows_counterparts_and_the_leader_page_a_journey(site, page, screenshot):
    page.goto(site.url + "/visits/?visitor=VN&year=2022")
    met = page.locator("table.records td.met")
    assert met.first.inner_text().startswith("Leader of ")
    page.goto(site.url + f"/leaders/{site.chinh.pk}/")
    journey = page.locator(".journey").first
    assert journey.inner_text().startswith("Journey: ")
    assert journey.inner_text().count("→") == HOSTS - 1
    screenshot(page, "lists-leader-journey")


def test_a_missing_page_has_the_navigation_and_the_site_has_a_favicon(site, page, screenshot):
    response = page.goto(site.url + "/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("navigation", name="Sections").is_visible()
    assert page.locator("h1").inner_text() == "There is no such page"
    screenshot(page, "lists-404")
    icon = page.request.get(site.url + "/favicon.ico")
    assert icon.status == 200 and icon.body()[:4] == b"\x00\x00\x01\x00"
    svg = page.request.get(site.url + page.locator('link[rel="icon"]').first.get_attribute("href"))
    assert svg.status == 200 and b"<svg" in svg.body()
