"""The Atom feed of a filtered visit list, and the /api/ page whose examples are requested
one by one, so that the documentation cannot drift from what the site answers."""

import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.factories import pages_world
from tests.test_param_fuzz import list_parameters
from visits.views import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def feed(client, **params):
    response = client.get("/visits/feed.atom", params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.bozo_exception  # well-formed
    assert parsed.version == "atom10"
    return parsed


# --- The feed ---------------------------------------------------------------------------


def test_a_feed_of_visits_to_a_country_holds_those_visits_newest_first(client, world):
    parsed = feed(client, host="VN")
    assert parsed.feed.title == "Visits where the host is Viet Nam"
    assert urlsplit(parsed.feed.link).path == "/visits/"
    assert "host=VN" in parsed.feed.link
    titles = [e.title for e in parsed.entries]
    assert titles == [
        "Xi Jinping (China) to Viet Nam, 12–13 December 2023",
        "Anwar Ibrahim (Malaysia) to Viet Nam, July 2023",
    ]
    links = [urlsplit(e.link).path for e in parsed.entries]
    assert links == [f"/visits/{world.xi_to_vn.pk}/", f"/visits/{world.anwar_to_vn.pk}/"]
    # Atom needs an id and an updated time on the feed and on every entry.
    assert parsed.feed.id and parsed.feed.updated
    assert all(e.id and e.updated for e in parsed.entries)


def test_a_feed_of_a_leaders_visits(client, world):
    parsed = feed(client, leader="Tô Lâm")
    assert {urlsplit(e.link).path for e in parsed.entries} == {
        f"/visits/{world.to_malaysia.pk}/",
        f"/visits/{world.to_singapore.pk}/",
    }


def test_a_feed_with_a_bad_parameter_answers_400_naming_it(client, world):
    response = client.get("/visits/feed.atom", {"level": "best_friends"})
    assert response.status_code == 400
    assert "level" in response.content.decode()


def test_the_list_page_and_the_record_pages_link_their_feeds(client, world):
    page = client.get("/visits/", {"host": "VN"}).content.decode()
    alternate = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', page)
    assert alternate and 'href="/visits/feed.atom?host=VN"' in alternate.group(0)
    leader = client.get(f"/leaders/{world.to_lam.pk}/").content.decode()
    href = re.search(r'rel="alternate"[^>]*href="([^"]+)"', leader).group(1)
    assert len(feed(client, **dict(_query(href))).entries) == 2
    country = client.get("/countries/VN/").content.decode()
    assert 'href="/visits/feed.atom?host=VN"' in country
    assert 'href="/visits/feed.atom?visitor=VN"' in country


def _query(href: str):
    from urllib.parse import parse_qsl

    return parse_qsl(urlsplit(href.replace("&amp;", "&")).query)


# --- The API page -----------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.examples: list[tuple[str, str]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs.get("href", ""))
            if "example" in (attrs.get("class") or "").split():
                self.examples.append((attrs["href"], attrs["data-expect"]))


def _page(client) -> tuple[str, _Links]:
    response = client.get("/api/")
    assert response.status_code == 200
    text = response.content.decode()
    links = _Links()
    links.feed(text)
    return text, links


def _answers(client, url: str, expect: str) -> None:
    response = client.get(url)
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    if expect == "error":
        assert response.status_code == 400, url
        assert json.loads(content)["error"]["parameters"], url
        return
    assert response.status_code == 200, url
    if expect == "json":
        assert isinstance(json.loads(content), dict), url
    elif expect == "csv":
        lines = content.splitlines()
        assert lines[-1].startswith("# complete: "), url
        assert list(csv.reader(io.StringIO(lines[0])))[0][0] in ("id", "code"), url
    else:
        assert feedparser.parse(content.encode()).bozo == 0, url


def test_every_example_on_the_api_page_answers_as_it_says(client, world):
    _, links = _page(client)
    kinds = {expect for _, expect in links.examples}
    assert kinds == {"json", "csv", "atom", "error"}
    assert len(links.examples) == len(api.LIST_EXAMPLES) + 6  # and a record of each kind
    for url, expect in links.examples:
        _answers(client, url.replace("&amp;", "&"), expect)


def test_the_api_page_names_every_parameter_of_every_list(client, world):
    text, _ = _page(client)
    for spec in api.LISTS:
        for name in list_parameters(spec.filterset):
            assert f"<code>{name}</code>" in text, (spec.plural, name)
        for value in spec.sorts.values():
            assert f"-{value}" in text
        for field in spec.fields:
            assert f"<code>{field}</code>" in text, (spec.plural, field)


def test_every_page_links_the_api_page(client, world):
    for url in ("/", "/visits/", f"/visits/{world.to_malaysia.pk}/"):
        page = client.get(url).content.decode()
        assert 'href="/api/"' in page, url


def test_format_atom_on_the_visit_list_is_its_feed(client, db):
    response = client.get("/visits/", {"host": "VN", "format": "atom"})
    assert response.status_code == 302
    assert response["Location"] == "/visits/feed.atom?host=VN"
    assert client.get(response["Location"]).status_code == 200
