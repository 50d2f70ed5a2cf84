"""Partnerships: the level a pair of countries reached, and when."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .base import Precision, format_fuzzy_date
from .people import Country, PartnershipLevel
from .records import Agreement


class PartnershipSource(models.TextChoices):
    REFERENCE = "reference", "reference data"
    AGREEMENT = "agreement", "agreement in an article"
    EDITOR = "editor", "editor"


class PartnershipQuerySet(models.QuerySet):
    def for_pair(self, a: str, b: str) -> PartnershipQuerySet:
        first, second = sorted([a, b])
        return self.filter(country_a_id=first, country_b_id=second)

    def at(self, day: dt.date) -> PartnershipQuerySet:
        """Rows in force on `day`: for each pair, the latest that took effect by then."""
        return (
            self.filter(since__lte=day)
            .order_by("country_a_id", "country_b_id", "-since", "-level__rank")
            .distinct("country_a_id", "country_b_id")
        )

    def current(self) -> PartnershipQuerySet:
        return self.at(dt.date.today())


class Partnership(models.Model):
    """A pair of countries reaching a level on a date.

    Natural key: (`country_a`, `country_b`, `level`), with a < b. The level of
    a pair on any day is the row with the latest `since` on or before it
    (`Partnership.objects.for_pair(a, b).at(day)`).
    """

    country_a = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    country_b = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(PartnershipLevel, on_delete=models.PROTECT, related_name="+")
    since = models.DateField()
    precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    official_name = models.CharField(max_length=300, blank=True)
    occasion = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=PartnershipSource.choices)
    source_url = models.CharField(max_length=1000, blank=True)
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="partnerships"
    )
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    history = HistoricalRecords()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["country_a", "country_b", "since"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country_a__lt=F("country_b")), name="partnership_pair_ordered"
            ),
            models.UniqueConstraint(
                fields=["country_a", "country_b", "level"], name="partnership_unique_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_a_id}–{self.country_b_id}: {self.level} since {self.since_display}"

    @property
    def since_display(self) -> str:
        return format_fuzzy_date(self.since, self.precision)


class PartnershipPeriod(models.Model):
    """A Partnership row as a period: from `since` until the next row of the pair
    (None while it lasts). Read-only: the SQL view of migration 0006.

    The level of a pair on a day is the period with since <= day < until, so
    filters and counts join on it instead of looking up the latest row per record.
    """

    partnership = models.OneToOneField(
        Partnership, primary_key=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    country_a = models.ForeignKey(Country, on_delete=models.DO_NOTHING, related_name="+")
    country_b = models.ForeignKey(Country, on_delete=models.DO_NOTHING, related_name="+")
    level = models.ForeignKey(PartnershipLevel, on_delete=models.DO_NOTHING, related_name="+")
    since = models.DateField()
    until = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "visits_partnershipperiod"

    def __str__(self) -> str:
        return f"{self.country_a_id}–{self.country_b_id}: {self.level_id} {self.since}–{self.until}"
