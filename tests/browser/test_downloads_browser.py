"""Downloads, the Atom feed and the API page in a real headless Chromium."""

import feedparser
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


def test_a_filtered_list_offers_its_feed_to_a_reader(site, page):
    page.goto(site.url + "/visits/?host=VN")
    link = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href == "/visits/feed.atom?host=VN"
    response = page.request.get(site.url + href)
    assert response.ok
    parsed = feedparser.parse(response.body())
    assert parsed.bozo == 0 and parsed.feed.title == "Visits where the host is Viet Nam"
    assert len(parsed.entries) == 2
    # The visible link in the downloads line is the same feed.
    visible = page.get_by_role("link", name="Atom feed")
    assert visible.get_attribute("href") == href


def test_the_csv_link_downloads_the_filtered_list_whole(site, page, tmp_path):
    page.goto(site.url + "/visits/?visitor=VN")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "visits.csv"
    path = tmp_path / "visits.csv"
    download.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,visitor_country,host_country")
    assert lines[-1] == "# complete: 3 visits"
    assert len(lines) == 5


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_footer_leads_to_the_api_page_which_fits_the_screen(
    site, page, phone_page, screenshot, size
):
    tab = page if size == "desktop" else phone_page
    tab.goto(site.url + "/visits/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Downloads and the API").click()
    tab.wait_for_url("**/api/")
    assert tab.get_by_role("heading", name="Downloads and the API").is_visible()
    assert tab.locator("a.example").count() >= 10
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"], "the API page scrolls sideways"
    screenshot(tab, f"api-{size}")
    # A record's JSON opens in the browser as JSON.
    tab.locator('a.example[href$=".json"]').first.click()
    assert tab.locator("body").inner_text().lstrip().startswith("{")
