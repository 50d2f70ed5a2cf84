"""`manage.py import_curated PATH`: the State Department's visits and travels as records."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from visits.management.commands.ingest import Command as IngestCommand
from visits.management.commands.ingest import summary_records
from visits.services.curated.rows import RowError
from visits.services.curated.store import curated_import

MSG_SUMMARY = (
    "Rows: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed "
    "({files} files, {seconds:.1f} s)."
)
MSG_NOTE = "Note: {count} {what}."
MSG_FAILED = "{count} row(s) not imported:"
MSG_DRY_RUN = "Dry run: nothing was stored."
MSG_NOT_A_FOLDER = "{path}: not a folder"


class Command(BaseCommand):
    help = (
        "Import the State Department's curated visits (visits/*.xml) and travels "
        "(travels/*-travels/*.xml) from PATH; idempotent, keeps editors' work."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="the dataset's folder")
        parser.add_argument("--dry-run", action="store_true", help="store nothing")

    def handle(self, *args, path, dry_run, **options):
        folder = Path(path)
        if not folder.is_dir():
            raise CommandError(MSG_NOT_A_FOLDER.format(path=path))
        progress = IngestCommand._progress(self, unit="row")
        began = time.monotonic()
        try:
            stats = curated_import(path=folder, progress=progress, dry_run=dry_run)
        except RowError as exc:
            raise CommandError(str(exc)) from None
        finally:
            progress.close()
        rows, records = stats.rows, stats.ingest.records
        self.stdout.write(summary_records(records))
        for what, count in sorted(stats.notes.items()):
            self.stdout.write(MSG_NOTE.format(count=count, what=what))
        self.stdout.write(
            MSG_SUMMARY.format(
                created=rows["created"],
                updated=rows["updated"],
                unchanged=rows["unchanged"],
                failed=rows["failed"],
                files=stats.files,
                seconds=time.monotonic() - began,
            )
        )
        if dry_run:
            self.stdout.write(MSG_DRY_RUN)
        if stats.failures:
            self.stderr.write(MSG_FAILED.format(count=len(stats.failures)))
            for failure in stats.failures:
                self.stderr.write(f"  {failure}")
            sys.exit(1)
