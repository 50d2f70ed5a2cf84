"""Articles and what was read from them: visits, meetings, agreements, evidence."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .base import (
    AgreementKind,
    ArticleLanguage,
    MeetingKind,
    Precision,
    SourceKind,
    VisitKind,
    VisitorRole,
    format_fuzzy_date,
)
from .history import BatchedHistory
from .people import Country, Leader, PartnershipLevel


class ArticleStatus(models.TextChoices):
    EXTRACTED = "extracted", "extracted"
    NO_CONTENT = "no_content", "no diplomatic content"
    FAILED = "failed", "failed"


class RawKind(models.TextChoices):
    """How an article was received, so that re-extraction reads it the same way again."""

    NONE = "", "not kept (stored before issue 12)"
    TXT = "txt", "seed-format text"
    JSON = "json", "JSON object"
    HTML = "html", "HTML page"


class Article(models.Model):
    """One ingested source. Natural key: `source_name`, its identity: the URL when
    it has one, else its path relative to the folder given (a file given alone: its
    name); an article of a JSON Lines file or JSON list by its `id`, else
    `name#<content hash>`, never its position. `content_hash` is unique too, so the
    same text under two names is stored once, and a moved file is found by it.

    Ingest skips an article whose hash and extractor version are unchanged and
    replaces what an earlier version of the same source produced. `raw` is the
    article as received (the file's text, the JSON object, the page fetched),
    read again by `ingest --reextract`; empty for articles stored before it was kept.
    A row of a curated list (`kind` curated) is an article too, named
    `state-department/visits#2991`, its URL the list's page, its text the row as read
    (`import_curated`).
    """

    source_name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=8, choices=SourceKind.choices, default=SourceKind.NEWS)
    path = models.CharField(max_length=1000, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    raw = models.TextField(blank=True)
    raw_kind = models.CharField(max_length=4, choices=RawKind.choices, blank=True)
    # Detected when the article is read, unless its JSON gave it: then no confidence.
    language = models.CharField(max_length=2, blank=True, choices=ArticleLanguage.choices)
    language_confidence = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="The detector's probability for the language; empty when the source gave it.",
    )
    published = models.DateField(null=True, blank=True)
    # A date line giving a month or a year only is stored as its first day.
    published_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
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
                condition=Q(language__in=["", *ArticleLanguage.values]),
                name="article_language_known",
            ),
            models.CheckConstraint(
                condition=Q(language_confidence__isnull=True)
                | Q(language_confidence__gte=0.0, language_confidence__lte=1.0),
                name="article_language_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(raw_kind__in=["", "txt", "json", "html"]),
                name="article_raw_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(raw_kind="") | ~Q(raw=""), name="article_raw_kind_has_raw"
            ),
        ]

    def __str__(self) -> str:
        return self.source_name

    @property
    def headline(self) -> str:
        """The title, else the text's first line (cut at a word past 120 characters),
        else the source name: what a reader calls the article, never 'h01.txt' when
        the text says more."""
        if self.title.strip():
            return self.title.strip()
        lines = [line.strip() for line in (self.text or "").splitlines() if line.strip()]
        # A dateline alone on the first line ("BANGKOK, 5 February.") is no headline.
        if len(lines) > 1 and is_dateline(lines[0]):
            lines = lines[1:]
        first = lines[0] if lines else ""
        if not first:
            return self.source_name
        if len(first) <= 120:
            return first
        cut = first.rfind(" ", 0, 120)
        return first[: cut if cut > 60 else 120].rstrip(" ,;:") + "…"

    @property
    def outlet(self) -> str:
        """The web site the article came from ('news.example.org'), '' when it has no URL."""
        try:
            host = (urlsplit(self.url).hostname or "") if self.url else ""
        except ValueError:  # an address an editor mistyped ("http://[x"): no outlet
            return ""
        return host[4:] if host.startswith("www.") else host


def is_dateline(line: str) -> bool:
    """'BANGKOK, 5 February.' or 'HÀ NỘI, ngày 5/2': a place in capitals, a comma, a
    short date, and nothing else.

    >>> is_dateline("BANGKOK, 5 February."), is_dateline("Leaders meet, agree")
    (True, False)
    """
    place, comma, rest = line.partition(",")
    letters = place.replace(" ", "").replace("-", "").replace(".", "")
    return bool(comma) and len(letters) >= 2 and letters.isupper() and len(rest) <= 30


# What an editor's corrections are called on the pages (corrected_fields holds
# field names); fields not named here are shown as their verbose name.
CORRECTED_WORDS = {
    "start": "the dates",
    "end": "the dates",
    "start_precision": "the dates",
    "end_precision": "the dates",
    "date": "the date",
    "date_precision": "the date",
    "year_settled": "the year",
    "cities": "the cities",
    "city": "the city",
    "venue": "the venue",
    "visitor_leader": "the visitor",
    "visitor_country": "the visiting country",
    "host_country": "the host",
    "visitor_office": "the visitor's office",
    "visitor_role": "the visitor's office",
    "invited_by": "who invited",
    "kind": "the kind",
    "country": "the place",
    "participants": "the participants",
    "parties": "the parties",
    "level": "the level",
    "title": "the title",
    "document_count": "the number of documents",
    "visit": "the visit it belongs to",
}


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def confirmed_condition() -> Q:
    """The records shown as confirmed: reviewed by an editor, or read with a confidence
    at the threshold (`settings.CONFIRMED_CONFIDENCE`) or above and a settled year."""
    return Q(reviewed=True) | Q(confidence__gte=settings.CONFIRMED_CONFIDENCE, year_settled=True)


class StoredForPages(models.Model):
    """What the public lists filter and count on, kept by the database itself.

    The record's pair of countries in order (`pair_a` <= `pair_b`: a visit's two
    countries; a meeting's visit's, else its participants' first and last; an
    agreement's first and last party), the year of its day, and the pair's
    partnership level on that day (`level_then`, a level code). Triggers of
    migration 0019 set them on every write to the record and again when what they
    derive from changes (participants, parties, a leader's country, a visit's
    countries, a partnership or a level's rank), whichever path writes; Python
    never sets them. Left out of the history and of editors' corrections.
    """

    # NULL, not "": no pair (an agreement without parties), no day, no partnership
    # then, as `selectors.level_at` answers.
    pair_a = models.CharField(max_length=2, null=True, editable=False)  # noqa: DJ001
    pair_b = models.CharField(max_length=2, null=True, editable=False)  # noqa: DJ001
    year = models.SmallIntegerField(null=True, editable=False)
    level_then = models.CharField(max_length=60, null=True, editable=False)  # noqa: DJ001

    class Meta:
        abstract = True


STORED_FIELDS = ("pair_a", "pair_b", "year", "level_then")


class RecordBase(models.Model):
    """What every extracted record shares: confidence, review and corrections.

    A record is *unconfirmed* until an editor reviews it when it was read with a
    confidence below `settings.CONFIRMED_CONFIDENCE` or its year is not settled
    (`confirmed_condition` is the same test in SQL).
    """

    confidence = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    reviewed = models.BooleanField(default=False)
    corrected_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def unconfirmed_reasons(self) -> list[str]:
        """Why the record is not shown as fact, in words; empty when it is confirmed."""
        if self.reviewed:
            return []
        reasons = []
        threshold = settings.CONFIRMED_CONFIDENCE
        if self.confidence is not None and self.confidence < threshold:
            reasons.append(
                f"it was read with a confidence of {self.confidence:.2f}, "
                f"below the {threshold:.2f} a record needs"
            )
        if not getattr(self, "year_settled", True):
            reasons.append("no report gave its year")
        return reasons

    @property
    def unconfirmed(self) -> str:
        """'Unconfirmed: no report gave its year.', or '' when the record is confirmed."""
        reasons = self.unconfirmed_reasons
        if not reasons:
            return ""
        return f"Unconfirmed: {_and(reasons)}; an editor's review would confirm it."

    @property
    def unconfirmed_short(self) -> str:
        """The same for a list's row: 'confidence 0.45 · year unknown'; '' when confirmed."""
        if self.reviewed:
            return ""
        parts = []
        if self.confidence is not None and self.confidence < settings.CONFIRMED_CONFIDENCE:
            parts.append(f"confidence {self.confidence:.2f}")
        if not getattr(self, "year_settled", True):
            parts.append("year not given")
        return " · ".join(parts)

    @property
    def corrected_words(self) -> list[str]:
        """What an editor corrected, in words, each once, in the order corrected."""
        out: list[str] = []
        for name in self.corrected_fields or []:
            words = CORRECTED_WORDS.get(name)
            if words is None:
                try:
                    words = f"the {self._meta.get_field(name).verbose_name}"
                except FieldDoesNotExist:  # a name no longer a field: said as stored
                    words = f"the {name.replace('_', ' ')}"
            if words not in out:
                out.append(words)
        return out

    @property
    def review_summary(self) -> str:
        """'Reviewed by an editor.' or 'Not reviewed yet; an editor corrected the cities
        and the dates.'"""
        said = "Reviewed by an editor" if self.reviewed else "Not reviewed yet"
        corrected = self.corrected_words
        if corrected:
            said += f"; an editor corrected {_and(corrected)}"
        return said + "."


class DatedRecordBase(StoredForPages, RecordBase):
    """A record of one day (a meeting, an agreement), as precise as the articles allow."""

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    year_settled = models.BooleanField(default=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date_display}"

    @property
    def date_display(self) -> str:
        return format_fuzzy_date(self.date, self.date_precision, year_settled=self.year_settled)


class VisitQuerySet(models.QuerySet):
    def involving(self, code: str) -> VisitQuerySet:
        return self.filter(Q(visitor_country_id=code) | Q(host_country_id=code))


class Visit(StoredForPages, RecordBase):
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
    visitor_office = models.CharField(max_length=200, blank=True)
    visitor_role = models.CharField(max_length=8, choices=VisitorRole.choices, blank=True)
    # What a curated list and the news say of the visit when they differ
    # ({"start": {"curated": ..., "news": [...]}, ...}); the curated value is kept.
    disagreement = models.JSONField(default=dict, blank=True)
    sources = models.ManyToManyField(
        "Article",
        through="Evidence",
        through_fields=("visit", "article"),
        related_name="visits",
    )
    history = HistoricalRecords(excluded_fields=STORED_FIELDS, bases=[BatchedHistory])

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


class Meeting(DatedRecordBase):
    """Leaders meeting on a day: talks, a meeting, a reception, a call.

    Natural key: (the set of participants, `date`): reports of the same
    people meeting on the same day become one row.
    """

    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
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
    history = HistoricalRecords(excluded_fields=STORED_FIELDS, bases=[BatchedHistory])

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="meeting_confidence_0_1",
            ),
        ]
        indexes = [models.Index(fields=["date"])]


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


class Agreement(DatedRecordBase):
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
    title = models.CharField(max_length=500, blank=True)
    document_count = models.PositiveSmallIntegerField(null=True, blank=True)
    sources = models.ManyToManyField(
        "Article",
        through="Evidence",
        through_fields=("agreement", "article"),
        related_name="agreements",
    )
    history = HistoricalRecords(m2m_fields=[parties], excluded_fields=STORED_FIELDS)

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
    # What the article says of the record (kind, dates, people, ...), so that a
    # record's fields can be worked out again from the evidence it has now.
    claim = models.JSONField(default=dict, blank=True)

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


class MergedAway(models.Model):
    """A record an editor merged into another: its old page redirects to the one kept.

    Natural key: (`kind`, `old_id`). `new_id` is always a record that exists when
    the merge is made: a later merge of the kept record re-points the rows that
    led to it, so a redirect never chains.
    """

    class Kind(models.TextChoices):
        VISIT = "visit", "visit"
        LEADER = "leader", "leader"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_id = models.PositiveBigIntegerField()
    new_id = models.PositiveBigIntegerField()
    merged_at = models.DateTimeField(auto_now_add=True)
    # A leader as extraction knew them before the merge (name, country, aliases,
    # offices, terms), so that a merge never changes what extraction reads.
    known_as = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_id"], name="merged_away_unique"),
            models.CheckConstraint(condition=~Q(old_id=F("new_id")), name="merged_away_moves"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_id} → {self.new_id}"
