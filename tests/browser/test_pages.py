"""The public pages in a real headless Chromium, as a reader uses them."""

import re

import pytest

from tests.factories import pages_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    world = pages_world()
    world.url = live_server.url
    return world


def sentence(page) -> str:
    return page.locator("#sentence").inner_text()


def choose(page, param: str, value: str) -> None:
    """Open the facet's menu, then click its option."""
    page.locator(f'details.facet[data-facet="{param}"] > summary').click()
    page.locator(f'.facets a[data-param="{param}"][data-value="{value}"]').click()


def test_home_shows_what_the_data_holds(site, page, phone_page, screenshot):
    page.goto(site.url + "/")
    assert "5 visits, 2 meetings and 2 agreements" in page.locator("#summary").inner_text()
    assert page.locator("svg.timeline rect").count() > 10
    assert page.get_by_role("link", name="Malaysia").first.is_visible()
    # The stylesheet is served (whitenoise / the live server), not a CDN.
    assert page.evaluate("getComputedStyle(document.querySelector('header.site')).display") == (
        "flex"
    )
    screenshot(page, "home-desktop")
    phone_page.goto(site.url + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the home page scrolls sideways on a phone"
    screenshot(phone_page, "home-phone")


def test_filter_visits_by_country_with_a_facet(site, page, screenshot):
    page.goto(site.url + "/visits/")
    assert sentence(page) == "5 visits"
    choose(page, "host", "MY")
    page.wait_for_url(re.compile(r"host=MY"))
    assert sentence(page) == "1 visit where the host is Malaysia"
    # A second host is OR: Malaysia or Singapore.
    choose(page, "host", "SG")
    page.wait_for_url(re.compile(r"host=MY&host=SG"))
    assert sentence(page) == "2 visits where the host is Malaysia or Singapore"
    assert page.locator("table.records tbody tr").count() == 2
    screenshot(page, "visits-by-host")


def test_filter_visits_by_leader_without_accents(site, page):
    page.goto(site.url + "/visits/")
    page.get_by_role("textbox", name="Leader").fill("to lam")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"leader=to\+lam"))
    assert sentence(page) == "2 visits with the leader “to lam”"
    assert page.locator("table.records").get_by_text("Tô Lâm").count() == 2


def test_filter_visits_by_date_range_keeps_other_filters(site, page, screenshot):
    page.goto(site.url + "/visits/?visitor=VN")
    page.get_by_label("From").fill("2024-01-01")
    page.get_by_label("To", exact=True).fill("2024-12-31")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"date_after=2024-01-01"))
    assert sentence(page) == (
        "2 visits where the visitor is Viet Nam, from 1 January 2024 to 31 December 2024"
    )
    screenshot(page, "visits-by-date")


def test_filter_visits_by_partnership_level_then(site, page, screenshot):
    page.goto(site.url + "/visits/")
    choose(page, "level", "strategic_partnership")
    page.wait_for_url(re.compile(r"level=strategic_partnership"))
    assert sentence(page) == "3 visits when the pair's level was Strategic Partnership"
    badges = page.locator("table.records .level")
    assert badges.count() == 3
    colour = badges.first.evaluate("e => getComputedStyle(e).borderTopColor")
    assert colour not in ("rgb(136, 136, 136)", ""), "each level has its own colour"
    screenshot(page, "visits-by-level")


def test_open_a_visit_and_its_source(site, page, phone_page, screenshot):
    page.goto(site.url + "/visits/?host=MY")
    page.get_by_role("link", name="20–22 November 2024").click()
    page.wait_for_url(re.compile(rf"/visits/{site.to_malaysia.pk}/$"))
    assert page.locator("h1").inner_text() == "Tô Lâm to Malaysia"
    mark = page.locator(".evidence mark")
    assert mark.inner_text().startswith("General Secretary Tô Lâm arrived in Kuala Lumpur")
    assert "Anwar Ibrahim" in page.locator("main").inner_text()
    screenshot(page, "visit-desktop")
    page.locator(".sources").get_by_role("link", name="in the article").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/#ev-\d+$"))
    assert page.locator(".article-text mark").first.is_visible()
    assert "The two sides will discuss trade." in page.locator(".article-text").inner_text()
    screenshot(page, "article-desktop")
    phone_page.goto(site.url + f"/visits/{site.to_malaysia.pk}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "visit-phone")


def test_lists_on_a_phone_stack_rows_and_keep_facets(site, phone_page, screenshot):
    phone_page.goto(site.url + "/visits/?year=2024")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    # The facets wait behind a disclosure; opened, they are there.
    assert not phone_page.locator(".facets").is_visible()
    phone_page.locator("details.filters-panel > summary").click()
    assert phone_page.locator(".facets").is_visible()
    screenshot(phone_page, "visits-phone")


def test_bad_parameters_show_a_message(site, page, screenshot):
    page.goto(site.url + "/visits/?date_after=abc&page=9999")
    assert "The from date “abc” is not a date" in page.locator(".messages").inner_text()
    screenshot(page, "visits-bad-params")


def test_country_page_draws_the_partnership_history(site, page, screenshot):
    page.goto(site.url + "/countries/VN/")
    assert page.locator("svg.partnerships-wide rect").count() == 5
    screenshot(page, "country-vn")
