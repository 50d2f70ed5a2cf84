"""Keeps the data-version triggers (migration 0015) on every table of the app, including
the tables later migrations add: run after each `migrate`, idempotent."""

from __future__ import annotations

import importlib

from django.db import connections

MIGRATION = "visits.migrations.0015_stored_for_speed"


def tables_without_version_triggers(*, using: str = "default") -> list[str]:
    """The versioned tables that lack either data-version trigger."""
    migration = importlib.import_module(MIGRATION)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE %s GROUP BY c.relname HAVING count(*) = 2",
            ["%data_version%"],
        )
        done = {name for (name,) in cursor.fetchall()}
    return [t for t in migration.versioned_tables(connection) if t not in done]


def version_triggers_complete(sender=None, using: str = "default", **kwargs) -> None:
    """Attach the triggers to the tables without them, once migration 0015 made the
    function they call (before it, or migrated back past it, there is nothing to do)."""
    migration = importlib.import_module(MIGRATION)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regproc(%s) IS NOT NULL", [migration.FUNCTION])
        if not cursor.fetchone()[0]:
            return
    missing = tables_without_version_triggers(using=using)
    if missing:
        with connection.schema_editor() as editor:
            migration.install_version_triggers(None, editor, tables=missing)
