"""Articles as received: a page fetched from a URL to read, and a stored article to read
again from what was received (`ingest --reextract`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from visits.extraction import Document, DocumentError, FuzzyDate
from visits.extraction.pages import page_text
from visits.models import Article
from visits.services.fetch import FetchError, fetch
from visits.services.ingest import IngestStats
from visits.services.sources import Source, content_hash, document_reread, page_source


def url_source(
    *, url: str, today: dt.date, stats: IngestStats, language: str | None = None
) -> Source | None:
    """The page at `url`, fetched, as a Source; None when it cannot be had or read (the
    failure, naming the URL, is counted in `stats`: nothing stored is touched)."""
    try:
        fetched = fetch(url=url)
    except FetchError as exc:
        stats.articles["failed"] += 1
        stats.failures.append(str(exc))
        return None
    page = page_text(fetched.content, charset=fetched.charset)
    source = page_source(
        url=url, final_url=fetched.final_url, page=page, today=today, language=language
    )
    if source.error is not None:
        # Unlike a file, a page that cannot be read leaves no failed article behind:
        # its identity (the canonical URL) is unknown, and nothing stored should move.
        stats.articles["failed"] += 1
        stats.failures.append(source.error)
        return None
    return source


MSG_RAW_UNREAD = (
    "{where}: the article as received can no longer be read ({error}); "
    "re-extracted from its stored text"
)


def stored_source(*, article: Article, today: dt.date, stats: IngestStats) -> Source:
    """A stored article to read again: from what was received when it was kept, through
    the reader that first read it (so a better reader improves it), else its stored text."""
    where = article.path or article.source_name
    if article.raw_kind:
        try:
            document = document_reread(
                raw=article.raw,
                raw_kind=article.raw_kind,
                name=Path(article.path).name if article.path else article.source_name,
                url=article.url or None,
                today=today,
            )
        except DocumentError as exc:
            stats.warnings.append(MSG_RAW_UNREAD.format(where=where, error=exc))
        else:
            return Source(
                name=article.source_name,
                path=article.path,
                where=where,
                document=document,
                content_hash=content_hash(document),
            )
    published = None
    if article.published:
        p, precision = article.published, article.published_precision
        published = FuzzyDate(
            year=p.year,
            month=None if precision == "year" else p.month,
            day=p.day if precision == "day" else None,
        )
    document = Document(
        body=article.text,
        title=article.title or None,
        published=published,
        language=article.language or "en",
        language_confidence=article.language_confidence,
        url=article.url or None,
    )
    # The stored hash stays: the article itself did not change.
    return Source(
        name=article.source_name,
        path=article.path,
        where=where,
        document=document,
        content_hash=article.content_hash,
    )
