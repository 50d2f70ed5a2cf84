"""History rows written by the hundred: inside `history_batched()`, a record's history
row is kept until the block ends and then written with the others of its table in one
INSERT (ingest stores a hundred articles to a transaction, issue 15); elsewhere, as an
editor saves, each is written at once, as django-simple-history writes it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

_kept: ContextVar[list | None] = ContextVar("history_kept", default=None)


class BatchedHistory(models.Model):
    """A base of historical models whose rows `history_batched()` may keep. Not for a
    model with many-to-many history: those rows point at the history row, written first."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        kept = _kept.get()
        if kept is not None and self.pk is None and not args and set(kwargs) <= {"using"}:
            kept.append(self)
            return
        super().save(*args, **kwargs)


@contextmanager
def history_batched() -> Iterator[None]:
    """Keep the history rows of the block and write them when it ends well, in the
    order they were made (one INSERT per table); none when it raises. Call it inside
    the transaction, so that the rows commit, or roll back, with their records."""
    kept: list = []
    token = _kept.set(kept)
    try:
        yield
    finally:
        _kept.reset(token)
    tables: dict[type, list] = {}
    for row in kept:
        tables.setdefault(type(row), []).append(row)
    for model, rows in tables.items():
        model.objects.bulk_create(rows)
