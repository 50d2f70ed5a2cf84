"""The queue-backed ingest's own bookkeeping: one job per `ingest --queue` run, one item
per article enqueued, so that progress and failures come back from any worker."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class IngestJob(models.Model):
    """One `ingest --queue PATH…` run. Natural key: its id, carried by every message.

    `today` is the day of the run: workers date provisional years by it, as a serial
    ingest started that day would. `summary` keeps what the enqueuing side itself saw
    (files skipped, warnings, unreadable files), for `--wait` and later reports.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    today = models.DateField()
    paths = models.TextField(blank=True)
    total = models.PositiveIntegerField(default=0)  # items enqueued
    summary = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"ingest job {self.pk}: {self.total} article(s)"


class IngestItemState(models.TextChoices):
    QUEUED = "queued", "queued"
    WORKING = "working", "a worker has it"
    NEW = "new", "stored, new"
    CHANGED = "changed", "stored, changed"
    REEXTRACT = "reextract", "stored, re-extracted"
    UNCHANGED = "unchanged", "unchanged"
    COPY = "copy", "the same text as another article"
    FAILED = "failed", "failed"


DONE_STATES = ("new", "changed", "reextract", "unchanged", "copy", "failed")


class IngestItem(models.Model):
    """One article enqueued. Natural key: (job, source_name).

    A worker sets `working` (and its name) when it takes the message, and the final
    state in the same transaction as the article it stores: a worker killed before
    that commit leaves the item unfinished, its message is delivered again, and an
    item already finished is never stored twice. `records` counts what storing did
    (created, merged, …), `seconds` how long extraction, waiting for the lock and
    storing took.
    """

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    source_name = models.CharField(max_length=255)
    where = models.CharField(max_length=1200, blank=True)
    state = models.CharField(
        max_length=10, choices=IngestItemState.choices, default=IngestItemState.QUEUED
    )
    error = models.TextField(blank=True)
    worker = models.CharField(max_length=200, blank=True)
    deliveries = models.PositiveIntegerField(default=0)
    records = models.JSONField(default=dict, blank=True)
    seconds = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "source_name"], name="ingest_item_once"),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in IngestItemState]),
                name="ingest_item_state_known",
            ),
        ]
        indexes = [models.Index(fields=["job", "state"], name="ingest_item_job_state")]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.state})"
