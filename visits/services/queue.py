"""The queue-backed ingest: articles read here and enqueued whole (text, metadata and
the form received, never a path, since workers elsewhere cannot read local files);
workers on any machine extract and store them, each article in its own transaction,
and report back through IngestItem rows in the one database.

The storing itself is `article_store`, under the same advisory lock and natural keys as
a serial ingest, so the records are the same whichever worker stores which article.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from visits.extraction import Document, FuzzyDate
from visits.models import DONE_STATES, IngestItem, IngestItemState, IngestJob
from visits.services.ingest import (
    IngestStats,
    article_failure_record,
    article_store,
    ingest_lock,
)
from visits.services.leaders import LeaderBook
from visits.services.prepared import prepared_statements
from visits.services.runner import Run, _batches, extractor_for, gazetteer_build
from visits.services.sources import Source, paths_walk, sources_read

Send = Callable[[int, dict], None]
MSG_QUEUE_URLS = "{url}: --queue reads files and folders; fetch addresses with a plain ingest"
MSG_EXTRACTION_FAILED = "{where}: extraction failed: {error}"
MSG_NOT_STORED = "{where}: could not be stored: {kind}: {error}"


# --- Messages: an article as JSON --------------------------------------------------


def source_message(*, source: Source) -> dict:
    """A readable Source as a JSON-ready message: everything a worker needs to extract
    and store it, the article's text and the form it was received in included."""
    return {
        "name": source.name,
        "path": source.path,
        "where": source.where,
        "content_hash": source.content_hash,
        "raw": source.raw,
        "raw_kind": source.raw_kind,
        "document": asdict(source.document),
    }


def message_source(*, message: dict) -> Source:
    """The Source a message carries (the inverse of source_message)."""
    doc = dict(message["document"])
    if doc.get("published") is not None:
        doc["published"] = FuzzyDate(**doc["published"])
    doc["warnings"] = tuple(tuple(w) for w in doc.get("warnings") or ())
    return Source(
        name=message["name"],
        path=message["path"],
        where=message["where"],
        document=Document(**doc),
        content_hash=message["content_hash"],
        raw=message["raw"],
        raw_kind=message["raw_kind"],
    )


# --- Enqueuing ----------------------------------------------------------------------


class QueueRun(Run):
    """A run that reads and sorts out articles here (identity clashes, unreadable files,
    unchanged articles, as a serial run does) and enqueues the others."""

    def __init__(self, *, job: IngestJob, send: Send, progress=None):
        super().__init__(progress=progress, extract=False)
        self.today = job.today
        self.job = job
        self.send = send
        self.enqueued = 0

    def process(self, sources: Iterator[Source], *, total: int) -> IngestStats:
        done = 0
        for batch in _batches(sources, self.batch):
            todo = [batch[i] for i in self._triage(batch)]
            items = IngestItem.objects.bulk_create(
                IngestItem(job=self.job, source_name=s.name, where=s.where[:1200]) for s in todo
            )
            IngestJob.objects.filter(pk=self.job.pk).update(total=F("total") + len(items))
            for item, source in zip(items, todo, strict=True):
                self.send(item.pk, source_message(source=source))
            self.enqueued += len(items)
            done += len(batch)
            self.progress(done, total, batch[-1].where)
        return self.stats


def job_enqueue(
    *, paths: list[str], max_bytes: int, send: Send, progress=None
) -> tuple[IngestJob, IngestStats]:
    """Read `paths` (files and folders) and enqueue every article that needs storing, as
    one job. Returns the job and what this side saw (warnings, files skipped, unreadable
    files, unchanged articles). Raises PathError for a path that does not exist."""
    walk = paths_walk(paths=paths)
    job = IngestJob.objects.create(today=dt.date.today(), paths="\n".join(paths))
    run = QueueRun(job=job, send=send, progress=progress)
    run.stats.warnings.extend(walk.warnings)
    run.stats.failures.extend(walk.failures)
    run.stats.failures.extend(MSG_QUEUE_URLS.format(url=url) for url in walk.urls)
    run.stats.skipped += walk.skipped

    def sources() -> Iterator[Source]:
        for path, base in walk.files:
            yield from sources_read(path=path, max_bytes=max_bytes, base=base, today=job.today)

    stats = run.process(sources(), total=len(walk.files))
    job.summary = _stats_json(stats)
    job.save(update_fields=["summary"])
    job.refresh_from_db()
    return job, stats


@contextmanager
def message_sender() -> Iterator[Send]:
    """A function that publishes one article to the broker (settings.CELERY_BROKER_URL,
    read now) on one connection, for as long as the block lasts."""
    from diplomacy.celery import app

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
        producer = connection.Producer()

        def send(item_id: int, message: dict) -> None:
            app.send_task(
                "visits.ingest_article", args=[item_id, message], queue=queue, producer=producer
            )

        yield send


def _stats_json(stats: IngestStats) -> dict:
    return {
        "articles": dict(stats.articles),
        "records": dict(stats.records),
        "failures": stats.failures,
        "warnings": stats.warnings,
        "skipped": stats.skipped,
    }


# --- Working: one message -----------------------------------------------------------

_job_gazetteer: tuple[int, object] | None = None


def _extractor(job: IngestJob):
    """The pipeline for this job: the gazetteer read once per job, as a serial run reads
    it once at its start; the spaCy pipeline rebuilt only when the gazetteer changed."""
    global _job_gazetteer
    if _job_gazetteer is None or _job_gazetteer[0] != job.pk:
        _job_gazetteer = (job.pk, gazetteer_build())
    return extractor_for(_job_gazetteer[1])


_job_leaders: tuple[int, LeaderBook] | None = None


def _leaders(job: IngestJob, stats: IngestStats) -> LeaderBook:
    """The leaders this worker found for the job, kept from one article to the next as
    a serial run keeps them (its lookups are then not made again); an editor's merge
    since the last article reaches it through the book's leader map."""
    global _job_leaders
    if _job_leaders is None or _job_leaders[0] != job.pk:
        _job_leaders = (job.pk, LeaderBook(stats))
    book = _job_leaders[1]
    book.stats = stats  # the leaders created are counted on this article's item
    return book


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def item_ingest(*, item_id: int, message: dict) -> str:
    """Extract and store the article of one message. Returns the item's state.

    Idempotent: a message delivered again for an item already finished (its worker
    was killed after the commit, before the acknowledgement) changes nothing."""
    with prepared_statements():  # the same queries, article after article
        return _item_ingest(item_id=item_id, message=message)


def _item_ingest(*, item_id: int, message: dict) -> str:
    item = IngestItem.objects.select_related("job").filter(pk=item_id).first()
    if item is None:
        return "gone"  # its job was deleted
    if item.state in DONE_STATES:
        return item.state
    IngestItem.objects.filter(pk=item_id).update(
        state=IngestItemState.WORKING, worker=worker_name(), deliveries=F("deliveries") + 1
    )
    source = message_source(message=message)
    seconds = {}
    started = time.perf_counter()
    extraction, error = None, None
    try:
        extraction = _extractor(item.job).extract(source.document)
    except Exception:
        error = traceback.format_exc(limit=3).strip().splitlines()[-1]
    seconds["extract"] = time.perf_counter() - started
    stats = IngestStats()
    leaders = _leaders(item.job, stats)
    try:
        with transaction.atomic():
            locked = IngestItem.objects.select_for_update().get(pk=item_id)
            if locked.state in DONE_STATES:
                return locked.state  # another delivery finished it meanwhile
            waited = time.perf_counter()
            ingest_lock()
            seconds["lock"] = time.perf_counter() - waited
            state = _store(source, extraction, error, stats, today=item.job.today, leaders=leaders)
            locked.state = state
            locked.error = "\n".join(stats.failures)
            locked.records = {"articles": dict(stats.articles), "records": dict(stats.records)}
            seconds["store"] = time.perf_counter() - waited - seconds["lock"]
            locked.seconds = {k: round(v, 4) for k, v in seconds.items()}
            locked.finished_at = timezone.now()
            locked.save()
    except BaseException:
        leaders.forget()  # what this transaction created is gone with it
        raise
    return state


def _store(
    source: Source,
    extraction,
    error,
    stats: IngestStats,
    *,
    today: dt.date,
    leaders: LeaderBook,
) -> str:
    """Store one extraction (or its failure) as Run._store does; returns the state."""
    if error is not None:
        message = MSG_EXTRACTION_FAILED.format(where=source.where, error=error)
        article_failure_record(source=source, error=message, stats=stats)
        return IngestItemState.FAILED
    try:
        with transaction.atomic():  # a savepoint: the item is written whatever happens
            return article_store(
                source=source, extraction=extraction, stats=stats, leaders=leaders, today=today
            )
    except Exception as exc:  # one article's failure never stops the others
        leaders.forget()
        message = MSG_NOT_STORED.format(where=source.where, kind=type(exc).__name__, error=exc)
        stats.articles = Counter()
        stats.records = Counter()
        article_failure_record(source=source, error=message, stats=stats)
        return IngestItemState.FAILED


# --- Progress -----------------------------------------------------------------------


def job_progress(*, job: IngestJob) -> tuple[int, int]:
    """(items finished, items enqueued) of a job."""
    counts = dict(IngestItem.objects.filter(job=job).values_list("state").annotate(n=Count("id")))
    done = sum(n for state, n in counts.items() if state in DONE_STATES)
    return done, sum(counts.values())


def job_stats(*, job: IngestJob) -> IngestStats:
    """What the whole job did: this side's counts and every finished item's, with the
    failures named; items not finished yet are counted as 'queued'."""
    stats = IngestStats()
    seen = job.summary or {}
    stats.articles.update(seen.get("articles") or {})
    stats.records.update(seen.get("records") or {})
    stats.failures.extend(seen.get("failures") or ())
    stats.warnings.extend(seen.get("warnings") or ())
    stats.skipped = seen.get("skipped") or 0
    rows = IngestItem.objects.filter(job=job).order_by("id")
    for state, records, error in rows.values_list("state", "records", "error"):
        if state not in DONE_STATES:
            stats.articles["queued"] += 1
            continue
        stats.articles.update((records or {}).get("articles") or {})
        stats.records.update((records or {}).get("records") or {})
        if error:
            stats.failures.append(error)
    return stats


def job_wait(
    *, job: IngestJob, progress=None, poll: float = 0.5, timeout: float | None = None
) -> bool:
    """Wait until every item of the job is finished (True), or `timeout` seconds pass."""
    progress = progress or (lambda done, total, name: None)
    deadline = None if timeout is None else time.monotonic() + timeout
    shown = None
    while True:
        done, total = job_progress(job=job)
        if done != shown:  # one line per change, not per look
            progress(done, total, f"job {job.pk}")
            shown = done
        if done >= total:
            return True
        if deadline is not None and time.monotonic() > deadline:
            return False
        time.sleep(poll)
