"""The query string: bound to a FilterSet, and the links and inputs that keep or change it."""

from __future__ import annotations

from .specs import ListSpec

# The parameters the list form shows as inputs of its own.
FORM_FIELDS = {"q", "leader", "date_after", "date_before", "year", "sort", "confirmed"}


def bind(spec: ListSpec, data, levels, memo):
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


def toggle_url(data, param: str, value: str) -> str:
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


def without_url(data, param: str, value: str | None = None) -> str:
    """The query string without `value` of `param` (without `param` at all if None)."""
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


def page_url(data, number: int) -> str:
    out = data.copy()
    out["page"] = str(number)
    return "?" + out.urlencode()


def hidden_params(data, spec) -> list[tuple[str, str]]:
    """Parameters the form does not show, kept as hidden inputs so a search keeps them."""
    hidden = []
    for key in data:
        if key in FORM_FIELDS or key in ("page", "format"):
            continue
        if key == "source" and spec.noun == "visit":
            # The visit list's form shows its first value; the others stay hidden.
            hidden += [(key, value) for value in data.getlist(key)[1:]]
            continue
        for value in data.getlist(key):
            hidden.append((key, value))
    # Extra values of a repeated form field (the form shows the first one).
    for key in ("leader", "year"):
        for value in data.getlist(key)[1:]:
            hidden.append((key, value))
    return hidden
