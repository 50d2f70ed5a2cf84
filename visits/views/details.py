"""A page per record: visit, meeting, agreement, leader, country and article."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from visits import charts, maps, selectors
from visits.models import Agreement, Article, Country, Leader, Meeting, MergedAway, Visit

from . import records_json
from .pages import render_page

BLANK_LINE = re.compile(r"\n\s*\n")
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


def _wants_json(request, as_json: bool) -> bool:
    """`/visits/5.json` or `/visits/5/?format=json`."""
    return as_json or request.GET.get("format") == "json"


def _as_json(request, build, what: str, **key):
    """The record's JSON, or a JSON 404 saying which record is missing."""
    data = build(request, **key)
    if data is None:
        value = next(iter(key.values()))
        return records_json.not_found(f"No {what} {value}.")
    return records_json.json_response(data)


def _kept(request, *, kind: str, pk: int, view: str):
    """The 301 to the record `pk` was merged into, keeping the query (?format=json)."""
    row = MergedAway.objects.filter(kind=kind, old_id=pk).first()
    if row is None:
        return None
    url = reverse(f"visits:{view}", args=[row.new_id])
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def visit_detail(request, pk: int, as_json: bool = False):
    if _wants_json(request, as_json) and Visit.objects.filter(pk=pk).exists():
        return _as_json(request, records_json.visit_json, "visit", pk=pk)
    try:
        visit = _get(selectors.visit_detail, pk=pk)
    except Http404:
        view = "visit_json" if as_json else "visit_detail"
        moved = _kept(request, kind=MergedAway.Kind.VISIT, pk=pk, view=view)
        if moved is None:
            if _wants_json(request, as_json):
                return records_json.not_found(f"No visit {pk}.")
            raise
        return moved
    return render_page(request, "visits/visit_detail.html", {"visit": visit})


def meeting_detail(request, pk: int, as_json: bool = False):
    if _wants_json(request, as_json):
        return _as_json(request, records_json.meeting_json, "meeting", pk=pk)
    meeting = _get(selectors.meeting_detail, pk=pk)
    return render_page(request, "visits/meeting_detail.html", {"meeting": meeting})


def agreement_detail(request, pk: int, as_json: bool = False):
    if _wants_json(request, as_json):
        return _as_json(request, records_json.agreement_json, "agreement", pk=pk)
    agreement = _get(selectors.agreement_detail, pk=pk)
    return render_page(request, "visits/agreement_detail.html", {"agreement": agreement})


def leader_detail(request, pk: int, as_json: bool = False):
    if _wants_json(request, as_json) and Leader.objects.filter(pk=pk).exists():
        return _as_json(request, records_json.leader_json, "leader", pk=pk)
    try:
        leader, lines = _get(selectors.leader_detail, pk=pk)
    except Http404:
        view = "leader_json" if as_json else "leader_detail"
        moved = _kept(request, kind=MergedAway.Kind.LEADER, pk=pk, view=view)
        if moved is None:
            if _wants_json(request, as_json):
                return records_json.not_found(f"No leader {pk}.")
            raise
        return moved
    visited = selectors.leader_countries_visited(leader_id=leader.pk)
    world = maps.leader_map(
        leader_name=leader.name,
        counts=visited,
        names=selectors.country_names(codes=maps.known_codes() | set(visited)),
    )
    return render_page(
        request, "visits/leader_detail.html", {"leader": leader, "lines": lines, "map": world}
    )


def country_detail(request, code: str, as_json: bool = False):
    if _wants_json(request, as_json):
        return _as_json(request, records_json.country_json, "country", code=code)
    try:
        country = selectors.country_list().get(code=code.upper())
    except Country.DoesNotExist as e:
        raise Http404("No such country") from e
    histories = selectors.country_partnerships(code=country.code)
    made = selectors.visit_list().filter(visitor_country=country)[:20]
    received = selectors.visit_list().filter(host_country=country)[:20]
    exchanges = selectors.country_exchanges(code=country.code)
    names = selectors.country_names(codes=maps.known_codes() | {country.code, *exchanges})
    return render_page(
        request,
        "visits/country_detail.html",
        {
            "country": country,
            "histories": histories,
            "timeline": charts.partnership_svg(histories),
            "timeline_phone": charts.partnership_svg(histories, phone=True),
            "made": made,
            "received": received,
            "exchanges_map": maps.exchanges_map(
                code=country.code, exchanges=exchanges, names=names
            ),
            "partners_map": maps.partners_map(code=country.code, histories=histories, names=names),
        },
    )


def article_detail(request, pk: int, as_json: bool = False):
    if _wants_json(request, as_json):
        return _as_json(request, records_json.article_json, "article", pk=pk)
    article, evidence = _get(selectors.article_detail, pk=pk)
    return render_page(
        request,
        "visits/article_detail.html",
        {
            "article": article,
            "read": read_from(article.text, evidence),
            "segments": highlight_segments(article.text, evidence),
        },
    )


def record_link(evidence) -> dict:
    """Where a sentence's record is, and what to call it: the link back from the article
    to the record's page, at the sentence (`#evidence-<id>`)."""
    if evidence.visit_id:
        url = reverse("visits:visit_detail", args=[evidence.visit_id])
        label, noun = "visit", "the visit"
    elif evidence.meeting_id:
        url = reverse("visits:meeting_detail", args=[evidence.meeting_id])
        label = evidence.meeting.get_kind_display()
        noun = f"the {label}"
    else:
        url = reverse("visits:agreement_detail", args=[evidence.agreement_id])
        label = evidence.agreement.get_kind_display()
        noun = f"the {label}"
    return {"url": f"{url}#evidence-{evidence.pk}", "label": label, "noun": noun, "e": evidence}


def read_from(text: str, evidence) -> list[dict]:
    """What was read from the article, one entry per sentence (span) with every record
    read from it: {"id": the anchor in the text, "sentence", "records": [record_link]}."""
    out: dict[tuple, dict] = {}
    for e in evidence:
        exact = 0 <= e.start < e.end <= len(text)
        key = (e.start, e.end) if exact else ("sentence", e.sentence)
        entry = out.setdefault(
            key, {"id": e.pk, "sentence": e.sentence, "exact": exact, "records": []}
        )
        entry["records"].append(record_link(e))
    return list(out.values())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends (a sentence's trailing blank line)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def highlight_segments(text: str, evidence) -> list[dict]:
    """The article text cut into plain and highlighted runs: the evidence sentences alone.

    Each span is trimmed of surrounding white space; overlapping spans merge into one
    mark carrying every evidence id (`ids`, anchored in the page) and the links back
    to their records (`records`, on the mark's last run); a mark never runs over a
    blank line (a paragraph break is left plain). Spans that fall outside the text
    are left out (the page lists their sentences anyway).
    """
    spans = []
    for e in evidence:
        if 0 <= e.start < e.end <= len(text):
            start, end = _trimmed(text, e.start, e.end)
            if start < end:
                spans.append((start, end, e))
    spans.sort(key=lambda span: (span[0], span[1], span[2].pk))
    merged: list[list] = []
    for start, end, e in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(e)
        else:
            merged.append([start, end, [e]])
    segments, pos = [], 0
    for start, end, rows in merged:
        if start > pos:
            segments.append({"text": text[pos:start], "ids": []})
        runs = _runs(text, start, end)
        for i, (a, b, mark) in enumerate(runs):
            segment = {"text": text[a:b], "ids": [e.pk for e in rows] if i == 0 else []}
            if mark:
                segment["mark"] = True
            if i == len(runs) - 1:
                segment["records"] = _links(rows)
            segments.append(segment)
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "ids": []})
    return segments


def _runs(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The mark's text cut at blank lines: (start, end, marked) runs."""
    runs, pos = [], start
    for match in BLANK_LINE.finditer(text, start, end):
        runs.append((pos, match.start(), True))
        runs.append((match.start(), match.end(), False))
        pos = match.end()
    runs.append((pos, end, True))
    return runs


def _links(rows) -> list[dict]:
    """The links back to each record of a mark, each record once."""
    seen, out = set(), []
    for e in rows:
        key = (e.visit_id, e.meeting_id, e.agreement_id)
        if key not in seen:
            seen.add(key)
            out.append(record_link(e))
    return out
