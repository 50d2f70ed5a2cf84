"""Reading web pages (visits.extraction.pages): the article alone, with its metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from visits.extraction import DocumentError, read_html
from visits.extraction.pages import page_language, page_text

PAGES = Path(__file__).resolve().parents[1] / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_a_page_gives_the_story_without_navigation_related_links_comments_or_scripts():
    document = read_html(page("sg_talks.html"), name="sg_talks.html")
    assert document.body.startswith("Prime Minister Pham Minh Chinh held talks")
    assert "undersea cables and clean energy" in document.body
    for boilerplate in (
        "Home",  # navigation
        "Breaking",  # the header's ticker
        "Indonesia",  # related headlines
        "Malaysia",  # reader comments
        "King of Spain",
        "Nobody",  # scripts
        "font-family",  # styles
        "All rights reserved",  # footer
    ):
        assert boilerplate not in document.body, boilerplate


def test_a_page_gives_its_title_date_canonical_url_and_language():
    document = read_html(page("sg_talks.html"), name="sg_talks.html", url="http://x.test/a")
    assert (
        document.title == "Vietnamese Prime Minister holds talks with his Singaporean counterpart"
    )
    assert (document.published.year, document.published.month, document.published.day) == (
        2025,
        6,
        12,
    )
    assert document.url == "https://news.example.org/world/pm-talks-singapore"
    assert document.language == "en"


def test_a_vietnamese_page_is_read_in_vietnamese():
    document = read_html(page("vi_call.html"), name="vi_call.html")
    assert document.language == "vi"
    assert document.title == "Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Australia"
    assert document.body.startswith("Tối 2/4, Thủ tướng Phạm Minh Chính đã điện đàm")
    assert "Tin liên quan" not in document.body and "Bạn đọc" not in document.body
    assert document.url == "https://baobencang.example.vn/thoi-su/dien-dam-australia.html"


def test_a_page_without_canonical_link_is_known_by_the_address_it_came_from():
    html = (
        "<html><head><title>Harbour notes</title></head><body><article>"
        "<p>The harbour master said on Monday that the new pier will open in the spring, "
        "after two years of work by the town and the port authority together.</p>"
        "</article></body></html>"
    )
    document = read_html(html, name="notes", url="http://127.0.0.1:8000/notes")
    assert document.url == "http://127.0.0.1:8000/notes"
    assert read_html(html, name="notes").url is None


def test_a_date_after_today_is_not_taken_and_says_so():
    html = page("sg_talks.html")
    document = read_html(html, name="sg_talks.html", today=dt.date(2025, 6, 1))
    assert document.published is None
    assert any("after today" in message for _, message in document.warnings)


@pytest.mark.parametrize(
    "html, hint, expected",
    [
        ('<html lang="vi-VN"><body></body></html>', None, "vi"),
        ("<html LANG=en><body></body></html>", None, "en"),
        ('<html><head><meta http-equiv="Content-Language" content="vi"></head>', None, "vi"),
        ('<html><head><meta property="og:locale" content="en_US"></head>', None, "en"),
        ("<html><head></head><body></body></html>", None, None),
    ],
)
def test_page_language_reads_what_the_page_declares(html, hint, expected):
    assert page_language(html) == expected


def test_the_feeds_language_is_the_hint_for_a_page_that_declares_none():
    html = (
        "<html><body><article><p>Thu tuong tiep Dai su Nhat Ban tai Ha Noi ngay 3/4, hai ben "
        "trao doi ve hop tac giao duc va nang luong sach giua hai nuoc.</p></article></body></html>"
    )
    assert read_html(html, name="p", language="vi").language == "vi"


@pytest.mark.parametrize(
    "html",
    [
        "just some words, no markup at all",
        "<html><head><title>Empty</title></head><body><a href='/'>Home</a> News</body></html>",
        "",
    ],
)
def test_a_page_without_an_article_is_refused_with_its_name(html):
    with pytest.raises(DocumentError, match="^blank.html: "):
        read_html(html, name="blank.html")


def test_page_text_follows_the_charset_given_then_the_meta_then_utf8():
    vietnamese = "<p>Hà Đông</p>"
    assert page_text(vietnamese.encode("utf-8")) == vietnamese
    assert page_text(vietnamese.encode("cp1258"), charset="windows-1258") == vietnamese
    meta = '<meta charset="windows-1258">' + vietnamese
    assert page_text(meta.encode("cp1258")) == meta
    assert page_text(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"
    assert page_text(b"<p>\xff</p>", charset="no-such-charset") == "<p>\ufffd</p>"


def test_a_page_in_any_language_read_is_taken_at_its_word():
    html = (
        '<html lang="fr"><head><title>Visite au Laos</title></head><body><article>'
        "<p>Le président Luong Cuong a entamé jeudi une visite d'État au Laos, où il a "
        "rencontré les dirigeants du pays pour parler du commerce et de l'énergie.</p>"
        "</article></body></html>"
    )
    document = read_html(html, name="laos.html")
    assert (document.language, document.language_confidence) == ("fr", None)
