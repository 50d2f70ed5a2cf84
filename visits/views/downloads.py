"""A list's rows as a file to download: CSV or JSON, with the same filters as the page."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from visits import exports

from .specs import ListSpec

FORMATS = ("csv", "json")


def download(spec: ListSpec, queryset, fmt: str) -> HttpResponse:
    """The rows of `queryset` in `fmt` (one of FORMATS), as an attachment."""
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


def unknown_format_message(spec: ListSpec, fmt: str) -> str:
    known = "csv or json" if spec.rows else "none for this list"
    return f"Unknown format “{fmt}” (downloads: {known}): shown as a page."
