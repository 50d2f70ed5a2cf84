"""`manage.py follow [FEED_URL…]`: read RSS and Atom feeds, ingest the new entries' pages."""

import signal
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from visits.management.commands.ingest import (
    MSG_DRY_RUN,
    MSG_FAILED,
    MSG_STOPPED,
    MSG_WARNINGS,
    Stopped,
    _signals_stop,
    summary_articles,
    summary_records,
)
from visits.management.progress import progress_for
from visits.services.feeds import feeds_follow

MSG_FEEDS = (
    "Feeds: {feeds} read, {failed} failed. Entries: {new} new, {seen} seen before, "
    "{content} read from the feed's own content."
)
MSG_NO_FEEDS = "no FEED_URL given and no active feed in the database (add one in the admin)"
MSG_NEXT = "Next run in {minutes:g} minute(s); Ctrl-C stops."


class Command(BaseCommand):
    help = (
        "Follow RSS and Atom feeds: fetch each new entry's page and ingest it. Without "
        "FEED_URL, every active feed of the database (editable in the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="FEED_URL", help="feeds to read")
        parser.add_argument("--dry-run", action="store_true", help="store nothing")
        parser.add_argument(
            "--every",
            type=float,
            metavar="MINUTES",
            help="keep going: read the feeds again every MINUTES",
        )
        parser.add_argument(
            "--runs", type=int, default=0, help="with --every, stop after N runs (0: never)"
        )

    def handle(self, *args, urls, dry_run, every, runs, **options):
        if every is not None and every <= 0:
            raise CommandError("--every takes a number of minutes above 0")
        if not urls:
            from visits.models import Feed

            if not Feed.objects.filter(active=True).exists():
                raise CommandError(MSG_NO_FEEDS)
        done, failed = 0, False
        try:
            with _signals_stop():
                while True:
                    failed |= self._once(urls, dry_run)
                    done += 1
                    if every is None or (runs and done >= runs):
                        break
                    self.stdout.write(MSG_NEXT.format(minutes=every))
                    time.sleep(every * 60)
        except Stopped as exc:
            self.stderr.write(MSG_STOPPED.format(signal=signal.Signals(exc.signum).name))
            sys.exit(128 + exc.signum)
        if failed:
            sys.exit(1)

    def _once(self, urls, dry_run) -> bool:
        progress = progress_for(stream=self.stderr, unit="entry", units="entries")
        try:
            stats = feeds_follow(urls=urls or None, dry_run=dry_run, progress=progress)
        finally:
            progress.close()
        a, r = stats.ingest.articles, stats.ingest.records
        self.stdout.write(
            MSG_FEEDS.format(
                feeds=stats.feeds - stats.feeds_failed,
                failed=stats.feeds_failed,
                new=stats.entries_new,
                seen=stats.entries_seen,
                content=stats.from_content,
            )
        )
        self.stdout.write(summary_articles(a))
        self.stdout.write(summary_records(r))
        if dry_run:
            self.stdout.write(MSG_DRY_RUN)
        ingest = stats.ingest
        if ingest.warnings:
            self.stderr.write(MSG_WARNINGS.format(count=len(ingest.warnings)))
            for warning in ingest.warnings:
                self.stderr.write(f"  {warning}")
        if ingest.failures:
            self.stderr.write(MSG_FAILED.format(count=len(ingest.failures)))
            for failure in ingest.failures:
                self.stderr.write(f"  {failure}")
        return bool(ingest.failures)
