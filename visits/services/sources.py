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
MAX_IDENTITY = 255  # Article.source_name
MAX_PATH = 1000  # Article.path
MSG_PATH_TOO_LONG = "the path is {length:,} characters, over the limit of {limit:,}"
MSG_SURROGATE = "the JSON holds a lone surrogate (such as \\ud800), which is not text"
MSG_NAME_NOT_UTF8 = "the file name is not UTF-8 text; rename the file"
_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body)|</(p|div|body|html)>", re.I)


@dataclass(frozen=True)
class Source:
    """One article to ingest, or the reason it cannot be read.

    `name` is the article's identity, its natural key (see `identity`).
    `where` names file and line for messages.
    """

    name: str
    path: str
    where: str
    document: Document | None = None
    content_hash: str | None = None
    error: str | None = None


class PathError(Exception):
    """A path given on the command line that does not exist or holds no articles."""


def paths_walk(*, paths: list[str]) -> Iterator[tuple[Path, str]]:
    """Every article file under the given files and folders, sorted; folders recursively.

    Each with its base identity: its path relative to the folder given, or the
    name of a file given alone, so two files called report.txt never share one.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathError(f"{raw}: no such file or folder")
        if path.is_dir():
            for p in sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)):
                yield p, p.relative_to(path).as_posix()
        else:
            yield path, path.name


def identity(text: str) -> str:
    """An identity that fits Article.source_name (255): a longer one is hashed down."""
    if len(text) <= MAX_IDENTITY:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{text[: MAX_IDENTITY - 18]}#{digest}"


def _item_identity(base: str, item, raw: str) -> str:
    """A JSON article inside a file: its "id" field, else its content hash; never its place."""
    key = item.get("id") if isinstance(item, dict) else None
    if isinstance(key, (str, int)) and not isinstance(key, bool) and str(key).strip():
        return identity(f"{base}#{str(key).strip()}")
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return identity(f"{base}#{digest}")


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


def sources_read(*, path: Path, max_bytes: int, base: str | None = None) -> Iterator[Source]:
    """The articles in one file. Never raises for bad content: yields a Source with `error`.

    `base` is the file's identity (see paths_walk); an article with a URL is
    known by its URL instead.
    """
    where = str(path)
    base = base or path.name
    try:
        where.encode("utf-8")
    except UnicodeEncodeError:
        where = where.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        name = identity(base.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        yield Source(
            name=name, path=where[:MAX_PATH], where=where, error=f"{where}: {MSG_NAME_NOT_UTF8}"
        )
        return
    if len(where) > MAX_PATH:
        message = MSG_PATH_TOO_LONG.format(length=len(where), limit=MAX_PATH)
        yield Source(
            name=identity(base), path=where[:MAX_PATH], where=where, error=f"{where}: {message}"
        )
        return
    base = identity(base)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                f"{where}: the file is {size:,} bytes, over the limit of {max_bytes:,} "
                "(INGEST_MAX_BYTES)"
            )
        text = _decode(path.read_bytes(), where)
    except DocumentError as exc:
        yield Source(name=base, path=where, where=where, error=str(exc))
        return
    except OSError as exc:
        yield Source(name=base, path=where, where=where, error=f"{where}: {exc.strerror}")
        return

    suffix = path.suffix.lower()
    if suffix == ".txt":
        yield _source(base, where, where, lambda: read_text(text, name=path.name))
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Source(
                name=base,
                path=where,
                where=where,
                error=f"{where}, line {exc.lineno}: invalid JSON ({exc.msg})",
            )
            return
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items, start=1):
            if len(items) == 1:
                name = base
            else:
                name = _item_identity(base, item, json.dumps(item, sort_keys=True))
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
                    name=_item_identity(base, None, line.strip()),
                    path=where,
                    where=label,
                    error=f"{label}: invalid JSON ({exc.msg})",
                )
                continue
            yield _json_source(_item_identity(base, item, line.strip()), where, label, item)


def _json_source(name: str, path: str, where: str, item) -> Source:
    if not isinstance(item, dict):
        return Source(name=name, path=path, where=where, error=f"{where}: expected a JSON object")
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return Source(name=name, path=path, where=where, error=f"{where}: {MSG_SURROGATE}")
    return _source(name, path, where, lambda: read_json_object(item, name=name))


def _source(name: str, path: str, where: str, read) -> Source:
    try:
        document = read()
    except DocumentError as exc:
        message = str(exc)
        if not message.startswith(where):
            message = f"{where}: {message}"
        return Source(name=name, path=path, where=where, error=message)
    if document.url:
        name = identity(document.url)
    return Source(
        name=name, path=path, where=where, document=document, content_hash=content_hash(document)
    )
