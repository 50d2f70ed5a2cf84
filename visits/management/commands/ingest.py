"""`manage.py ingest PATH…`: read articles into visits, meetings and agreements."""

import os
import re
import signal
import sys
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError

from visits.management.progress import progress_for
from visits.models import IngestJob
from visits.services.queue import job_enqueue, job_stats, job_wait, message_sender
from visits.services.runner import ingest_paths, ingest_reextract
from visits.services.sources import PathError

MSG_SUMMARY_ARTICLES = (
    "Articles: {new} new, {changed} changed, {unchanged} unchanged, {reextract} re-extracted, "
    "{failed} failed ({empty} without diplomatic content)."
)
MSG_SUMMARY_RECORDS = (
    "Records: {created} created, {merged} merged, {kept} left as an editor corrected them, "
    "{suppressed} not recreated (deleted by editors), {removed} removed, "
    "{leaders} new leaders."
)
MSG_SUMMARY_TOTAL = (
    "Total: {stored} article(s) stored, {unchanged} unchanged, {failed} failure(s), "
    "{warnings} warning(s), {skipped} file(s) skipped."
)
MSG_DRY_RUN = "Dry run: nothing was stored."
MSG_WARNINGS = "{count} warning(s):"
MSG_FAILED = "{count} failure(s):"
MSG_NO_PATHS = "give at least one PATH, or --reextract"
MSG_PRUNE_REEXTRACT = (
    "--prune retires the articles gone from the PATHs given; it cannot be used with --reextract"
)
MSG_PRUNE_NO_PATHS = "--prune needs the PATHs (folders or files) whose vanished articles to retire"
MSG_PRUNED = "Pruned: {count} article(s) retired, gone from the paths given."
MSG_PRUNE_DRY = "Pruned: {count} article(s) would be retired, gone from the paths given."
MSG_WORKERS_CAPPED = "--workers {asked} is more than the {cpus} CPU(s) here: using {cpus}."
MSG_QUEUE_ALONE = "--queue enqueues PATHs: it cannot be used with --reextract, --prune or --dry-run"
MSG_WAIT_NEEDS_QUEUE = "--wait waits for the workers of --queue"
MSG_ENQUEUED = (
    "Enqueued {count} article(s) as ingest job {job}; "
    "workers (celery -A diplomacy worker) store them."
)
MSG_NO_BROKER = (
    "cannot reach the broker at {url} (CELERY_BROKER_URL): {error}; "
    "the articles enqueued before it failed are in ingest job {job}"
)
MSG_STOPPED = (
    "Stopped by {signal}: the articles stored so far are kept; those in hand (one batch, "
    "at most 100) are not, and the next ingest stores them."
)


class Stopped(BaseException):
    """SIGTERM or SIGINT during a run: unwinds like Ctrl-C, so the workers are ended."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def summary_articles(a) -> str:
    """The 'Articles: …' line of a run's summary (ingest, follow)."""
    return MSG_SUMMARY_ARTICLES.format(
        new=a["new"],
        changed=a["changed"],
        unchanged=a["unchanged"],
        reextract=a["reextract"],
        failed=a["failed"],
        empty=a["without diplomatic content"],
    )


def summary_records(r) -> str:
    """The 'Records: …' line of a run's summary (ingest, follow, import_curated)."""
    return MSG_SUMMARY_RECORDS.format(
        created=r["created"],
        merged=r["merged"],
        kept=r["kept (editor)"],
        suppressed=r["suppressed"],
        removed=r["removed"],
        leaders=r["leaders created"],
    )


@contextmanager
def _signals_stop():
    """While ingesting, SIGTERM and SIGINT end the run (and its worker pool) cleanly."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Command(BaseCommand):
    help = (
        "Ingest news articles (.txt, .json, .jsonl, .html, .htm; folders recursively; "
        "http(s) URLs, fetched) into the database."
    )
    # Run often, on a schedule: the system checks (URLs, admin, templates) are for
    # `check`, `migrate` and the server; here they would double a re-ingest's time.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="files, folders and http(s) URLs"
        )
        parser.add_argument("--dry-run", action="store_true", help="store nothing")
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="run the current extractor again over the stored articles",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="extract in N processes (default 1)"
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="then retire the articles of the PATHs given whose files are gone",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="enqueue the articles for workers (celery -A diplomacy worker) to store",
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="with --queue: show the workers' progress and the summary once all are done",
        )

    def handle(self, *args, paths, dry_run, reextract, workers, prune=False, **options):
        if options.get("queue") or options.get("wait"):
            return self._queue(paths, dry_run or reextract or prune, options)
        if workers < 1:
            raise CommandError("--workers must be 1 or more")
        cpus = os.cpu_count() or 1
        if workers > cpus:
            # More processes than cores only adds spawn time and memory (83 s for 5 files).
            self.stderr.write(MSG_WORKERS_CAPPED.format(asked=workers, cpus=cpus))
            workers = cpus
        if prune and reextract:
            raise CommandError(MSG_PRUNE_REEXTRACT)
        if prune and not paths:
            raise CommandError(MSG_PRUNE_NO_PATHS)
        if not paths and not reextract:
            raise CommandError(MSG_NO_PATHS)
        progress = self._progress()
        try:
            with _signals_stop():
                stats = self._run(paths, dry_run, reextract, workers, prune, progress)
        except Stopped as exc:
            self.stderr.write(MSG_STOPPED.format(signal=signal.Signals(exc.signum).name))
            sys.exit(128 + exc.signum)
        self._report(stats, dry_run, prune)

    def _queue(self, paths, other_modes, options):
        """`--queue [--wait]`: enqueue here, store in the workers, report what they did."""
        if not options.get("queue"):
            raise CommandError(MSG_WAIT_NEEDS_QUEUE)
        if other_modes:
            raise CommandError(MSG_QUEUE_ALONE)
        if not paths:
            raise CommandError(MSG_NO_PATHS)
        progress = self._progress()
        try:
            with message_sender() as send:
                job, stats = job_enqueue(
                    paths=paths, max_bytes=settings.INGEST_MAX_BYTES, send=send, progress=progress
                )
        except PathError as exc:
            raise CommandError(str(exc)) from None
        except OperationalError as exc:  # kombu's: the broker refused or did not answer
            job = IngestJob.objects.order_by("-pk").first()
            url = re.sub(r"//([^:@/]*):[^@/]*@", r"//\1:***@", settings.CELERY_BROKER_URL)
            raise CommandError(
                MSG_NO_BROKER.format(url=url, error=exc, job=job.pk if job else "-")
            ) from None
        finally:
            self._bar.close()
        self.stdout.write(MSG_ENQUEUED.format(count=job.total, job=job.pk))
        if options.get("wait"):
            waiting = self._progress()
            try:
                with _signals_stop():
                    job_wait(job=job, progress=waiting)
            except Stopped as exc:
                self.stderr.write(MSG_STOPPED.format(signal=signal.Signals(exc.signum).name))
                sys.exit(128 + exc.signum)
            finally:
                waiting.close()
            stats = job_stats(job=job)
        self._report(stats, False, False)

    def _run(self, paths, dry_run, reextract, workers, prune, progress):
        try:
            if reextract:
                stats = ingest_reextract(workers=workers, dry_run=dry_run, progress=progress)
            else:
                stats = ingest_paths(
                    paths=paths,
                    max_bytes=settings.INGEST_MAX_BYTES,
                    workers=workers,
                    dry_run=dry_run,
                    prune=prune,
                    progress=progress,
                )
        except PathError as exc:
            raise CommandError(str(exc)) from None
        finally:
            self._bar.close()
        return stats

    def _report(self, stats, dry_run, prune):
        a, r = stats.articles, stats.records
        self.stdout.write(summary_articles(a))
        self.stdout.write(summary_records(r))
        self.stdout.write(
            MSG_SUMMARY_TOTAL.format(
                stored=a["new"] + a["changed"] + a["reextract"],
                unchanged=a["unchanged"],
                failed=len(stats.failures),
                warnings=len(stats.warnings),
                skipped=stats.skipped,
            )
        )
        if prune and stats.not_pruned:
            self.stderr.write(stats.not_pruned)
        elif prune:
            count = len(stats.retired)
            self.stdout.write((MSG_PRUNE_DRY if dry_run else MSG_PRUNED).format(count=count))
            for name in stats.retired:
                self.stdout.write(f"  {name}")
        if dry_run:
            self.stdout.write(MSG_DRY_RUN)
        # Warnings leave the exit status 0; any failure makes it 1.
        if stats.warnings:
            self.stderr.write(MSG_WARNINGS.format(count=len(stats.warnings)))
            for warning in stats.warnings:
                self.stderr.write(f"  {warning}")
        if stats.failures:
            self.stderr.write(MSG_FAILED.format(count=len(stats.failures)))
            for failure in stats.failures:
                self.stderr.write(f"  {failure}")
            sys.exit(1)

    def _progress(self, unit: str = "article"):
        self._bar = progress_for(stream=self.stderr, unit=unit)
        return self._bar
