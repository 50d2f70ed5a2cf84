"""The domain model: countries, leaders, partnership levels, articles and the
visits, meetings and agreements read from them, with their evidence.

Every model states its natural key. Records built by ingest carry
`corrected_fields`: the names of the fields an editor changed, which ingest
never writes again.
"""

from .base import (
    AgreementKind,
    ArticleLanguage,
    MeetingKind,
    OfficeKind,
    Precision,
    SourceKind,
    VisitKind,
    VisitorRole,
    fold,
    format_fuzzy_date,
)
from .feeds import Feed, FeedEntry
from .partnerships import Partnership, PartnershipPeriod, PartnershipQuerySet, PartnershipSource
from .people import Country, Leader, LeaderQuerySet, Office, PartnershipLevel
from .queue import DONE_STATES, IngestItem, IngestItemState, IngestJob
from .records import (
    Agreement,
    Article,
    ArticleStatus,
    Evidence,
    Meeting,
    MergedAway,
    Participation,
    RawKind,
    RecordBase,
    Suppression,
    Visit,
    VisitQuerySet,
    confirmed_condition,
)
from .undo import EditorAction
from .versions import DataVersion

__all__ = [
    "confirmed_condition",
    "ArticleLanguage",
    "Agreement",
    "AgreementKind",
    "Article",
    "ArticleStatus",
    "Country",
    "DataVersion",
    "EditorAction",
    "Evidence",
    "DONE_STATES",
    "Feed",
    "FeedEntry",
    "IngestItem",
    "IngestItemState",
    "IngestJob",
    "Leader",
    "LeaderQuerySet",
    "Meeting",
    "MeetingKind",
    "MergedAway",
    "Office",
    "OfficeKind",
    "Participation",
    "Partnership",
    "PartnershipLevel",
    "PartnershipPeriod",
    "PartnershipQuerySet",
    "PartnershipSource",
    "Precision",
    "RawKind",
    "SourceKind",
    "RecordBase",
    "Suppression",
    "Visit",
    "VisitKind",
    "VisitQuerySet",
    "VisitorRole",
    "fold",
    "format_fuzzy_date",
]
