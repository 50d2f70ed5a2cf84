"""Celery tasks (`celery -A diplomacy worker`): thin, the work is in visits.services.queue."""

from celery import shared_task

from visits.services.queue import item_ingest


@shared_task(name="visits.ingest_article", acks_late=True, reject_on_worker_lost=True)
def ingest_article(item_id: int, message: dict) -> str:
    """Extract and store one enqueued article; acknowledged once it is stored."""
    return item_ingest(item_id=item_id, message=message)
