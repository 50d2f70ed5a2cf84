"""Stored addresses that are not http(s) never become links: a 'javascript:' URL stored
before ingest refused it must not run on a public page or in an editor's admin session."""

import pytest

from tests import factories
from visits.links import web_url

HOSTILE = "javascript:alert(document.domain)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://news.example.org/a?b=1", "https://news.example.org/a?b=1"),
        ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
        (HOSTILE, ""),
        ("JavaScript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("//evil.example.org/", ""),
        ("https://", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_web_url_lets_only_http_and_https_through(value, expected):
    assert web_url(value) == expected


@pytest.fixture
def hostile_visit(db):
    article = factories.ArticleFactory(url=HOSTILE, title="A report with a bad address")
    evidence = factories.EvidenceFactory(article=article)
    return evidence.visit, article


def test_public_pages_show_no_javascript_link(client, hostile_visit):
    visit, article = hostile_visit
    for url in (f"/visits/{visit.pk}/", f"/articles/{article.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"javascript:" not in response.content.lower(), url


def test_admin_pages_show_no_javascript_link(client, hostile_visit):
    visit, article = hostile_visit
    client.force_login(factories.editor_user())
    for url in (
        f"/admin/visits/visit/{visit.pk}/change/",
        f"/admin/visits/article/{article.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'href="javascript:' not in response.content.lower(), url
