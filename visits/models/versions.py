"""The data version: one number that changes whenever anything the public pages show does."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One row (id 1) holding `number`, which database triggers (migration 0015) set
    to a new value from a sequence in every transaction that writes to a table of
    this app: ingest, the admin's saves, deletes and merges, partnership changes,
    `load_reference`, bulk writes and raw SQL alike. Caches key on it (`visits.pagecache`,
    `selectors.facet_counts`), so a commit makes every cached page and count stale at
    once, and a rolled-back transaction changes nothing.

    The triggers are deferred to the commit, so the row is locked only while a
    transaction commits and concurrent writers do not queue behind each other; the
    number is read before the data, so a page is never stored under a version newer
    than what it shows. Nothing in Python writes this row.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="dataversion_one_row")]

    def __str__(self) -> str:
        return f"data version {self.number}"
