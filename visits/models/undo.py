"""What editors did that can be undone: deletions and merges, with their reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class EditorAction(models.Model):
    """A deletion or a merge an editor made, kept so that it can be undone.

    No natural key: one row per deletion or merge, never rewritten by ingest.
    `snapshot` holds what the undo puts back (the record as it was, its
    evidence, the suppressions and redirects the action made); undoing sets
    `undone_at` and lifts those suppressions and redirects, so that a later
    ingest behaves as if the action had never happened.
    """

    class Kind(models.TextChoices):
        DELETE = "delete", "deletion"
        MERGE = "merge", "merge"

    class Model(models.TextChoices):
        VISIT = "visit", "visit"
        MEETING = "meeting", "meeting"
        AGREEMENT = "agreement", "agreement"
        LEADER = "leader", "leader"

    kind = models.CharField(max_length=6, choices=Kind.choices)
    model = models.CharField(max_length=10, choices=Model.choices)
    record_id = models.PositiveBigIntegerField(help_text="The record deleted or merged away.")
    into_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The record a merge kept."
    )
    label = models.CharField(max_length=300, help_text="The record as it was named then.")
    reason = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "deletion or merge"
        verbose_name_plural = "deletions and merges"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="merge", into_id__isnull=False)
                | Q(kind="delete", into_id__isnull=True),
                name="editor_action_merge_has_into",
            ),
            models.CheckConstraint(
                condition=Q(undone_at__isnull=False) | Q(undone_by__isnull=True, undo_reason=""),
                name="editor_action_undo_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["model", "record_id"]),
            models.Index(fields=["model", "into_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.model} {self.label}"
