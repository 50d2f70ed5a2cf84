"""Every record page as JSON (`/visits/5.json`, `/visits/5/?format=json`, the same for
meetings, agreements, leaders, countries and articles): the record's row as the
list downloads give it, its page's URL, and what the page lists under it.

Each is built from the export rows (`visits.exports`), so a record reads the
same in a list download and on its own; a fixed number of queries whatever
the record holds.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.http import JsonResponse
from django.urls import reverse

from visits import exports, selectors
from visits.models import Agreement, Article, Evidence, Meeting, Partnership


def json_response(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(message: str) -> JsonResponse:
    return json_response({"error": {"status": 404, "message": message}}, status=404)


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _evidence(request, **record) -> list[dict]:
    """The sentences a record was read from, with their article (one query)."""
    rows = (
        Evidence.objects.filter(**record)
        .order_by("article_id", "start", "id")
        .values("article_id", "sentence", "start", "end", "article__title")
    )
    site = _site(request)
    return [
        {
            "article": e["article_id"],
            "article_title": e["article__title"] or None,
            "article_url": site + reverse("visits:article_detail", args=[e["article_id"]]),
            "sentence": e["sentence"],
            "start": e["start"],
            "end": e["end"],
        }
        for e in rows
    ]


def _by_date(queryset):
    return queryset.order_by(F("date").asc(nulls_last=True), "id")


def _with_urls(request, rows, view: str) -> list[dict]:
    site = _site(request)
    return [{**row, "url": site + reverse(f"visits:{view}", args=[row["id"]])} for row in rows]


def visit_json(request, *, pk: int) -> dict | None:
    """The visit's download row, its meetings, agreements and evidence."""
    row = next(exports.visit_rows(selectors.visit_list().filter(pk=pk), site=_site(request)), None)
    if row is None:
        return None
    meetings = exports.meeting_rows(_by_date(Meeting.objects.filter(visit_id=pk)))
    agreements = exports.agreement_rows(_by_date(Agreement.objects.filter(visit_id=pk)))
    return {
        "visit": row,
        "meetings": _with_urls(request, meetings, "meeting_detail"),
        "agreements": _with_urls(request, agreements, "agreement_detail"),
        "evidence": _evidence(request, visit_id=pk),
    }


def meeting_json(request, *, pk: int) -> dict | None:
    queryset = Meeting.objects.filter(pk=pk)
    rows = _with_urls(request, exports.meeting_rows(queryset), "meeting_detail")
    if not rows:
        return None
    return {"meeting": rows[0], "evidence": _evidence(request, meeting_id=pk)}


def agreement_json(request, *, pk: int) -> dict | None:
    queryset = Agreement.objects.filter(pk=pk)
    rows = _with_urls(request, exports.agreement_rows(queryset), "agreement_detail")
    if not rows:
        return None
    return {"agreement": rows[0], "evidence": _evidence(request, agreement_id=pk)}


def leader_json(request, *, pk: int) -> dict | None:
    """The leader's row, the visits they made and the meetings they attended."""
    queryset = selectors.leader_list().filter(pk=pk)
    rows = _with_urls(request, exports.leader_rows(queryset), "leader_detail")
    if not rows:
        return None
    visits = selectors.visit_list().filter(visitor_leader_id=pk).order_by("start", "id")
    meetings = _by_date(Meeting.objects.filter(participation__leader_id=pk))
    return {
        "leader": rows[0],
        "visits": list(exports.visit_rows(visits, site=_site(request))),
        "meetings": _with_urls(request, exports.meeting_rows(meetings), "meeting_detail"),
    }


def country_json(request, *, code: str) -> dict | None:
    """The country's row and every partnership level it has held with another country."""
    code = code.upper()
    rows = list(exports.country_rows(selectors.country_list().filter(code=code)))
    if not rows:
        return None
    site = _site(request)
    periods = (
        Partnership.objects.filter(Q(country_a_id=code) | Q(country_b_id=code))
        .order_by("since", "id")
        .values("country_a_id", "country_b_id", "level_id", "since", "precision", "official_name")
    )
    return {
        "country": {**rows[0], "url": site + reverse("visits:country_detail", args=[code])},
        "partnerships": [
            {
                "partner": p["country_b_id"] if p["country_a_id"] == code else p["country_a_id"],
                "level": p["level_id"],
                "since": p["since"].isoformat(),
                "since_precision": p["precision"],
                "official_name": p["official_name"] or None,
            }
            for p in periods
        ],
    }


def article_json(request, *, pk: int) -> dict | None:
    """The article's row, its text, and the records it gave with their sentences."""
    row = next(exports.article_rows(selectors.article_list().filter(pk=pk)), None)
    if row is None:
        return None
    # `url` is the original's address; `page` is the article's page here.
    row["page"] = _site(request) + reverse("visits:article_detail", args=[pk])
    text = Article.objects.filter(pk=pk).values_list("text", flat=True).first()
    evidence = (
        Evidence.objects.filter(article_id=pk)
        .order_by("start", "id")
        .values("visit_id", "meeting_id", "agreement_id", "sentence", "start", "end")
    )
    return {
        "article": row,
        "text": text,
        "evidence": [_record_of(e) for e in evidence],
    }


def _record_of(e: dict) -> dict:
    for kind in ("visit", "meeting", "agreement"):
        if e[f"{kind}_id"] is not None:
            return {
                "record": kind,
                "id": e[f"{kind}_id"],
                **{k: e[k] for k in ("sentence", "start", "end")},
            }
    return {"record": None, "id": None, **{k: e[k] for k in ("sentence", "start", "end")}}
