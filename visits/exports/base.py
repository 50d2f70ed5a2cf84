"""Rows as plain tuples, read from one server-side cursor a chunk at a time.

A download computes every column of a row in the one SQL query of its
queryset (aggregates as correlated subqueries, answered by the indexes on the
record's id), so it runs one query whatever its length and its rows come
back as tuples, never as model instances or per-chunk side queries. `Rows`
carries them, in the order of its `fields`, to the writers of `stream`, and
hands them out as dicts to any other reader.
"""

from __future__ import annotations

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
            while chunk := cursor.fetchmany(size):
                yield chunk


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


def made(
    chunks: Iterable[list[tuple]],
    make: Callable[[tuple], tuple],
    names: Iterable[tuple[Names, int]] = (),
) -> Iterator[list[tuple]]:
    """Each chunk of database rows turned into output rows by `make`, once the `names`
    its columns of ids need are read."""
    names = list(names)
    for chunk in chunks:
        for known, at in names:
            known.need(chunk, at)
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

    def need(self, chunk: list[tuple], at: int) -> None:
        """Read the names of the ids in column `at` (a list of ids) of `chunk`."""
        wanted: set[int] = set()
        for row in chunk:
            if row[at]:
                wanted.update(row[at])
        missing = wanted - self.known.keys()
        if not missing:
            return
        if len(self.known) + len(missing) > self.limit:
            self.known = {}
            missing = wanted
        self.known.update(self.load("{" + ",".join(map(str, missing)) + "}"))


def _rows_of(sql: str, ids: str) -> list[tuple]:
    """The rows of `sql` for the ids (a PostgreSQL array literal, bound as one
    parameter, `= ANY(%s::bigint[])`)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        return cursor.fetchall()


def article_names() -> Names:
    """The file names of articles by id (`file_name`)."""

    def load(ids: str) -> Iterator[tuple[int, str]]:
        sql = f"SELECT id, kind, source_name, path FROM {Article._meta.db_table}"
        for pk, kind, source_name, path in _rows_of(sql + " WHERE id = ANY(%s::bigint[])", ids):
            yield pk, _plain_name(kind, source_name, path)

    return Names(load)


def leader_names() -> Names:
    """The names of leaders by id."""

    def load(ids: str) -> list[tuple[int, str]]:
        sql = f"SELECT id, name FROM {Leader._meta.db_table} WHERE id = ANY(%s::bigint[])"
        return _rows_of(sql, ids)

    return Names(load)
