"""Articles: the list with how many records each gave, and one article with its evidence."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, QuerySet

from visits.models import Article, Evidence

from .rows import count_of


def _distinct_count(field: str):
    """How many distinct records of `field` the article's evidence names."""
    evidence = Evidence.objects.filter(article=OuterRef("pk"))
    return count_of(evidence, "article", Count(field, distinct=True))


def article_list() -> QuerySet[Article]:
    return (
        Article.objects.defer("text", "error")
        .annotate(
            visit_count=_distinct_count("visit"),
            meeting_count=_distinct_count("meeting"),
            agreement_count=_distinct_count("agreement"),
        )
        .order_by(F("published").desc(nulls_last=True), "source_name", "-id")
    )


def article_detail(*, pk: int) -> tuple[Article, list[Evidence]]:
    article = Article.objects.get(pk=pk)
    evidence = list(
        Evidence.objects.filter(article=article)
        .select_related(
            "visit",
            "visit__visitor_country",
            "visit__host_country",
            "visit__visitor_leader",
            "meeting",
            "agreement",
            "agreement__level",
        )
        .order_by("start", "id")
    )
    return article, evidence
