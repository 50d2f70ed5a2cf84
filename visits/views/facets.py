"""A list's facets: each option with the count it would give and the link that toggles it."""

from __future__ import annotations

from django.db.models.functions import ExtractYear

from visits import selectors

from .params import toggle_url
from .specs import EXTRACTED_YEAR, FACET_MAX, NOT_FILTERS, Facet, ListSpec


def list_facets(spec: ListSpec, data, levels, memo) -> tuple[list[dict], int | None]:
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
    for name in NOT_FILTERS:
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
            f.param: ExtractYear(f.year_of) if f.key == EXTRACTED_YEAR else f.key for f in facets
        }
        found, n = selectors.facet_counts(queryset=filterset.qs, columns=columns)
        counts.update(found)
        if key == key_of(shown):
            total = n
    found = {f.param: len(counts[f.param]) for f in spec.facets}
    for facet in spec.facets:
        counts[facet.param] = _shown_options(facet, counts[facet.param], data)
    names = selectors.country_names(
        codes=(v for f in spec.facets if f.countries for v, _ in counts[f.param])
    )
    return [
        _facet_options(f, counts[f.param], data, levels, names) | _more_links(f, found, data)
        for f in spec.facets
    ], total


def _shown_options(facet: Facet, counts: list, data) -> list:
    """The options a facet lists: its first `limit`, or up to FACET_MAX when the
    query asks for all of them (`more=<param>`, as Datasette's "show all"); an option
    chosen further down the list is always shown. Years are all shown, newest first."""
    if facet.year_of:
        return counts[:200]
    limit = FACET_MAX if facet.param in data.getlist("more") else facet.limit
    chosen = {c.lower() for c in data.getlist(facet.param)}
    return counts[:limit] + [vn for vn in counts[limit:] if str(vn[0]).lower() in chosen]


def _more_links(facet: Facet, found: dict, data) -> dict:
    """How many options the facet has, and the link that shows them all (or fewer)."""
    total = found[facet.param]
    expanded = facet.param in data.getlist("more")
    links = {
        "total": total,
        "limit": facet.limit,
        "chosen": len(data.getlist(facet.param)),
        "more_url": None,
        "fewer_url": None,
    }
    if facet.year_of or total <= facet.limit:
        return links
    if expanded:
        links["fewer_url"] = toggle_url(data, "more", facet.param)
    else:
        links["more_url"] = toggle_url(data, "more", facet.param)
    return links


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
                "url": toggle_url(data, facet.param, value),
                "level": levels.get(value) if facet.param == "level" else None,
            }
        )
    if facet.year_of:
        options.sort(key=lambda o: o["value"], reverse=True)
    return {"param": facet.param, "label": facet.label, "options": options}
