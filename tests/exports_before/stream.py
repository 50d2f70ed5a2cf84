"""Rows written out as they come: CSV lines and JSON text, a chunk at a time.

A download is complete only when its end is there: a CSV ends with the line
CSV_LAST_LINE (after the last row), a JSON list with the closing bracket of its
array and the count after it. A reader who gets neither knows the file was cut.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from .records import CHUNK

# The last line of every CSV download and export: how many rows came before it.
CSV_LAST_LINE = "# complete: {count} {plural}"


class _Line:
    """A file-like object that hands back what csv.writer writes, instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def _cell(values: list) -> str:
    return "; ".join(map(str, values))


def csv_lines(
    rows: Iterable[dict], fields: list[str], *, plural: str, size: int = CHUNK
) -> Iterator[str]:
    """The header, the rows (`size` to a piece; list values joined with '; '), and
    CSV_LAST_LINE with the number of rows."""
    writer = csv.writer(_Line())
    yield writer.writerow(fields)
    piece: list[str] = []
    count = 0
    for row in rows:
        cells = [row.get(name) for name in fields]
        piece.append(writer.writerow([_cell(c) if type(c) is list else c for c in cells]))
        count += 1
        if len(piece) == size:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)
    yield CSV_LAST_LINE.format(count=count, plural=plural) + "\r\n"


def csv_text(rows: Iterable[dict], fields: list[str], *, plural: str) -> str:
    """The whole CSV of `rows` as one string (for small lists and tests)."""
    return "".join(csv_lines(rows, fields, plural=plural))


def _dumps(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def json_array(rows: Iterable[dict], *, size: int = CHUNK, counter: list | None = None):
    """A JSON array of `rows`, one row a line, `size` rows to a piece; the number of
    rows is appended to `counter` when the array is closed."""
    yield "["
    piece: list[str] = []
    count = 0
    for row in rows:
        piece.append(("\n" if count == 0 else ",\n") + _dumps(row))
        count += 1
        if len(piece) == size:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)
    yield "\n]" if count else "]"
    if counter is not None:
        counter.append(count)


def json_list_document(
    rows: Iterable[dict], *, plural: str, tail: Callable[[int], dict]
) -> Iterator[str]:
    """`{"<plural>": [rows…], <tail(count)>}`: the keys of `tail(count)` (the count,
    the links to other pages) come after the array, once its length is known."""
    counter: list[int] = []
    yield "{" + _dumps(plural) + ": "
    yield from json_array(rows, counter=counter)
    rest = _dumps(tail(counter[0]))[1:]  # the tail's keys without its opening brace
    yield (", " + rest if rest != "}" else "}") + "\n"
