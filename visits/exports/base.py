"""Rows as plain tuples, read from one server-side cursor a chunk at a time.

A download reads its records' own columns as tuples (never model instances
or dicts), and what they need from other tables by one query per chunk and
table for the chunk's ids (`among`). `Rows` carries the rows, in the order of
its `fields`, to the writers of `stream`, and hands them out as dicts to any
other reader.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import PurePath

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import QuerySet

from visits.models import Article, Leader, SourceKind

# Rows per fetch from the server-side cursor.
CHUNK = 2000


def tuples(queryset: QuerySet, *, size: int = CHUNK) -> Iterator[list[tuple]]:
    """The rows of `queryset` (a values_list) as tuples, `size` at a time, from one
    server-side cursor.

    Inside a transaction, so that PostgreSQL's cursor is not WITH HOLD: a cursor
    held past its transaction is computed whole before the first row comes back.
    The rows are read straight from the cursor: the columns a download selects
    (numbers, text, dates, booleans, arrays of them) need none of Django's
    converters.
    """
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # a filter that nothing can match (`none()`, `id__in=[]`)
        return
    with transaction.atomic(using=queryset.db):
        with connections[queryset.db].chunked_cursor() as cursor:
            cursor.execute(sql, params)
            yield from _read_ahead(cursor.cursor, size)


def _read_ahead(cursor, size: int) -> Iterator[list[tuple]]:
    """The rows of the (psycopg) `cursor`, `size` at a time, fetched by a thread one
    chunk ahead: PostgreSQL computes the next chunk while this one is written out
    (psycopg lets go of the GIL while it waits), instead of one after the other.
    The thread is done before this returns, however the reader stops."""
    chunks: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                chunk = cursor.fetchmany(size)
                chunks.put(chunk)
                if not chunk:
                    return
        except BaseException as error:  # handed to the reader, raised there
            chunks.put(error)

    thread = threading.Thread(target=read, name="download-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            chunk = chunks.get()
            if isinstance(chunk, BaseException):
                raise chunk
            if not chunk:
                return
            yield chunk
    finally:
        stop.set()
        try:  # a thread waiting to put its chunk can then see `stop`
            chunks.get_nowait()
        except queue.Empty:
            pass
        thread.join()


class Rows:
    """The rows of a list: `chunks` of tuples, each in the order of `fields`.

    `lists` are the positions of the fields whose value is a list (joined with
    '; ' in a CSV). Iterating gives one dict per row, for readers that want
    names; the writers of `stream` take the tuples as they are.
    """

    def __init__(self, fields: list[str], chunks: Iterable[list[tuple]], lists: Iterable[str]):
        self.fields = list(fields)
        self.chunks = iter(chunks)
        self.lists = tuple(self.fields.index(name) for name in lists if name in self.fields)
        self._dicts: Iterator[dict] | None = None

    def __iter__(self) -> Rows:
        return self

    def __next__(self) -> dict:
        if self._dicts is None:
            fields, chunks = self.fields, self.chunks
            self._dicts = (dict(zip(fields, row, strict=True)) for rows in chunks for row in rows)
        return next(self._dicts)


def made(chunks: Iterable[list[tuple]], make: Callable[[tuple], tuple]) -> Iterator[list[tuple]]:
    """Each chunk of database rows turned into output rows by `make`."""
    for chunk in chunks:
        yield list(map(make, chunk))


def day(value, precision: str, year_settled: bool) -> str | None:
    """YYYY-MM-DD only for a known day of a known year: never a made-up day or year."""
    if value is None or precision != "day" or not year_settled:
        return None
    return value.isoformat()


@lru_cache(maxsize=4096)
def _plain_name(kind: str, source_name: str, path: str) -> str:
    if kind == SourceKind.CURATED:
        return source_name
    return PurePath(path or source_name.split("#")[0]).name


def file_name(*, kind: str, source_name: str, path: str) -> str:
    """The plain name of the file an article came from (its identity may be a URL); a
    curated row by its identity, `state-department/visits#2991`."""
    return _plain_name(kind, source_name, path)


class Names:
    """Names by id (of articles, of leaders) for a whole download: a chunk's rows
    carry ids, and the ids no earlier chunk needed are read in one query
    (`load`), so a row joins no other table. Past `limit` names the cache starts
    again, so that memory stays flat whatever the number of rows."""

    def __init__(self, load: Callable[[str], Iterable[tuple[int, str]]], *, limit: int = 50_000):
        self.load = load
        self.limit = limit
        self.known: dict[int, str] = {}

    def need(self, ids: Iterable[int]) -> None:
        """Read the names of `ids` not read yet."""
        wanted = set(ids)
        missing = wanted - self.known.keys()
        if not missing:
            return
        if len(self.known) + len(missing) > self.limit:
            self.known = {}
            missing = wanted
        self.known.update(self.load("{" + ",".join(map(str, missing)) + "}"))


def among(sql: str, ids: str, *, group: str = "", order: str = "") -> list[tuple]:
    """The rows of `sql` (ending in a column) where that column is one of `ids`, a
    PostgreSQL array literal bound as one parameter (`= ANY(%s::bigint[])`): psycopg
    would adapt a list of ints number by number, in Python."""
    sql += " = ANY(%s::bigint[])"
    if group:
        sql += f" GROUP BY {group}"
    if order:
        sql += f" ORDER BY {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        return cursor.fetchall()


def article_names() -> Names:
    """The file names of articles by id (`file_name`)."""

    def load(ids: str) -> Iterator[tuple[int, str]]:
        sql = f"SELECT id, kind, source_name, path FROM {Article._meta.db_table} WHERE id"
        for pk, kind, source_name, path in among(sql, ids):
            yield pk, _plain_name(kind, source_name, path)

    return Names(load)


def leader_names() -> Names:
    """The names of leaders by id."""

    def load(ids: str) -> list[tuple[int, str]]:
        return among(f"SELECT id, name FROM {Leader._meta.db_table} WHERE id", ids)

    return Names(load)
