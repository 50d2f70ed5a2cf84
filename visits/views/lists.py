"""The list pages: one path (`record_list`) for every list, and a view per list."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render

from visits import filters, selectors

from .downloads import FORMATS, download, download_problems, refused, unknown_format_message
from .facets import list_facets
from .params import bind, hidden_params, page_url, without_url
from .sentence import describe
from .specs import AGREEMENTS, ARTICLES, COUNTRIES, LEADERS, MEETINGS, PER_PAGE, VISITS, ListSpec


def record_list(request, spec: ListSpec):
    """Bind the FilterSet to the query string, say what it refuses, then either
    download the rows (`format=csv|json`) or render a page with facets, a sentence
    saying what is shown, and pagination that keeps the filters."""
    levels = selectors.levels_by_code()
    data = request.GET.copy()
    memo: dict = {}  # names and searches resolved once for the list and its facets
    filterset, valid, data, messages = bind(spec, data, levels, memo)
    queryset = filterset.qs if valid else filterset.queryset.none()

    fmt = data.get("format", "")
    if fmt in FORMATS and spec.rows:
        problems = download_problems(asked=request.GET, data=data, filterset=filterset, valid=valid)
        if problems:
            return refused(fmt, problems)
        return download(request, spec, queryset, data, fmt)
    if fmt and fmt != "html":
        messages.append(unknown_format_message(spec, fmt))

    facets, total = list_facets(spec, data, levels, memo) if valid else ([], None)
    paginator = Paginator(queryset, PER_PAGE)
    if total is not None:
        paginator.count = total  # counted with the facets: no COUNT query of its own
    raw_page = data.get("page", "1")
    page_obj = None
    try:
        number = int(raw_page)
        if number < 1:
            raise ValueError
    except ValueError:
        messages.append(f"“{raw_page}” is not a page number: showing the first page.")
        number = 1
    try:
        page_obj = paginator.page(number)
        page_obj.object_list = _page_rows(queryset, page_obj)
    except EmptyPage:
        messages.append(
            f"There is no page {number}: the list has {paginator.num_pages} "
            f"page{'s' if paginator.num_pages != 1 else ''}."
        )
    count = paginator.count

    cleaned = filterset.form.cleaned_data if valid else {}
    countries = selectors.country_names(
        codes={c.upper() for p in ("country", "visitor", "host") for c in (cleaned.get(p) or [])}
    )
    sentence, chips = describe(
        spec=spec, count=count, cleaned=cleaned, countries=countries, levels=levels
    )
    chips = [{"text": text, "url": without_url(data, param, value)} for param, text, value in chips]
    current_sort = data.get("sort", "")
    context = {
        "spec": spec,
        "filterset": filterset,
        "page_obj": page_obj,
        "object_list": page_obj.object_list if page_obj else [],
        "paginator": paginator,
        "count": count,
        "sentence": sentence,
        "chips": chips,
        "facets": facets,
        "messages_list": messages,
        "levels": levels,
        "params": data,
        "hidden": hidden_params(data, spec),
        "sorts": [
            {"label": label, "value": value, "desc": f"-{value}", "current": current_sort}
            for label, value in spec.sorts.items()
        ],
        "current_sort": current_sort,
        "last_page_url": page_url(data, paginator.num_pages),
        "downloads": bool(spec.rows),
        "source_choices": filters.SOURCES,
    }
    return render(request, spec.template, context, status=200)


def _page_rows(queryset, page_obj) -> list:
    """The page's rows: their ids first, sorted and cut on the narrow rows, then the
    rows themselves with everything the page shows, for those ids only.

    In one query PostgreSQL would join and carry every matching row's columns
    through the sort (a sort by host name over 25,000 visits) to keep fifty.
    """
    per_page = page_obj.paginator.per_page
    bottom = (page_obj.number - 1) * per_page
    ids = list(queryset.values_list("pk", flat=True)[bottom : bottom + per_page])
    rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [rows[pk] for pk in ids]


def visit_list(request):
    return record_list(request, VISITS)


def meeting_list(request):
    return record_list(request, MEETINGS)


def agreement_list(request):
    return record_list(request, AGREEMENTS)


def leader_list(request):
    return record_list(request, LEADERS)


def country_list(request):
    return record_list(request, COUNTRIES)


def article_list(request):
    return record_list(request, ARTICLES)
