"""FROZEN: the export rows and streams as they were before the downloads read tuples
(git b5ca2fc, visits/exports/), kept unchanged as the reference definition that
tests/test_exports_same_bytes.py compares the fast path with. Do not edit.

Records as plain rows in the export format of ../shared/eval/README.md, and the
streams that write them as CSV or JSON.

Used by `manage.py export` and by the `format=csv|json` downloads of the list
pages, so that both give the same fields. The row functions read their queryset
through a server-side cursor, a chunk at a time, and run a fixed number of
queries per chunk (never one per row): memory stays flat whatever the length.
"""

from .lists import (
    ARTICLE_FIELDS,
    COUNTRY_FIELDS,
    LEADER_FIELDS,
    article_rows,
    country_rows,
    leader_rows,
)
from .records import (
    AGREEMENT_FIELDS,
    CHUNK,
    MEETING_FIELDS,
    VISIT_DOWNLOAD_FIELDS,
    VISIT_EXTRA_FIELDS,
    VISIT_FIELDS,
    agreement_rows,
    meeting_rows,
    visit_rows,
)
from .stream import CSV_LAST_LINE, csv_lines, csv_text, json_array, json_list_document

__all__ = [
    "AGREEMENT_FIELDS",
    "ARTICLE_FIELDS",
    "CHUNK",
    "COUNTRY_FIELDS",
    "CSV_LAST_LINE",
    "LEADER_FIELDS",
    "MEETING_FIELDS",
    "VISIT_DOWNLOAD_FIELDS",
    "VISIT_EXTRA_FIELDS",
    "VISIT_FIELDS",
    "agreement_rows",
    "article_rows",
    "country_rows",
    "csv_lines",
    "csv_text",
    "json_array",
    "json_list_document",
    "leader_rows",
    "meeting_rows",
    "visit_rows",
]
