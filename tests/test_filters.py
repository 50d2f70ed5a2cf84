"""Every filter narrows the results: each FilterSet parameter, one test, on a known world."""

import pytest
from django.http import QueryDict

from tests.factories import pages_world
from visits import filters, selectors
from visits.models import Country, Leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return pages_world()


def query(params) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def ids(filterset_class, selector, **params):
    fs = filterset_class(query(params), queryset=selector())
    assert fs.is_valid(), fs.errors
    return set(fs.qs.values_list("pk", flat=True))


def visits(**params):
    return ids(filters.VisitFilter, selectors.visit_list, **params)


def meetings(**params):
    return ids(filters.MeetingFilter, selectors.meeting_list, **params)


def agreements(**params):
    return ids(filters.AgreementFilter, selectors.agreement_list, **params)


def _all(selector):
    return set(selector().values_list("pk", flat=True))


# --- Visits -------------------------------------------------------------------------------


def test_visit_country_is_either_side(w):
    assert visits(country="MY") == {w.to_malaysia.pk, w.anwar_to_vn.pk}


def test_visit_country_code_is_case_insensitive(w):
    assert visits(country="my") == visits(country="MY")


def test_visit_visitor(w):
    assert visits(visitor="MY") == {w.anwar_to_vn.pk}


def test_visit_host(w):
    assert visits(host="MY") == {w.to_malaysia.pk}


def test_visit_repeated_host_means_or(w):
    assert visits(host=["MY", "SG"]) == {w.to_malaysia.pk, w.to_singapore.pk}


@pytest.mark.parametrize("name", ["to lam", "TO LÂM", "Tô Lâm", "to  lam"])
def test_visit_leader_ignores_accents_and_case(w, name):
    assert visits(leader=name) == {w.to_malaysia.pk, w.to_singapore.pk}


def test_visit_leader_includes_visits_where_the_leader_was_met(w):
    # Anwar visited Viet Nam, and met To Lam during the visit to Malaysia.
    assert visits(leader="anwar") == {w.anwar_to_vn.pk, w.to_malaysia.pk}


def test_visit_leader_matches_whole_words_only(w):
    assert visits(leader="lam") == {w.to_malaysia.pk, w.to_singapore.pk}
    assert visits(leader="la") == set()


def test_visit_date_after_keeps_visits_still_going_on(w):
    # The Malaysia visit runs 20-22 November: it is in a range from the 21st.
    assert visits(date_after="2024-11-21") == {w.to_malaysia.pk, w.to_singapore.pk}


def test_visit_date_before(w):
    assert visits(date_before="2023-12-31") == {w.anwar_to_vn.pk, w.xi_to_vn.pk}


def test_visit_date_range(w):
    assert visits(date_after="2024-01-01", date_before="2024-12-31") == {
        w.to_malaysia.pk,
        w.to_france.pk,
    }


def test_visit_year_repeated(w):
    assert visits(year="2023") == {w.anwar_to_vn.pk, w.xi_to_vn.pk}
    assert visits(year=["2023", "2025"]) == {w.anwar_to_vn.pk, w.xi_to_vn.pk, w.to_singapore.pk}


def test_visit_kind(w):
    assert visits(kind="state") == {w.anwar_to_vn.pk, w.xi_to_vn.pk}


def test_visit_level_is_the_pairs_level_on_the_day(w):
    # To Lam reached Malaysia the day before the upgrade: strategic then.
    assert visits(level="strategic_partnership") == {
        w.to_malaysia.pk,
        w.to_singapore.pk,
        w.anwar_to_vn.pk,
    }
    assert visits(level="comprehensive_strategic_partnership") == set()


def test_visit_current_level(w):
    assert visits(current_level="comprehensive_strategic_partnership") == {
        w.to_malaysia.pk,
        w.to_singapore.pk,
        w.anwar_to_vn.pk,
    }


def test_visit_full_text_search_ignores_accents(w):
    assert visits(q="kuala lumpur") == {w.to_malaysia.pk}
    # 'to lam' finds both the English and the Vietnamese article.
    assert visits(q="to lam") == {w.to_malaysia.pk, w.to_singapore.pk}
    assert visits(q="Tổng Bí thư") == {w.to_singapore.pk}


def test_visit_sort(w):
    fs = filters.VisitFilter(query({"sort": "host"}), queryset=selectors.visit_list())
    hosts = [v.host_country.name_en for v in fs.qs]
    assert hosts == sorted(hosts)


def test_visit_bad_values_make_the_filterset_invalid():
    for params in ({"host": "123"}, {"level": "x"}, {"date_after": "abc"}, {"year": "y"}):
        assert not filters.VisitFilter(query(params), queryset=selectors.visit_list()).is_valid()


# --- Meetings ------------------------------------------------------------------------------


def test_meeting_country_is_place_or_participant(w):
    assert meetings(country="MY") == {w.talks.pk}
    assert meetings(country="CN") == {w.call.pk}


def test_meeting_visitor_and_host_are_those_of_the_visit(w):
    assert meetings(visitor="VN") == {w.talks.pk}
    assert meetings(host="MY") == {w.talks.pk}
    assert meetings(host="CN") == set()


def test_meeting_leader(w):
    assert meetings(leader="xi jinping") == {w.call.pk}
    assert meetings(leader="to lam") == {w.talks.pk, w.call.pk}


def test_meeting_kind(w):
    assert meetings(kind="call") == {w.call.pk}


def test_meeting_dates_and_year(w):
    assert meetings(date_after="2024-06-01") == {w.talks.pk}
    assert meetings(date_before="2024-06-01") == {w.call.pk}
    assert meetings(year="2024") == {w.talks.pk, w.call.pk}


def test_meeting_level_uses_the_participants_countries(w):
    assert meetings(level="comprehensive_strategic_partnership") == {w.talks.pk}
    assert meetings(level="comprehensive_strategic_cooperative_partnership") == {w.call.pk}
    assert meetings(current_level="comprehensive_strategic_cooperative_partnership") == {w.call.pk}


def test_meeting_full_text(w):
    assert meetings(q="kuala lumpur") == {w.talks.pk}


# --- Agreements ----------------------------------------------------------------------------


def test_agreement_country_is_a_party(w):
    assert agreements(country="MY") == {w.upgrade.pk}
    assert agreements(country=["MY", "CN"]) == {w.upgrade.pk, w.statement.pk}


def test_agreement_visitor_host_and_leader_come_from_the_visit(w):
    assert agreements(visitor="CN") == {w.statement.pk}
    assert agreements(host="MY") == {w.upgrade.pk}
    assert agreements(leader="anwar ibrahim") == {w.upgrade.pk}


def test_agreement_kind_year_dates(w):
    assert agreements(kind="partnership_upgrade") == {w.upgrade.pk}
    assert agreements(year="2023") == {w.statement.pk}
    assert agreements(date_after="2024-01-01", date_before="2024-12-31") == {w.upgrade.pk}


def test_agreement_level_then_and_now(w):
    # Signed the day after the upgrade took effect.
    assert agreements(level="comprehensive_strategic_partnership") == {w.upgrade.pk}
    assert agreements(current_level="comprehensive_strategic_cooperative_partnership") == {
        w.statement.pk
    }


def test_agreement_full_text(w):
    assert agreements(q="malaysia") == {w.upgrade.pk}


# --- Leaders, countries, articles ------------------------------------------------------------


def test_leader_country_and_name(w):
    leaders = ids(filters.LeaderFilter, selectors.leader_list, country="MY")
    assert w.anwar.pk in leaders and w.to_lam.pk not in leaders
    assert ids(filters.LeaderFilter, selectors.leader_list, leader="pham minh chinh") == {
        w.chinh.pk
    }
    assert Leader.objects.count() > 1


def test_country_current_level_and_name(w):
    codes = ids(
        filters.CountryFilter,
        selectors.country_list,
        current_level="comprehensive_strategic_cooperative_partnership",
    )
    assert codes == {"CN", "VN"}
    assert ids(filters.CountryFilter, selectors.country_list, q="viet") == {"VN"}
    assert Country.objects.count() > 200


def test_article_filters(w):
    def articles(**params):
        return ids(filters.ArticleFilter, selectors.article_list, **params)

    assert articles(q="to lam") == {w.article.pk, w.sg_article.pk}
    assert articles(q="trade") == {w.article.pk}
    assert articles(country="SG") == {w.sg_article.pk}
    assert articles(year="2025") == {w.sg_article.pk}
    assert articles(language="vi") == {w.sg_article.pk}
    assert articles(date_before="2024-12-31") == {w.article.pk}


def test_an_empty_choice_sent_by_the_form_is_no_filter(w):
    """The list form's "any" source sends `source=`: every visit, not none."""
    every = ids(filters.VisitFilter, selectors.visit_list)
    assert every
    assert ids(filters.VisitFilter, selectors.visit_list, source="") == every
    assert ids(filters.MeetingFilter, selectors.meeting_list, source="") == ids(
        filters.MeetingFilter, selectors.meeting_list
    )
