"""Shared vocabularies and helpers: folding names, date precision, record kinds."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import models


def fold(text: str) -> str:
    """Lower case without accents or punctuation spacing: 'Tô Lâm' -> 'to lam'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


class ArticleLanguage(models.TextChoices):
    """The languages read (visits.extraction.detection.LANGUAGES, in its order)."""

    EN = "en", "English"
    VI = "vi", "Vietnamese"
    FR = "fr", "French"
    ES = "es", "Spanish"
    PT = "pt", "Portuguese"
    ID = "id", "Indonesian"
    DE = "de", "German"


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
    # A multilateral meeting (a summit, a conference, the UN General Assembly) in the
    # host country: not a bilateral visit to the host, kept as what it is.
    SUMMIT = "summit", "summit or conference"
    OTHER = "other", "other visit"


class VisitorRole(models.TextChoices):
    """What the visitor was on the trip, so that lists can keep to heads of state
    and government, or show everyone."""

    HEAD = "head", "head of state or government"
    MINISTER = "minister", "minister"
    OTHER = "other", "other"


class SourceKind(models.TextChoices):
    """Where an Article came from: a news report, or a row of a curated list."""

    NEWS = "news", "news"
    CURATED = "curated", "curated list"


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
