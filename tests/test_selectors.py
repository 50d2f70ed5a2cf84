"""Reads: partnership levels on a day, name matching, summaries, and the SVG pictures."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import OuterRef

from tests.factories import (
    MeetingFactory,
    PartnershipFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
    level,
    pages_world,
)
from visits import charts, selectors
from visits.models import PartnershipLevel, PartnershipPeriod, Visit
from visits.views import highlight_segments

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return pages_world()


def test_level_then_and_now_are_annotated_in_one_query(w, django_assert_num_queries):
    with django_assert_num_queries(1):
        visit = selectors.visit_list().get(pk=w.to_malaysia.pk)
    assert visit.level_then == "strategic_partnership"
    assert visit.level_now == "comprehensive_strategic_partnership"


def test_a_pair_without_partnership_has_no_level(w):
    visit = selectors.visit_list().get(pk=w.to_france.pk)
    assert visit.level_then is None and visit.level_now is None


def test_level_on_the_day_it_takes_effect_is_the_new_one(w):
    visit = VisitFactory(start=dt.date(2024, 11, 21), end=None)
    assert selectors.visit_list().get(pk=visit.pk).level_then == (
        "comprehensive_strategic_partnership"
    )


def test_partnership_periods_run_until_the_next_row_of_the_pair(w):
    periods = PartnershipPeriod.objects.filter(country_a="MY", country_b="VN").order_by("since")
    assert [(p.level_id, p.since, p.until) for p in periods] == [
        ("strategic_partnership", dt.date(2015, 8, 1), dt.date(2024, 11, 21)),
        ("comprehensive_strategic_partnership", dt.date(2024, 11, 21), None),
    ]


def _levels_by_join(visit):
    """The level codes whose periods cover the visit's day, by `level_on`."""
    pair = {"a": OuterRef("visitor_country_id"), "b": OuterRef("host_country_id")}
    return {
        code
        for code in PartnershipLevel.objects.values_list("code", flat=True)
        if Visit.objects.filter(
            selectors.level_on(**pair, day=OuterRef("start"), levels=[code]), pk=visit.pk
        ).exists()
    }


def test_level_on_agrees_with_level_at_on_every_kind_of_day(w):
    # Two rows on one day: the higher rank is the level (as level_at orders them).
    th, vn = country("TH"), country("VN")
    PartnershipFactory(
        country_a=th, country_b=vn, level=level("strategic_partnership"), since=dt.date(2013, 6, 1)
    )
    PartnershipFactory(
        country_a=th,
        country_b=vn,
        level=level("comprehensive_strategic_partnership"),
        since=dt.date(2013, 6, 1),
    )
    days = [
        dt.date(2013, 5, 31),
        dt.date(2013, 6, 1),
        dt.date(2024, 11, 20),
        dt.date(2024, 11, 21),
        dt.date(2030, 1, 1),
        None,
    ]
    for host in (th, country("MY")):
        for day in days:
            visit = VisitFactory(visitor_country=vn, host_country=host, start=day, end=None)
            then = selectors.visit_list().get(pk=visit.pk).level_then
            assert _levels_by_join(visit) == ({then} if then else set()), (host, day)


def test_facet_counts_groups_every_column_and_the_level_in_one_query(w, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts, total = selectors.facet_counts(
            queryset=selectors.visit_base(),
            columns={"host": "host_country_id", "kind": "kind", "level": "level_then"},
        )
    assert total == 5
    assert counts["host"] == [("VN", 2), ("FR", 1), ("MY", 1), ("SG", 1)]
    assert counts["kind"] == [("official", 2), ("state", 2), ("working", 1)]
    # France has no partnership: no level, so not counted under any.
    assert counts["level"] == [
        ("strategic_partnership", 3),
        ("comprehensive_strategic_cooperative_partnership", 1),
    ]


def test_facet_counts_of_nothing_is_empty(w):
    counts, total = selectors.facet_counts(
        queryset=selectors.visit_base().filter(pk__in=[]), columns={"kind": "kind"}
    )
    assert counts == {"kind": []} and total == 0


def test_resolved_ids_match_the_querysets(w):
    assert selectors.leader_ids_named(names=["to lam"]) == [w.to_lam.pk]
    assert set(selectors.article_ids_matching(text="to lam")) == set(
        selectors.articles_matching(text="to lam").values_list("id", flat=True)
    )
    assert selectors.article_ids_matching(text="zzzz nothing") == []


def test_article_search_leaves_the_planner_as_it_found_it(w):
    # The search switches sequential scans off for its own query only.
    selectors.article_ids_matching(text="to lam")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_leaders_named_folds_accents_and_matches_whole_words(w):
    assert set(selectors.leaders_named(names=["TÔ LÂM"])) == {w.to_lam}
    assert w.chinh in set(selectors.leaders_named(names=["minh chinh"]))
    assert not selectors.leaders_named(names=["inh"]).exists()
    assert not selectors.leaders_named(names=["", "  "]).exists()


def test_leader_detail_orders_visits_and_meetings_by_date(w):
    leader, lines = selectors.leader_detail(pk=w.to_lam.pk)
    dates = [line.date for line in lines]
    assert dates == sorted(dates)
    assert [line.meeting is not None for line in lines] == [True, False, True, False]


def test_countries_by_current_level_names_the_partner_of_the_hub(w):
    groups = dict((level.code, pairs) for level, pairs in selectors.countries_by_current_level())
    partners = {p.code for p, other in groups["comprehensive_strategic_partnership"]}
    assert partners == {"MY", "SG"}
    assert all(other is None for _, other in groups["comprehensive_strategic_partnership"])


def test_country_partnerships_group_rows_by_partner_in_date_order(w):
    histories = {h.partner.code: h for h in selectors.country_partnerships(code="VN")}
    assert [r.level_id for r in histories["MY"].rows] == [
        "strategic_partnership",
        "comprehensive_strategic_partnership",
    ]
    assert histories["MY"].current.level_id == "comprehensive_strategic_partnership"


def test_visits_by_month_counts_dated_visits(w):
    months = dict(selectors.visits_by_month())
    assert months[dt.date(2023, 12, 1)] == 1
    assert sum(months.values()) == 5


def test_timeline_svg_links_each_month_to_the_filtered_list():
    svg = charts.visits_timeline_svg([(dt.date(2024, 1, 1), 2), (dt.date(2024, 3, 1), 1)])
    assert svg.count("<rect") == 3  # February is drawn, empty
    # An empty month is titled but no link, so it is never in the tab order.
    assert "/visits/?date_after=2024-02-01&amp;date_before=2024-02-29" not in svg
    assert "<title>February 2024: no visit</title>" in svg
    assert "/visits/?date_after=2024-01-01&amp;date_before=2024-01-31" in svg
    assert "<title>January 2024: 2 visits</title>" in svg


def test_timeline_svg_switches_to_years_past_ten_years():
    svg = charts.visits_timeline_svg([(dt.date(2000, 1, 1), 1), (dt.date(2024, 1, 1), 4)])
    assert svg.count("<rect") == 25


def test_partnership_svg_colours_each_level(w):
    svg = charts.partnership_svg(selectors.country_partnerships(code="VN"))
    assert svg.count("<rect") == 5
    assert "Malaysia: Comprehensive Strategic Partnership since 21 November 2024" in svg


def test_chart_text_is_escaped():
    class Partner:
        code, name_en = "XX", "<script>"

    class Level:
        name_en, color = "L", "red;}"

    class Row:
        since, since_display, level = dt.date(2020, 1, 1), "2020", Level()

    class History:
        partner, rows = Partner(), [Row()]

    svg = charts.partnership_svg([History()])
    assert "<script>" not in svg and "#888888" in svg


def test_highlight_segments_merges_overlapping_spans(w):
    text = "One. Two three. Four."
    a = SpanEvidenceFactory.build(id=1, start=5, end=15, visit_id=7)
    b = SpanEvidenceFactory.build(id=2, start=9, end=21, visit_id=7)
    bad = SpanEvidenceFactory.build(id=3, start=30, end=40, visit_id=7)
    segments = highlight_segments(text, [a, b, bad])
    assert [(s["text"], s["ids"], s.get("mark", False)) for s in segments] == [
        ("One. ", [], False),
        ("Two three. Four.", [1, 2], True),
    ]
    # One link back to the visit both spans were read for.
    assert [r["url"] for r in segments[1]["records"]] == ["/visits/7/#evidence-1"]


def test_highlight_segments_mark_the_sentence_not_the_blank_lines_around_it(w):
    text = "First paragraph.\n\nSecond one, read.\n\nThird."
    span = SpanEvidenceFactory.build(id=4, start=0, end=text.index("Third"), meeting_id=9)
    span.meeting = MeetingFactory.build(id=9)
    segments = highlight_segments(text, [span])
    marked = [s["text"] for s in segments if s.get("mark")]
    assert marked == ["First paragraph.", "Second one, read."]
    plain = [s["text"] for s in segments if not s.get("mark")]
    assert plain == ["\n\n", "\n\nThird."]
    assert segments[0]["ids"] == [4] and segments[2]["records"][0]["label"] == "talks"
