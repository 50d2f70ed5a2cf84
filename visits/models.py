"""The domain model: countries, leaders, partnership levels, articles and the
visits, meetings and agreements read from them, with their evidence.

Every model states its natural key. Records built by ingest carry
`corrected_fields`: the names of the fields an editor changed, which ingest
never writes again.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


def fold(text: str) -> str:
    """Lower case without accents or punctuation spacing: 'Tô Lâm' -> 'to lam'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


def format_fuzzy_date(value: dt.date | None, precision: str, *, year_settled: bool = True) -> str:
    """'21 November 2024', 'November 2024' or '2024', never a made-up day."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        text = f"{value.year}"
    elif precision == Precision.MONTH:
        text = value.strftime("%B %Y")
    else:
        text = f"{value.day} {value.strftime('%B %Y')}"
    return text if year_settled else f"{text} (year unsettled)"


class OfficeKind(models.TextChoices):
    PARTY = "party", "party"
    STATE = "state", "state"
    GOVERNMENT = "government", "government"
    LEGISLATURE = "legislature", "legislature"
    OTHER = "other", "other"


class VisitKind(models.TextChoices):
    STATE = "state", "state visit"
    OFFICIAL = "official", "official visit"
    WORKING = "working", "working visit"
    OTHER = "other", "other visit"


class MeetingKind(models.TextChoices):
    TALKS = "talks", "talks"
    MEETING = "meeting", "meeting"
    RECEPTION = "reception", "reception"
    CALL = "call", "phone or video call"
    OTHER = "other", "other"


class AgreementKind(models.TextChoices):
    PARTNERSHIP_UPGRADE = "partnership_upgrade", "partnership upgrade"
    JOINT_STATEMENT = "joint_statement", "joint statement"
    DOCUMENT_SIGNING = "document_signing", "document signing"
    ACTION_PROGRAMME = "action_programme", "action programme"
    OTHER = "other", "other"


class Country(models.Model):
    """A country. Natural key: `code`, ISO 3166-1 alpha-2.

    Every ISO country is loaded by a migration from visits/data/countries.csv;
    ingest never creates countries, it only reads their names and aliases.
    """

    code = models.CharField(max_length=2, primary_key=True)
    name_en = models.CharField(max_length=100)
    name_vi = models.CharField(max_length=100, blank=True)
    aliases = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    cities = ArrayField(models.CharField(max_length=100), default=list, blank=True)

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


class ArticleStatus(models.TextChoices):
    EXTRACTED = "extracted", "extracted"
    NO_CONTENT = "no_content", "no diplomatic content"
    FAILED = "failed", "failed"


class Article(models.Model):
    """One ingested source. Natural key: `source_name` (the file's base name,
    or `name#N` for the Nth article of a JSON Lines file); `content_hash` is
    unique too, so the same text under two names is stored once.

    Ingest skips an article whose hash and extractor version are unchanged and
    replaces what an earlier version of the same source produced.
    """

    source_name = models.CharField(max_length=255, unique=True)
    path = models.CharField(max_length=1000, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    language = models.CharField(max_length=2, blank=True)
    published = models.DateField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=ArticleStatus.choices)
    error = models.TextField(blank=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "source_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="failed") | Q(content_hash__isnull=False),
                name="article_hash_unless_failed",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["", "en", "vi"]), name="article_language_known"
            ),
        ]

    def __str__(self) -> str:
        return self.source_name


class RecordBase(models.Model):
    """What every extracted record shares: confidence, review and corrections."""

    confidence = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    reviewed = models.BooleanField(default=False)
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VisitQuerySet(models.QuerySet):
    def involving(self, code: str) -> VisitQuerySet:
        return self.filter(Q(visitor_country_id=code) | Q(host_country_id=code))


class Visit(RecordBase):
    """A trip by a leader of one country to another.

    Natural key: (`visitor_country`, `host_country`, dates that overlap): ingest
    merges every report of one trip, in any language, into one row. A date
    whose year no article gave has `year_settled` False until another report
    settles it.
    """

    visitor_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="visits_made"
    )
    host_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="visits_received"
    )
    visitor_leader = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    kind = models.CharField(max_length=10, choices=VisitKind.choices, default=VisitKind.OTHER)
    start = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end = models.DateField(null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    year_settled = models.BooleanField(default=True)
    cities = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    invited_by = models.CharField(max_length=200, blank=True)
    sources = models.ManyToManyField(
        "Article",
        through="Evidence",
        through_fields=("visit", "article"),
        related_name="visits",
    )
    history = HistoricalRecords()

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visitor_country=F("host_country")), name="visit_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="visit_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="visit_confidence_0_1"
            ),
        ]
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["host_country", "start"]),
            models.Index(fields=["visitor_country", "start"]),
        ]

    def __str__(self) -> str:
        who = self.visitor_leader or self.visitor_country
        return f"{who} to {self.host_country}, {self.start_display}"

    @property
    def start_display(self) -> str:
        return format_fuzzy_date(self.start, self.start_precision, year_settled=self.year_settled)

    @property
    def end_display(self) -> str:
        return format_fuzzy_date(self.end, self.end_precision, year_settled=self.year_settled)


class Meeting(RecordBase):
    """Leaders meeting on a day: talks, a meeting, a reception, a call.

    Natural key: (the set of participants, `date`): reports of the same
    people meeting on the same day become one row.
    """

    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    year_settled = models.BooleanField(default=True)
    kind = models.CharField(max_length=10, choices=MeetingKind.choices, default=MeetingKind.OTHER)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    city = models.CharField(max_length=100, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    participants = models.ManyToManyField(Leader, through="Participation", related_name="meetings")
    sources = models.ManyToManyField(
        "Article",
        through="Evidence",
        through_fields=("meeting", "article"),
        related_name="meetings",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="meeting_confidence_0_1",
            ),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date_display}"

    @property
    def date_display(self) -> str:
        return format_fuzzy_date(self.date, self.date_precision, year_settled=self.year_settled)


class Participation(models.Model):
    """A leader at a meeting, with the office held then. Natural key: (`meeting`, `leader`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE)
    office = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "leader"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.leader} at {self.meeting_id}"


class Agreement(RecordBase):
    """What two or more countries agreed: an upgrade, a statement, documents.

    Natural key: (`parties`, `kind`, `level`, `date` within days): reports of
    the same agreement become one row. A partnership upgrade also writes a
    Partnership row for the pair.
    """

    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    kind = models.CharField(max_length=20, choices=AgreementKind.choices)
    parties = models.ManyToManyField(Country, related_name="agreements")
    level = models.ForeignKey(
        PartnershipLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    year_settled = models.BooleanField(default=True)
    title = models.CharField(max_length=500, blank=True)
    document_count = models.PositiveSmallIntegerField(null=True, blank=True)
    sources = models.ManyToManyField(
        "Article",
        through="Evidence",
        through_fields=("agreement", "article"),
        related_name="agreements",
    )
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="agreement_confidence_0_1",
            ),
            models.CheckConstraint(
                condition=~Q(kind="partnership_upgrade") | Q(level__isnull=False),
                name="agreement_upgrade_has_level",
            ),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date_display}"

    @property
    def date_display(self) -> str:
        return format_fuzzy_date(self.date, self.date_precision, year_settled=self.year_settled)


class Evidence(models.Model):
    """The sentence of an article that a record was read from.

    Natural key: (`article`, `record_key`, the record): `record_key` is the
    extractor's key for the record within the article, so that a re-ingest
    finds the record an earlier run (or an editor's merge) put it in.
    Exactly one of visit, meeting and agreement is set.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    record_key = models.CharField(max_length=300)
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(visit__isnull=False, meeting__isnull=True, agreement__isnull=True)
                    | Q(visit__isnull=True, meeting__isnull=False, agreement__isnull=True)
                    | Q(visit__isnull=True, meeting__isnull=True, agreement__isnull=False)
                ),
                name="evidence_exactly_one_record",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_span_valid"),
            models.UniqueConstraint(
                fields=["article", "record_key", "start"], name="evidence_unique_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} [{self.start}:{self.end}]"


class Suppression(models.Model):
    """A record an editor deleted: ingest never recreates it from this article.

    Natural key: (`article`, `record_key`).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suppressions")
    record_key = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "record_key"], name="suppression_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article}: {self.record_key}"


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
