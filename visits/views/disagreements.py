"""The visits whose curated list and news disagree on days or kind."""

from __future__ import annotations

from django.core.paginator import Paginator

from visits import selectors

from .pages import render_page

PER_PAGE = 50


def visit_disagreements(request):
    paginator = Paginator(selectors.visit_disagreements(), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render_page(
        request,
        "visits/disagreements.html",
        {"page_obj": page, "object_list": page.object_list, "paginator": paginator},
    )
