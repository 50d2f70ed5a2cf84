"""`ingest URL…`: pages fetched from a local site, with every way a fetch fails named."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.local_site import PAGES, Route
from visits import models
from visits.services.fetch import FetchError, fetch

pytestmark = pytest.mark.django_db


def ingest(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def stored() -> dict:
    """Everything ingest writes, to show that a failing fetch leaves it as it was."""
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    articles = list(
        models.Article.objects.order_by("pk").values(
            "source_name", "text", "raw", "status", "content_hash", "updated_at"
        )
    )
    return {"records": json.loads(out.getvalue()), "articles": articles}


def test_a_page_fetched_is_stored_with_its_page_and_known_by_its_canonical_url(site):
    url = site.page("/article", "sg_talks.html")
    out, err, code = ingest(url)
    assert code == 0, err
    article = models.Article.objects.get()
    assert article.source_name == "https://news.example.org/world/pm-talks-singapore"
    assert article.raw == (PAGES / "sg_talks.html").read_text("utf-8")
    assert article.raw_kind == "html" and article.path == ""
    assert models.Visit.objects.filter(visitor_country="VN", host_country="SG").count() == 1


def test_a_page_without_canonical_link_is_known_by_the_address_it_was_read_from(site):
    site.routes["/story"] = Route(
        body=(PAGES / "vi_call.html")
        .read_bytes()
        .replace(
            b'<link rel="canonical" href="https://baobencang.example.vn/thoi-su/'
            b'dien-dam-australia.html">',
            b"",
        )
    )
    site.routes["/old-story"] = Route(status=301, headers={"Location": "/story"})
    out, err, code = ingest(site.url("/old-story"))
    assert code == 0, err
    article = models.Article.objects.get()
    assert article.source_name == site.url("/story")
    assert article.url == site.url("/story") and article.language == "vi"


def test_twice_in_a_row_the_second_run_changes_nothing_and_reextract_needs_no_network(site):
    url = site.page("/article", "sg_talks.html")
    assert ingest(url)[2] == 0
    before = stored()
    out, err, code = ingest(url)
    assert code == 0 and "1 unchanged" in out, out
    assert stored() == before
    site.server.shutdown()  # the site is gone: --reextract reads the stored page
    out, err, code = ingest("--reextract")
    assert code == 0 and "1 re-extracted" in out, err
    assert stored()["records"] == before["records"]


@pytest.mark.parametrize(
    "path, route, message",
    [
        ("/missing", None, "the server answered 404 Not Found"),
        ("/slow", Route(body=b"<html><p>late</p></html>", delay=3.5), "time-out"),
        ("/huge", Route(body=b"<p>" + b"word " * 20_000 + b"</p>", repeat=100), "over the limit"),
        ("/report.pdf", Route(body=b"%PDF-1.4", content_type="application/pdf"), "not an HTML"),
        ("/loop", Route(status=302, headers={"Location": "/loop"}), "more than 5 redirects"),
        ("/menu", Route(body=b"<html><body><a href='/'>Home</a></body></html>"), "no article"),
    ],
)
def test_a_page_that_cannot_be_had_is_named_and_nothing_stored_moves(site, path, route, message):
    good = site.page("/article", "sg_talks.html")
    assert ingest(good)[2] == 0
    before = stored()
    if route is not None:
        site.routes[path] = route
    url = site.url(path)
    out, err, code = ingest(url, good)
    assert code == 1
    failure = next(line for line in err.splitlines() if line.strip().startswith(f"{url}: "))
    assert message in failure, err
    assert "1 unchanged" in out
    assert stored() == before


def test_private_and_loopback_addresses_are_refused_unless_allowed(site, settings):
    url = site.page("/article", "sg_talks.html")
    settings.FETCH_ALLOW_PRIVATE = False
    out, err, code = ingest(url)
    assert code == 1
    assert f"{url}: 127.0.0.1 is a private or loopback address" in err
    assert site.hits == {}
    assert not models.Article.objects.exists()


def test_a_host_name_on_the_loopback_network_is_refused_too(site, settings):
    settings.FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match="private or loopback"):
        fetch(url="http://localhost:1/")


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd"])
def test_only_http_and_https_are_fetched(url):
    out, err, code = ingest(url)
    assert code == 1
    assert f"{url}: only http and https addresses are fetched" in err


def test_a_refused_connection_is_named(site):
    site.server.shutdown()
    site.server.server_close()
    url = site.url("/article")
    out, err, code = ingest(url)
    assert code == 1 and f"{url}: the connection failed" in err


def test_the_size_limit_is_the_setting(site, settings):
    settings.FETCH_MAX_BYTES = 1000
    url = site.page("/article", "sg_talks.html")
    with pytest.raises(FetchError, match=r"over the limit of 1,000 bytes \(FETCH_MAX_BYTES\)"):
        fetch(url=url)
