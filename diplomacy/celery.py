"""The Celery app of the queue-backed ingest: `celery -A diplomacy worker` on any machine
that reaches the broker and the database (settings: CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")

app = Celery("diplomacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["visits"])
