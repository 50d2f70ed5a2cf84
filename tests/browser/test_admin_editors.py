"""What the admin shows editors, in Debian's Chromium (issue 14, Editors): the visit change
form fits a 1,280 px window, review rows say who, why and where from, the merge
confirmation lists what moves, and a deletion is undone from "Deletions and merges".
Screenshots go to tests/browser/screenshots/."""

import datetime as dt

import pytest

from tests.browser.test_admin_browser import ensure_reference_and_editors, sign_in
from tests.factories import (
    AgreementFactory,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    country,
    editor_user,
)
from visits import models

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SENTENCE = "Prime Minister Nadia Rahman held talks with President Tran Minh Hoa in Hanoi."


@pytest.fixture
def records(live_server):
    """A visit with long sentences, a meeting, an agreement and many evidence rows: what
    made the change form 1,639 px wide."""
    ensure_reference_and_editors()
    anwar = LeaderFactory(name="Nadia Rahman", country=country("MY"))
    luong = LeaderFactory(name="Tran Minh Hoa", country=country("VN"))
    visit = VisitFactory(
        visitor_country=country("MY"),
        host_country=country("VN"),
        visitor_leader=anwar,
        kind="official",
        cities=["Hanoi", "Ha Long"],
        start=dt.date(2025, 3, 13),
        end=dt.date(2025, 3, 14),
        confidence=0.45,
        invited_by="President Tran Minh Hoa of the Socialist Republic of Viet Nam",
    )
    meeting = MeetingFactory(visit=visit, date=dt.date(2025, 3, 13), confidence=0.5)
    models.Participation.objects.create(meeting=meeting, leader=anwar, office="Prime Minister")
    models.Participation.objects.create(meeting=meeting, leader=luong, office="President")
    agreement = AgreementFactory(visit=visit, date=dt.date(2025, 3, 13), title="A plan on rice")
    agreement.parties.set([country("MY"), country("VN")])
    long = (
        SENTENCE + " " + "They spoke of trade, rice, energy, maritime security and students. " * 4
    )
    EvidenceFactory(visit=visit, sentence=long)
    EvidenceFactory(visit=None, meeting=meeting, sentence=SENTENCE)
    editor_user()
    return {"visit": visit, "meeting": meeting, "anwar": anwar, "luong": luong}


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_visit_change_form_fits_a_1280_window(live_server, page, records, screenshot):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/visits/visit/{records['visit'].pk}/change/")
    assert page.viewport_size["width"] == 1280
    screenshot(page, "admin-visit-change-1280")
    width = scroll_width(page)
    assert width <= 1280, f"the change form is {width} px wide in a 1,280 px window"
    # Nor does an inline scroll inside itself: its table fits its box.
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.inline-group .tabular')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id)"
    )
    assert not overflowing, f"inlines wider than the form: {overflowing}"
    # Every part of it is still there: the sentence, the inlines, the reason box.
    assert "Nadia Rahman held talks" in page.content()
    assert page.locator("#id_change_reason").is_visible()


def test_the_visit_change_form_fits_a_phone(live_server, phone_page, records, screenshot):
    sign_in(phone_page, live_server.url)
    phone_page.goto(f"{live_server.url}/admin/visits/visit/{records['visit'].pk}/change/")
    screenshot(phone_page, "admin-visit-change-390")
    assert scroll_width(phone_page) <= 390 + 20  # the admin's own inline tables may scroll


def test_review_rows_show_people_confidence_and_the_sentence(
    live_server, page, records, screenshot
):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/visits/visit/review/")
    screenshot(page, "admin-review-queue")
    table = page.locator("#review-queue")
    meeting_row = table.locator("tr", has_text="Tran Minh Hoa (Viet Nam)").first
    assert "Nadia Rahman (Malaysia)" in meeting_row.inner_text()
    assert "0.50" in meeting_row.inner_text()
    assert "low confidence" in meeting_row.inner_text()
    assert SENTENCE in meeting_row.inner_text()
    visit_row = table.locator("tr", has_text="Nadia Rahman (Malaysia) to Viet Nam").first
    assert "0.45" in visit_row.inner_text() and "Hanoi" in visit_row.inner_text()
    assert scroll_width(page) <= 1280


def test_the_merge_page_lists_what_moves_and_the_aliases_box(
    live_server, page, records, screenshot
):
    duplicate = LeaderFactory(
        name="Nadia binti Rahman", country=country("MY"), aliases=["N. Rahman"]
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/visits/leader/?q=Nadia")
    for pk in (records["anwar"].pk, duplicate.pk):
        page.locator(f"input[name='_selected_action'][value='{pk}']").check()
    page.locator("select[name='action']").select_option("merge_leaders")
    page.get_by_role("button", name="Go").click()
    page.wait_for_selector("#merge-form")
    screenshot(page, "admin-merge-leaders")
    text = page.locator("#merge-form").inner_text()
    assert "Meetings (1)" in text and "Visits (1)" in text
    assert "Nadia binti Rahman" in text
    box = page.locator("#id_keep_aliases")
    assert box.is_checked()
    box.uncheck()
    page.locator(f"#merge-form input[type=radio][value='{records['anwar'].pk}']").check()
    page.locator("#id_reason").fill("One person, spelled two ways")
    page.get_by_role("button", name="Merge 2 leaders").click()
    page.wait_for_selector("ul.messagelist")
    kept = models.Leader.objects.get(pk=records["anwar"].pk)
    assert "Nadia binti Rahman" not in kept.aliases
    action = models.EditorAction.objects.get()
    assert action.reason == "One person, spelled two ways"


def test_an_editor_deletes_a_visit_and_recovers_it(live_server, page, records, screenshot):
    visit = records["visit"]
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/visits/visit/{visit.pk}/delete/")
    page.locator("#id_reason").fill("Looked like a duplicate")
    page.get_by_role("button", name="Yes, I’m sure").click()
    page.wait_for_selector("ul.messagelist")
    assert not models.Visit.objects.filter(pk=visit.pk).exists()

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Recover deleted").click()
    screenshot(page, "admin-deletions-and-merges")
    row = page.locator("#result_list tr", has_text="Looked like a duplicate")
    row.get_by_role("link", name="Undo").click()
    page.locator("#id_reason").fill("It was not a duplicate")
    screenshot(page, "admin-undo-confirm")
    page.get_by_role("button", name="Undo the deletion").click()
    page.wait_for_url(f"{live_server.url}/admin/visits/visit/{visit.pk}/change/")
    assert "is back" in page.locator("ul.messagelist").inner_text()
    assert models.Visit.objects.filter(pk=visit.pk).exists()
    page.goto(f"{live_server.url}/admin/visits/visit/{visit.pk}/history/")
    screenshot(page, "admin-visit-history-reasons")
    history = page.locator("#change-history").inner_text()
    assert "Looked like a duplicate" in history and "It was not a duplicate" in history
