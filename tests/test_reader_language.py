"""Country names on the pages in the reader's language (`?lang=`, else Accept-Language),
from the same CLDR data extraction reads (issue 11, part 4)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from tests.factories import pages_world
from visits import models
from visits.reader import country_display_name, reader_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def page(client, url, accept_language: str = "") -> str:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    assert "Accept-Language" in response["Vary"]
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("lang=fr", "", "fr"),
        ("lang=DE", "", "de"),
        ("", "pt-BR,pt;q=0.9,en;q=0.5", "pt"),
        ("", "it-IT,id;q=0.8", "id"),
        ("lang=zz", "es", "es"),  # not ours: passed over
        ("lang=<b>", "", "en"),
        ("", "not a ;; header q=x", "en"),
        ("", "", "en"),
    ],
)
def test_the_reader_language_comes_from_lang_then_accept_language(query, header, expected):
    request = RequestFactory().get(f"/countries/?{query}", HTTP_ACCEPT_LANGUAGE=header)
    assert reader_language(request) == expected


def test_a_country_page_names_the_country_in_the_readers_language(client, world):
    assert "<h1>Viêt Nam" in page(client, "/countries/VN/?lang=fr")
    body = page(client, "/countries/VN/", "pt-BR,pt;q=0.9")
    assert "<h1>Vietnã" in body and "Malásia" in body  # the visit to Malaysia, too
    english = page(client, "/countries/VN/")
    assert "<h1>Viet Nam" in english and "Malaysia" in english


def test_the_country_list_names_countries_in_the_readers_language(client, world):
    body = page(client, "/countries/?lang=de&q=sing")
    assert "Singapur" in body
    # The chooser keeps the filters and offers every language.
    body = page(client, "/countries/?q=sing&lang=id")
    assert "Singapura" in body
    assert 'href="?q=sing&amp;lang=fr"' in body and "Français" in body


def test_country_links_on_record_pages_follow_the_reader(client, world):
    body = page(client, "/visits/?lang=es")
    assert "Malasia" in body


def test_english_and_vietnamese_show_the_stored_names_an_editor_may_correct(world):
    vn = models.Country.objects.get(code="VN")
    vn.name_vi = "Việt Nam (sửa)"
    assert country_display_name(vn, "vi") == "Việt Nam (sửa)"
    assert country_display_name(vn, "en") == vn.name_en
    assert country_display_name(vn, "xx") == vn.name_en


@pytest.mark.parametrize("value", ["", "xx", "%00", "fr&lang=de", "é" * 300])
def test_a_malformed_lang_never_fails_a_page(client, world, value):
    response = client.get("/countries/", {"lang": value})
    assert response.status_code in (200, 400)
