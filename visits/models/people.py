"""Countries, partnership levels, leaders and the offices they hold."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .base import OfficeKind, Precision, fold


class Country(models.Model):
    """A country. Natural key: `code`, ISO 3166-1 alpha-2.

    Every ISO country is loaded by a migration from visits/data/countries.csv;
    ingest never creates countries, it only reads their names and aliases. States
    that are gone (Czechoslovakia, the Soviet Union, the Kingdom of Hawaii) come from
    visits/data/countries-extra.csv with their former alpha-2 or a user-assigned code,
    `historical` set; news extraction does not read their names.
    """

    code = models.CharField(max_length=2, primary_key=True)
    name_en = models.CharField(max_length=100)
    name_vi = models.CharField(max_length=100, blank=True)
    aliases = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    cities = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    historical = models.BooleanField(default=False, help_text="A state that no longer exists.")
    # Fields an editor changed: load_reference never writes them again.
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso")
        ]

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self):
        return (self.code,)


class PartnershipLevel(models.Model):
    """A level of the controlled vocabulary of bilateral relationships.

    Natural key: `code`. Higher `rank` means a closer relationship. Loaded by a
    migration from visits/data/levels.csv.
    """

    code = models.SlugField(max_length=60, primary_key=True)
    rank = models.PositiveSmallIntegerField(unique=True)
    name_en = models.CharField(max_length=120)
    name_vi = models.CharField(max_length=120, blank=True)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    color = models.CharField(max_length=7, default="#888888")
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)

    class Meta:
        ordering = ["-rank"]

    def __str__(self) -> str:
        return self.name_en


class LeaderQuerySet(models.QuerySet):
    def matching_name(self, name: str) -> LeaderQuerySet:
        """Leaders whose name or any alias folds to the same text as `name`."""
        key = fold(name)
        return self.filter(Q(name_key=key) | Q(alias_keys__contains=[key]))


class Leader(models.Model):
    """One person, however the articles spell the name.

    Natural key: (`name_key`, `country`), `name_key` being the folded display
    name. Ingest finds a leader by any folded alias, adds new spellings to
    `aliases`, and creates unknown people with the office the article gives.
    """

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="leaders"
    )
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    alias_keys = ArrayField(models.CharField(max_length=200), default=list, editable=False)
    honorific = models.CharField(max_length=60, blank=True)
    known = models.BooleanField(
        default=False, help_text="Known from reference data or confirmed by an editor."
    )
    reviewed = models.BooleanField(default=False)
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_key", "country"],
                name="leader_unique_name_country",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="leader_name_not_empty"),
        ]
        indexes = [GinIndex(fields=["alias_keys"], name="leader_alias_keys_gin")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived keys only; no business logic here.
        self.name_key = fold(self.name)
        self.alias_keys = sorted({fold(a) for a in [self.name, *self.aliases] if fold(a)})
        super().save(*args, **kwargs)


class Office(models.Model):
    """An office a leader held. Natural key: (`leader`, `kind`, `title`, `start`)."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="offices")
    kind = models.CharField(max_length=20, choices=OfficeKind.choices)
    title = models.CharField(max_length=200)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    start = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end = models.DateField(null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["leader", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "kind", "title", "start"],
                name="office_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="office_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.leader})"

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
