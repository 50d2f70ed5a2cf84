"""Following RSS and Atom feeds: each new entry's page fetched and ingested, entries
remembered by guid so that the next run fetches only what is new.

A page that cannot be had falls back to the entry's own content (full content, else
its summary), with a warning saying so; an entry with neither is tried again on the
next runs, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import feedparser
from django.db.models import Q
from django.utils import timezone

from visits.extraction.pages import fragment_text, page_text
from visits.models import Article, Feed, FeedEntry
from visits.services.fetch import FEED_TYPES, FetchError, fetch
from visits.services.ingest import IngestStats
from visits.services.runner import Progress, Run, _maybe_dry
from visits.services.sources import Source, item_source, page_source

MAX_ATTEMPTS = 3
MAX_GUID = 500  # FeedEntry.guid
MAX_URL = 1000  # Feed.url

MSG_NOT_A_FEED = "{url}: not an RSS or Atom feed ({reason})"
MSG_NOT_HTTP = "{url}: only http and https addresses (up to 1,000 characters) are followed"
MSG_FROM_CONTENT = (
    "{link}: the page could not be had ({reason}); read from the feed's own content instead"
)
MSG_NO_CONTENT = "{link}: the page could not be had ({reason}) and the feed gives no content"
MSG_NO_LINK = "an entry without a link"


@dataclass
class FollowStats:
    """What a follow run did: the ingest counts plus the feeds' and entries'."""

    ingest: IngestStats = field(default_factory=IngestStats)
    feeds: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    entries_seen: int = 0
    from_content: int = 0


@dataclass
class _Pending:
    entry: FeedEntry
    source: Source | None = None


def _guid(entry) -> str:
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if not guid:
        key = f"{entry.get('title', '')}\x1f{entry.get('summary', '')}"
        guid = "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    if len(guid) > MAX_GUID:
        guid = guid[: MAX_GUID - 24] + "#" + hashlib.sha256(guid.encode()).hexdigest()[:20]
    return guid


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*parsed[:3]).isoformat() if parsed else None


def _entry_content(entry) -> str:
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return content["value"]
    return entry.get("summary") or ""


def feed_parse(*, url: str, content: bytes, content_type: str, base: str | None = None):
    """The parsed feed, or FetchError naming `url` when it is no RSS or Atom feed.
    Relative links are resolved against `base`, the address the feed was read from."""
    headers = {"content-type": content_type, "content-location": base or url}
    parsed = feedparser.parse(content, response_headers=headers)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no feed element"
        raise FetchError(MSG_NOT_A_FEED.format(url=url, reason=reason))
    return parsed


def feeds_follow(
    *, urls: list[str] | None = None, dry_run: bool = False, progress: Progress | None = None
) -> FollowStats:
    """Read the feeds at `urls` (added as feeds when new), else every active feed."""
    stats = FollowStats()
    run = Run(progress=progress, batch=1)
    stats.ingest = run.stats

    def work() -> IngestStats:
        feeds = []
        if urls:
            for url in urls:
                if len(url.strip()) > MAX_URL or not url.strip().lower().startswith(
                    ("http://", "https://")
                ):
                    run.stats.failures.append(MSG_NOT_HTTP.format(url=url))
                    stats.feeds_failed += 1
                    continue
                feeds.append(Feed.objects.get_or_create(url=url.strip())[0])
        else:
            feeds = list(Feed.objects.filter(active=True).order_by("pk"))
        for feed in feeds:
            _feed_follow(feed=feed, run=run, stats=stats)
        return run.stats

    _maybe_dry(work, dry_run=dry_run)
    return stats


def _feed_follow(*, feed: Feed, run: Run, stats: FollowStats) -> None:
    stats.feeds += 1
    now = timezone.now()
    try:
        fetched = fetch(url=feed.url, accept=FEED_TYPES, wanted="an RSS or Atom feed")
        parsed = feed_parse(
            url=feed.url, content=fetched.content, content_type=fetched.content_type
        )
    except FetchError as exc:
        stats.feeds_failed += 1
        run.stats.failures.append(str(exc))
        feed.last_fetched, feed.last_error = now, str(exc)
        feed.save(update_fields=["last_fetched", "last_error"])
        return
    feed.last_fetched, feed.last_error = now, ""
    if not feed.name:
        feed.name = (parsed.feed.get("title") or "")[:200]
    feed.save(update_fields=["last_fetched", "last_error", "name"])
    language = feed.language or (parsed.feed.get("language") or "")[:2].lower() or None

    entries = {}
    for entry in parsed.entries:
        entries.setdefault(_guid(entry), entry)
    known = {e.guid: e for e in FeedEntry.objects.filter(feed=feed, guid__in=list(entries))}
    todo = []
    for guid, entry in entries.items():
        row = known.get(guid)
        if row is not None and (row.article_id or row.attempts >= MAX_ATTEMPTS):
            stats.entries_seen += 1
            continue
        if row is None:
            row = FeedEntry(feed=feed, guid=guid, link=(entry.get("link") or "")[:1000])
        todo.append((row, entry))
    stats.entries_new += len(todo)

    pending: list[_Pending] = []

    def sources() -> Iterator[Source]:
        for row, entry in todo:
            item = _Pending(entry=row)
            pending.append(item)
            item.source = _entry_source(
                row=row, entry=entry, run=run, stats=stats, language=language
            )
            if item.source is not None:
                yield item.source

    run.process(sources(), total=len(todo))
    for item in pending:
        row, source = item.entry, item.source
        row.attempts += 1
        row.fetched_at = timezone.now()
        if source is not None:
            row.article = (
                Article.objects.filter(
                    Q(source_name=source.name) | Q(content_hash=source.content_hash)
                )
                .order_by("pk")
                .first()
            )
        row.save()


def _entry_source(
    *, row: FeedEntry, entry, run: Run, stats: FollowStats, language: str | None
) -> Source | None:
    """The entry's page, else its own content; None (and the entry's error) when neither."""
    link = row.link
    reason = MSG_NO_LINK
    if link:
        try:
            fetched = fetch(url=link)
        except FetchError as exc:
            reason = str(exc).removeprefix(f"{link}: ")
        else:
            page = page_text(fetched.content, charset=fetched.charset)
            source = page_source(
                url=link, final_url=fetched.final_url, page=page, today=run.today, language=language
            )
            if source.error is None:
                row.error, row.from_feed_content = "", False
                return source
            reason = source.error.removeprefix(f"{link}: ")
    where = link or row.guid
    text = fragment_text(_entry_content(entry))
    if not text.strip():
        message = MSG_NO_CONTENT.format(link=where, reason=reason)
        row.error = message
        run.stats.articles["failed"] += 1
        run.stats.failures.append(message)
        return None
    item = {"text": text, "title": entry.get("title") or None, "date": _entry_date(entry)}
    if link.lower().startswith(("http://", "https://")):
        item["url"] = link
    source = item_source(name=link or row.guid, where=where, item=item, today=run.today)
    if source.error is not None:
        row.error = source.error
        run.stats.articles["failed"] += 1
        run.stats.failures.append(source.error)
        return None
    message = MSG_FROM_CONTENT.format(link=where, reason=reason)
    row.error, row.from_feed_content = message, True
    run.stats.warnings.append(message)
    stats.from_content += 1
    return source
