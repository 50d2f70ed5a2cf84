"""Reading article files from disk: walking paths, refusing bad input with a
clear reason, and turning each file (or JSON Lines line) into a Document.

No database here: ingest.py stores what these functions read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from visits.extraction import Document, DocumentError, read_json_object, read_text
from visits.extraction.pages import page_text, read_html

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
PAGES = (".html", ".htm")
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
    warnings: tuple[str, ...] = ()  # stored all the same; reported with file and line
    raw: str | None = None  # the article as received, stored for --reextract (None: keep)
    raw_kind: str = ""  # "txt", "json" or "html": the reader that reads `raw`


class PathError(Exception):
    """A path given on the command line that does not exist."""


MSG_SKIPPED_SUFFIX = "skipped: {kind} is not read; ingest reads {accepted} files"
MSG_UNKNOWN_SUFFIX = "{kind} is not read; ingest reads {accepted} files"
MSG_FOLDER_UNREADABLE = "cannot read this folder ({reason}); nothing in it was ingested"
MSG_NOT_A_FILE = "not a regular file or folder"
ACCEPTED = ", ".join(SUFFIXES)
MSG_NOT_HTTP = "{url}: only http and https addresses are fetched"
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass
class Walk:
    """What the paths given hold: article files with their base identity, and the
    files skipped (warnings) and folders that could not be read (failures)."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # http(s) addresses given, to fetch
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: int = 0


def paths_walk(*, paths: list[str]) -> Walk:
    """Every article file under the given files and folders, sorted; folders recursively.

    Each with its base identity: its path relative to the folder given, or the
    name of a file given alone, so two files called report.txt never share one.
    Names starting with a dot (.git, .DS_Store) are passed over in silence; any
    other file of a suffix ingest does not read is skipped with a warning. A file
    named alone must have one of SUFFIXES. An http(s) address is kept in `urls`, to
    fetch; another scheme (ftp://, file://) fails. Raises PathError for a missing path.
    """
    walk = Walk()
    for raw in paths:
        scheme = _SCHEME.match(raw)
        if scheme and scheme.group(1).lower() in ("http", "https"):
            walk.urls.append(raw.strip())
            continue
        if scheme:
            walk.failures.append(MSG_NOT_HTTP.format(url=raw))
            continue
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            raise PathError(f"{raw}: no such file or folder") from None
        except OSError as exc:  # a folder above it that cannot be entered
            walk.failures.append(f"{raw}: cannot be read ({exc.strerror})")
            continue
        if path.is_dir():
            _folder_walk(path, walk)
        elif not path.is_file():
            walk.failures.append(f"{raw}: {MSG_NOT_A_FILE}")
        elif path.suffix.lower() not in SUFFIXES:
            message = MSG_UNKNOWN_SUFFIX.format(kind=_suffix_kind(path), accepted=ACCEPTED)
            walk.failures.append(f"{raw}: {message}")
        else:
            walk.files.append((path, path.name))
    return walk


def _folder_walk(top: Path, walk: Walk) -> None:
    def unreadable(exc: OSError) -> None:
        reason = exc.strerror or type(exc).__name__
        walk.failures.append(f"{exc.filename}: {MSG_FOLDER_UNREADABLE.format(reason=reason)}")

    found = []
    for folder, dirs, names in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith("."):
                found.append(Path(folder) / name)
    for p in sorted(found):
        if not p.is_file():
            continue
        suffix = p.suffix.lower()
        if suffix in SUFFIXES:
            walk.files.append((p, p.relative_to(top).as_posix()))
            continue
        message = MSG_SKIPPED_SUFFIX.format(kind=_suffix_kind(p), accepted=ACCEPTED)
        walk.warnings.append(f"{p}: {message}")
        walk.skipped += 1


def _suffix_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    return f"a {suffix} file" if suffix else "a file without a suffix"


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


def content_hash(document: Document) -> str:
    """The hash that says whether an article changed: its text, date and title."""
    p = document.published
    published = ""
    if p and p.day is not None:
        published = f"{p.year}-{p.month}-{p.day}"
    elif p:  # a month or a year only: a new form, so such articles are stored again, dated
        published = "-".join(str(n) for n in (p.year, p.month) if n is not None)
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


def sources_read(
    *, path: Path, max_bytes: int, base: str | None = None, today: dt.date | None = None
) -> Iterator[Source]:
    """The articles in one file. Never raises for bad content: yields a Source with `error`.

    `base` is the file's identity (see paths_walk); an article with a URL is
    known by its URL instead. A date after `today` (default: today) is not used.
    """
    today = today or dt.date.today()
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
        data = path.read_bytes()
        if path.suffix.lower() in PAGES:
            if not data.strip():
                raise DocumentError(f"{where}: the file is empty")
            text = page_text(data)
        else:
            text = _decode(data, where)
    except DocumentError as exc:
        yield Source(name=base, path=where, where=where, error=str(exc))
        return
    except OSError as exc:
        yield Source(name=base, path=where, where=where, error=f"{where}: {exc.strerror}")
        return

    suffix = path.suffix.lower()
    if suffix in PAGES:
        read = partial(read_html, text, name=where, today=today)
        yield _source(base, where, where, read, raw=text, raw_kind="html")
    elif suffix == ".txt":
        read = partial(read_text, text, name=path.name, today=today)
        yield _source(base, where, where, read, raw=text, raw_kind="txt")
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
            raw = text if isinstance(data, dict) else json.dumps(item, ensure_ascii=False)
            yield _json_source(name, where, label, item, today, raw=raw)
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
            name = _item_identity(base, item, line.strip())
            yield _json_source(name, where, label, item, today, raw=line.strip())


def _json_source(name: str, path: str, where: str, item, today: dt.date, *, raw: str) -> Source:
    if not isinstance(item, dict):
        return Source(name=name, path=path, where=where, error=f"{where}: expected a JSON object")
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return Source(name=name, path=path, where=where, error=f"{where}: {MSG_SURROGATE}")
    read = partial(read_json_object, item, name=name, today=today)
    return _source(name, path, where, read, raw=raw, raw_kind="json")


def _source(
    name: str, path: str, where: str, read, *, raw: str | None = None, raw_kind: str = ""
) -> Source:
    try:
        document = read()
    except DocumentError as exc:
        message = str(exc)
        if not message.startswith(where):
            message = f"{where}: {message}"
        return Source(name=name, path=path, where=where, error=message)
    if document.url:
        name = identity(document.url)
    warnings = tuple(
        f"{where}, line {line}: {message}" if line else f"{where}: {message}"
        for line, message in document.warnings
    )
    return Source(
        name=name,
        path=path,
        where=where,
        document=document,
        content_hash=content_hash(document),
        warnings=warnings,
        raw=raw,
        raw_kind=raw_kind if raw is not None else "",
    )


def page_source(
    *, url: str, final_url: str, page: str, today: dt.date, language: str | None = None
) -> Source:
    """A page fetched from `url` (read from `final_url` after redirects): known by its
    canonical URL, else the address it was read from; kept as received."""
    read = partial(read_html, page, name=url, url=final_url, today=today, language=language)
    source = _source(identity(final_url), "", url, read, raw=page, raw_kind="html")
    return source


def item_source(*, name: str, where: str, item: dict, today: dt.date) -> Source:
    """An article given as a JSON object (a feed entry's own content), kept as received."""
    raw = json.dumps(item, ensure_ascii=False)
    return _json_source(identity(name), "", where, item, today, raw=raw)


def document_reread(
    *, raw: str, raw_kind: str, name: str, url: str | None = None, today: dt.date | None = None
) -> Document:
    """An article read again from what was received, by the reader that first read it.
    Raises DocumentError when the current reader cannot read it."""
    if raw_kind == "txt":
        return read_text(raw, name=name, today=today)
    if raw_kind == "json":
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"{name}: invalid JSON ({exc.msg})") from None
        if isinstance(item, list) and len(item) == 1:
            item = item[0]
        return read_json_object(item, name=name, today=today)
    if raw_kind == "html":
        return read_html(raw, name=name, url=url, today=today)
    raise DocumentError(f"{name}: no reader for articles received as {raw_kind!r}")
