"""A list's rows as a file to download: CSV or JSON, with the same filters as the page.

The whole list streams from a server-side cursor (`exports`), so the first
bytes leave at once and memory stays flat whatever the length. A CSV ends with
the line `# complete: N <plural>`; a JSON list is one object, complete only when
it closes: `{"visits": [...], "count": N, "next": null, "previous": null}`.
With `page=N` the download is that page of the list (PER_PAGE rows), and `next`
and `previous` link to the pages beside it.

A download never silently ignores a parameter: a bad filter, sort or page
answers 400 with what is wrong (a JSON error object for JSON) instead of a
file.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse

from visits import exports

from .params import page_url
from .specs import PER_PAGE, ListSpec

FORMATS = ("csv", "json")
MSG_REFUSED = "The download was refused: fix the parameters named below."
MSG_BAD_PAGE = "must be a whole number from 1 to {pages} (the list has {count} {plural})."


def download_problems(*, asked, data, filterset, valid: bool) -> dict[str, list[str]]:
    """What is wrong with the query string of a download, by parameter name.

    `asked` is the query string as sent, `data` as `params.bind` kept it (without
    a sort it refused)."""
    problems: dict[str, list[str]] = {}
    if asked.getlist("sort") and not data.getlist("sort"):
        problems["sort"] = [f"unknown sort “{', '.join(asked.getlist('sort'))}”."]
    if not valid:
        for name, errors in filterset.errors.items():
            shown = "date_after / date_before" if name == "date" else name
            problems[shown] = [str(e) for e in errors]
    return problems


def refused(fmt: str, problems: dict[str, list[str]]) -> HttpResponse:
    """The 400 answer naming every parameter that is wrong: a JSON error object for
    `fmt` json, plain text otherwise."""
    if fmt == "json":
        error = {"status": 400, "message": MSG_REFUSED, "parameters": problems}
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    lines = [MSG_REFUSED] + [f"{name}: {e}" for name, errors in problems.items() for e in errors]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _page_number(raw: str, count: int, plural: str) -> tuple[int | None, str | None]:
    """The page asked for, or the message saying why there is no such page."""
    pages = max(1, -(-count // PER_PAGE))
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= pages:
        return None, MSG_BAD_PAGE.format(pages=pages, count=count, plural=plural)
    return number, None


def download(request, spec: ListSpec, queryset, data, fmt: str) -> HttpResponse:
    """The rows of `queryset` in `fmt` (one of FORMATS), as a streamed attachment: the
    whole list, or the page `data["page"]` with the total count and the pages beside."""
    site = request.build_absolute_uri("/").rstrip("/")
    tail = {"count": None, "next": None, "previous": None}
    if "page" in data:
        count = queryset.count()
        number, problem = _page_number(data.get("page", ""), count, spec.plural)
        if problem:
            return refused(fmt, {"page": [problem]})
        bottom = (number - 1) * PER_PAGE
        queryset = queryset[bottom : bottom + PER_PAGE]
        pages = max(1, -(-count // PER_PAGE))
        link = request.build_absolute_uri(request.path)
        tail = {
            "count": count,
            "page": number,
            "pages": pages,
            "next": link + page_url(data, number + 1) if number < pages else None,
            "previous": link + page_url(data, number - 1) if number > 1 else None,
        }
    rows = spec.rows(queryset, site=site)
    if fmt == "json":
        content = exports.json_list_document(
            rows, plural=spec.plural, tail=lambda n: {**tail, "count": tail["count"] or n}
        )
        response = StreamingHttpResponse(content, content_type="application/json")
    else:
        content = exports.csv_lines(rows, spec.fields, plural=spec.plural)
        response = StreamingHttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{spec.plural}.{fmt}"'
    return response


def unknown_format_message(spec: ListSpec, fmt: str) -> str:
    known = "csv or json" if spec.rows else "none for this list"
    return f"Unknown format “{fmt}” (downloads: {known}): shown as a page."
