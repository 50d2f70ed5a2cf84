"""factory_boy factories for database state in tests."""

import datetime as dt

import factory

from visits import models


def country(code: str) -> models.Country:
    return models.Country.objects.get(code=code)


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Leader

    name = factory.Sequence(lambda n: f"Test Leader {n}")
    country = factory.LazyFunction(lambda: country("VN"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    source_name = factory.Sequence(lambda n: f"article_{n}.txt")
    text = factory.Sequence(lambda n: f"Article body number {n}.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    language = "en"
    published = dt.date(2024, 11, 21)
    status = models.ArticleStatus.EXTRACTED


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Visit

    visitor_country = factory.LazyFunction(lambda: country("VN"))
    host_country = factory.LazyFunction(lambda: country("MY"))
    visitor_leader = factory.SubFactory(LeaderFactory)
    kind = models.VisitKind.OFFICIAL
    start = dt.date(2024, 11, 20)
    end = dt.date(2024, 11, 22)
    confidence = 0.9


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    date = dt.date(2024, 11, 21)
    kind = models.MeetingKind.TALKS
    country = factory.LazyFunction(lambda: country("MY"))


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agreement

    kind = models.AgreementKind.JOINT_STATEMENT
    date = dt.date(2024, 11, 21)
