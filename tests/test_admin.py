"""The editors' admin: every page renders for an editor, saves mark corrections, deletes
suppress, merges lose nothing, history keeps the value before, the review queue ranks."""

import datetime as dt
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import (
    EDITOR_PASSWORD,
    AgreementFactory,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    country,
    editor_user,
)
from visits import models
from visits.management.commands import create_editor
from visits.services import editing

pytestmark = pytest.mark.django_db

VISITS_MODELS = [m for m in admin.site._registry if m._meta.app_label == "visits"]


def sign_in(client, username: str, password: str):
    """Through the admin's own sign-in form, as a browser does (and as django-axes counts)."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


@pytest.fixture
def editor(client):
    user = editor_user()
    sign_in(client, user.username, EDITOR_PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
    return user


@pytest.fixture
def records():
    """One row of every registered model."""
    visit = VisitFactory()
    meeting = MeetingFactory(visit=visit)
    models.Participation.objects.create(meeting=meeting, leader=visit.visitor_leader)
    agreement = AgreementFactory(visit=visit)
    agreement.parties.set([country("VN"), country("MY")])
    evidence = EvidenceFactory(visit=visit)
    EvidenceFactory(visit=None, meeting=meeting, article=evidence.article)
    EvidenceFactory(visit=None, agreement=agreement, article=evidence.article)
    models.Suppression.objects.create(article=evidence.article, record_key="visit:gone")
    models.Office.objects.create(leader=visit.visitor_leader, kind="state", title="President")
    feed = models.Feed.objects.create(url="https://news.example.org/feed.xml", name="World")
    models.FeedEntry.objects.create(
        feed=feed, guid="entry-1", link="https://news.example.org/a", article=evidence.article
    )
    editing.record_delete(record=VisitFactory(), reason="a duplicate")  # an EditorAction
    if not models.Partnership.objects.exists():
        models.Partnership.objects.create(
            country_a=country("MY"),
            country_b=country("VN"),
            level=models.PartnershipLevel.objects.first(),
            since=dt.date(2024, 11, 22),
            source="editor",
        )
    return visit


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response) -> dict:
    """The POST data of an admin change form as rendered, inlines included."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                value = [str(v) for v in value]
                if bound.name in ("cities", "aliases"):
                    value = ",".join(value)
            data[bound.html_name] = value

    add(response.context["adminform"].form)
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.initial_forms:
            add(form)
    return data


# --- every page renders for an editor ----------------------------------------------


@pytest.mark.parametrize("model", VISITS_MODELS, ids=lambda m: m.__name__)
def test_every_changelist_and_change_page_renders_for_an_editor(client, editor, records, model):
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"no {model.__name__} to show"
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in VISITS_MODELS if hasattr(m, "history")], ids=lambda m: m.__name__
)
def test_every_history_page_renders_for_an_editor(client, editor, records, model):
    obj = model.objects.first()
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_editor_is_not_a_superuser_and_every_model_is_registered(editor):
    assert not editor.is_superuser
    names = {m.__name__ for m in VISITS_MODELS}
    assert names >= {
        "Country", "Leader", "Office", "PartnershipLevel", "Partnership", "Article", "Visit",
        "Meeting", "Participation", "Agreement", "Evidence", "Suppression",
    }  # fmt: skip


def test_admin_index_links_the_review_queue(client, editor):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("admin:visits_review_queue") in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_editors_cannot_touch_users_or_groups(client, editor, url):
    assert client.get(url).status_code == 403


def test_editors_cannot_rewrite_articles_or_evidence(client, editor, records):
    evidence = models.Evidence.objects.first()
    assert client.get(admin_url(models.Article, "add")).status_code == 403
    assert client.get(admin_url(models.Evidence, "add")).status_code == 403
    page = client.get(admin_url(models.Evidence, "change", evidence.pk)).content.decode()
    assert 'name="sentence"' not in page


def test_the_admin_needs_a_login(client):
    response = client.get(admin_url(models.Visit, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_non_staff_user_cannot_sign_in(client):
    User.objects.create_user(username="reader", password=EDITOR_PASSWORD)
    sign_in(client, "reader", EDITOR_PASSWORD)
    assert client.get(admin_url(models.Visit, "changelist")).status_code == 302


# --- lists: search and filters ----------------------------------------------------


def test_search_ignores_accents(client, editor):
    LeaderFactory(name="Nguyễn Thị Testa")
    LeaderFactory(name="Someone Else")
    response = client.get(admin_url(models.Leader, "changelist"), {"q": "nguyen thi testa"})
    assert [o.name for o in response.context["cl"].result_list] == ["Nguyễn Thị Testa"]
    response = client.get(admin_url(models.Leader, "changelist"), {"q": "NGUYỄN THỊ TESTĀ"})
    assert response.context["cl"].result_count == 1


def test_leader_search_finds_aliases_without_accents(client, editor):
    LeaderFactory(name="Pham Testa", aliases=["Phạm Minh Testa"])
    response = client.get(admin_url(models.Leader, "changelist"), {"q": "pham minh testa"})
    assert [o.name for o in response.context["cl"].result_list] == ["Pham Testa"]


def test_visit_search_finds_by_leader_name_without_accents(client, editor):
    visit = VisitFactory(visitor_leader=LeaderFactory(name="Lương Testa"))
    VisitFactory()
    response = client.get(admin_url(models.Visit, "changelist"), {"q": "luong"})
    assert list(response.context["cl"].result_list) == [visit]


@pytest.mark.parametrize(
    ("band", "expected"), [("low", [0.3]), ("medium", [0.7]), ("high", [0.8, 0.95])]
)
def test_confidence_band_filter_narrows(client, editor, band, expected):
    for confidence in [0.3, 0.7, 0.8, 0.95]:
        VisitFactory(confidence=confidence)
    response = client.get(admin_url(models.Visit, "changelist"), {"confidence": band})
    assert sorted(v.confidence for v in response.context["cl"].result_list) == expected


def test_year_unsettled_filter_narrows(client, editor):
    unsettled = MeetingFactory(year_settled=False)
    MeetingFactory()
    response = client.get(admin_url(models.Meeting, "changelist"), {"year": "unsettled"})
    assert list(response.context["cl"].result_list) == [unsettled]


def test_unknown_person_filter_narrows(client, editor):
    unknown = VisitFactory(visitor_leader=LeaderFactory(known=False))
    VisitFactory(visitor_leader=LeaderFactory(known=True))
    response = client.get(admin_url(models.Visit, "changelist"), {"people": "unknown"})
    assert list(response.context["cl"].result_list) == [unknown]


def test_visit_changelist_query_count_does_not_grow_with_rows(
    client, editor, django_assert_max_num_queries
):
    for _ in range(30):
        visit = VisitFactory()
        EvidenceFactory(visit=visit)
    with django_assert_max_num_queries(15):
        assert client.get(admin_url(models.Visit, "changelist")).status_code == 200


def test_meeting_changelist_query_count_does_not_grow_with_rows(
    client, editor, django_assert_max_num_queries
):
    for _ in range(30):
        meeting = MeetingFactory(visit=VisitFactory())
        models.Participation.objects.create(meeting=meeting, leader=LeaderFactory())
    with django_assert_max_num_queries(15):
        assert client.get(admin_url(models.Meeting, "changelist")).status_code == 200


# --- the visit page ---------------------------------------------------------------


def test_visit_page_shows_meetings_agreements_and_evidence_sentences(client, editor, records):
    page = client.get(admin_url(models.Visit, "change", records.pk)).content.decode()
    assert "meetings-0-kind" in page
    assert "agreements-0-kind" in page
    assert "President To Lam paid an official visit to Malaysia." in page
    assert "evidence-0-sentence" not in page  # read-only: shown, not editable


# --- corrections ------------------------------------------------------------------


def test_saving_a_visit_records_corrected_fields(client, editor, records):
    url = admin_url(models.Visit, "change", records.pk)
    data = form_data(client.get(url))
    data.update(kind="state", cities="Kuala Lumpur,Putrajaya")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    records.refresh_from_db()
    assert records.kind == "state"
    assert records.cities == ["Kuala Lumpur", "Putrajaya"]
    assert sorted(records.corrected_fields) == ["cities", "kind"]


def test_saving_without_changes_corrects_nothing(client, editor, records):
    url = admin_url(models.Visit, "change", records.pk)
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302
    records.refresh_from_db()
    assert records.corrected_fields == []


def test_editing_an_inline_meeting_corrects_the_meeting(client, editor, records):
    url = admin_url(models.Visit, "change", records.pk)
    data = form_data(client.get(url))
    data["meetings-0-city"] = "Putrajaya"
    assert client.post(url, data).status_code == 302
    meeting = records.meetings.get()
    assert meeting.city == "Putrajaya"
    assert meeting.corrected_fields == ["city"]


def test_adding_a_participant_marks_participants_corrected(client, editor, records):
    meeting = records.meetings.get()
    newcomer = LeaderFactory(country=country("MY"))
    url = admin_url(models.Meeting, "change", meeting.pk)
    data = form_data(client.get(url))
    total = int(data["participation_set-TOTAL_FORMS"])
    data["participation_set-TOTAL_FORMS"] = str(total + 1)
    data[f"participation_set-{total}-leader"] = str(newcomer.pk)
    data[f"participation_set-{total}-meeting"] = str(meeting.pk)
    data[f"participation_set-{total}-office"] = "Prime Minister"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    meeting.refresh_from_db()
    assert newcomer in meeting.participants.all()
    assert meeting.corrected_fields == ["participants"]


def test_changing_agreement_parties_marks_parties_corrected(client, editor, records):
    agreement = records.agreements.get()
    url = admin_url(models.Agreement, "change", agreement.pk)
    data = form_data(client.get(url))
    data["parties"] = ["VN", "MY", "SG"]
    assert client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert set(agreement.parties.values_list("code", flat=True)) == {"VN", "MY", "SG"}
    assert agreement.corrected_fields == ["parties"]


def test_renaming_a_leader_in_the_admin_keeps_the_old_spelling(client, editor):
    leader = LeaderFactory(name="Vo Van Testa")
    url = admin_url(models.Leader, "change", leader.pk)
    data = form_data(client.get(url))
    data["name"] = "Võ Văn Testa Thưởng"
    assert client.post(url, data).status_code == 302
    leader.refresh_from_db()
    assert leader.corrected_fields == ["name"]
    assert "Vo Van Testa" in leader.aliases


def test_history_shows_who_changed_what_and_the_value_before(client, editor, records):
    url = admin_url(models.Visit, "change", records.pk)
    data = form_data(client.get(url))
    data["kind"] = "state"
    client.post(url, data)
    page = client.get(admin_url(models.Visit, "history", records.pk)).content.decode()
    assert "editor" in page
    assert "official" in page and "state" in page
    latest = records.history.latest()
    assert latest.history_user == editor
    assert latest.prev_record.kind == "official"
    assert set(latest.diff_against(latest.prev_record).changed_fields) == {
        "kind",
        "corrected_fields",
    }


def test_reverting_from_history_restores_the_value_and_marks_it_corrected(client, editor, records):
    original = records.history.earliest()
    url = admin_url(models.Visit, "change", records.pk)
    data = form_data(client.get(url))
    data["kind"] = "state"
    client.post(url, data)
    revert_url = reverse("admin:visits_visit_simple_history", args=[records.pk, original.pk])
    revert = form_data(client.get(revert_url))
    assert client.post(revert_url, revert).status_code == 302
    records.refresh_from_db()
    assert records.kind == "official"
    assert "kind" in records.corrected_fields


# --- deletions --------------------------------------------------------------------


def test_deleting_a_visit_in_the_admin_creates_suppressions(client, editor, records):
    keys = set(records.evidence.values_list("article_id", "record_key"))
    response = client.post(admin_url(models.Visit, "delete", records.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not models.Visit.objects.filter(pk=records.pk).exists()
    suppressed = set(models.Suppression.objects.values_list("article_id", "record_key"))
    assert keys and keys <= suppressed


def test_deleting_selected_meetings_creates_suppressions(client, editor, records):
    meeting = records.meetings.get()
    keys = set(meeting.evidence.values_list("article_id", "record_key"))
    response = client.post(
        admin_url(models.Meeting, "changelist"),
        {"action": "delete_selected", "_selected_action": [meeting.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not models.Meeting.objects.filter(pk=meeting.pk).exists()
    assert keys <= set(models.Suppression.objects.values_list("article_id", "record_key"))


# --- actions ----------------------------------------------------------------------


def counts():
    return {
        "evidence": models.Evidence.objects.count(),
        "meetings": models.Meeting.objects.count(),
        "agreements": models.Agreement.objects.count(),
        "participations": models.Participation.objects.count(),
    }


def test_merge_visits_action_asks_which_to_keep_then_moves_everything(client, editor, records):
    duplicate = VisitFactory(cities=["Penang"])
    EvidenceFactory.create_batch(2, visit=duplicate)
    MeetingFactory(visit=duplicate)
    AgreementFactory(visit=duplicate)
    before = counts()
    url = admin_url(models.Visit, "changelist")
    selected = {"action": "merge_visits", "_selected_action": [records.pk, duplicate.pk]}
    confirm = client.post(url, selected)
    assert confirm.status_code == 200
    assert f'name="into" value="{records.pk}"' in confirm.content.decode()

    response = client.post(url, {**selected, "confirm": "yes", "into": records.pk})

    assert response.status_code == 302
    assert not models.Visit.objects.filter(pk=duplicate.pk).exists()
    records.refresh_from_db()
    assert records.evidence.count() == 3
    assert records.meetings.count() == 2 and records.agreements.count() == 2
    assert "Penang" in records.cities
    assert counts() == before
    assert not models.Suppression.objects.filter(record_key__startswith="visit:").exclude(
        record_key="visit:gone"
    )


def test_merge_needs_two_records(client, editor, records):
    url = admin_url(models.Visit, "changelist")
    response = client.post(url, {"action": "merge_visits", "_selected_action": [records.pk]})
    assert response.status_code == 302
    assert models.Visit.objects.filter(pk=records.pk).exists()


def test_merge_leaders_action_keeps_aliases_meetings_and_visits(client, editor, records):
    keep = records.visitor_leader
    dupe = LeaderFactory(name="Dupe Testa Name", aliases=["D. T. Name"])
    shared = records.meetings.get()
    # A leaders' merge re-reads the articles of the records it touches; the fixture's
    # article does not tell these records, which stay only as an editor's work.
    models.Visit.objects.filter(pk=records.pk).update(reviewed=True)
    models.Meeting.objects.filter(pk=shared.pk).update(reviewed=True)
    models.Participation.objects.create(meeting=shared, leader=dupe)
    models.Participation.objects.create(meeting=MeetingFactory(), leader=dupe)
    VisitFactory(visitor_leader=dupe)
    meetings = set(
        models.Participation.objects.filter(leader__in=[keep, dupe]).values_list(
            "meeting_id", flat=True
        )
    )
    url = admin_url(models.Leader, "changelist")
    response = client.post(
        url,
        {
            "action": "merge_leaders",
            "_selected_action": [keep.pk, dupe.pk],
            "confirm": "yes",
            "into": keep.pk,
            "keep_aliases": "on",  # the box the confirmation shows ticked
        },
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    assert not models.Leader.objects.filter(pk=dupe.pk).exists()
    assert {"Dupe Testa Name", "D. T. Name"} <= set(keep.aliases)
    assert set(keep.meetings.values_list("pk", flat=True)) == meetings
    assert keep.visits.count() == 2


def test_mark_reviewed_action(client, editor):
    visits = VisitFactory.create_batch(3)
    client.post(
        admin_url(models.Visit, "changelist"),
        {"action": "mark_reviewed", "_selected_action": [v.pk for v in visits[:2]]},
    )
    assert sorted(models.Visit.objects.values_list("reviewed", flat=True)) == [False, True, True]
    assert models.Visit.objects.filter(reviewed=True).first().history.latest().history_user == (
        editor
    )


# --- the review queue -------------------------------------------------------------


def test_review_queue_puts_doubtful_records_first(client, editor):
    VisitFactory(confidence=0.95, visitor_leader=LeaderFactory(known=True))
    low = VisitFactory(confidence=0.4, visitor_leader=LeaderFactory(known=True))
    worst = VisitFactory(confidence=0.5, year_settled=False, visitor_leader=LeaderFactory())
    VisitFactory(confidence=0.3, reviewed=True)
    response = client.get(reverse("admin:visits_review_queue"), {"kind": "visit"})
    assert response.status_code == 200
    items = response.context["items"]
    assert [i.record for i in items[:2]] == [worst, low]
    assert items[0].reasons == ["low confidence", "year unsettled", "unknown person"]
    assert len(items) == 3  # the reviewed one is not in the queue


def test_review_queue_shows_a_corrected_record_no_article_tells_any_more(client, editor):
    kept = VisitFactory(confidence=0.95, visitor_leader=LeaderFactory(known=True))
    kept.corrected_fields = ["kind"]
    kept.save()
    VisitFactory(confidence=0.95, visitor_leader=LeaderFactory(known=True))
    response = client.get(reverse("admin:visits_review_queue"), {"kind": "visit"})
    items = response.context["items"]
    assert items[0].record == kept
    assert items[0].reasons == ["no article tells it any more"]
    assert items[1].reasons == []


def test_review_queue_mixes_kinds_by_priority(client, editor):
    meeting = MeetingFactory(confidence=0.2, year_settled=False)
    VisitFactory(confidence=0.9, visitor_leader=LeaderFactory(known=True))
    response = client.get(reverse("admin:visits_review_queue"))
    assert response.status_code == 200
    assert response.context["items"][0].record == meeting


def test_review_queue_leaves_out_known_leaders(client, editor):
    unknown = LeaderFactory(known=False)
    LeaderFactory(known=True)
    response = client.get(reverse("admin:visits_review_queue"), {"kind": "leader"})
    assert [i.record for i in response.context["items"]] == [unknown]
    assert response.context["counts"]["leader"] == 1


def test_review_queue_marks_selected_reviewed(client, editor):
    visit = VisitFactory(confidence=0.2)
    leader = LeaderFactory(known=False)
    url = reverse("admin:visits_review_queue")
    response = client.post(url, {"selected": [f"visit:{visit.pk}", f"leader:{leader.pk}"]})
    assert response.status_code == 302
    visit.refresh_from_db()
    leader.refresh_from_db()
    assert visit.reviewed and leader.reviewed and leader.known


def test_review_queue_needs_a_login(client):
    assert client.get(reverse("admin:visits_review_queue")).status_code == 302


# --- the create_editor command ----------------------------------------------------


def test_create_editor_makes_a_staff_user_in_the_editors_group():
    out = io.StringIO()
    call_command("create_editor", "ana", "--password", EDITOR_PASSWORD, stdout=out)
    user = User.objects.get(username="ana")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(EDITOR_PASSWORD)
    assert create_editor.CREATED.format(username="ana") in out.getvalue()


def test_create_editor_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv(create_editor.PASSWORD_ENV, EDITOR_PASSWORD)
    call_command("create_editor", "bao", stdout=io.StringIO())
    assert User.objects.get(username="bao").check_password(EDITOR_PASSWORD)


def test_create_editor_refuses_an_existing_user():
    User.objects.create_user(username="ana")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "ana", "--password", EDITOR_PASSWORD)


def test_create_editor_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command("create_editor", "ana", "--password", "123")
    assert not User.objects.filter(username="ana").exists()


def test_create_editor_without_a_password_or_terminal_fails_clearly(monkeypatch):
    monkeypatch.delenv(create_editor.PASSWORD_ENV, raising=False)
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match=create_editor.PASSWORD_ENV):
        call_command("create_editor", "ana")


def test_editors_group_may_change_records_but_not_users_or_groups():
    from django.contrib.auth.models import Group

    perms = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"change_visit", "delete_meeting", "add_agreement", "change_leader"} <= perms
    assert not {p for p in perms if p.endswith(("_user", "_group", "_permission"))}


def test_an_editor_adds_a_feed_in_the_admin_and_cannot_edit_its_entries(client, editor):
    response = client.post(
        admin_url(models.Feed, "add"),
        {
            "name": "Harbour Daily",
            "url": "https://news.example.org/rss",
            "language": "en",
            "active": "on",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    feed = models.Feed.objects.get()
    assert (feed.name, feed.language, feed.active) == ("Harbour Daily", "en", True)
    assert client.get(admin_url(models.FeedEntry, "add")).status_code == 403


@pytest.mark.parametrize("url", ["ftp://news.example.org/rss", "javascript:alert(1)", "not a url"])
def test_a_feed_url_that_is_not_http_is_refused_in_the_admin_form(client, editor, url):
    response = client.post(
        admin_url(models.Feed, "add"),
        {"url": url, "language": "", "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not models.Feed.objects.exists()
