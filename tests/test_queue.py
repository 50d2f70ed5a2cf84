"""The queue-backed ingest (issue 15): `ingest --queue` enqueues articles whole, real
Celery workers on the test database extract and store them, and the records are the
ones a serial ingest makes, even when a worker is killed in the middle of an article."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import signal
import time
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.broker import database_url
from visits.exports.records import every_record
from visits.models import (
    Agreement,
    Article,
    Evidence,
    IngestItem,
    IngestJob,
    Leader,
    Meeting,
    Partnership,
    PartnershipSource,
    Visit,
)
from visits.services.ingest import _LOCK_KEY
from visits.services.queue import item_ingest, message_source, source_message
from visits.services.sources import sources_read

ROOT = Path(__file__).resolve().parent.parent
FINISHED_WITHIN = 300.0  # seconds (the machine may be loaded)


def _corpus(folder: Path, count: int) -> Path:
    """Seeds, the test articles and `count` generated reports (several of one visit)."""
    spec = importlib.util.spec_from_file_location("ingest_corpus", ROOT / "bench/ingest_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.corpus_write(folder / "generated", count, seed=3)
    for name in ("seeds", "tests/articles"):
        target = folder / Path(name).name
        target.mkdir()
        for path in sorted((ROOT / name).glob("*.txt")):
            (target / path.name).write_bytes(path.read_bytes())
    return folder


def _normalised() -> list[str]:
    """The export with ids aside: a meeting's or agreement's visit by its contents."""
    data = {name: list(rows) for name, rows in every_record()}
    visits = {}
    for row in data["visits"]:
        key = {k: v for k, v in row.items() if k != "id"}
        visits[row["id"]] = json.dumps(key, sort_keys=True, ensure_ascii=False)
    rows = [f"visit {v}" for v in visits.values()]
    for kind in ("meetings", "agreements"):
        for row in data[kind]:
            key = {k: v for k, v in row.items() if k != "id"}
            if key.get("visit") is not None:
                key["visit"] = visits[key["visit"]]
            rows.append(f"{kind} {json.dumps(key, sort_keys=True, ensure_ascii=False)}")
    return sorted(rows)


def _forget_ingested() -> None:
    """Every article and what ingest made of it, gone; reference data stays."""
    Article.objects.all().delete()
    Visit.objects.all().delete()
    Meeting.objects.all().delete()
    Agreement.objects.all().delete()
    Partnership.objects.filter(source=PartnershipSource.AGREEMENT).delete()
    Leader.objects.filter(known=False).delete()


def _wait_finished(job: IngestJob, team) -> None:
    deadline = time.monotonic() + FINISHED_WITHIN
    while IngestItem.objects.filter(job=job, state__in=["queued", "working"]).exists():
        assert time.monotonic() < deadline, f"the workers did not finish:\n{team.logs()}"
        time.sleep(0.3)


def _enqueue(folder: Path) -> IngestJob:
    out = StringIO()
    call_command("ingest", str(folder), queue=True, stdout=out, stderr=StringIO())
    assert "Enqueued" in out.getvalue()
    return IngestJob.objects.order_by("-pk").first()


def test_message_carries_the_article_itself(tmp_path):
    """What is enqueued is the article (text, metadata, as received), not a path."""
    page = tmp_path / "talks.json"
    page.write_text(
        json.dumps(
            {
                "text": "President Luong Cuong met Prime Minister Anthony Albanese in Hanoi "
                "on 4 March 2025 and both sides agreed to widen trade.",
                "date": "2025-03-05",
                "title": "Talks in Hanoi",
                "url": "https://news.example.org/talks",
            }
        ),
        encoding="utf-8",
    )
    (source,) = sources_read(path=page, max_bytes=100_000, today=dt.date(2025, 6, 1))
    message = json.loads(json.dumps(source_message(source=source)))  # through the wire
    page.unlink()  # a worker elsewhere has no file to read
    again = message_source(message=message)
    assert again == source
    assert again.raw and again.raw_kind == "json"
    assert "Albanese" in message["document"]["body"]


@pytest.mark.django_db(transaction=True)
def test_a_message_delivered_again_stores_nothing_twice(tmp_path):
    (tmp_path / "a.txt").write_bytes((ROOT / "tests/articles/sg_talks.txt").read_bytes())
    sent = []
    from visits.services.queue import job_enqueue

    job, _ = job_enqueue(
        paths=[str(tmp_path)], max_bytes=100_000, send=lambda i, m: sent.append((i, m))
    )
    assert job.total == 1 and len(sent) == 1
    item_id, message = sent[0]
    assert item_ingest(item_id=item_id, message=message) == "new"
    evidence = Evidence.objects.count()
    records = (Visit.objects.count(), Meeting.objects.count(), Agreement.objects.count())
    assert evidence > 0
    assert item_ingest(item_id=item_id, message=message) == "new"  # redelivered: a no-op
    assert Evidence.objects.count() == evidence
    assert (Visit.objects.count(), Meeting.objects.count(), Agreement.objects.count()) == records
    assert IngestItem.objects.get(pk=item_id).deliveries == 1


def test_queue_options_refuse_what_they_cannot_do(tmp_path):
    with pytest.raises(CommandError, match="--wait waits"):
        call_command("ingest", str(tmp_path), wait=True)
    with pytest.raises(CommandError, match="cannot be used with"):
        call_command("ingest", str(tmp_path), queue=True, prune=True)


@pytest.mark.django_db(transaction=True)
def test_queue_ingest_gives_the_records_of_a_serial_ingest(workers, tmp_path):
    folder = _corpus(tmp_path / "corpus", 60)
    call_command("ingest", str(folder), stdout=StringIO(), stderr=StringIO())
    serial = _normalised()
    articles = Article.objects.count()
    assert len(serial) > 40
    _forget_ingested()
    assert _normalised() == []

    workers.start(2)
    out = StringIO()
    call_command("ingest", str(folder), queue=True, wait=True, stdout=out, stderr=StringIO())
    job = IngestJob.objects.get()
    assert IngestItem.objects.filter(job=job).exclude(state="new").count() == 0, workers.logs()
    assert f"Total: {articles} article(s) stored, 0 unchanged, 0 failure(s)" in out.getvalue()
    assert Article.objects.count() == articles
    assert _normalised() == serial
    # Both workers took part.
    names = set(IngestItem.objects.filter(job=job).values_list("worker", flat=True))
    assert len(names) >= 2

    # The same files again: nothing is enqueued, nothing changes.
    out = StringIO()
    call_command("ingest", str(folder), queue=True, wait=True, stdout=out, stderr=StringIO())
    assert "Enqueued 0 article(s)" in out.getvalue()
    assert f"{articles} unchanged" in out.getvalue()
    assert _normalised() == serial


def _waiting_for_the_lock(conninfo: str) -> bool:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND objid = %s",
            [_LOCK_KEY],
        ).fetchone()
    return row[0] > 0


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_article_is_redelivered_and_nothing_is_stored_twice(workers, tmp_path):
    folder = _corpus(tmp_path / "corpus", 12)
    call_command("ingest", str(folder), stdout=StringIO(), stderr=StringIO())
    serial = _normalised()
    articles = Article.objects.count()
    _forget_ingested()

    conninfo = database_url()
    # Hold the ingest lock: the worker extracts its article, begins storing it, and
    # waits inside its transaction; there it is killed.
    holder = psycopg.connect(conninfo, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", [_LOCK_KEY])
    held = True
    try:
        workers.start(1)
        job = _enqueue(folder)
        deadline = time.monotonic() + FINISHED_WITHIN
        while not _waiting_for_the_lock(conninfo):
            assert time.monotonic() < deadline, workers.logs()
            time.sleep(0.2)
        item = IngestItem.objects.get(job=job, state="working")
        pid = int(item.worker.rsplit(":", 1)[1])
        log = workers.logs(tail=None)
        task = re.search(r"ingest_article\[([0-9a-f-]+)\] received", log).group(1)
        os.kill(pid, signal.SIGKILL)
        # Let the lock go at once: the worker's new pool process may take the next
        # article before the killed one's message is back, and that one waits for the
        # lock too (holding it until the redelivery would stall the queue).
        holder.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])
        held = False
        # The message comes back to the worker.
        while workers.logs(tail=None).count(f"[{task}] received") < 2:
            assert time.monotonic() < deadline, workers.logs()
            time.sleep(0.1)
    finally:
        if held:
            holder.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])
        holder.close()

    _wait_finished(job, workers)
    item.refresh_from_db()
    assert item.state == "new", workers.logs()
    assert item.deliveries == 2  # the killed delivery, then the one that stored it
    assert item.worker != f"{item.worker.rsplit(':', 1)[0]}:{pid}"
    assert "WorkerLostError" in workers.logs(tail=None)
    assert IngestItem.objects.filter(job=job).exclude(state="new").count() == 0
    assert Article.objects.count() == articles
    assert _normalised() == serial


def _worker_backends() -> list[tuple[int, dt.datetime]]:
    """(pid, backend_start) of the sessions on the test database but the test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_start FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchall()


def _articles(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    return folder


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_from_one_article_to_the_next(workers, tmp_path):
    """Celery's Django fixup closed the connection after every task: a new PostgreSQL
    session per article, and the statements prepared for the last one lost with it."""
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[:4]
    workers.start(1)
    job = _enqueue(_articles(tmp_path / "four", seeds))
    _wait_finished(job, workers)
    items = IngestItem.objects.filter(job=job)
    assert items.count() == 4 and not items.exclude(state="new").exists(), workers.logs()
    first_stored = min(items.values_list("finished_at", flat=True))
    # The worker's session is still open, and it is the one that stored the first.
    backends = _worker_backends()
    assert len(backends) == 1, (backends, workers.logs())
    assert backends[0][1] < first_stored


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_connection_the_server_dropped_connects_again(workers, tmp_path):
    """A connection kept from one task to the next may be gone by the next: used as it
    was, the article's first query failed, the task with it, and the article stayed
    queued for good."""
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[:2]
    workers.start(1)
    job = _enqueue(_articles(tmp_path / "one", seeds[:1]))
    _wait_finished(job, workers)
    [(pid, _)] = _worker_backends()
    with psycopg.connect(database_url(), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", [pid])  # a restart, an idle time-out
    deadline = time.monotonic() + 30
    while _worker_backends():
        assert time.monotonic() < deadline
        time.sleep(0.1)

    job = _enqueue(_articles(tmp_path / "two", seeds[1:]))
    deadline = time.monotonic() + 60
    while IngestItem.objects.filter(job=job, state__in=["queued", "working"]).exists():
        assert time.monotonic() < deadline, f"not stored:\n{workers.logs()}"
        time.sleep(0.3)
    assert IngestItem.objects.get(job=job).state == "new", workers.logs()
    assert [p for p, _ in _worker_backends()] != [pid]
