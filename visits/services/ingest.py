"""Ingesting articles: extraction results stored as one record per real-world event.

Each article is stored in its own transaction (or a batch of them in one, see
runner.Run), under a PostgreSQL advisory lock so that two ingests running at once
merge into the same records instead of racing. Records are found first by their
evidence (article, record key): that is how a re-ingest finds what an earlier run,
or an editor's merge, made of the same sentence. Then by natural key (same
countries and overlapping days, same people on the same day, same parties and
level). Fields an editor corrected are never written; records an editor deleted
are never recreated.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from django.db import connection, transaction

from visits.extraction import EXTRACTOR_VERSION, Extraction, FuzzyDate
from visits.models import (
    Agreement,
    Article,
    ArticleStatus,
    Evidence,
    Meeting,
    Precision,
    Visit,
)
from visits.services.claims import records_recompute
from visits.services.leaders import LeaderBook
from visits.services.sources import Source
from visits.services.writer import ArticleWriter

_LOCK_KEY = 7_146_001  # pg_advisory_xact_lock: one article stored at a time, across processes


@dataclass
class IngestStats:
    """What an ingest run did, for the summary line."""

    articles: Counter = field(default_factory=Counter)  # new, changed, unchanged, failed, empty
    records: Counter = field(default_factory=Counter)  # created, merged, kept, suppressed, removed
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # reported; the run still succeeds
    skipped: int = 0  # files not read for their suffix (each has a warning too)
    retired: list[str] = field(default_factory=list)  # articles --prune retired (or would)
    not_pruned: str = ""  # why --prune retired nothing, when it refused

    def merge(self, other: IngestStats) -> None:
        self.articles.update(other.articles)
        self.records.update(other.records)
        self.failures.extend(other.failures)
        self.warnings.extend(other.warnings)
        self.skipped += other.skipped
        self.retired.extend(other.retired)

    def snapshot(self) -> IngestStats:
        """A copy, to go back to when a batch of articles is rolled back."""
        return copy.deepcopy(self)

    def restore(self, saved: IngestStats) -> None:
        """Back to `saved`, in place (a LeaderBook counts into this object)."""
        for f in fields(self):
            setattr(self, f.name, getattr(saved, f.name))


def _lock(*, synchronous_commit: bool = True) -> None:
    """Wait for the ingest lock, held until this transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s), set_config('synchronous_commit', %s, true)",
            [_LOCK_KEY, "on" if synchronous_commit else "off"],
        )


def ingest_lock() -> None:
    """Take the ingest lock for this transaction now (a queue worker times its wait);
    article_store takes it again, which PostgreSQL grants at once to the same session."""
    _lock(synchronous_commit=False)


def article_failure_record(*, source: Source, error: str, stats: IngestStats) -> None:
    """Note a failure on the Article row; what an earlier version stored is kept."""
    stats.articles["failed"] += 1
    stats.failures.append(error)
    with transaction.atomic():
        _lock()
        article = Article.objects.filter(source_name=source.name).first()
        if article is None:
            Article.objects.create(
                source_name=source.name,
                path=source.path,
                status=ArticleStatus.FAILED,
                error=error,
            )
        else:
            article.error = error
            if article.content_hash is None:
                article.status = ArticleStatus.FAILED
            article.save(update_fields=["error", "status", "updated_at"])


def article_find(*, source: Source) -> tuple[str, Article | None]:
    """The stored article for a source (by name, else by content) and what it needs:
    'new', 'changed', 'unchanged' or 'reextract'."""
    if source.content_hash is None:
        same_text, params = "content_hash IS NULL", []
    else:
        same_text, params = "content_hash = %s", [source.content_hash]
    # Written once, not compiled per article: by name first, else by content.
    sql = (
        f"SELECT * FROM {Article._meta.db_table} WHERE source_name = %s OR {same_text}"
        " ORDER BY source_name = %s DESC, id LIMIT 1"
    )
    article = next(iter(Article.objects.raw(sql, [source.name, *params, source.name])), None)
    if article is None:
        return "new", None
    if article.source_name != source.name and _still_there(article, source):
        return "copy", article  # the same text under another name, whose file is still there
    if article.content_hash == source.content_hash:
        if article.extractor_version == EXTRACTOR_VERSION and article.status != "failed":
            return "unchanged", article
        return "reextract", article
    return "changed", article


def _still_there(article: Article, source: Source) -> bool:
    if not article.path or article.path == source.path:
        return False
    try:
        return Path(article.path).exists()
    except (OSError, ValueError):
        return False


def _article_move(*, article: Article, source: Source) -> None:
    """A file moved or renamed unchanged: its article, records and editors' work follow it."""
    if article.source_name == source.name and article.path == source.path:
        return
    article.source_name = source.name
    article.path = source.path
    article.save(update_fields=["source_name", "path", "updated_at"])


def published_date(fuzzy: FuzzyDate | None) -> tuple[dt.date | None, str]:
    """An article's date for Article.published: a month or a year alone is stored
    as its first day, with its precision."""
    if fuzzy is None or fuzzy.year is None:
        return None, Precision.DAY
    return dt.date(fuzzy.year, fuzzy.month or 1, fuzzy.day or 1), fuzzy.precision


def article_store(
    *,
    source: Source,
    extraction: Extraction,
    stats: IngestStats,
    leaders: LeaderBook,
    today: dt.date | None = None,
    force: bool = False,
    kind: str = "news",
    held: bool = False,
) -> str:
    """Store one article and its records in one transaction. Returns its state.
    `kind`: news, or curated for a row of a curated list (import_curated).
    `held`: the caller's transaction holds the ingest lock already (a batch of
    articles): no savepoint and no lock of its own; a failure here leaves that
    transaction to be rolled back."""
    doc = source.document
    with transaction.atomic(savepoint=not held):
        if not held:
            # A lost commit after a crash is re-done by the next (idempotent) ingest.
            _lock(synchronous_commit=False)
        # Checked again under the lock: another ingest may just have stored it.
        state, article = article_find(source=source)
        if force and state in ("unchanged", "changed"):
            state = "reextract"  # read again from what was received: the source is the same
        if state == "copy":
            stats.articles["unchanged"] += 1  # content_hash is unique: stored once
            return state
        if state == "unchanged":
            _article_move(article=article, source=source)
            stats.articles["unchanged"] += 1
            return state
        if article is None:
            article = Article(source_name=source.name)
        published, precision = published_date(doc.published)
        article.path = source.path
        article.kind = kind
        article.url = doc.url or ""
        article.title = (doc.title or "")[:500]
        article.text = doc.body
        if source.raw is not None:  # None on --reextract of an article stored without it
            article.raw = source.raw.replace("\x00", "")
            article.raw_kind = source.raw_kind
        article.language = doc.language
        article.language_confidence = doc.language_confidence
        article.published = published
        article.published_precision = precision
        article.content_hash = source.content_hash
        article.extractor_version = EXTRACTOR_VERSION
        has_records = bool(extraction.visits or extraction.meetings or extraction.agreements)
        article.status = ArticleStatus.EXTRACTED if has_records else ArticleStatus.NO_CONTENT
        article.error = ""
        article.save()
        ArticleWriter(
            article=article,
            extraction=extraction,
            stats=stats,
            today=today or dt.date.today(),
            leaders=leaders,
            is_new=state == "new",
        ).write()
        stats.articles[state] += 1
        if not has_records:
            stats.articles["without diplomatic content"] += 1
        return state


def article_retire(*, article: Article, stats: IngestStats) -> None:
    """Delete an article whose file is gone (`ingest --prune`), with the records only
    it supports. A record with evidence in another article stays, and so does one
    an editor corrected or reviewed; those left follow their remaining evidence."""
    with transaction.atomic():
        _lock()
        rows = Evidence.objects.filter(article=article).values_list(
            "visit_id", "meeting_id", "agreement_id"
        )
        supported = {Visit: set(), Meeting: set(), Agreement: set()}
        for visit, meeting, agreement in rows:
            for model, pk in ((Visit, visit), (Meeting, meeting), (Agreement, agreement)):
                if pk is not None:
                    supported[model].add(pk)
        article.delete()  # its evidence and suppressions with it
        left = {}
        for model, pks in supported.items():
            left[model] = set()
            for record in model.objects.filter(pk__in=pks).order_by("pk"):
                if record.evidence.exists() or record.corrected_fields or record.reviewed:
                    left[model].add(record.pk)
                    continue
                record.delete()
                stats.records["removed"] += 1
        records_recompute(
            visits=left[Visit],
            meetings=left[Meeting],
            agreements=left[Agreement],
            stats=stats.records,
        )
        stats.retired.append(article.path or article.source_name)
