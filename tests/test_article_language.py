"""An article's language and the detector's confidence: stored by ingest, kept by
re-extraction, shown on the article's page and in the admin (issue 11)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import EDITOR_PASSWORD, ArticleFactory, editor_user
from visits import models
from visits.extraction.detection import LANGUAGES
from visits.extraction.document import MSG_LANGUAGE_UNKNOWN

pytestmark = pytest.mark.django_db

# Written for these tests.
FRENCH = (
    "Le ministre inaugure un consulat à Lyon\n\n"
    "Le ministre des Affaires étrangères a inauguré jeudi un nouveau consulat et a "
    "rencontré les élus de la ville pour parler des échanges universitaires.\n"
)
GERMAN = (
    "Die Außenministerin hat am Donnerstag in Hamburg ein neues Konsulat eröffnet und "
    "mit Vertretern der Stadt über den Austausch von Studierenden gesprochen."
)


def ingest(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "in"
    path.mkdir()
    (path / "lyon.txt").write_text(FRENCH, encoding="utf-8")
    (path / "hamburg.json").write_text(json.dumps({"text": GERMAN}), encoding="utf-8")
    (path / "given.json").write_text(
        json.dumps({"text": GERMAN + " Noch ein Satz.", "language": "pt"}), encoding="utf-8"
    )
    return path


def test_ingest_stores_the_detected_language_and_its_confidence(folder):
    code, _, err = ingest(folder)
    assert code == 0, err
    stored = {a.source_name: a for a in models.Article.objects.all()}
    assert stored["lyon.txt"].language == "fr"
    assert stored["hamburg.json"].language == "de"
    for name in ("lyon.txt", "hamburg.json"):
        assert 0.5 < stored[name].language_confidence <= 1.0
    # Given by the input: it wins over detection, and no confidence is claimed.
    assert stored["given.json"].language == "pt"
    assert stored["given.json"].language_confidence is None


def test_reextracting_keeps_the_language_and_its_confidence(folder):
    ingest(folder)
    before = dict(models.Article.objects.values_list("source_name", "language_confidence"))
    code, _, err = ingest("--reextract")
    assert code == 0, err
    after = dict(models.Article.objects.values_list("source_name", "language_confidence"))
    assert after == before and before["lyon.txt"] is not None


def test_an_unsupported_language_in_json_fails_that_file_named_and_the_rest_land(folder):
    (folder / "italian.json").write_text(
        json.dumps({"text": "Il ministro ha aperto un consolato.", "language": "it"}),
        encoding="utf-8",
    )
    code, _, err = ingest(folder)
    assert code == 1
    message = MSG_LANGUAGE_UNKNOWN.format(
        name="italian.json", value="it", known=", ".join(LANGUAGES)
    )
    assert any("italian.json" in line and message in line for line in err.splitlines()), err
    names = set(
        models.Article.objects.exclude(status="failed").values_list("source_name", flat=True)
    )
    assert names == {"lyon.txt", "hamburg.json", "given.json"}


@pytest.mark.parametrize(
    ("language", "confidence"), [("it", None), ("xx", 0.5), ("fr", 1.5), ("fr", -0.1)]
)
def test_the_database_refuses_an_unknown_language_or_a_confidence_out_of_range(
    language, confidence
):
    article = ArticleFactory()
    article.language, article.language_confidence = language, confidence
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_every_language_read_is_accepted_by_the_database():
    assert models.ArticleLanguage.values == list(LANGUAGES)
    for code in LANGUAGES:
        article = ArticleFactory(language=code, language_confidence=0.75)
        article.refresh_from_db()
        assert article.language == code


def test_the_article_page_shows_the_language_and_how_it_was_known(client):
    detected = ArticleFactory(language="id", language_confidence=0.876)
    given = ArticleFactory(language="es", language_confidence=None)
    page = client.get(f"/articles/{detected.pk}/").content.decode()
    assert "Indonesian (detected, 0.88)" in page
    page = client.get(f"/articles/{given.pk}/").content.decode()
    assert "Spanish (given by the source)" in page


def test_the_article_list_filters_on_every_language(client):
    ArticleFactory(language="pt", title="Um consulado novo")
    ArticleFactory(language="en", title="A new consulate")
    response = client.get("/articles/", {"language": "pt"})
    assert response.status_code == 200
    titles = [a.title for a in response.context["object_list"]]
    assert titles == ["Um consulado novo"]
    assert "Portuguese" in response.content.decode()


def test_the_admin_shows_the_language_confidence(client):
    article = ArticleFactory(language="de", language_confidence=0.912)
    user = editor_user()
    client.post(  # through the sign-in form, as django-axes wants
        reverse("admin:login"),
        {"username": user.username, "password": EDITOR_PASSWORD, "next": reverse("admin:index")},
    )
    listing = client.get(reverse("admin:visits_article_changelist")).content.decode()
    assert "0.912" in listing and "language confidence" in listing.lower()
    change = client.get(reverse("admin:visits_article_change", args=[article.pk]))
    assert change.status_code == 200 and "0.912" in change.content.decode()


def test_the_migration_detects_again_the_language_of_articles_stored_before_it():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("visits.migrations.0014_article_language")
    # Stored by the old two-language guess: French read as Vietnamese, no confidence.
    old = ArticleFactory(title="Le ministre à Lyon", text=FRENCH, language="vi")
    migration.detect_stored(apps, None)
    old.refresh_from_db()
    assert old.language == "fr" and 0.5 < old.language_confidence <= 1.0
