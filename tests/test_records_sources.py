"""What the pages show as fact and where it came from (issue 14): unconfirmed records
and the confirmed filter, the review said in words, sources one card per article with
a headline, and the article page marking only the evidence sentences."""

import datetime as dt

import pytest

from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    MeetingFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
    pages_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def text_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def ids(client, url, **params) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200
    return {row.pk for row in response.context["object_list"]}


# --- Unconfirmed records -----------------------------------------------------------------


def test_a_low_confidence_visit_is_marked_unconfirmed_with_its_reason(client, world):
    doubtful = VisitFactory(host_country=country("TH"), confidence=0.4)
    page = text_of(client, f"/visits/{doubtful.pk}/")
    assert "Unconfirmed: it was read with a confidence of 0.40, below the 0.60" in page
    listed = text_of(client, "/visits/")
    assert "unconfirmed: confidence 0.40" in listed
    assert text_of(client, f"/visits/{world.to_malaysia.pk}/").count("Unconfirmed") == 0


def test_a_record_whose_year_no_report_gave_is_unconfirmed(client, world):
    meeting = MeetingFactory(date=dt.date(2024, 6, 3), year_settled=False, confidence=0.95)
    assert "no report gave its year" in text_of(client, f"/meetings/{meeting.pk}/")
    assert "unconfirmed: year not given" in text_of(client, "/meetings/")


def test_confirmed_yes_hides_the_unconfirmed_and_no_shows_only_them(client, world):
    doubtful = VisitFactory(host_country=country("TH"), confidence=0.4)
    unsettled = VisitFactory(host_country=country("LA"), year_settled=False)
    every = ids(client, "/visits/")
    assert {doubtful.pk, unsettled.pk} <= every
    assert ids(client, "/visits/", confirmed="yes") == every - {doubtful.pk, unsettled.pk}
    assert ids(client, "/visits/", confirmed="no") == {doubtful.pk, unsettled.pk}
    sentence = client.get("/visits/", {"confirmed": "yes"}).context["sentence"]
    assert sentence == "5 visits that are confirmed"


def test_an_editors_review_confirms_a_doubtful_record(client, world):
    doubtful = VisitFactory(host_country=country("TH"), confidence=0.3, reviewed=True)
    assert doubtful.pk in ids(client, "/visits/", confirmed="yes")
    page = text_of(client, f"/visits/{doubtful.pk}/")
    assert "Unconfirmed" not in page and "Yes: an editor reviewed it." in page


def test_confirmed_filters_meetings_and_agreements_too(client, world):
    weak_meeting = MeetingFactory(confidence=0.5)
    weak_agreement = AgreementFactory(confidence=0.5)
    assert weak_meeting.pk not in ids(client, "/meetings/", confirmed="yes")
    assert ids(client, "/meetings/", confirmed="no") == {weak_meeting.pk}
    assert weak_agreement.pk not in ids(client, "/agreements/", confirmed="yes")
    assert ids(client, "/agreements/", confirmed="no") == {weak_agreement.pk}


def test_the_threshold_is_a_setting(client, world, settings):
    settings.CONFIRMED_CONFIDENCE = 0.95  # the world's visits are read at 0.9
    assert ids(client, "/visits/", confirmed="yes") == set()
    assert "below the 0.95 a record needs" in text_of(client, f"/visits/{world.to_malaysia.pk}/")


def test_a_bad_confirmed_value_is_named_and_shows_nothing(client, world):
    response = client.get("/visits/", {"confirmed": "maybe"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert any(
        m.startswith("Confirmed “maybe”: “maybe” is not yes")
        for m in response.context["messages_list"]
    )


def test_confirmed_only_is_a_checkbox_that_keeps_its_state(client, world):
    page = text_of(client, "/visits/", confirmed="yes")
    assert '<input type="checkbox" name="confirmed" value="yes" checked>' in page
    # Not also a hidden input, which would send it twice.
    assert '<input type="hidden" name="confirmed"' not in page


# --- The review in words -----------------------------------------------------------------


def test_the_review_line_says_in_words_what_an_editor_corrected(client, world):
    visit = world.to_malaysia
    visit.corrected_fields = ["cities", "end", "start"]
    visit.save()
    page = text_of(client, f"/visits/{visit.pk}/")
    assert "Not reviewed yet; an editor corrected the cities and the dates." in page
    assert "corrected:" not in page and "yes,no" not in page
    visit.reviewed = True
    visit.corrected_fields = ["visitor_leader"]
    visit.save()
    assert "Reviewed by an editor; an editor corrected the visitor." in text_of(
        client, f"/visits/{visit.pk}/"
    )


# --- Sources -----------------------------------------------------------------------------


def test_a_source_without_title_shows_its_first_line_outlet_date_and_language(client, world):
    article = ArticleFactory(
        source_name="h01.txt",
        title="",
        url="https://www.news.example.org/2024/leaders-meet",
        text="Premier arrives in Bangkok for two days of talks\n\nThe premier landed at noon.",
        language="en",
        published=dt.date(2024, 2, 5),
    )
    visit = VisitFactory(host_country=country("TH"))
    SpanEvidenceFactory(article=article, visit=visit, start=50, end=len(article.text))
    page = text_of(client, f"/visits/{visit.pk}/")
    assert ">Premier arrives in Bangkok for two days of talks</a>" in page
    assert "news.example.org · 5 February 2024 · English" in page
    assert 'href="https://www.news.example.org/2024/leaders-meet"' in page
    assert ">h01.txt<" not in page


def test_a_visits_evidence_is_one_card_per_article_with_each_sentence_once(client, world):
    article = ArticleFactory(
        title="Two days in Bangkok",
        text="The premier landed in Bangkok. She met the king. She left on Sunday.",
    )
    visit = VisitFactory(host_country=country("TH"))
    for sentence in ("The premier landed in Bangkok.", "She left on Sunday."):
        start = article.text.index(sentence)
        SpanEvidenceFactory(article=article, visit=visit, start=start, end=start + len(sentence))
    # The same sentence a second time, under another record key: shown once.
    SpanEvidenceFactory(article=article, visit=visit, start=0, end=30)
    other = ArticleFactory(title="Premier in Thailand", text="The premier is in Thailand.")
    SpanEvidenceFactory(article=other, visit=visit)
    page = text_of(client, f"/visits/{visit.pk}/")
    assert page.count('class="evidence source-card"') == 2
    assert page.count("<mark>The premier landed in Bangkok.</mark>") == 1
    assert "<mark>She left on Sunday.</mark>" in page
    assert page.count(">Two days in Bangkok</a>") == 1


# --- The article page --------------------------------------------------------------------


def test_the_article_page_marks_the_sentences_not_the_blank_lines(client, world):
    text = "BANGKOK, 5 February.\n\nThe premier arrived for talks.\n\nShe met the king.\n\nWeather."
    article = ArticleFactory(title="In Bangkok", text=text)
    visit = VisitFactory(host_country=country("TH"))
    start = text.index("The premier")
    end = text.index("Weather.")  # the span runs over two paragraphs and the blank lines
    evidence = SpanEvidenceFactory(article=article, visit=visit, start=start, end=end)
    page = text_of(client, f"/articles/{article.pk}/")
    assert "<mark>The premier arrived for talks.</mark>" in page
    assert "<mark>She met the king.</mark>" in page
    assert "<mark>\n" not in page and "\n</mark>" not in page
    assert "<mark>BANGKOK" not in page and "<mark>Weather" not in page
    # From the sentence back to the record, at the sentence, and from the record to it.
    assert f'href="/visits/{visit.pk}/#evidence-{evidence.pk}" class="back"' in page
    record = text_of(client, f"/visits/{visit.pk}/")
    assert f'id="evidence-{evidence.pk}"' in record
    assert f'href="/articles/{article.pk}/#ev-{evidence.pk}"' in record


def test_what_was_read_lists_a_sentence_once_with_every_record_read_from_it(client, world):
    page = text_of(client, f"/articles/{world.article.pk}/")
    assert page.count('class="to-sentence"') == 1  # one sentence, three records
    assert "Visit: Viet Nam → Malaysia" in page
    assert "Meeting: talks" in page and "Agreement: partnership upgrade" in page


@pytest.mark.parametrize(
    ("title", "text", "headline"),
    [
        ("Given title", "Body.", "Given title"),
        ("", "BANGKOK, 5 February.\n\nThe premier arrived.", "The premier arrived."),
        ("", "Leaders meet, agree on trade\n\nMore.", "Leaders meet, agree on trade"),
        ("", "", "h02.txt"),
        ("", "word " * 60, ("word " * 24).strip() + "…"),
    ],
)
def test_an_articles_headline_is_its_title_else_its_first_line(title, text, headline):
    article = ArticleFactory.build(source_name="h02.txt", title=title, text=text)
    assert article.headline == headline
