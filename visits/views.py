"""Public, read-only pages: home, the filtered lists, and a page per record.

Every list shares one path (`record_list`): bind the FilterSet to the query
string, show a message for what it refuses, then either download the rows
(`format=csv|json`) or render a page with facets, a sentence saying what is
shown, and pagination that keeps the filters.

A page costs a fixed handful of queries whatever the filters: the facets that
share a filtered list are counted together, with the list's length, in one
GROUPING SETS query over the records without their display annotations; the
page's rows are chosen on narrow rows, then read in full for those ids only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from visits import charts, exports, filters, selectors
from visits.models import (
    Agreement,
    AgreementKind,
    Article,
    Country,
    Leader,
    Meeting,
    MeetingKind,
    Visit,
    VisitKind,
)

PER_PAGE = 50
# Parameters that are not filters: they never count as "what is shown".
NOT_FILTERS = {"page", "format", "sort"}


@dataclass(frozen=True)
class Facet:
    """A filter whose options are listed with the count each would give."""

    param: str
    label: str
    key: str  # the field (or annotation) grouped on
    countries: bool = False  # the values are country codes, shown by the country's name
    year_of: str | None = None  # group on the year of this date field
    choices: dict | None = None
    limit: int = 12
    levels: bool = False  # the pair's level on the record's date, from the partnership periods


@dataclass(frozen=True)
class ListSpec:
    noun: str
    plural: str
    filterset: type
    selector: Callable[[], QuerySet]
    template: str
    facets: tuple[Facet, ...] = ()
    rows: Callable[[QuerySet], list[dict]] | None = None
    fields: list[str] = field(default_factory=list)
    sorts: dict[str, str] = field(default_factory=dict)
    # What the facets count over: the records without the annotations the page
    # shows (computing them inside a GROUP BY is wasted work). Default: selector.
    base: Callable[[], QuerySet] | None = None


def _level_facet() -> Facet:
    return Facet("level", "Partnership level then", "level_then", levels=True)


VISITS = ListSpec(
    noun="visit",
    plural="visits",
    filterset=filters.VisitFilter,
    selector=selectors.visit_list,
    base=selectors.visit_base,
    template="visits/visit_list.html",
    facets=(
        Facet("host", "Host", "host_country_id", countries=True),
        Facet("visitor", "Visitor", "visitor_country_id", countries=True),
        Facet("kind", "Kind", "kind", choices=dict(VisitKind.choices)),
        Facet("year", "Year", "facet_year", year_of="start", limit=30),
        _level_facet(),
    ),
    rows=exports.visit_rows,
    fields=exports.VISIT_FIELDS,
    sorts={"date": "date", "visitor": "visitor", "host": "host", "leader": "leader"},
)
MEETINGS = ListSpec(
    noun="meeting",
    plural="meetings",
    filterset=filters.MeetingFilter,
    selector=selectors.meeting_list,
    base=selectors.meeting_base,
    template="visits/meeting_list.html",
    facets=(
        Facet("country", "Place", "country_id", countries=True),
        Facet("kind", "Kind", "kind", choices=dict(MeetingKind.choices)),
        Facet("year", "Year", "facet_year", year_of="date", limit=30),
        _level_facet(),
    ),
    rows=exports.meeting_rows,
    fields=exports.MEETING_FIELDS,
    sorts={"date": "date", "place": "country", "kind": "kind"},
)
AGREEMENTS = ListSpec(
    noun="agreement",
    plural="agreements",
    filterset=filters.AgreementFilter,
    selector=selectors.agreement_list,
    base=selectors.agreement_base,
    template="visits/agreement_list.html",
    facets=(
        Facet("kind", "Kind", "kind", choices=dict(AgreementKind.choices)),
        Facet("year", "Year", "facet_year", year_of="date", limit=30),
        _level_facet(),
    ),
    rows=exports.agreement_rows,
    fields=exports.AGREEMENT_FIELDS,
    sorts={"date": "date", "kind": "kind", "level agreed": "level"},
)
LEADERS = ListSpec(
    noun="leader",
    plural="leaders",
    filterset=filters.LeaderFilter,
    selector=selectors.leader_list,
    template="visits/leader_list.html",
    facets=(Facet("country", "Country", "country_id", countries=True),),
    rows=exports.leader_rows,
    fields=exports.LEADER_FIELDS,
    sorts={"name": "name", "country": "country", "visits": "visits", "meetings": "meetings"},
)
COUNTRIES = ListSpec(
    noun="country",
    plural="countries",
    filterset=filters.CountryFilter,
    selector=selectors.country_list,
    template="visits/country_list.html",
    rows=exports.country_rows,
    fields=exports.COUNTRY_FIELDS,
    sorts={"name": "name", "visits made": "made", "visits received": "received"},
)
ARTICLES = ListSpec(
    noun="article",
    plural="articles",
    filterset=filters.ArticleFilter,
    selector=selectors.article_list,
    template="visits/article_list.html",
    facets=(
        Facet("year", "Year", "facet_year", year_of="published", limit=30),
        Facet("language", "Language", "language", choices={"en": "English", "vi": "Vietnamese"}),
    ),
    rows=exports.article_rows,
    fields=exports.ARTICLE_FIELDS,
    sorts={"date": "date", "name": "name", "title": "title"},
)


# --- Binding the query string -----------------------------------------------------------


def _bind(spec: ListSpec, data, levels, memo):
    """The bound FilterSet and the messages for what it refused.

    An unknown sort falls back to the default order; any other bad value
    empties the result, so that a download never silently ignores a filter.
    """
    messages: list[str] = []
    filterset = spec.filterset(data, queryset=spec.selector(), levels=levels, memo=memo)
    if not filterset.is_valid() and "sort" in filterset.errors:
        messages.append(
            f"Unknown sort “{', '.join(data.getlist('sort'))}”: shown in the default order."
        )
        data = data.copy()
        data.pop("sort")
        filterset = spec.filterset(data, queryset=spec.selector(), levels=levels, memo=memo)
    valid = filterset.is_valid()
    if not valid:
        for name, errors in filterset.errors.items():
            shown = "date_after / date_before" if name == "date" else name
            for error in errors:
                messages.append(f"{shown}: {error}")
        messages.append("Nothing is shown until the parameters above are fixed.")
    return filterset, valid, data, messages


def _facets(spec, data, levels, memo) -> tuple[list[dict], int | None]:
    """The options of every facet, each counted over the list filtered by every other
    parameter; and the length of the list itself when that came with them.

    Facets whose own parameter is not in the query share the list as filtered
    by every parameter, so they are counted together, with the list's length, in
    one query (`selectors.facet_counts`); a facet whose parameter is set gets a
    query of its own.
    """

    def key_of(params):
        return tuple(sorted((k, tuple(params.getlist(k))) for k in params))

    shown = data.copy()
    for name in ("page", "sort", "format"):
        shown.pop(name, None)
    groups: dict[tuple, list[Facet]] = {}
    others_of: dict[tuple, object] = {}
    for facet in spec.facets:
        others = shown.copy()
        others.pop(facet.param, None)
        key = key_of(others)
        groups.setdefault(key, []).append(facet)
        others_of[key] = others
    counts: dict[str, list[tuple]] = {}
    total = None
    base = spec.base or spec.selector
    for key, facets in groups.items():
        filterset = spec.filterset(others_of[key], queryset=base(), levels=levels, memo=memo)
        columns = {
            f.param: ExtractYear(f.year_of) if f.year_of else f.key for f in facets if not f.levels
        }
        level = next(
            (
                (
                    f.param,
                    selectors.LevelColumn(
                        a=filterset.pair[0],
                        b=filterset.pair[1],
                        day=filterset.date_field,
                        ordered=filterset.pair_ordered,
                    ),
                )
                for f in facets
                if f.levels
            ),
            None,
        )
        found, n = selectors.facet_counts(queryset=filterset.qs, columns=columns, level=level)
        counts.update(found)
        if key == key_of(shown):
            total = n
    for facet in spec.facets:
        counts[facet.param] = counts[facet.param][: facet.limit if not facet.year_of else 200]
    codes = {v for f in spec.facets if f.countries for v, _ in counts[f.param]}
    names = (
        dict(Country.objects.filter(code__in=codes).values_list("code", "name_en")) if codes else {}
    )
    return [_facet_options(f, counts[f.param], data, levels, names) for f in spec.facets], total


def _facet_options(facet: Facet, counts, data, levels, names) -> dict:
    chosen = data.getlist(facet.param)
    options = []
    for raw, n in counts:
        value = str(raw)
        if facet.countries:
            label = names.get(value, value)
        elif facet.param in ("level", "current_level"):
            level = levels.get(value)
            label = level.name_en if level else value
        elif facet.choices:
            label = facet.choices.get(value, value)
        else:
            label = value
        selected = value in chosen or value.lower() in [c.lower() for c in chosen]
        options.append(
            {
                "value": value,
                "label": label,
                "count": n,
                "selected": selected,
                "url": _toggle(data, facet.param, value),
                "level": levels.get(value) if facet.param == "level" else None,
            }
        )
    if facet.year_of:
        options.sort(key=lambda o: o["value"], reverse=True)
    return {"param": facet.param, "label": facet.label, "options": options}


def _toggle(data, param: str, value: str) -> str:
    """The query string with `value` added to, or removed from, `param`."""
    out = data.copy()
    out.pop("page", None)
    values = out.getlist(param)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    out.setlist(param, values)
    return "?" + out.urlencode()


def _without(data, param: str, value: str | None = None) -> str:
    out = data.copy()
    out.pop("page", None)
    if value is None:
        out.pop(param, None)
        if param == "date":
            out.pop("date_after", None)
            out.pop("date_before", None)
    else:
        out.setlist(param, [v for v in out.getlist(param) if v != value])
    return "?" + out.urlencode()


# --- What is shown, in words ------------------------------------------------------------


def _or(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def describe(*, spec: ListSpec, count: int, cleaned: dict, countries: dict, levels) -> tuple:
    """('12 visits where the host is Malaysia, in 2024', [active filter chips])."""
    noun = spec.noun if count == 1 else spec.plural
    parts: list[str] = []
    chips: list[tuple[str, str, str | None]] = []  # (param, text, value)

    def names(codes):
        return [countries.get(c.upper(), c.upper()) for c in codes]

    def add(param, phrase, values=None, labels=None):
        parts.append(phrase)
        if values is None:
            chips.append((param, phrase, None))
        else:
            for value, label in zip(values, labels, strict=True):
                chips.append((param, f"{param}: {label}", value))

    role = {
        "visit": {"visitor": "the visitor", "host": "the host", "country": "a side"},
        "meeting": {"visitor": "the visitor", "host": "the host", "country": "it involves"},
        "agreement": {"visitor": "the visitor", "host": "the host", "country": "a party"},
    }.get(spec.noun, {})
    for param in ("country", "visitor", "host"):
        codes = cleaned.get(param) or []
        if not codes:
            continue
        if spec.noun in ("leader", "article") or param == "country" and spec.noun == "meeting":
            phrase = f"involving {_or(names(codes))}"
        else:
            phrase = f"where {role.get(param, param)} is {_or(names(codes))}"
        add(param, phrase, codes, names(codes))
    if cleaned.get("leader"):
        who = _or(f"“{n}”" for n in cleaned["leader"])
        add("leader", f"with the leader {who}", cleaned["leader"], cleaned["leader"])
    if cleaned.get("kind"):
        kinds = {**dict(VisitKind.choices), **dict(MeetingKind.choices)}
        kinds.update(dict(AgreementKind.choices))
        labels = [kinds.get(k, k) for k in cleaned["kind"]]
        add("kind", f"of kind {_or(labels)}", cleaned["kind"], labels)
    for param, lead in (
        ("level", "when the pair's level was"),
        ("current_level", "whose pair is now at"),
    ):
        if cleaned.get(param):
            labels = [levels[c].name_en if c in levels else c for c in cleaned[param]]
            add(param, f"{lead} {_or(labels)}", cleaned[param], labels)
    if cleaned.get("language"):
        langs = {"en": "English", "vi": "Vietnamese"}
        labels = [langs.get(x, x) for x in cleaned["language"]]
        add("language", f"in {_or(labels)}", cleaned["language"], labels)
    if cleaned.get("status"):
        add("status", f"with status {_or(cleaned['status'])}", cleaned["status"], cleaned["status"])
    date = cleaned.get("date")
    if date and (date.start or date.stop):
        if date.start and date.stop:
            phrase = f"from {_day(date.start)} to {_day(date.stop)}"
        elif date.start:
            phrase = f"from {_day(date.start)} on"
        else:
            phrase = f"until {_day(date.stop)}"
        add("date", phrase)
    if cleaned.get("year"):
        labels = [str(y) for y in cleaned["year"]]
        add("year", f"in {_or(labels)}", [str(y) for y in cleaned["year"]], labels)
    if cleaned.get("q"):
        what = "whose name matches" if spec.noun == "country" else "whose articles mention"
        if spec.noun == "article":
            what = "mentioning"
        add("q", f"{what} “{cleaned['q']}”")
    sentence = f"{count:,} {noun}"
    if parts:
        sentence += " " + ", ".join(parts)
    return sentence, chips


def _day(value) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


# --- Lists ------------------------------------------------------------------------------


def record_list(request, spec: ListSpec):
    levels = selectors.levels_by_code()
    data = request.GET.copy()
    memo: dict = {}  # names and searches resolved once for the list and its facets
    filterset, valid, data, messages = _bind(spec, data, levels, memo)
    queryset = filterset.qs if valid else filterset.queryset.none()

    fmt = data.get("format", "")
    if fmt in ("csv", "json") and spec.rows:
        # The export functions prefetch what they need themselves.
        rows = spec.rows(queryset.prefetch_related(None))
        if fmt == "json":
            response = JsonResponse({spec.plural: rows}, json_dumps_params={"ensure_ascii": False})
        else:
            response = HttpResponse(
                exports.rows_to_csv(rows, spec.fields), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{spec.plural}.{fmt}"'
        return response
    if fmt and fmt != "html":
        known = "csv or json" if spec.rows else "none for this list"
        messages.append(f"Unknown format “{fmt}” (downloads: {known}): shown as a page.")

    facets, total = _facets(spec, data, levels, memo) if valid else ([], None)
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
    codes = {c.upper() for p in ("country", "visitor", "host") for c in (cleaned.get(p) or [])}
    countries = (
        dict(Country.objects.filter(code__in=codes).values_list("code", "name_en")) if codes else {}
    )
    sentence, chips = describe(
        spec=spec, count=count, cleaned=cleaned, countries=countries, levels=levels
    )
    chips = [{"text": text, "url": _without(data, param, value)} for param, text, value in chips]
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
        "hidden": _hidden_params(data, spec),
        "sorts": [
            {"label": label, "value": value, "desc": f"-{value}", "current": current_sort}
            for label, value in spec.sorts.items()
        ],
        "current_sort": current_sort,
        "last_page_url": _page_url(data, paginator.num_pages),
        "downloads": bool(spec.rows),
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


FORM_FIELDS = {"q", "leader", "date_after", "date_before", "year", "sort"}


def _hidden_params(data, spec) -> list[tuple[str, str]]:
    """Parameters the form does not show, kept as hidden inputs so a search keeps them."""
    hidden = []
    for key in data:
        if key in FORM_FIELDS or key in ("page", "format"):
            continue
        for value in data.getlist(key):
            hidden.append((key, value))
    # Extra values of a repeated form field (the form shows the first one).
    for key in ("leader", "year"):
        for value in data.getlist(key)[1:]:
            hidden.append((key, value))
    return hidden


def _page_url(data, number: int) -> str:
    out = data.copy()
    out["page"] = str(number)
    return "?" + out.urlencode()


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


# --- Records ----------------------------------------------------------------------------


def _get(fn, **kwargs):
    try:
        return fn(**kwargs)
    except (Visit.DoesNotExist, Meeting.DoesNotExist, Agreement.DoesNotExist) as e:
        raise Http404(str(e)) from e
    except (Leader.DoesNotExist, Article.DoesNotExist) as e:
        raise Http404(str(e)) from e


def visit_detail(request, pk: int):
    visit = _get(selectors.visit_detail, pk=pk)
    return render(
        request,
        "visits/visit_detail.html",
        {"visit": visit, "levels": selectors.levels_by_code()},
    )


def meeting_detail(request, pk: int):
    meeting = _get(selectors.meeting_detail, pk=pk)
    return render(
        request,
        "visits/meeting_detail.html",
        {"meeting": meeting, "levels": selectors.levels_by_code()},
    )


def agreement_detail(request, pk: int):
    agreement = _get(selectors.agreement_detail, pk=pk)
    return render(
        request,
        "visits/agreement_detail.html",
        {"agreement": agreement, "levels": selectors.levels_by_code()},
    )


def leader_detail(request, pk: int):
    leader, lines = _get(selectors.leader_detail, pk=pk)
    return render(
        request,
        "visits/leader_detail.html",
        {"leader": leader, "lines": lines, "levels": selectors.levels_by_code()},
    )


def country_detail(request, code: str):
    try:
        country = selectors.country_list().get(code=code.upper())
    except Country.DoesNotExist as e:
        raise Http404("No such country") from e
    histories = selectors.country_partnerships(code=country.code)
    made = selectors.visit_list().filter(visitor_country=country)[:20]
    received = selectors.visit_list().filter(host_country=country)[:20]
    return render(
        request,
        "visits/country_detail.html",
        {
            "country": country,
            "histories": histories,
            "timeline": charts.partnership_svg(histories),
            "made": made,
            "received": received,
            "levels": selectors.levels_by_code(),
        },
    )


def article_detail(request, pk: int):
    article, evidence = _get(selectors.article_detail, pk=pk)
    return render(
        request,
        "visits/article_detail.html",
        {
            "article": article,
            "evidence": evidence,
            "segments": highlight_segments(article.text, evidence),
            "levels": selectors.levels_by_code(),
        },
    )


def highlight_segments(text: str, evidence) -> list[dict]:
    """The article text cut into plain and highlighted runs, one mark per evidence span.

    Overlapping spans merge into one mark carrying every evidence id; spans that
    fall outside the text are left out (the page lists their sentences anyway).
    """
    spans = sorted((e.start, e.end, e.id) for e in evidence if 0 <= e.start < e.end <= len(text))
    merged: list[list] = []
    for start, end, eid in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(eid)
        else:
            merged.append([start, end, [eid]])
    segments, pos = [], 0
    for start, end, ids in merged:
        if start > pos:
            segments.append({"text": text[pos:start], "ids": []})
        segments.append({"text": text[start:end], "ids": ids})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "ids": []})
    return segments


# --- Home -------------------------------------------------------------------------------


def home(request):
    summary = selectors.home_summary()
    months = selectors.visits_by_month()
    return render(
        request,
        "visits/home.html",
        {
            **summary,
            "timeline": charts.visits_timeline_svg(months),
            "by_level": selectors.countries_by_current_level(),
            "levels": selectors.levels_by_code(),
        },
    )
