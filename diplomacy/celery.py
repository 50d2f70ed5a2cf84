"""The Celery app of the queue-backed ingest: `celery -A diplomacy worker` on any machine
that reaches the broker and the database (settings: CELERY_*)."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")

app = Celery("diplomacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["visits"])

# Celery's Django fixup closes every database connection before and after each task
# unless DB_REUSE_MAX is set (settings.CELERY_DB_REUSE_MAX says why it is). These keep
# a worker's connection from one task to the next as Django keeps one from one request
# to the next, and replace it when it failed, aged past CONN_MAX_AGE, or was dropped by
# the server since the last task (a restart, an idle time-out).


def _is_eager(sender) -> bool:
    # A task run in the caller's process (task.apply) uses the caller's connection.
    return bool(getattr(getattr(sender, "request", None), "is_eager", False))


@signals.task_prerun.connect
def _database_before_task(sender=None, **kwargs) -> None:
    from django.db import close_old_connections, connections

    if _is_eager(sender):
        return
    close_old_connections()
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and not conn.is_usable():
            conn.close()  # the task connects anew at its first query


@signals.task_postrun.connect
def _database_after_task(sender=None, **kwargs) -> None:
    from django.db import close_old_connections

    if not _is_eager(sender):
        close_old_connections()
