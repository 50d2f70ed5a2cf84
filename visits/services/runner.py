"""Running an ingest: files or stored articles in, extraction (in parallel if
asked), each article stored in its own transaction, counts out.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch, Q

from visits.extraction import (
    EXTRACTOR_VERSION,
    CountryName,
    Document,
    Gazetteer,
    KnownLeader,
    LevelName,
)
from visits.extraction.workers import worker_extract

if TYPE_CHECKING:  # spaCy is imported only when an article is extracted
    from visits.extraction import Extractor
from visits.models import (
    Article,
    ArticleStatus,
    Country,
    Leader,
    MergedAway,
    Office,
    PartnershipLevel,
)
from visits.models.history import history_batched
from visits.services.ingest import (
    IngestStats,
    article_failure_record,
    article_retire,
    article_store,
    ingest_lock,
)
from visits.services.leaders import LeaderBook
from visits.services.prepared import prepared_statements
from visits.services.received import stored_source, url_source
from visits.services.sources import Source, paths_walk, sources_read
from visits.worker_watch import pool_init

Progress = Callable[[int, int, str], None]
BATCH = 100


def gazetteer_build() -> Gazetteer:
    """What extraction should know, from the database (reference data and editors' work)."""
    countries = tuple(
        CountryName(
            code=c.code,
            name_en=c.name_en,
            name_vi=c.name_vi,
            aliases=tuple(c.aliases),
            cities=tuple(c.cities),
        )
        # States that are gone are for curated lists; news is read for today's.
        for c in Country.objects.filter(historical=False).order_by("code")
    )
    offices = Prefetch("offices", queryset=Office.objects.order_by("-start"))
    # Leaders the reference data or an editor vouches for, not those ingest guessed:
    # so what an article yields never depends on which articles were read before it,
    # and re-extracting unchanged articles changes nothing. A leader an editor merged
    # into another is shown as they were, under their old key, and the kept one
    # without what the merge gave them: the merge takes effect when ingest matches
    # names to leaders, and never changes what extraction reads.
    merges = MergedAway.objects.filter(kind=MergedAway.Kind.LEADER).order_by("old_id")
    gained: dict[int, set[str]] = {}
    moved: set[int] = set()
    for row in merges:
        gained.setdefault(row.new_id, set()).update(row.known_as.get("gained") or ())
        moved.update(row.known_as.get("moved_offices") or ())
    vetted = Leader.objects.filter(Q(known=True) | Q(reviewed=True) | ~Q(corrected_fields=[]))
    leaders = []
    for leader in vetted.prefetch_related(offices).order_by("pk"):
        held = [o for o in leader.offices.all() if o.pk not in moved]
        leaders.append(
            KnownLeader(
                key=str(leader.pk),
                name=leader.name,
                country=leader.country_id,
                aliases=tuple(a for a in leader.aliases if a not in gained.get(leader.pk, ())),
                offices=tuple(o.title for o in held),
                terms=tuple(
                    (o.start.isoformat() if o.start else "", o.end.isoformat() if o.end else "")
                    for o in held
                ),
            )
        )
    for row in merges:
        was = row.known_as
        if was.get("vetted"):
            leaders.append(
                KnownLeader(
                    key=str(row.old_id),
                    name=was["name"],
                    country=was.get("country"),
                    aliases=tuple(was.get("aliases") or ()),
                    offices=tuple(was.get("offices") or ()),
                    terms=tuple(tuple(t) for t in was.get("terms") or ()),
                )
            )
    leaders = tuple(leaders)
    levels = tuple(
        LevelName(code=lv.code, name_en=lv.name_en, name_vi=lv.name_vi, aliases=tuple(lv.aliases))
        for lv in PartnershipLevel.objects.all()
    )
    return Gazetteer(countries=countries, leaders=leaders, levels=levels)


# --- Extraction, inline or in worker processes -----------------------------------

_last_extractor: tuple[Gazetteer, Extractor] | None = None


def extractor_for(gazetteer: Gazetteer) -> Extractor:
    """The pipeline for this gazetteer, rebuilt only when the gazetteer changed."""
    global _last_extractor
    model = settings.SPACY_MODEL or None
    if (
        _last_extractor is None
        or _last_extractor[0] != gazetteer
        or _last_extractor[1].ner_model != model
    ):
        from visits.extraction import Extractor

        _last_extractor = (gazetteer, Extractor(gazetteer, ner_model=model))
    return _last_extractor[1]


def _extract_all(
    documents: list[tuple[int, Document]], *, extractor: Extractor | None, pool
) -> Iterator[tuple[int, object, str | None]]:
    if pool is not None:
        yield from pool.imap(worker_extract, documents, chunksize=2)
        return
    for index, document in documents:
        try:
            yield index, extractor.extract(document), None
        except Exception:
            yield index, None, traceback.format_exc(limit=3)


MSG_SAME_IDENTITY = "{where}: the same article identity {name!r} as {first}; not stored"


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# A batch's names and hashes bound as two arrays: one statement, prepared once, however
# many articles the batch holds (as IN lists, a hundred parameters each to plan).
_KNOWN_SQL = (
    f"SELECT source_name, content_hash, extractor_version, status FROM {Article._meta.db_table}"
    " WHERE source_name = ANY(%s::text[]) OR content_hash = ANY(%s::text[])"
)


def _known(sources: list[Source]) -> dict[str, tuple[str, str, str]]:
    """name or hash -> (hash, extractor version, status) for a batch, in one query."""
    names = [s.name for s in sources]
    hashes = [s.content_hash for s in sources if s.content_hash]
    with connection.cursor() as cursor:
        cursor.execute(_KNOWN_SQL, [names, hashes])
        rows = cursor.fetchall()
    found = {}
    for name, stored_hash, version, status in rows:
        found[name] = (stored_hash, version, status)
        if stored_hash:
            found[stored_hash] = (stored_hash, version, status)
    return found


def _unchanged(source: Source, known: dict) -> bool:
    row = known.get(source.name)  # found by hash only: moved, article_store renames it
    return bool(
        row
        and row[0] == source.content_hash
        and row[1] == EXTRACTOR_VERSION
        and row[2] != ArticleStatus.FAILED
    )


class Run:
    """One ingest run over a stream of sources."""

    def __init__(
        self,
        *,
        workers: int = 1,
        progress: Progress | None = None,
        force: bool = False,
        batch: int = BATCH,
        extract: bool = True,
    ):
        self.batch = batch
        self.force = force  # extract again even when hash and extractor version are unchanged
        self.stats = IngestStats()
        self.workers = max(1, workers)
        self.progress = progress or (lambda done, total, name: None)
        # No pipeline here when others extract (worker processes, queue workers), and
        # none built until an article needs it: a re-ingest of unchanged files needs none.
        self.local = extract and self.workers == 1
        self.extractor = None
        self.today = dt.date.today()
        self.leaders = LeaderBook(self.stats)
        self.claimed: dict[str, str] = {}  # identity -> where, in this run
        self.hashes: set[str] = set()  # content hashes seen in this run
        self.unread: set[str] = set()  # paths of files that could not be read, in this run

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The leaders as extraction knows them, read when the first article needs them:
        a re-ingest of unchanged files, and a run that only enqueues, read none."""
        return gazetteer_build()

    def process(self, sources: Iterable[Source], *, total: int) -> IngestStats:
        pool = None
        if self.workers > 1:
            # Spawned, not forked: workers never share the database connection. They
            # end with this process, even killed (see visits.worker_watch).
            pool = multiprocessing.get_context("spawn").Pool(
                self.workers,
                pool_init,
                (pickle.dumps(self.gazetteer), settings.SPACY_MODEL or None),
            )
        # Extracting here, files by the hundred: the next batch is extracted in a thread
        # while this one is stored, in the time storing waits on the database. Not for
        # pages (batch 1): each is stored as soon as it is fetched.
        ahead = None
        if pool is None and self.local and self.batch > 1:
            ahead = ThreadPoolExecutor(1, thread_name_prefix="extract-ahead")
        done = 0
        pending = None  # a batch read and being extracted, not stored yet
        try:
            for batch in _batches(sources, self.batch):
                todo = self._triage(batch)
                if todo and self.local and self.extractor is None:
                    self.extractor = extractor_for(self.gazetteer)
                results = _extract_all(
                    [(i, batch[i].document) for i in todo], extractor=self.extractor, pool=pool
                )
                if ahead is None:
                    done = self._store_batch(batch, results, len(todo), done=done, total=total)
                    continue
                extracting = (batch, ahead.submit(list, results), len(todo))
                if pending is not None:
                    done = self._store_batch(*pending, done=done, total=total)
                pending = extracting
            if pending is not None:
                done = self._store_batch(*pending, done=done, total=total)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM) or failed: stop the workers now rather
            # than let them finish what is queued.
            if ahead is not None:
                ahead.shutdown(wait=False, cancel_futures=True)
                ahead = None
            if pool is not None:
                pool.terminate()
                pool.join()
                pool = None
            raise
        finally:
            if ahead is not None:
                ahead.shutdown()
            if pool is not None:
                pool.close()
                pool.join()
        return self.stats

    def _store_batch(self, batch: list[Source], results, todo: int, *, done: int, total: int):
        """Store a batch's `todo` extractions (an iterator, or the future of their list)
        and report the progress; returns the count of sources done."""
        if isinstance(results, Future):
            results = iter(results.result())
        self._store_all(batch, results, several=todo > 1)
        done += len(batch)
        self.progress(done, total, batch[-1].where)
        return done

    def _triage(self, batch: list[Source]) -> list[int]:
        known = _known([s for s in batch if s.error is None])
        todo = []
        for i, source in enumerate(batch):
            self.stats.warnings.extend(source.warnings)
            first = self.claimed.setdefault(source.name, source.where)
            if first != source.where:
                message = MSG_SAME_IDENTITY.format(
                    where=source.where, name=source.name, first=first
                )
                self.stats.articles["failed"] += 1
                self.stats.failures.append(message)
            elif source.content_hash and source.content_hash in self.hashes:
                self.stats.articles["unchanged"] += 1  # the same text twice: stored once
            elif source.error is not None:
                self.unread.add(source.path)
                article_failure_record(source=source, error=source.error, stats=self.stats)
            elif not self.force and _unchanged(source, known):
                self.stats.articles["unchanged"] += 1
            else:
                todo.append(i)
            if source.content_hash:
                self.hashes.add(source.content_hash)
        return todo

    def _store_all(self, batch: list[Source], results: Iterator, *, several: bool) -> None:
        """Store a batch's extractions as they come. Several articles go in one
        transaction under one lock (a transaction and a lock an article fewer). When one
        of them fails, the batch is rolled back and stored again one article per
        transaction, where the failure is recorded for that article alone."""
        if not several:
            for index, extraction, error in results:
                self._store(batch[index], extraction, error)
            return
        taken = []  # the results this transaction went through
        saved = self.stats.snapshot()
        try:
            # The history rows of the batch's visits and meetings in one INSERT a table.
            with transaction.atomic(), history_batched():
                ingest_lock()
                for item in results:
                    taken.append(item)
                    index, extraction, error = item
                    if error is not None:
                        self._store(batch[index], extraction, error)  # its failure, noted
                        continue
                    article_store(
                        source=batch[index],
                        extraction=extraction,
                        stats=self.stats,
                        leaders=self.leaders,
                        today=self.today,
                        force=self.force,
                        held=True,
                    )
            return
        except BaseException as exc:
            self.stats.restore(saved)  # what the batch stored is gone, and so its counts
            self.leaders.forget()  # and the leaders it created
            if not isinstance(exc, Exception):
                raise  # interrupted (Ctrl-C, SIGTERM): the next ingest stores the batch
        for index, extraction, error in [*taken, *results]:
            self._store(batch[index], extraction, error)

    def _store(self, source: Source, extraction, error: str | None) -> None:
        if error is not None:
            message = f"{source.where}: extraction failed: {error.strip().splitlines()[-1]}"
            article_failure_record(source=source, error=message, stats=self.stats)
            return
        try:
            article_store(
                source=source,
                extraction=extraction,
                stats=self.stats,
                leaders=self.leaders,
                today=self.today,
                force=self.force,
            )
        except Exception as exc:  # one article's failure never stops the others
            self.leaders.forget()
            message = f"{source.where}: could not be stored: {type(exc).__name__}: {exc}"
            article_failure_record(source=source, error=message, stats=self.stats)


def ingest_paths(
    *,
    paths: list[str],
    max_bytes: int,
    workers: int = 1,
    dry_run: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
) -> IngestStats:
    """Ingest files and folders. Raises PathError for a path that does not exist.

    With `prune`, then retire the articles of those paths that the run did not see
    (see _prune), unless a path could not be read."""
    walk = paths_walk(paths=paths)
    files = walk.files
    # Pages are fetched one at a time: stored (and shown) as they come, not by hundreds.
    run = Run(workers=1 if dry_run else workers, progress=progress, batch=1 if walk.urls else BATCH)
    run.stats.warnings.extend(walk.warnings)
    run.stats.failures.extend(walk.failures)
    run.stats.skipped += walk.skipped

    def sources() -> Iterator[Source]:
        for path, base in files:
            yield from sources_read(path=path, max_bytes=max_bytes, base=base, today=run.today)
        for url in walk.urls:
            source = url_source(url=url, today=run.today, stats=run.stats)
            if source is not None:
                yield source

    def work() -> IngestStats:
        stats = run.process(sources(), total=len(files) + len(walk.urls))
        if prune:
            if walk.failures:
                stats.not_pruned = MSG_NOT_PRUNED
            else:
                _prune(run=run, paths=paths, read={str(path) for path, _ in files})
        return stats

    with prepared_statements():
        return _maybe_dry(work, dry_run=dry_run)


MSG_NOT_PRUNED = (
    "Not pruned: some of the paths given could not be read (see the failures), "
    "so no article was retired."
)


def _absolute(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _prune(*, run: Run, paths: list[str], read: set[str]) -> None:
    """Retire the articles read from under `paths` that this run did not see.

    An article belongs to a folder given when its stored path lies inside it, or
    to a file given (a .jsonl) when its path is that file: never one fetched from
    a URL or read from another folder. It is retired when its file is gone, or
    was read in this run without it (a line taken out of a .jsonl); never when
    its file could not be read this time.
    """
    tops = [(_absolute(p), Path(p).is_dir()) for p in paths]
    near = Q()
    for raw, (absolute, is_dir) in zip(paths, tops, strict=True):
        for form in {raw, absolute, os.path.normpath(raw)}:
            near |= Q(path=form)
            if is_dir:
                near |= Q(path__startswith=form.rstrip("/") + "/")
    read_abs = {_absolute(p) for p in read}
    unread_abs = {_absolute(p) for p in run.unread}
    candidates = (
        Article.objects.filter(near, kind="news")
        .exclude(source_name__in=list(run.claimed))
        .order_by("source_name")
    )
    for article in candidates:
        if article.content_hash and article.content_hash in run.hashes:
            continue  # its text was read in this run, under another name
        where = _absolute(article.path)
        inside = any(
            where == top or (is_dir and where.startswith(top.rstrip("/") + "/"))
            for top, is_dir in tops
        )
        if not inside or where in unread_abs:
            continue
        if where not in read_abs and os.path.lexists(where):
            continue  # its file is there but was not read (a hidden name, say)
        article_retire(article=article, stats=run.stats)


def ingest_reextract(
    *,
    workers: int = 1,
    dry_run: bool = False,
    progress: Progress | None = None,
    article_ids: Iterable[int] | None = None,
) -> IngestStats:
    """Run the current extractor again over every stored article's text (or those of
    `article_ids`)."""
    run = Run(workers=1 if dry_run else workers, progress=progress, force=True)
    # A curated row is no text to extract: import_curated reads it again.
    articles = Article.objects.exclude(content_hash=None).filter(kind="news").order_by("id")
    if article_ids is not None:
        articles = articles.filter(pk__in=set(article_ids))
    total = articles.count()

    def sources() -> Iterator[Source]:
        for article in articles.iterator(chunk_size=200):
            yield stored_source(article=article, today=run.today, stats=run.stats)

    return _maybe_dry(lambda: run.process(sources(), total=total), dry_run=dry_run)


class _DryRunRollback(Exception):
    pass


def _maybe_dry(work: Callable[[], IngestStats], *, dry_run: bool) -> IngestStats:
    if not dry_run:
        return work()
    result = None
    try:
        with transaction.atomic():
            result = work()
            raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result
