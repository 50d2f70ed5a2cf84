"""Sequences the record-integrity state machine found breaking an invariant, kept as
plain tests in their shortest form. Each names the invariant it breaks."""

import pytest

from tests.integrity import world
from tests.integrity.machine import RecordIntegrity
from visits import models

pytestmark = pytest.mark.django_db


def leader(name: str) -> int:
    return models.Leader.objects.matching_name(name).get().pk


@pytest.fixture
def state():
    machine = RecordIntegrity()
    yield machine
    machine.teardown()


def test_merging_the_two_leaders_of_a_meeting_then_reextract_changes_nothing(state):
    """Invariant: re-extraction changes nothing. Found as: ingest nz_talks, merge
    Christopher Luxon into Pham Minh Chinh, --reextract; on the code of 2 Dec 2026,
    --reextract deletes the talks, left with one participant (issue 9 item 6)."""
    state.ingest_version(article="nz_talks", version=1)
    state.check()
    world.leaders_merge(into=leader("Pham Minh Chinh"), other=leader("Christopher Luxon"))
    state.edited = True
    state.check()
    state.reextract()
    state.check()


def test_changing_an_articles_date_and_restoring_it_gives_the_record_back(state):
    """Invariant: the same stored articles give the same record. Found as:
    ingest nz_talks; write its second version (date line 2024-03-10 instead of
    2025-03-10), ingest; put the first back, ingest. On the code of 2 Dec 2026 the
    visit stays widened to 2024-03-10 .. 2025-03-10 (issue 9 item 1)."""
    state.ingest_some(articles={"nz_talks"})
    state.check()
    state.change_and_restore(which=0)
    state.check()
    visit = models.Visit.objects.get(host_country="NZ")
    assert (str(visit.start), str(visit.end)) == ("2025-03-10", "2025-03-10")


def test_merging_two_trips_then_reextract_changes_nothing(state):
    """Invariant: re-extraction changes nothing. Found as: ingest five of the pool,
    merge the New Zealand visit into the Chile visit (an editor's mistake, but a merge
    all the same), --reextract; on the code of 2 Dec 2026 --reextract widens the kept
    visit's end from 2024-11-12 to 2025-03-11 (issue 9 item 6)."""
    state.ingest_some(articles={"cl_visit", "nz_talks", "nz_arrival"})
    state.check()
    chile = models.Visit.objects.get(host_country="CL")
    new_zealand = models.Visit.objects.get(host_country="NZ")
    world.visits_merge(into=chile.pk, other=new_zealand.pk)
    state.edited = True
    state.check()
    state.reextract()
    state.check()


def test_renaming_a_leader_then_reextract_changes_nothing(state):
    """Invariant: re-extraction changes nothing. Found (100 examples of 15 steps, on
    the writer of commit b96332e; fixed by e3e1ddc) as: ingest nz_talks and nz_arrival and a .jsonl,
    move a file, rename Pham Minh Chinh in the admin, ingest again, --reextract:
    the meeting's record key is rebuilt from the new name."""
    state.ingest_some(articles={"nz_arrival"})
    state.check()
    state.corrections[("rename",)] = world.record_correct(
        model=models.Leader, pk=leader("Pham Minh Chinh"), field="name"
    )
    state.edited = True
    state.check()
    state.reextract()
    state.check()


def test_a_deleted_meeting_stays_deleted_after_its_leader_is_renamed(state):
    """Invariant: no deleted record is back. The same record key, seen from the
    editor's side: a deletion must outlive a rename and a re-extraction."""
    state.ingest_some(articles={"nz_arrival"})
    meeting = models.Meeting.objects.get(participants__name="Winston Peters")
    state.deleted |= world.deleted_record(model=models.Meeting, pk=meeting.pk)
    world.record_delete(model=models.Meeting, pk=meeting.pk)
    world.record_correct(model=models.Leader, pk=leader("Pham Minh Chinh"), field="name")
    state.edited = True
    state.check()
    world.quiet("ingest", "--reextract")
    state.check()
    assert not models.Meeting.objects.filter(participants__name="Winston Peters").exists()


def test_merging_a_reference_leader_away_then_load_reference_and_reextract(state):
    """Invariant: re-extraction changes nothing. Found (40 examples of 12 steps) as:
    ingest nz_arrival and cl_visit, merge Gabriel Boric into Winston Peters,
    load_reference, --reextract: load_reference creates Gabriel Boric again and
    re-extraction moves the Santiago meeting back to him."""
    state.ingest_some(articles={"nz_arrival", "cl_visit"})
    world.leaders_merge(into=leader("Winston Peters"), other=leader("Gabriel Boric"))
    state.edited = True
    state.check()
    state.load_reference()
    state.check()
    state.reextract()
    state.check()


def test_a_corrected_agreement_whose_article_no_longer_says_it(state):
    """Invariant: every record has evidence in an article. Found (40 examples of 12
    steps) as: ingest nz_arrival and cl_visit, correct the joint statement's
    document count, ingest cl_visit's second version (which no longer mentions a
    joint statement): the corrected agreement stays, with no evidence at all. It is
    meant to stay (an editor's work is never lost) and waits in the review queue."""
    state.ingest_some(articles={"nz_arrival", "cl_visit"})
    agreement = models.Agreement.objects.get(kind="joint_statement")
    state.corrections[("count",)] = world.record_correct(
        model=models.Agreement, pk=agreement.pk, field="document_count"
    )
    state.edited = True
    state.check()
    state.ingest_version(article="cl_visit", version=2)
    state.check()
    assert models.Agreement.objects.filter(pk=agreement.pk, evidence=None).exists()


def test_merging_two_people_of_two_meetings_a_day_apart_then_reextract_changes_nothing(state):
    """Invariant: re-extraction changes nothing. Found (200 examples of 20 steps) as:
    merge the two trips, correct an agreement, merge two leaders, ingest again, merge
    two more leaders so that two meetings a day apart have the same people, then
    --reextract: re-extraction joined the two meetings, as matching does for the same
    people a day apart. A leaders' merge now re-reads the articles of the records it
    touches, so the merge itself gives what re-extraction would."""
    state.ingest_some(
        articles={"cl_visit", "digest:nz", "nz_arrival", "nz_vi", "digest:call", "nz_talks"}
    )
    state.check()
    state.merge_visits(a=0, b=0)
    state.check()
    state.correct_field(key=(models.Agreement, "document_count"), which=0)
    state.check()
    state.merge_leaders(a=0, b=0)
    state.check()
    state.ingest_again()
    state.check()
    state.merge_leaders(a=4, b=4)
    state.check()
    state.reextract()
    state.check()


def test_a_meeting_reported_alone_leaves_the_visit_that_moved_away(state):
    """Invariant: the same stored articles give the same record. Found (200 examples of
    20 steps) as: ingest nz_vi and nz_talks, change nz_talks (its visit moves to 2024),
    change nz_vi and restore it: the meeting nz_vi reports alone kept the visit that
    hosted it once, until nz_vi was read again."""
    state.ingest_some(articles={"nz_vi", "nz_talks"})
    state.check()
    state.change_article(which=0)
    state.check()
    state.change_and_restore(which=1)
    state.check()


def test_moving_then_changing_an_article_then_reextract_changes_nothing(state):
    """Invariant: re-extraction changes nothing. Found with the one above."""
    state.ingest_some(articles={"nz_vi", "nz_talks"})
    state.move_file(name="report.txt", which=0)
    state.reextract()
    state.change_article(which=6)
    state.load_reference()
    state.reextract()
    state.check()
