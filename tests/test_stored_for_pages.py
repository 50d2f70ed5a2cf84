"""The pair, year and level then stored on each record (migration 0019's triggers) follow
the data on every path that writes it, and the lists that read them give what the old
definitions (the pair worked out per query, the level by an EXISTS over the partnership
periods) gave.

`assert_stored_right` compares every record's stored values with those definitions,
computed afresh by the ORM; each test changes what they derive from, checks the value
it expects, then checks every record.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Max, OuterRef
from django.http import QueryDict

from tests.factories import (
    ARTICLES,
    AgreementFactory,
    LeaderFactory,
    MeetingFactory,
    ParticipationFactory,
    PartnershipFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
    ingest,
    level,
)
from tests.stored_values import assert_stored_right, expected
from tests.test_admin import admin_url, form_data, sign_in
from visits import filters, models, selectors
from visits.services import editing, undo
from visits.views.facets import list_facets
from visits.views.specs import AGREEMENTS, MEETINGS, VISITS

pytestmark = pytest.mark.django_db

SP, CSP = "strategic_partnership", "comprehensive_strategic_partnership"


@pytest.fixture(autouse=True)
def no_reference_partnerships():
    """Each test makes the partnerships it needs (the reference data has some)."""
    models.Partnership.objects.all().delete()


def level_then(record) -> str | None:
    return type(record).objects.values_list("level_then", flat=True).get(pk=record.pk)


def pair(record) -> tuple:
    return type(record).objects.values_list("pair_a", "pair_b").get(pk=record.pk)


def partnership(a: str, b: str, code: str, since: dt.date) -> models.Partnership:
    return PartnershipFactory(
        country_a=country(a), country_b=country(b), level=level(code), since=since
    )


# --- visits ---------------------------------------------------------------------------


def test_a_new_visit_stores_its_ordered_pair_year_and_level_then():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    visit = VisitFactory(visitor_country=country("VN"), host_country=country("MY"))
    assert models.Visit.objects.values_list("pair_a", "pair_b", "year", "level_then").get(
        pk=visit.pk
    ) == ("MY", "VN", 2024, SP)
    assert_stored_right()


def test_editing_a_visits_date_or_countries_changes_what_is_stored():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    visit = VisitFactory(visitor_country=country("VN"), host_country=country("MY"))
    visit.start, visit.end = dt.date(2010, 3, 1), None
    visit.save()
    assert models.Visit.objects.values_list("year", "level_then").get(pk=visit.pk) == (2010, None)
    visit.start = dt.date(2020, 1, 1)
    visit.host_country = country("FR")
    visit.save(update_fields=["start", "host_country"])
    assert pair(visit) == ("FR", "VN") and level_then(visit) is None
    models.Visit.objects.filter(pk=visit.pk).update(host_country="MY")  # a bulk write
    assert level_then(visit) == SP
    assert_stored_right()


def test_a_visit_without_a_date_has_no_year_and_no_level():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    visit = VisitFactory(start=None, end=None)
    assert models.Visit.objects.values_list("year", "level_then").get(pk=visit.pk) == (None, None)


# --- partnerships ---------------------------------------------------------------------


def test_a_new_partnership_changes_the_level_of_the_pairs_records_from_its_date_on():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    before = VisitFactory(start=dt.date(2024, 11, 1), end=None)
    after = VisitFactory(start=dt.date(2025, 2, 1), end=None)
    other_pair = VisitFactory(host_country=country("SG"), start=dt.date(2025, 2, 1), end=None)
    meeting = MeetingFactory(visit=after, date=dt.date(2025, 2, 2))
    agreement = AgreementFactory(date=dt.date(2025, 2, 2))
    agreement.parties.set([country("VN"), country("MY")])
    assert {level_then(r) for r in (before, after, meeting, agreement)} == {SP}
    upgrade = partnership("MY", "VN", CSP, dt.date(2024, 11, 21))
    assert level_then(before) == SP
    assert level_then(after) == level_then(meeting) == level_then(agreement) == CSP
    assert level_then(other_pair) is None
    assert_stored_right()

    upgrade.since = dt.date(2025, 6, 1)  # an editor moves its date
    upgrade.save()
    assert level_then(after) == SP
    upgrade.since = dt.date(2020, 1, 1)
    upgrade.save()
    assert level_then(before) == level_then(after) == CSP
    upgrade.delete()
    assert level_then(before) == level_then(after) == level_then(agreement) == SP
    assert_stored_right()


def test_a_partnership_moved_to_another_pair_changes_both_pairs():
    moved = partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    vn_my = VisitFactory()
    vn_sg = VisitFactory(host_country=country("SG"))
    moved.country_a = country("SG")
    moved.save()
    assert level_then(vn_my) is None and level_then(vn_sg) == SP
    assert_stored_right()


def test_renaming_a_partnership_touches_no_record():
    row = partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    visit = VisitFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM visits_visit WHERE id = %s", [visit.pk])
        version = cursor.fetchone()[0]
        row.official_name = "Strategic Partnership"
        row.save()
        cursor.execute("SELECT xmin::text FROM visits_visit WHERE id = %s", [visit.pk])
        assert cursor.fetchone()[0] == version


def test_two_partnerships_on_one_day_give_the_higher_rank_and_a_rank_change_follows():
    partnership("MY", "VN", SP, dt.date(2020, 1, 1))
    partnership("MY", "VN", CSP, dt.date(2020, 1, 1))
    visit = VisitFactory()
    assert level_then(visit) == CSP
    sp, csp = level(SP), level(CSP)
    top = models.PartnershipLevel.objects.aggregate(m=Max("rank"))["m"]
    sp_rank, csp_rank = sp.rank, csp.rank
    # Swap the two ranks (unique), through a free one.
    models.PartnershipLevel.objects.filter(pk=SP).update(rank=top + 1)
    models.PartnershipLevel.objects.filter(pk=CSP).update(rank=sp_rank)
    models.PartnershipLevel.objects.filter(pk=SP).update(rank=csp_rank)
    assert level_then(visit) == SP
    assert_stored_right()


# --- meetings -------------------------------------------------------------------------


def test_a_meeting_takes_its_visits_pair_and_follows_the_visits_countries():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    visit = VisitFactory()
    meeting = MeetingFactory(visit=visit)
    assert pair(meeting) == ("MY", "VN") and level_then(meeting) == SP
    visit.host_country = country("SG")
    visit.save()
    assert pair(meeting) == ("SG", "VN") and level_then(meeting) is None
    assert_stored_right()


def test_a_meeting_without_a_visit_takes_its_participants_countries():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    meeting = MeetingFactory(visit=None)
    assert pair(meeting) == (None, None)
    vn = LeaderFactory(country=country("VN"))
    my = LeaderFactory(country=country("MY"))
    ParticipationFactory(meeting=meeting, leader=vn)
    assert pair(meeting) == ("VN", "VN")
    part = ParticipationFactory(meeting=meeting, leader=my)
    assert pair(meeting) == ("MY", "VN") and level_then(meeting) == SP
    my.country = country("SG")  # an editor corrects the leader's country
    my.save()
    assert pair(meeting) == ("SG", "VN") and level_then(meeting) is None
    part.leader = LeaderFactory(country=country("MY"))
    part.save()
    assert level_then(meeting) == SP
    part.delete()
    assert pair(meeting) == ("VN", "VN")
    assert_stored_right()


def test_a_meeting_detached_from_its_visit_falls_back_to_its_participants():
    visit = VisitFactory(host_country=country("SG"))
    meeting = MeetingFactory(visit=visit)
    ParticipationFactory(meeting=meeting, leader=LeaderFactory(country=country("FR")))
    ParticipationFactory(meeting=meeting, leader=LeaderFactory(country=country("JP")))
    assert pair(meeting) == ("SG", "VN")
    visit.delete()  # the meeting's visit is set to NULL
    assert pair(meeting) == ("FR", "JP")
    assert_stored_right()


# --- agreements -----------------------------------------------------------------------


def test_an_agreements_pair_follows_its_parties():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    agreement = AgreementFactory()
    assert pair(agreement) == (None, None)
    agreement.parties.set([country("VN"), country("MY")])
    assert pair(agreement) == ("MY", "VN") and level_then(agreement) == SP
    agreement.parties.add(country("SG"))
    assert pair(agreement) == ("MY", "VN")
    agreement.parties.remove(country("MY"))
    assert pair(agreement) == ("SG", "VN") and level_then(agreement) is None
    agreement.parties.clear()
    assert pair(agreement) == (None, None)
    assert_stored_right()


# --- the writing paths ----------------------------------------------------------------


def test_ingest_stores_the_values_of_what_it_writes():
    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    ingest(ARTICLES)
    assert models.Visit.objects.exists() and models.Meeting.objects.exists()
    assert_stored_right()


def test_an_editors_admin_save_merge_delete_and_undo_keep_the_values_right(client):
    from tests.factories import EDITOR_PASSWORD, editor_user

    partnership("MY", "VN", SP, dt.date(2015, 8, 1))
    sign_in(client, editor_user().username, EDITOR_PASSWORD)
    visit = VisitFactory(host_country=country("SG"))
    url = admin_url(models.Visit, "change", visit.pk)
    data = form_data(client.get(url))
    data.update(host_country="MY")
    assert client.post(url, data).status_code == 302
    assert level_then(visit) == SP
    visit.refresh_from_db()

    other = VisitFactory(start=dt.date(2010, 1, 1), end=None)
    MeetingFactory(visit=other, date=dt.date(2010, 1, 1))
    editing.visit_merge(into=visit, other=other)
    assert_stored_right()

    SpanEvidenceFactory(visit=visit)
    visit.refresh_from_db()
    editing.record_delete(record=visit, reason="test")
    assert not models.Visit.objects.exists()
    restored = undo.action_undo(
        action=models.EditorAction.objects.get(kind="delete"), reason="undo"
    )
    assert level_then(restored) == SP
    assert_stored_right()


def test_a_curated_import_stores_the_values(tmp_path):
    import io
    import shutil
    from pathlib import Path

    from django.core.management import call_command

    folder = tmp_path / "state-department"
    shutil.copytree(Path(__file__).parent / "curated" / "small", folder)
    try:
        call_command("import_curated", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    except SystemExit:
        pass  # the fixture has two bad rows on purpose; the others are imported
    visit = models.Visit.objects.first()
    assert visit is not None
    a, b = pair(visit)
    partnership(a, b, CSP, dt.date(1800, 1, 1))  # the pair's level from before any visit
    assert level_then(visit) == CSP
    assert_stored_right()


# --- the lists read them: same results as the old definitions -------------------------


def _old_level(model, codes, day):
    """The old `level` filter: an EXISTS over the partnership periods of the pair."""
    pair = expected(model)
    ids = [pk for pk, (a, b, _, _) in pair.items()]
    qs = model.objects.filter(pk__in=ids)
    if model is models.Visit:
        a, b = OuterRef("visitor_country_id"), OuterRef("host_country_id")
        return qs.filter(selectors.level_on(a=a, b=b, day=OuterRef(day), levels=codes))
    wanted = {
        pk
        for pk, (a, b, _, _) in pair.items()
        if a
        and model.objects.filter(
            selectors.level_on(a=a, b=b, day=OuterRef(day), levels=codes, ordered=True), pk=pk
        ).exists()
    }
    return qs.filter(pk__in=wanted)


@pytest.fixture
def varied():
    """Records over a few pairs with upgrades, on days around them, some without a day."""
    rng = random.Random(15)
    codes = ["MY", "SG", "VN", "FR"]
    levels = [SP, CSP, "comprehensive_partnership"]
    for a, b in [("MY", "VN"), ("SG", "VN"), ("FR", "VN"), ("MY", "SG")]:
        for i, code in enumerate(rng.sample(levels, rng.randint(1, 3))):
            partnership(
                a, b, code, dt.date(2010 + 4 * i + rng.randint(0, 2), rng.randint(1, 12), 1)
            )
    leaders = [LeaderFactory(country=country(c)) for c in codes]
    days = [
        dt.date(2008 + rng.randint(0, 17), rng.randint(1, 12), rng.randint(1, 28))
        for _ in range(40)
    ]
    days.append(None)
    for day in days:
        v, h = rng.sample(codes, 2)
        visit = VisitFactory(
            visitor_country=country(v),
            host_country=country(h),
            start=day,
            end=None,
            kind=rng.choice(["state", "official", "working"]),
        )
        meeting = MeetingFactory(visit=visit if rng.random() < 0.5 else None, date=day)
        for leader in rng.sample(leaders, 2):
            ParticipationFactory(meeting=meeting, leader=leader)
        agreement = AgreementFactory(date=day, visit=visit)
        agreement.parties.set([country(c) for c in rng.sample(codes, rng.randint(1, 3))])


@pytest.mark.parametrize("spec", [VISITS, MEETINGS, AGREEMENTS], ids=lambda s: s.plural)
def test_the_level_filter_gives_what_the_periods_gave(varied, spec):
    model = spec.filterset._meta.model
    day = spec.filterset.date_field
    assert_stored_right()
    for codes in ([SP], [CSP], [SP, "comprehensive_partnership"]):
        query = QueryDict(mutable=True)
        query.setlist("level", codes)
        found = spec.filterset(query, queryset=spec.base()).qs
        assert set(found.values_list("pk", flat=True)) == set(
            _old_level(model, codes, day).values_list("pk", flat=True)
        ), codes


@pytest.mark.parametrize("spec", [VISITS, MEETINGS, AGREEMENTS], ids=lambda s: s.plural)
def test_the_level_and_year_facets_count_what_the_definitions_give(varied, spec):
    model = spec.filterset._meta.model
    facets, total = list_facets(spec, QueryDict(), selectors.levels_by_code(), {})
    by_param = {f["param"]: {o["value"]: o["count"] for o in f["options"]} for f in facets}
    rows = expected(model).values()
    levels, years = {}, {}
    for _, _, year, code in rows:
        if code:
            levels[code] = levels.get(code, 0) + 1
        if year:
            years[str(year)] = years.get(str(year), 0) + 1
    assert by_param["level"] == levels
    assert by_param["year"] == years
    assert total == len(rows)


def test_the_current_level_filter_reads_the_stored_pair(varied):
    today = dt.date.today()
    pairs = expected(models.Meeting)
    seen = 0
    for code in (SP, CSP, "comprehensive_partnership"):
        query = QueryDict(mutable=True)
        query.setlist("current_level", [code])
        found = filters.MeetingFilter(query, queryset=selectors.meeting_base()).qs
        now = {
            (p.country_a_id, p.country_b_id): p.level_id
            for p in models.Partnership.objects.at(today)
        }
        want = {pk for pk, (a, b, _, _) in pairs.items() if now.get((a, b)) == code}
        assert set(found.values_list("pk", flat=True)) == want, code
        seen += len(want)
    assert seen  # the data has records of pairs at a level now


def test_the_stored_columns_are_not_in_the_history_nor_editable():
    history_fields = {f.name for f in models.Visit.history.model._meta.fields}
    assert not {"pair_a", "pair_b", "year", "level_then"} & history_fields
    assert not {"pair_a", "level_then"} & editing.correctable_fields(model=models.Visit)
    assert not models.Visit._meta.get_field("level_then").editable


@pytest.mark.django_db
def test_the_level_function_keeps_its_plan_from_one_row_to_the_next():
    """The triggers call visits_level_on once per row written: PL/pgSQL, whose query
    plan the session keeps, not a SQL function planned again at every call."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT l.lanname, p.provolatile FROM pg_proc p"
            " JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'visits_level_on'"
        )
        assert cursor.fetchall() == [("plpgsql", "s")]
