"""Feeds that `manage.py follow` reads, and the entries already taken from them."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q

from .records import Article


class Feed(models.Model):
    """An RSS or Atom feed to follow. Natural key: `url`. Editors add, edit and
    switch off feeds in the admin; `follow` writes `last_fetched` and `last_error`."""

    name = models.CharField(max_length=200, blank=True)
    url = models.URLField(
        max_length=1000, unique=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    language = models.CharField(
        max_length=2,
        blank=True,
        choices=[("", "as the pages say"), ("en", "English"), ("vi", "Vietnamese")],
        help_text="used when a page does not say its language",
    )
    active = models.BooleanField(default=True)
    last_fetched = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="feed_url_http",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["", "en", "vi"]), name="feed_language_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.url


class FeedEntry(models.Model):
    """One entry of a feed, remembered so that the next run does not fetch it again.
    Natural key: (`feed`, `guid`): the entry's id, else its link. An entry whose
    page and content could not be had keeps its `error` and is tried again, up to
    `follow`'s limit of attempts."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=500)
    link = models.URLField(max_length=1000, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_entries"
    )
    from_feed_content = models.BooleanField(
        default=False, help_text="read from the feed's own content: the page could not be had"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "feed entries"
        ordering = ["feed", "-first_seen"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_entry_once"),
        ]

    def __str__(self) -> str:
        return self.link or self.guid
