"""Records as plain rows in the export format of ../shared/eval/README.md, and the
streams that write them as CSV or JSON.

Used by `manage.py export` and by the `format=csv|json` downloads of the list
pages, so that both give the same fields. The row functions read their
queryset as tuples through a server-side cursor a chunk at a time
(`base.tuples`), with a fixed number of queries per chunk for what a row needs
from other tables (never one per row), and the writers encode a chunk at a
time: memory stays flat whatever the length.
"""

from .base import CHUNK, Rows
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
    "Rows",
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
