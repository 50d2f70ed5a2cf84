"""The domain model's constraints hold in PostgreSQL itself."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import ArticleFactory, LeaderFactory, VisitFactory, country
from visits import models

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_there_after_migrate():
    assert models.Country.objects.count() >= 249
    vn = country("VN")
    assert vn.name_vi == "Việt Nam"
    assert "Ho Chi Minh City" in vn.cities
    assert "Malaysian" in country("MY").aliases


def test_partnership_levels_are_the_controlled_vocabulary():
    codes = set(models.PartnershipLevel.objects.values_list("code", flat=True))
    assert codes == {
        "comprehensive_strategic_partnership",
        "strategic_partnership",
        "comprehensive_partnership",
        "comprehensive_strategic_cooperative_partnership",
        "special_relationship",
        "other",
    }


def test_visit_end_before_start_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitFactory(start=dt.date(2024, 11, 22), end=dt.date(2024, 11, 20))


def test_visit_from_a_country_to_itself_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitFactory(visitor_country=country("VN"), host_country=country("VN"))


def test_one_leader_per_normalised_name_and_country():
    LeaderFactory(name="Đỗ Văn Thử", country=country("VN"))
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderFactory(name="Do  Van Thu", country=country("VN"))
    # The same name in another country is another person.
    LeaderFactory(name="Do Van Thu", country=country("MY"))


def test_one_leader_per_name_even_without_country():
    LeaderFactory(name="Somebody Unknown", country=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderFactory(name="somebody unknown", country=None)


def test_one_article_per_content_hash():
    ArticleFactory(content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash="a" * 64)


def test_evidence_belongs_to_exactly_one_record():
    visit = VisitFactory()
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Evidence.objects.create(
            article=article, record_key="k", start=0, end=5, sentence="x"
        )
    models.Evidence.objects.create(
        article=article, record_key="k", visit=visit, start=0, end=5, sentence="x"
    )
    assert list(visit.sources.all()) == [article]


def test_partnership_pair_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Partnership.objects.create(
            country_a=country("VN"),
            country_b=country("MY"),
            level_id="strategic_partnership",
            since=dt.date(2015, 1, 1),
            source="editor",
        )


def test_pair_level_follows_from_the_rows_at_any_date():
    def level(day):
        row = models.Partnership.objects.for_pair("VN", "MY").at(day).first()
        return row.level_id if row else None

    assert level(dt.date(2014, 6, 1)) is None
    assert level(dt.date(2020, 1, 1)) == "strategic_partnership"
    assert level(dt.date(2024, 11, 20)) == "strategic_partnership"
    assert level(dt.date(2024, 11, 21)) == "comprehensive_strategic_partnership"


def test_upgrade_agreement_needs_a_level():
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Agreement.objects.create(kind="partnership_upgrade", date=dt.date(2024, 1, 1))


def test_dates_show_only_their_precision():
    visit = VisitFactory(start=dt.date(2024, 11, 1), start_precision="month", end=None)
    assert visit.start_display == "November 2024"
    visit.start_precision = "year"
    assert visit.start_display == "2024"
    visit.start_precision = "day"
    visit.start = dt.date(2024, 11, 21)
    assert visit.start_display == "21 November 2024"


def test_leader_found_by_any_spelling_without_accents():
    leader = LeaderFactory(name="Đỗ Văn Thử", aliases=["Thu Do Van"])
    assert list(models.Leader.objects.matching_name("DO VAN THU")) == [leader]
    assert list(models.Leader.objects.matching_name("thu do van")) == [leader]
    known = models.Leader.objects.matching_name("to lam").get()
    assert known.name == "Tô Lâm" and known.country_id == "VN"
