"""factory_boy factories for database state in tests."""

import datetime as dt
import io
from pathlib import Path

import factory
from django.core.management import call_command

from visits import models

ARTICLES = Path(__file__).resolve().parent / "articles"


def ingest(*args) -> None:
    """`manage.py ingest ARGS` quietly; a non-zero exit fails the test."""
    try:
        call_command("ingest", *map(str, args), stdout=io.StringIO(), stderr=io.StringIO())
    except SystemExit as exc:
        assert exc.code == 0


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


# --- Added for the public pages' tests --------------------------------------------------


def level(code: str) -> models.PartnershipLevel:
    return models.PartnershipLevel.objects.get(code=code)


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A pair reaching a level; pass `country_a` < `country_b` (codes sorted)."""

    class Meta:
        model = models.Partnership

    country_a = factory.LazyFunction(lambda: country("MY"))
    country_b = factory.LazyFunction(lambda: country("VN"))
    level = factory.LazyFunction(lambda: level("strategic_partnership"))
    since = dt.date(2015, 8, 1)
    source = models.PartnershipSource.REFERENCE


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Office

    leader = factory.SubFactory(LeaderFactory)
    kind = models.OfficeKind.PARTY
    title = "General Secretary"
    start = dt.date(2024, 8, 3)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participation

    meeting = factory.SubFactory(MeetingFactory)
    leader = factory.SubFactory(LeaderFactory)


class SpanEvidenceFactory(factory.django.DjangoModelFactory):
    """Evidence whose span is the whole article text unless given; set one record."""

    class Meta:
        model = models.Evidence

    article = factory.SubFactory(ArticleFactory)
    record_key = factory.Sequence(lambda n: f"record-{n}")
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.article.text))
    sentence = factory.LazyAttribute(lambda o: o.article.text[o.start : o.end])


def pages_world():
    """A small, hand-checkable world for the public pages' tests.

    Partnerships: MY–VN strategic from Aug 2015, comprehensive strategic from
    21 Nov 2024; SG–VN strategic from Sep 2013, comprehensive strategic from
    12 Mar 2025; CN–VN comprehensive strategic cooperative from May 2008.
    Visits: To Lam to Malaysia (Nov 2024, the day before the upgrade), To Lam to
    Singapore (Mar 2025), Anwar to Viet Nam (July 2023, month only), Xi to Viet
    Nam (Dec 2023), a working visit to France (Oct 2024, no partnership).
    """
    from types import SimpleNamespace

    # The reference partnerships are replaced by these, so counts are known.
    models.Partnership.objects.all().delete()
    vn, my, sg, cn, fr = (country(c) for c in ("VN", "MY", "SG", "CN", "FR"))
    sp, csp = level("strategic_partnership"), level("comprehensive_strategic_partnership")
    cscp = level("comprehensive_strategic_cooperative_partnership")
    PartnershipFactory(country_a=my, country_b=vn, level=sp, since=dt.date(2015, 8, 1))
    PartnershipFactory(country_a=my, country_b=vn, level=csp, since=dt.date(2024, 11, 21))
    PartnershipFactory(country_a=sg, country_b=vn, level=sp, since=dt.date(2013, 9, 1))
    PartnershipFactory(country_a=sg, country_b=vn, level=csp, since=dt.date(2025, 3, 12))
    PartnershipFactory(country_a=cn, country_b=vn, level=cscp, since=dt.date(2008, 5, 30))

    def leader(name, where):
        # Known leaders may come with the reference data already.
        found = models.Leader.objects.filter(name_key=models.fold(name), country=where).first()
        return found or LeaderFactory(name=name, country=where)

    to_lam = leader("Tô Lâm", vn)
    anwar = leader("Anwar Ibrahim", my)
    xi = leader("Xi Jinping", cn)
    wong = leader("Lawrence Wong", sg)
    chinh = leader("Phạm Minh Chính", vn)
    models.Office.objects.get_or_create(
        leader=to_lam,
        kind=models.OfficeKind.PARTY,
        title="General Secretary",
        start=dt.date(2024, 8, 3),
    )

    w = SimpleNamespace(to_lam=to_lam, anwar=anwar, xi=xi, wong=wong, chinh=chinh)
    w.to_malaysia = VisitFactory(
        visitor_country=vn,
        host_country=my,
        visitor_leader=to_lam,
        kind=models.VisitKind.OFFICIAL,
        start=dt.date(2024, 11, 20),
        end=dt.date(2024, 11, 22),
        cities=["Kuala Lumpur"],
    )
    w.to_singapore = VisitFactory(
        visitor_country=vn,
        host_country=sg,
        visitor_leader=to_lam,
        kind=models.VisitKind.OFFICIAL,
        start=dt.date(2025, 3, 11),
        end=dt.date(2025, 3, 13),
    )
    w.anwar_to_vn = VisitFactory(
        visitor_country=my,
        host_country=vn,
        visitor_leader=anwar,
        kind=models.VisitKind.STATE,
        start=dt.date(2023, 7, 1),
        start_precision=models.Precision.MONTH,
        end=None,
    )
    w.xi_to_vn = VisitFactory(
        visitor_country=cn,
        host_country=vn,
        visitor_leader=xi,
        kind=models.VisitKind.STATE,
        start=dt.date(2023, 12, 12),
        end=dt.date(2023, 12, 13),
    )
    w.to_france = VisitFactory(
        visitor_country=vn,
        host_country=fr,
        visitor_leader=chinh,
        kind=models.VisitKind.WORKING,
        start=dt.date(2024, 10, 6),
        end=dt.date(2024, 10, 7),
    )
    w.talks = MeetingFactory(
        visit=w.to_malaysia, date=dt.date(2024, 11, 21), kind=models.MeetingKind.TALKS, country=my
    )
    ParticipationFactory(meeting=w.talks, leader=to_lam, office="General Secretary")
    ParticipationFactory(meeting=w.talks, leader=anwar, office="Prime Minister")
    w.call = MeetingFactory(
        visit=None, date=dt.date(2024, 5, 2), kind=models.MeetingKind.CALL, country=None
    )
    ParticipationFactory(meeting=w.call, leader=to_lam)
    ParticipationFactory(meeting=w.call, leader=xi)
    w.upgrade = AgreementFactory(
        visit=w.to_malaysia,
        kind=models.AgreementKind.PARTNERSHIP_UPGRADE,
        level=csp,
        date=dt.date(2024, 11, 22),
    )
    w.upgrade.parties.set([my, vn])
    w.statement = AgreementFactory(
        visit=w.xi_to_vn, kind=models.AgreementKind.JOINT_STATEMENT, date=dt.date(2023, 12, 13)
    )
    w.statement.parties.set([cn, vn])

    sentence = (
        "General Secretary Tô Lâm arrived in Kuala Lumpur on 20 November "
        "for an official visit to Malaysia."
    )
    w.article = ArticleFactory(
        source_name="000_malaysia.txt",
        title="Party chief begins Malaysia visit",
        text=f"KUALA LUMPUR, 20 November. {sentence} The two sides will discuss trade.",
        published=dt.date(2024, 11, 20),
    )
    start = w.article.text.index(sentence)
    w.evidence = SpanEvidenceFactory(
        article=w.article, visit=w.to_malaysia, start=start, end=start + len(sentence)
    )
    SpanEvidenceFactory(article=w.article, meeting=w.talks, start=start, end=start + len(sentence))
    SpanEvidenceFactory(
        article=w.article, agreement=w.upgrade, start=start, end=start + len(sentence)
    )
    w.sg_article = ArticleFactory(
        source_name="001_singapore.txt",
        title="Chuyến thăm Singapore",
        text="Tổng Bí thư Tô Lâm thăm chính thức Singapore từ ngày 11 đến 13 tháng 3.",
        language="vi",
        published=dt.date(2025, 3, 11),
    )
    SpanEvidenceFactory(article=w.sg_article, visit=w.to_singapore)
    return w


# --- Editors (admin) ---------------------------------------------------------------

EDITOR_PASSWORD = "correct-horse-battery-staple"


def editor_user(username: str = "editor"):
    """A staff user in the Editors group (not a superuser), password EDITOR_PASSWORD."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username=username, password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


class EvidenceFactory(factory.django.DjangoModelFactory):
    """Evidence for a visit by default; pass meeting=… or agreement=… (and visit=None)."""

    class Meta:
        model = models.Evidence

    article = factory.SubFactory(ArticleFactory)
    record_key = factory.Sequence(lambda n: f"visit:{n}")
    visit = factory.SubFactory(VisitFactory)
    start = factory.Sequence(lambda n: n * 10)
    end = factory.LazyAttribute(lambda o: o.start + 5)
    sentence = "President To Lam paid an official visit to Malaysia."
