"""`manage.py export`: every visit, meeting and agreement as JSON or CSV."""

import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from visits.exports import AGREEMENT_FIELDS, MEETING_FIELDS, VISIT_FIELDS, export_all, rows_to_csv

FIELDS = {"visits": VISIT_FIELDS, "meetings": MEETING_FIELDS, "agreements": AGREEMENT_FIELDS}
MSG_CSV_NEEDS_OUTPUT = (
    "CSV export writes one file per record type: give --output DIR (a folder) or --output FILE.zip"
)


class Command(BaseCommand):
    help = "Export every visit, meeting and agreement (the format of the scorer's README)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--output",
            help="JSON: a file (stdout if unset); CSV: a folder or a .zip file",
        )

    def handle(self, *args, format, output, **options):
        data = export_all()
        if format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=1)
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
                self.stderr.write(f"wrote {output}")
            else:
                self.stdout.write(text)
            return
        if not output:
            raise CommandError(MSG_CSV_NEEDS_OUTPUT)
        target = Path(output)
        files = {f"{name}.csv": rows_to_csv(rows, FIELDS[name]) for name, rows in data.items()}
        if target.suffix.lower() == ".zip":
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in files.items():
                    archive.writestr(name, text)
        else:
            target.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (target / name).write_text(text, encoding="utf-8")
        self.stderr.write(f"wrote {', '.join(files)} to {target}")
