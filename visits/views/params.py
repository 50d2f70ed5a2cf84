"""The query string: bound to a FilterSet, and the links and inputs that keep or change it."""

from __future__ import annotations

import datetime as dt

from django import forms

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
            messages += refusals(filterset, name, errors, data)
        messages.append("Nothing is shown until the values above are fixed.")
    else:
        messages += date_order_messages(filterset.form.cleaned_data)
    return filterset, valid, data, messages


# The words for a date range's two ends, as the form labels them.
DATE_ENDS = (("date_after", "from"), ("date_before", "to"))


def refusals(filterset, name: str, errors, data) -> list[str]:
    """What a refused parameter says, in words: the field's label and the value given
    ("Host “123”: Use two-letter ISO country codes."), never the parameter's name."""
    if name == "date":
        out = [
            f"The {end} date “{data.get(param)}” is not a date: write it as 2024-03-31."
            for param, end in DATE_ENDS
            if param in _bad_dates(data)
        ]
        return out or [f"The dates: {error}" for error in errors]
    label = filterset.filters[name].label if name in filterset.filters else name
    given = ", ".join(f"“{v}”" for v in data.getlist(name))
    return [f"{label} {given}: {error}".replace(" :", ":") for error in errors]


def _bad_dates(data) -> set[str]:
    """The date parameters whose value is not a date."""
    field = forms.DateField(required=False)
    bad = set()
    for param, _ in DATE_ENDS:
        try:
            field.clean(data.get(param) or None)
        except forms.ValidationError:
            bad.add(param)
    return bad


def date_order_messages(cleaned: dict) -> list[str]:
    """A from date after the to date leaves nothing between them: say so."""
    date = cleaned.get("date")
    if not (date and date.start and date.stop):
        return []
    start, stop = _day(date.start), _day(date.stop)
    if start <= stop:
        return []
    return [
        f"The from date ({start.isoformat()}) is after the to date "
        f"({stop.isoformat()}): no record can be between them."
    ]


def _day(value) -> dt.date:
    """The day of a range's end (django-filter gives datetimes for date ranges)."""
    return value.date() if isinstance(value, dt.datetime) else value


def unknown_country_messages(cleaned: dict, countries: dict) -> list[str]:
    """The country codes of the filters that name no country we know."""
    codes = [c.upper() for p in ("country", "visitor", "host") for c in (cleaned.get(p) or [])]
    return [
        f"There is no country with the code “{code}”: it is unknown."
        for code in dict.fromkeys(codes)
        if code not in countries
    ]


def invalid_fields(filterset, valid: bool, data) -> set[str]:
    """The form's inputs whose value was refused, to mark them and show them as typed."""
    if valid:
        return set()
    names = set(filterset.errors)
    if "date" in names:
        names |= _bad_dates(data)
    return names


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
