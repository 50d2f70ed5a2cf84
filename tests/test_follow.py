"""`manage.py follow FEED_URL…`: RSS and Atom feeds from a local site, new entries'
pages ingested, entries remembered so that the second run fetches nothing new."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.local_site import PAGES, Route
from visits import models

pytestmark = pytest.mark.django_db


def follow(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("follow", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def serve_feed(site, path: str, name: str, **kwargs) -> str:
    body = (PAGES / name).read_text("utf-8").replace("BASE", site.base)
    site.routes[path] = Route(body=body.encode("utf-8"), content_type="application/rss+xml")
    return site.url(path)


def stored() -> dict:
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    articles = list(
        models.Article.objects.order_by("pk").values("source_name", "raw", "updated_at")
    )
    return {"records": json.loads(out.getvalue()), "articles": articles}


@pytest.fixture
def rss(site):
    site.page("/world/pm-talks", "sg_talks.html")
    return serve_feed(site, "/feed.xml", "feed.rss.xml")


def test_an_rss_feed_ingests_each_entry_page_and_falls_back_to_its_content(site, rss):
    out, err, code = follow(rss)
    assert code == 1  # the third entry has neither page nor content
    assert "Feeds: 1 read, 0 failed. Entries: 3 new, 0 seen before, 1 read from" in out
    gone = site.url("/world/gone-page")
    assert f"{gone}: the page could not be had (the server answered 404 Not Found); read " in err
    also_gone = site.url("/world/also-gone")
    assert f"{also_gone}: the page could not be had (the server answered 404 Not Found) and " in err
    feed = models.Feed.objects.get()
    assert (feed.url, feed.name, feed.last_error) == (rss, "Harbour Daily: World", "")
    assert feed.last_fetched is not None
    page = models.Article.objects.get(
        source_name="https://news.example.org/world/pm-talks-singapore"
    )
    assert page.raw_kind == "html"
    from_content = models.Article.objects.get(source_name=gone)
    assert from_content.raw_kind == "json" and "Luxon" in from_content.text
    assert models.Visit.objects.filter(visitor_country="VN", host_country="SG").exists()
    assert models.Visit.objects.filter(visitor_country="CL", host_country="NZ").exists()
    entries = {e.guid: e for e in models.FeedEntry.objects.all()}
    assert entries["harbour-2025-06-12-001"].article == page
    assert entries["harbour-2025-06-13-002"].from_feed_content
    assert entries["harbour-2025-06-13-003"].article is None
    assert entries["harbour-2025-06-13-003"].attempts == 1


def test_the_second_run_fetches_nothing_new_and_changes_nothing(site, rss):
    follow(rss)
    before = stored()
    hits = dict(site.hits)
    out, err, code = follow(rss)
    assert "Entries: 1 new, 2 seen before" in out  # the failed one is tried again
    assert stored() == before
    assert site.hits["/world/pm-talks"] == hits["/world/pm-talks"]
    assert site.hits["/world/gone-page"] == hits["/world/gone-page"]
    assert site.hits["/feed.xml"] == hits["/feed.xml"] + 1
    follow(rss)
    out, err, code = follow(rss)  # tried MAX_ATTEMPTS times: left alone now
    assert "Entries: 0 new, 3 seen before" in out and code == 0, err
    assert stored() == before


def test_an_atom_feed_in_vietnamese(site):
    site.page("/thoi-su/dien-dam", "vi_call.html")
    url = serve_feed(site, "/atom.xml", "feed.atom.xml")
    out, err, code = follow(url)
    assert code == 0, err
    article = models.Article.objects.get()
    assert article.language == "vi" and article.raw_kind == "html"
    assert models.Meeting.objects.exists()
    out, err, code = follow(url)
    assert "Entries: 0 new, 1 seen before" in out and code == 0


def test_without_urls_every_active_feed_of_the_database_is_read(site, rss):
    models.Feed.objects.create(url=rss, name="World desk")
    models.Feed.objects.create(url=site.url("/other.xml"), active=False)
    out, err, code = follow()
    assert "Feeds: 1 read, 0 failed. Entries: 3 new" in out
    assert "/other.xml" not in site.hits
    assert models.Feed.objects.get(url=rss).name == "World desk"  # an editor's name stays


def test_no_feed_at_all_is_refused_with_a_message():
    with pytest.raises(CommandError, match="no active feed"):
        call_command("follow", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    "route, message",
    [
        (None, "the server answered 404 Not Found"),
        (Route(body=b"<html><body><p>A page, not a feed</p></body></html>"), "not an RSS or Atom"),
        (Route(body=b"%PDF-1.4", content_type="application/pdf"), "not an RSS or Atom feed"),
        (Route(body=b"<rss><channel>" * 1000, delay=3.5, content_type="text/xml"), "time-out"),
    ],
)
def test_a_bad_feed_is_named_kept_as_its_last_error_and_nothing_stored_moves(
    site, rss, route, message
):
    follow(rss)
    before = stored()
    if route is not None:
        site.routes["/bad.xml"] = route
    bad = site.url("/bad.xml")
    out, err, code = follow(bad, rss)
    assert code == 1
    failure = next(line for line in err.splitlines() if line.strip().startswith(f"{bad}: "))
    assert message in failure, err
    assert message in models.Feed.objects.get(url=bad).last_error
    assert stored() == before


def test_a_feed_address_that_is_not_http_is_refused():
    out, err, code = follow("ftp://example.org/feed.xml")
    assert code == 1
    assert "ftp://example.org/feed.xml: only http and https addresses (up to" in err
    assert not models.Feed.objects.exists()


def test_dry_run_stores_nothing(site, rss):
    out, err, code = follow("--dry-run", rss)
    assert "Dry run: nothing was stored." in out
    assert not models.Feed.objects.exists() and not models.Article.objects.exists()


def test_every_keeps_reading_the_feeds(site, rss):
    out, err, code = follow(rss, "--every", "0.001", "--runs", "2")
    assert out.count("Feeds: 1 read") == 2
    assert "Next run in 0.001 minute(s)" in out
    assert site.hits["/feed.xml"] == 2


def test_relative_links_are_read_against_the_feeds_address(site):
    for name in ("sg_talks.html", "vi_call.html"):
        site.page(f"/pages/{name}", name)
    url = serve_feed(site, "/pages/feed.local.xml", "feed.local.xml")
    out, err, code = follow(url)
    assert code == 0, err
    assert "Entries: 2 new" in out
    assert site.hits["/pages/sg_talks.html"] == site.hits["/pages/vi_call.html"] == 1
    assert models.Article.objects.count() == 2
