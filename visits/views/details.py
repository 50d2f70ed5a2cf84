"""A page per record: visit, meeting, agreement, leader, country and article."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from visits import charts, maps, selectors
from visits.models import Agreement, Article, Country, Leader, Meeting, MergedAway, Visit

from .pages import render_page

MISSING = (
    Visit.DoesNotExist,
    Meeting.DoesNotExist,
    Agreement.DoesNotExist,
    Leader.DoesNotExist,
    Article.DoesNotExist,
)


def _get(fn, **kwargs):
    try:
        return fn(**kwargs)
    except MISSING as e:
        raise Http404(str(e)) from e


def _kept(request, *, kind: str, pk: int, view: str):
    """The 301 to the record `pk` was merged into, keeping the query (?format=json)."""
    row = MergedAway.objects.filter(kind=kind, old_id=pk).first()
    if row is None:
        return None
    url = reverse(f"visits:{view}", args=[row.new_id])
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def visit_detail(request, pk: int):
    try:
        visit = _get(selectors.visit_detail, pk=pk)
    except Http404:
        moved = _kept(request, kind=MergedAway.Kind.VISIT, pk=pk, view="visit_detail")
        if moved is None:
            raise
        return moved
    return render_page(request, "visits/visit_detail.html", {"visit": visit})


def meeting_detail(request, pk: int):
    meeting = _get(selectors.meeting_detail, pk=pk)
    return render_page(request, "visits/meeting_detail.html", {"meeting": meeting})


def agreement_detail(request, pk: int):
    agreement = _get(selectors.agreement_detail, pk=pk)
    return render_page(request, "visits/agreement_detail.html", {"agreement": agreement})


def leader_detail(request, pk: int):
    try:
        leader, lines = _get(selectors.leader_detail, pk=pk)
    except Http404:
        moved = _kept(request, kind=MergedAway.Kind.LEADER, pk=pk, view="leader_detail")
        if moved is None:
            raise
        return moved
    visited = selectors.leader_countries_visited(leader_id=leader.pk)
    world = maps.leader_map(
        leader_name=leader.name, counts=visited, names=selectors.country_names(codes=visited)
    )
    return render_page(
        request, "visits/leader_detail.html", {"leader": leader, "lines": lines, "map": world}
    )


def country_detail(request, code: str):
    try:
        country = selectors.country_list().get(code=code.upper())
    except Country.DoesNotExist as e:
        raise Http404("No such country") from e
    histories = selectors.country_partnerships(code=country.code)
    made = selectors.visit_list().filter(visitor_country=country)[:20]
    received = selectors.visit_list().filter(host_country=country)[:20]
    exchanges = selectors.country_exchanges(code=country.code)
    names = selectors.country_names(codes={country.code, *exchanges})
    return render_page(
        request,
        "visits/country_detail.html",
        {
            "country": country,
            "histories": histories,
            "timeline": charts.partnership_svg(histories),
            "made": made,
            "received": received,
            "exchanges_map": maps.exchanges_map(
                code=country.code, exchanges=exchanges, names=names
            ),
            "partners_map": maps.partners_map(code=country.code, histories=histories, names=names),
        },
    )


def article_detail(request, pk: int):
    article, evidence = _get(selectors.article_detail, pk=pk)
    return render_page(
        request,
        "visits/article_detail.html",
        {
            "article": article,
            "evidence": evidence,
            "segments": highlight_segments(article.text, evidence),
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
