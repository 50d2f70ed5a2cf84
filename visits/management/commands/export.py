"""`manage.py export`: every visit, meeting and agreement as JSON or CSV, streamed.

The records are read through a server-side cursor a chunk at a time and
written as they come (`visits.exports`), so memory stays flat whatever their
number. The JSON is one object, complete only when it closes; each CSV file
ends with the line `# complete: N <plural>`.
"""

import io
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from visits.exports import AGREEMENT_FIELDS, MEETING_FIELDS, VISIT_FIELDS, csv_lines, json_array
from visits.exports.records import every_record

FIELDS = {"visits": VISIT_FIELDS, "meetings": MEETING_FIELDS, "agreements": AGREEMENT_FIELDS}
MSG_CSV_NEEDS_OUTPUT = (
    "CSV export writes one file per record type: give --output DIR (a folder) or --output FILE.zip"
)


def json_pieces():
    """The scorer's JSON object, `{"visits": [...], "meetings": [...], "agreements": [...]}`,
    in pieces."""
    yield "{"
    for i, (name, rows) in enumerate(every_record()):
        yield ("" if i == 0 else ",\n") + f'"{name}": '
        yield from json_array(rows)
    yield "}\n"


class Command(BaseCommand):
    help = "Export every visit, meeting and agreement (the format of the scorer's README)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--output",
            help="JSON: a file (stdout if unset); CSV: a folder or a .zip file",
        )

    def handle(self, *args, format, output, **options):
        if format == "json":
            if output:
                with open(output, "w", encoding="utf-8") as f:
                    f.writelines(json_pieces())
                self.stderr.write(f"wrote {output}")
            else:
                for piece in json_pieces():
                    self.stdout.write(piece, ending="")
                self.stdout.flush()
            return
        if not output:
            raise CommandError(MSG_CSV_NEEDS_OUTPUT)
        target = Path(output)
        names = []
        if target.suffix.lower() == ".zip":
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, rows in every_record():
                    names.append(f"{name}.csv")
                    with archive.open(names[-1], "w") as raw:
                        _write_csv(raw, rows, name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            for name, rows in every_record():
                names.append(f"{name}.csv")
                with open(target / names[-1], "wb") as raw:
                    _write_csv(raw, rows, name)
        self.stderr.write(f"wrote {', '.join(names)} to {target}")


def _write_csv(raw, rows, name: str) -> None:
    """The CSV of `rows` into the binary file `raw`, as UTF-8."""
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        text.writelines(csv_lines(rows, FIELDS[name], plural=name))
