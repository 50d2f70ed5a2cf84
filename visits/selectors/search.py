"""Full-text search over the articles, and leaders found by any spelling of their name."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Q, QuerySet

from visits.models import Article, Leader, fold

SEARCH_CONFIG = "diplomacy"


def article_document() -> SearchVector:
    """The searchable text of an article; migration 0004 indexes this very expression."""
    return SearchVector("title", "text", config=SEARCH_CONFIG)


def articles_matching(*, text: str) -> QuerySet[Article]:
    """Articles whose title or body matches `text` (web-search syntax, accents ignored)."""
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return Article.objects.annotate(document=article_document()).filter(document=query)


def leaders_named(*, names: list[str]) -> QuerySet[Leader]:
    """Leaders any of whose spellings contains one of `names` as whole words.

    'to lam' and 'Tô Lâm' both find 'Tô Lâm'; 'anwar' finds 'Anwar Ibrahim'.
    """
    condition = Q()
    for name in names:
        key = fold(name)
        if not key:
            continue
        pattern = r"(^| )" + _regex_escape(key) + r"( |$)"
        condition |= Q(name_key__regex=pattern) | Q(alias_keys__contains=[key])
    if not condition:
        return Leader.objects.none()
    return Leader.objects.filter(condition)


def leader_ids_named(*, names: list[str]) -> list[int]:
    """The ids of `leaders_named(names=...)`, resolved now (one small query), so the
    record filters hand PostgreSQL constants it can estimate and look up by index."""
    return list(leaders_named(names=names).values_list("id", flat=True))


def article_ids_matching(*, text: str) -> list[int]:
    """The ids of `articles_matching(text=...)`, resolved now through the GIN index.

    Left as a subquery under a record filter, the planner would rather compute
    each candidate record's article document than use the index. Alone, it still
    scans the table when a word is in most articles ('Viet Nam' in this corpus),
    because it prices a document at 100 operators when it takes 50 µs or more:
    105 ms for 2,000 short articles against 4 ms by the index. So the scan is
    switched off for this one query.
    """
    ids = articles_matching(text=text).order_by().values_list("id", flat=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        found = list(ids)
        # An error rolls the setting back with the savepoint; inside a longer
        # transaction (tests, ATOMIC_REQUESTS), put it back for what follows.
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
    return found


def _regex_escape(text: str) -> str:
    # Folded keys hold only letters, digits and single spaces; escape anyway.
    return "".join("\\" + c if not (c.isalnum() or c == " ") else c for c in text)


class InArray(Func):
    """`field = ANY(%s)`: a list of values bound as one array parameter, so a search
    that matches thousands of articles is one parameter to send and plan, not thousands
    of literals compiled into each query that carries them."""

    output_field = BooleanField()

    def __init__(self, field: str, values):
        super().__init__(F(field))
        self.values = [int(v) for v in values]

    def as_sql(self, compiler, connection, **extra):
        lhs, params = compiler.compile(self.source_expressions[0])
        return f"{lhs} = ANY(%s::bigint[])", (*params, self.values)


def in_array(*, field: str, values) -> InArray:
    """The condition that `field` (an integer column) is one of `values`."""
    return InArray(field, values)
