"""Reading article files from disk: walking paths, refusing bad input with a
clear reason, and turning each file (or JSON Lines line) into a Document.

No database here: ingest.py stores what these functions read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from visits.extraction import Document, DocumentError, read_json_object, read_text

SUFFIXES = (".txt", ".json", ".jsonl")
_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body)|</(p|div|body|html)>", re.I)


@dataclass(frozen=True)
class Source:
    """One article to ingest, or the reason it cannot be read.

    `name` is the file's base name (`name#N` for the Nth line of a JSON Lines
    file): the Article's natural key. `where` names file and line for messages.
    """

    name: str
    path: str
    where: str
    document: Document | None = None
    content_hash: str | None = None
    error: str | None = None


class PathError(Exception):
    """A path given on the command line that does not exist or holds no articles."""


def paths_walk(*, paths: list[str]) -> Iterator[Path]:
    """Every article file under the given files and folders, sorted; folders recursively."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathError(f"{raw}: no such file or folder")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
        else:
            yield path


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def content_hash(document: Document) -> str:
    """The hash that says whether an article changed: its text, date and title."""
    p = document.published
    published = f"{p.year}-{p.month}-{p.day}" if p else ""
    key = "\x1f".join([document.body, published, document.title or "", document.url or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise DocumentError(f"{where}: the file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DocumentError(f"{where}: this is UTF-16 text; save the file as UTF-8")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{where}: this is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"{where}, line {line}: not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start}); save the file as UTF-8"
        ) from None
    if _HTML.search(text[:20000]):
        raise DocumentError(f"{where}: this looks like HTML; give the article's plain text")
    return text


def sources_read(*, path: Path, max_bytes: int) -> Iterator[Source]:
    """The articles in one file. Never raises for bad content: yields a Source with `error`."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                f"{where}: the file is {size:,} bytes, over the limit of {max_bytes:,} "
                "(INGEST_MAX_BYTES)"
            )
        text = _decode(path.read_bytes(), where)
    except DocumentError as exc:
        yield Source(name=path.name, path=where, where=where, error=str(exc))
        return
    except OSError as exc:
        yield Source(name=path.name, path=where, where=where, error=f"{where}: {exc.strerror}")
        return

    suffix = path.suffix.lower()
    if suffix == ".txt":
        yield _source(path.name, where, where, lambda: read_text(text, name=path.name))
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Source(
                name=path.name,
                path=where,
                where=where,
                error=f"{where}, line {exc.lineno}: invalid JSON ({exc.msg})",
            )
            return
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items, start=1):
            name = path.name if len(items) == 1 else f"{path.name}#{n}"
            label = where if len(items) == 1 else f"{where}, article {n}"
            yield _json_source(name, where, label, item)
    else:  # .jsonl
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            label = f"{where}, line {n}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Source(
                    name=f"{path.name}#{n}",
                    path=where,
                    where=label,
                    error=f"{label}: invalid JSON ({exc.msg})",
                )
                continue
            yield _json_source(f"{path.name}#{n}", where, label, item)


def _json_source(name: str, path: str, where: str, item) -> Source:
    if not isinstance(item, dict):
        return Source(name=name, path=path, where=where, error=f"{where}: expected a JSON object")
    return _source(name, path, where, lambda: read_json_object(item, name=name))


def _source(name: str, path: str, where: str, read) -> Source:
    try:
        document = read()
    except DocumentError as exc:
        message = str(exc)
        if not message.startswith(where):
            message = f"{where}: {message}"
        return Source(name=name, path=path, where=where, error=message)
    return Source(
        name=name, path=path, where=where, document=document, content_hash=content_hash(document)
    )
