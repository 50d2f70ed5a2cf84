"""The list pages: one path (`record_list`) for every list, and a view per list."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from visits import filters, selectors

from .downloads import FORMATS, download, download_problems, refused, unknown_format_message
from .facets import list_facets
from .params import (
    bind,
    hidden_params,
    invalid_fields,
    page_url,
    unknown_country_messages,
    without_url,
)
from .sentence import describe, describe_title
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
    if fmt == "atom" and spec is VISITS:
        # The feed of this very list: `/visits/?host=VN&format=atom` is its Atom feed
        asked = request.GET.copy()
        asked.pop("format", None)
        query = asked.urlencode()
        return redirect(reverse("visits:visit_feed") + (f"?{query}" if query else ""))
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
        page_obj.object_list = _page_rows(spec, queryset, page_obj)
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
    messages += unknown_country_messages(cleaned, countries)
    described = {"spec": spec, "cleaned": cleaned, "countries": countries, "levels": levels}
    sentence, chips = describe(count=count, **described)
    chips = [{"text": text, "url": without_url(data, param, value)} for param, text, value in chips]
    current_sort = data.get("sort", "")
    context = {
        "title": describe_title(**described),
        "invalid": invalid_fields(filterset, valid, data),
        "hidden_rows": _hidden_rows(spec, data, levels, memo, cleaned),
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
        "sorts": sort_options(spec),
        "largest_first": _largest_first(spec),
        "current_sort": current_sort,
        "last_page_url": page_url(data, paginator.num_pages),
        "downloads": bool(spec.rows),
        "source_choices": filters.SOURCES,
    }
    return render(request, spec.template, context, status=200)


def _largest_first(spec: ListSpec) -> frozenset:
    """The sorts of the list that are counts, largest first (NullsLastOrderingFilter)."""
    return getattr(spec.filterset.base_filters.get("sort"), "largest_first", frozenset())


def sort_options(spec: ListSpec) -> list[dict]:
    """The sort menu's options, [{"value", "text"}]: each sort both ways, a count's
    largest first ("Visits made, most first")."""
    counts = _largest_first(spec)
    options = []
    for label, value in spec.sorts.items():
        if value in counts:
            ways = ((value, f"{label}, most first"), (f"-{value}", f"{label}, fewest first"))
        else:
            ways = ((value, f"{label} ↑"), (f"-{value}", f"{label} ↓"))
        options += [{"value": v, "text": text} for v, text in ways]
    return options


def _hidden_rows(spec: ListSpec, data, levels, memo, cleaned) -> dict | None:
    """When the list hides its rows without records (HidesEmptyRowsMixin): how many rows
    there are with them, and the link that shows them all (one COUNT query)."""
    if "all" not in spec.filterset.base_filters or not cleaned or cleaned.get("all") == "1":
        return None
    everything = data.copy()
    everything.pop("page", None)
    everything["all"] = "1"
    filterset = spec.filterset(everything, queryset=spec.selector(), levels=levels, memo=memo)
    if not filterset.is_valid():
        return None
    return {"count": filterset.qs.count(), "url": "?" + everything.urlencode()}


def _page_rows(spec: ListSpec, queryset, page_obj) -> list:
    """The page's rows: their ids first, sorted and cut on the narrow rows, then the
    rows themselves with everything the page shows, for those ids only.

    In one query PostgreSQL would join and carry every matching row's columns
    through the sort (a sort by host name over 25,000 visits) to keep fifty.
    """
    per_page = page_obj.paginator.per_page
    bottom = (page_obj.number - 1) * per_page
    ids = list(queryset.values_list("pk", flat=True)[bottom : bottom + per_page])
    shown = queryset.filter(pk__in=ids).order_by()
    if spec.page_rows:
        shown = spec.page_rows(shown)
    rows = {row.pk: row for row in shown}
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
