"""The editing services: corrections, deletions that suppress, merges that lose nothing."""

import datetime as dt

import pytest

from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    EvidenceFactory,
    LeaderFactory,
    MeetingFactory,
    VisitFactory,
    country,
)
from visits import models
from visits.services import editing

pytestmark = pytest.mark.django_db


def test_record_correct_marks_changed_fields_and_form_fields():
    visit = VisitFactory(kind="official")
    visit.kind = "state"
    visit.cities = ["Kuala Lumpur"]
    new = editing.record_correct(record=visit, fields=["cities", "participants"])
    visit.refresh_from_db()
    assert new == ["cities", "kind"]
    assert visit.kind == "state"
    assert visit.corrected_fields == ["cities", "kind"]


def test_record_correct_ignores_a_form_field_whose_value_did_not_change():
    """ArrayField form fields report a change when there is none."""
    visit = VisitFactory(kind="official", cities=["Kuala Lumpur"])
    visit.kind = "state"
    assert editing.record_correct(record=visit, fields=["cities", "kind"]) == ["kind"]
    visit.refresh_from_db()
    assert visit.corrected_fields == ["kind"]


def test_record_correct_ignores_bookkeeping_fields():
    visit = VisitFactory()
    visit.reviewed = True
    assert editing.record_correct(record=visit, fields=["reviewed", "corrected_fields"]) == []
    visit.refresh_from_db()
    assert visit.reviewed and visit.corrected_fields == []


def test_record_correct_keeps_corrections_already_made():
    visit = VisitFactory(corrected_fields=["start"])
    visit.end = dt.date(2024, 11, 23)
    editing.record_correct(record=visit)
    visit.refresh_from_db()
    assert visit.corrected_fields == ["start", "end"]


def test_renamed_leader_keeps_old_spelling_as_alias():
    leader = LeaderFactory(name="Tran Van Thuong", aliases=["Mr Thuong"])
    leader.name = "Trần Văn Thưởng Đức"
    editing.record_correct(record=leader, fields=["name"])
    leader.refresh_from_db()
    assert leader.corrected_fields == ["name"]
    assert leader.aliases == ["Mr Thuong", "Tran Van Thuong"]
    assert models.Leader.objects.matching_name("tran van thuong").get() == leader
    assert models.Leader.objects.matching_name("Tran Van Thuong Duc").get() == leader


def test_deleting_a_visit_suppresses_every_evidence_key():
    visit = VisitFactory()
    first = EvidenceFactory(visit=visit, record_key="visit:VN-MY")
    EvidenceFactory(visit=visit, article=first.article, record_key="visit:VN-MY")
    other = EvidenceFactory(visit=visit, record_key="visit:VN-MY")
    created = editing.record_delete(record=visit)
    assert created == 2
    assert not models.Visit.objects.filter(pk=visit.pk).exists()
    assert set(models.Suppression.objects.values_list("article_id", "record_key")) == {
        (first.article_id, "visit:VN-MY"),
        (other.article_id, "visit:VN-MY"),
    }


def test_deleting_meetings_and_agreements_suppresses_them_too():
    meeting = MeetingFactory()
    agreement = AgreementFactory()
    EvidenceFactory(visit=None, meeting=meeting, record_key="meeting:1")
    EvidenceFactory(visit=None, agreement=agreement, record_key="agreement:1")
    assert editing.records_delete(records=[meeting, agreement]) == 2
    assert sorted(models.Suppression.objects.values_list("record_key", flat=True)) == [
        "agreement:1",
        "meeting:1",
    ]


def test_deleting_twice_from_same_article_does_not_duplicate_suppressions():
    article = ArticleFactory()
    models.Suppression.objects.create(article=article, record_key="visit:k")
    visit = VisitFactory()
    EvidenceFactory(visit=visit, article=article, record_key="visit:k")
    assert editing.record_delete(record=visit) == 0
    assert models.Suppression.objects.count() == 1


def test_visit_merge_moves_evidence_meetings_agreements_and_unions_cities():
    into = VisitFactory(cities=["Kuala Lumpur"], corrected_fields=["kind"], invited_by="")
    other = VisitFactory(
        cities=["Putrajaya", "Kuala Lumpur"], invited_by="Prime Minister Anwar", confidence=0.95
    )
    EvidenceFactory(visit=into)
    moved = [EvidenceFactory(visit=other) for _ in range(2)]
    MeetingFactory(visit=into)
    MeetingFactory.create_batch(2, visit=other)
    AgreementFactory(visit=other)
    before = {
        "evidence": models.Evidence.objects.count(),
        "meetings": models.Meeting.objects.count(),
        "agreements": models.Agreement.objects.count(),
    }

    editing.visit_merge(into=into, other=other)

    into.refresh_from_db()
    assert not models.Visit.objects.filter(pk=other.pk).exists()
    assert into.evidence.count() == 3
    assert {e.pk for e in moved} <= set(into.evidence.values_list("pk", flat=True))
    assert into.meetings.count() == 3 and into.agreements.count() == 1
    assert into.cities == ["Kuala Lumpur", "Putrajaya"]
    assert into.invited_by == "Prime Minister Anwar"
    assert into.corrected_fields == ["kind"]
    assert into.confidence == 0.95
    assert before == {
        "evidence": models.Evidence.objects.count(),
        "meetings": models.Meeting.objects.count(),
        "agreements": models.Agreement.objects.count(),
    }
    assert not models.Suppression.objects.exists()


def test_visit_merge_keeps_the_kept_visits_corrected_values():
    into = VisitFactory(start=None, end=None, corrected_fields=["start"])
    other = VisitFactory(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 3))
    editing.visit_merge(into=into, other=other)
    into.refresh_from_db()
    assert into.start is None
    assert into.end == dt.date(2024, 3, 3)


def test_visit_merge_keeps_the_kept_visits_corrected_cities():
    # Found by the integrity state machine: an editor's cities took the other's back.
    into = VisitFactory(cities=["Christchurch"], corrected_fields=["cities"])
    other = VisitFactory(cities=["Santiago", "Christchurch"])
    EvidenceFactory(visit=other)
    editing.visit_merge(into=into, other=other)
    into.refresh_from_db()
    assert into.cities == ["Christchurch"]
    assert into.corrected_fields == ["cities"]


def test_visit_merge_refuses_to_merge_a_visit_into_itself():
    visit = VisitFactory()
    with pytest.raises(ValueError):
        editing.visit_merge(into=visit, other=visit)


def test_leader_merge_moves_everything_and_keeps_spellings():
    into = LeaderFactory(name="Pham Minh Testa", aliases=["Phạm Minh Testa"], country=None)
    other = LeaderFactory(
        name="Minh Testa Pham",
        aliases=["General Pham Minh Testa", "Phạm Minh Testa"],
        honorific="General",
    )
    shared = MeetingFactory()
    models.Participation.objects.create(meeting=shared, leader=into, office="")
    models.Participation.objects.create(meeting=shared, leader=other, office="President")
    for meeting in MeetingFactory.create_batch(2):
        models.Participation.objects.create(meeting=meeting, leader=other)
    VisitFactory.create_batch(2, visitor_leader=other)
    models.Office.objects.create(leader=other, kind="state", title="President")
    models.Office.objects.create(leader=into, kind="party", title="General Secretary")
    models.Office.objects.create(leader=other, kind="party", title="General Secretary")
    meetings_before = set(
        models.Participation.objects.filter(leader__in=[into, other]).values_list(
            "meeting_id", flat=True
        )
    )

    editing.leader_merge(into=into, other=other)

    into.refresh_from_db()
    assert not models.Leader.objects.filter(pk=other.pk).exists()
    assert into.aliases == ["Phạm Minh Testa", "Minh Testa Pham", "General Pham Minh Testa"]
    assert set(into.meetings.values_list("pk", flat=True)) == meetings_before
    assert models.Participation.objects.get(meeting=shared, leader=into).office == "President"
    assert into.visits.count() == 2
    assert sorted(into.offices.values_list("title", flat=True)) == [
        "General Secretary",
        "President",
    ]
    assert into.country == country("VN")
    assert into.honorific == "General"
    assert models.Leader.objects.matching_name("minh testa pham").get() == into


def test_mark_reviewed_marks_records_and_confirms_leaders():
    visits = VisitFactory.create_batch(2)
    leader = LeaderFactory(known=False)
    assert editing.records_mark_reviewed(records=models.Visit.objects.all()) == 2
    assert editing.records_mark_reviewed(records=[leader]) == 1
    assert all(v.reviewed for v in models.Visit.objects.filter(pk__in=[v.pk for v in visits]))
    leader.refresh_from_db()
    assert leader.reviewed and leader.known
    assert editing.records_mark_reviewed(records=models.Visit.objects.all()) == 0
