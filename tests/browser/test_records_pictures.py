"""Records, sources and pictures (issue 14) in a real headless Chromium, at 1280 and 390 px:
unconfirmed records and their filter, a visit's sources by article, the article page's
marks and links both ways, the world maps, the charts on a phone and the tab order."""

import datetime as dt
import re

import pytest

from tests.factories import ArticleFactory, SpanEvidenceFactory, VisitFactory, country, pages_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    world = pages_world()
    world.url = live_server.url
    world.doubtful = VisitFactory(
        visitor_country=country("VN"),
        host_country=country("TH"),
        visitor_leader=world.chinh,
        confidence=0.4,
        start=dt.date(2024, 2, 5),
        end=dt.date(2024, 2, 6),
    )
    text = (
        "BANGKOK, 5 February.\n\nPrime Minister Phạm Minh Chính arrived in Bangkok for talks."
        "\n\nHe then met the Thai king.\n\nThe weather was warm."
    )
    world.plain = ArticleFactory(source_name="h01.txt", title="", text=text)
    start = text.index("Prime Minister")
    world.doubt_evidence = SpanEvidenceFactory(
        article=world.plain, visit=world.doubtful, start=start, end=text.index("The weather")
    )
    return world


def test_unconfirmed_records_are_marked_and_the_filter_hides_them(
    site, page, phone_page, screenshot
):
    page.goto(site.url + "/visits/")
    row = page.locator("tr", has=page.locator(".unconfirmed"))
    assert row.count() == 1
    assert "unconfirmed: confidence 0.40" in row.inner_text()
    screenshot(page, "unconfirmed-list-desktop")
    page.get_by_label("Confirmed only").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"confirmed=yes"))
    assert page.locator(".unconfirmed").count() == 0
    assert page.locator("#sentence").inner_text() == "5 visits that are confirmed"
    assert page.get_by_label("Confirmed only").is_checked()
    phone_page.goto(site.url + f"/visits/{site.doubtful.pk}/")
    said = phone_page.locator("dd.confirmation").inner_text()
    assert said.startswith("Unconfirmed: it was read with a confidence of 0.40")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "unconfirmed-visit-phone")


def test_a_visit_shows_one_card_per_article_and_jumps_to_its_sentence_and_back(
    site, page, phone_page, screenshot
):
    page.goto(site.url + f"/visits/{site.doubtful.pk}/")
    card = page.locator(".source-card")
    assert card.count() == 1
    # The first line is a dateline: the headline is the line after it.
    assert card.locator("h3").inner_text().startswith("Prime Minister Phạm Minh Chính arrived")
    screenshot(page, "sources-desktop")
    card.get_by_role("link", name=re.compile("^in the article")).click()
    page.wait_for_url(re.compile(rf"/articles/{site.plain.pk}/#ev-{site.doubt_evidence.pk}$"))
    marks = page.locator(".article-text mark")
    assert marks.all_inner_texts() == [
        "Prime Minister Phạm Minh Chính arrived in Bangkok for talks.",
        "He then met the Thai king.",
    ]
    # The target sentence is on screen after the jump.
    assert marks.first.evaluate("m => m.getBoundingClientRect().top") < 900
    screenshot(page, "article-marks-desktop")
    page.locator(".article-text a.back").click()
    page.wait_for_url(
        re.compile(rf"/visits/{site.doubtful.pk}/#evidence-{site.doubt_evidence.pk}$")
    )
    assert page.locator(f"#evidence-{site.doubt_evidence.pk}").is_visible()
    phone_page.goto(site.url + f"/articles/{site.plain.pk}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "article-marks-phone")


def test_the_home_map_titles_countries_links_hosts_and_has_a_table(
    site, page, phone_page, screenshot
):
    page.goto(site.url + "/")
    world_map = page.locator("svg.map")
    assert world_map.is_visible()
    box = world_map.bounding_box()
    assert box["width"] > 900, "the map takes the page's width on a desktop"
    malaysia = world_map.locator('a[href="/visits/?host=MY"] path')
    assert malaysia.locator("title").text_content() == "Malaysia: 1 visit received"
    # Shaded: not the fill of a country without visits.
    fill = malaysia.evaluate("p => getComputedStyle(p).fill")
    # A country without visits carries no mark at all (no code, no link).
    assert world_map.locator('path[data-code="BR"]').count() == 0
    assert fill not in ("rgb(227, 230, 235)", "")
    screenshot(page, "home-map-desktop")
    page.get_by_text("as a table").click()
    table = page.locator(".map-table table")
    assert table.is_visible()
    assert "Singapore" in table.inner_text()
    # By keyboard: a host's link takes the focus and opens its visits.
    page.locator('svg.map a[href="/visits/?host=MY"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/visits/\?host=MY$"))
    phone_page.goto(site.url + "/")
    phone_map = phone_page.locator("svg.map")
    assert phone_map.bounding_box()["width"] <= 390
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "home-map-phone")


def test_the_country_and_leader_pages_draw_their_maps(site, page, phone_page, screenshot):
    page.goto(site.url + "/countries/VN/")
    assert page.locator("#map-visits svg.map").is_visible()
    assert page.locator("#map-partners svg.map").is_visible()
    focus = page.locator('#map-visits path.focus[data-code="VN"]')
    assert focus.count() == 1
    china = page.locator('#map-partners path[data-code="CN"]')
    colour = china.evaluate("p => getComputedStyle(p).fill")
    assert colour not in ("rgb(227, 230, 235)", "rgb(136, 136, 136)", ""), colour
    screenshot(page, "country-maps-desktop")
    page.goto(site.url + f"/leaders/{site.to_lam.pk}/")
    visited = page.locator("#map svg.map a path")
    assert sorted(visited.evaluate_all("ps => ps.map(p => p.dataset.code)")) == ["MY"]
    screenshot(page, "leader-map-desktop")
    phone_page.goto(site.url + "/countries/VN/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "country-maps-phone")


def _font_px(locator) -> float:
    """The rendered height of the first text of an SVG, in CSS pixels."""
    return locator.first.evaluate("t => t.getBoundingClientRect().height")


def test_the_charts_read_on_a_phone_and_empty_bars_are_not_in_the_tab_order(
    site, page, phone_page, screenshot
):
    phone_page.goto(site.url + "/")
    assert phone_page.locator("svg.timeline-wide").is_hidden()
    phone_chart = phone_page.locator("svg.timeline-phone")
    assert phone_chart.is_visible()
    assert _font_px(phone_chart.locator("text.tick")) >= 10, "year labels too small to read"
    phone_page.goto(site.url + "/countries/VN/")
    chart = phone_page.locator("svg.partnerships-phone")
    assert chart.is_visible()
    assert _font_px(chart.locator("text.label")) >= 10
    screenshot(phone_page, "charts-phone")
    page.goto(site.url + "/")
    wide = page.locator("svg.timeline-wide")
    assert wide.is_visible()
    bars = wide.locator("rect.bar")
    linked = wide.locator("a rect.bar")
    assert bars.count() > linked.count() > 0, "the seeds leave empty months"
    heights = linked.evaluate_all("rs => rs.map(r => Number(r.getAttribute('height')))")
    assert min(heights) > 0, "a zero-height bar is a link"
    # Tab through the page: focus never lands on an empty bar.
    for _ in range(60):
        page.keyboard.press("Tab")
        height = page.evaluate(
            "() => { const r = document.activeElement.querySelector('rect');"
            " return r ? Number(r.getAttribute('height')) : null; }"
        )
        assert height is None or height > 0
