"""The world map drawn on the server as SVG, from the outlines in `data/world-110m.json`.

Pure functions from plain data to markup, as `charts` is: each country is one
path with a <title> (its name and what the map counts), a country with something
to show links to its list, and the page puts a table beside the map, so nothing
needs JavaScript or sight. Colours are classes of the stylesheet (`m1`…`m5`, by
count) or a level's class of /levels.css (no inline style, as the CSP wants).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe

from .styles import level_class

WORLD = Path(__file__).resolve().parent / "data" / "world-110m.json"
STEPS = 5  # shades of the count scale


@dataclass(frozen=True)
class Mark:
    """What the map shows of one country: the words of its title, a link, a colour."""

    title: str
    href: str = ""
    shade: int = 0  # 1..STEPS on the count scale; 0 for none
    level: str = ""  # a level's code: coloured by /levels.css, instead of a shade
    focus: bool = False  # the country the page is about


@lru_cache(maxsize=1)
def world() -> dict:
    """The outlines, read once per process."""
    return json.loads(WORLD.read_text(encoding="utf-8"))


def shade(count: int, top: int) -> int:
    """The step (1..STEPS) of `count` on a logarithmic scale up to `top`; 0 for none.

    Logarithmic because a few hosts receive most visits: on a linear scale every
    country but the first would be the palest shade.

    >>> shade(0, 1000), shade(1, 1000), shade(10, 1000), shade(1000, 1000)
    (0, 1, 2, 5)
    """
    if count <= 0 or top <= 0:
        return 0
    if top == 1:
        return STEPS
    return max(1, min(STEPS, math.ceil(STEPS * math.log(count) / math.log(top) - 1e-9)))


def _highest_of(step: int, top: int) -> int:
    """The largest count that `shade` puts in `step`."""
    high = min(top, int(top ** (step / STEPS)))
    while high < top and shade(high + 1, top) <= step:
        high += 1
    while high > 0 and shade(high, top) > step:
        high -= 1
    return high


def scale_legend(top: int) -> list[tuple[int, str]]:
    """(step, "2–3") for each step used by counts up to `top`, for the legend.

    >>> scale_legend(1)
    [(5, '1')]
    """
    out, low = [], 1
    for step in range(1, STEPS + 1):
        high = _highest_of(step, top)
        if high >= low:
            out.append((step, f"{low:,}" if high == low else f"{low:,}–{high:,}"))
            low = high + 1
    return out


def world_svg(*, marks: dict[str, Mark], label: str, names: dict | None = None) -> SafeString:
    """The world with each country of `marks` coloured and titled; the rest plain,
    titled with their name alone (from `names`, else Natural Earth's short one), and
    out of the tab order (no link)."""
    data = world()
    parts = [
        f'<svg class="map" viewBox="0 0 {data["width"]} {data["height"]}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>"
    ]
    for shape in data["shapes"]:
        code = shape["code"]
        mark = marks.get(code)
        name = (names or {}).get(code) or shape["name"]
        if mark is None:
            parts.append(
                f'<path d="{shape["d"]}" class="land"><title>{escape(name)}</title></path>'
            )
            continue
        classes = ["land"]
        if mark.level and level_class(mark.level):
            classes += ["by-level", level_class(mark.level)]
        elif mark.shade:
            classes.append(f"m{mark.shade}")
        if mark.focus:
            classes.append("focus")
        path = (
            f'<path d="{shape["d"]}" class="{" ".join(classes)}" data-code="{code}">'
            f"<title>{escape(mark.title)}</title></path>"
        )
        if mark.href:
            path = f'<a href="{escape(mark.href)}">{path}</a>'
        parts.append(path)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def count_marks(
    counts: dict[str, int], *, words, href, focus: str = ""
) -> tuple[dict[str, Mark], list]:
    """Marks shaded by count (`words(code, n)` says it, `href(code)` links it) and the
    legend's steps."""
    top = max(counts.values(), default=0)
    marks = {
        code: Mark(title=words(code, n), href=href(code), shade=shade(n, top))
        for code, n in counts.items()
        if n > 0
    }
    if focus:
        previous = marks.get(focus)
        marks[focus] = Mark(
            title=previous.title if previous else words(focus, 0),
            href=previous.href if previous else "",
            focus=True,
        )
    return marks, scale_legend(top)


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """The ISO codes the map can draw (small states are not in the 1:110m data)."""
    return frozenset(s["code"] for s in world()["shapes"] if s["code"])


@dataclass(frozen=True)
class Row:
    """A line of the table beside a map."""

    code: str
    name: str
    count: int = 0
    detail: str = ""
    href: str = ""
    on_map: bool = True


def _noun(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def hosts_map(*, counts: dict[str, int], names: dict[str, str]) -> dict:
    """The home page's map: visits received by each host."""
    drawn = known_codes()

    def words(code, n):
        return f"{names.get(code, code)}: {_noun(n, 'visit', 'visits')} received"

    def href(code):
        return f"/visits/?host={code}"

    marks, legend = count_marks(counts, words=words, href=href)
    rows = [
        Row(code, names.get(code, code), n, href=href(code), on_map=code in drawn)
        for code, n in counts.most_common()
    ]
    return {
        "svg": world_svg(marks=marks, label="Visits received, by host country", names=names),
        "legend": legend,
        "rows": rows,
        "caption": "Visits received, by host country",
    }


def leader_map(*, leader_name: str, counts: dict[str, int], names: dict[str, str]) -> dict:
    """A leader's page: the countries they visited, with the number of visits to each."""
    drawn = known_codes()

    def words(code, n):
        return f"{names.get(code, code)}: {_noun(n, 'visit', 'visits')}"

    def href(code):
        return "/visits/?" + urlencode({"host": code, "leader": leader_name})

    marks, legend = count_marks(counts, words=words, href=href)
    rows = [
        Row(code, names.get(code, code), n, href=href(code), on_map=code in drawn)
        for code, n in counts.most_common()
    ]
    return {
        "svg": world_svg(marks=marks, label="Countries visited", names=names),
        "legend": legend,
        "rows": rows,
        "caption": "Countries visited",
    }


def exchanges_map(*, code: str, exchanges: dict, names: dict[str, str]) -> dict:
    """A country's page: its visits with each partner, made to it and received from it."""
    drawn = known_codes()
    me = names.get(code, code)
    counts = {c: e.total for c, e in exchanges.items()}

    def words(partner, n):
        if partner == code:
            return f"{me}: the country of this page"
        e = exchanges[partner]
        return (
            f"{names.get(partner, partner)}: {_noun(e.made, 'visit', 'visits')} "
            f"from {me}, {_noun(e.received, 'visit', 'visits')} to {me}"
        )

    def href(partner):
        # A pair is not a filter of the list (repeated parameters mean OR): the
        # partner's own page has both directions.
        return "" if partner == code else f"/countries/{partner}/"

    marks, legend = count_marks(counts, words=words, href=href, focus=code)
    rows = [
        Row(
            c,
            names.get(c, c),
            e.total,
            detail=f"{e.made:,} made, {e.received:,} received",
            href=href(c),
            on_map=c in drawn,
        )
        for c, e in sorted(exchanges.items(), key=lambda kv: (-kv[1].total, names.get(kv[0], "")))
    ]
    return {
        "svg": world_svg(marks=marks, label=f"Visits between {me} and each country", names=names),
        "focus": me,
        "legend": legend,
        "rows": rows,
        "caption": f"Visits made and received by {me}, by partner",
    }


def partners_map(*, code: str, histories, names: dict[str, str]) -> dict:
    """A country's page: each partner coloured by the level of the pair today."""
    drawn = known_codes()
    me = names.get(code, code)
    marks = {code: Mark(title=f"{me}: the country of this page", focus=True)}
    rows, seen = [], {}
    for history in histories:
        current = history.current
        if current is None:
            continue
        partner = history.partner
        level = current.level
        marks[partner.code] = Mark(
            title=f"{partner.name_en}: {level.name_en} since {current.since_display}",
            href=f"/countries/{partner.code}/",
            level=level.code,
        )
        seen[level.code] = level
        rows.append(
            Row(
                partner.code,
                partner.name_en,
                detail=f"{level.name_en} since {current.since_display}",
                on_map=partner.code in drawn,
            )
        )
    legend = sorted(seen.values(), key=lambda lv: -lv.rank)
    return {
        "svg": world_svg(marks=marks, label=f"{me}'s partners by level today", names=names),
        "focus": me,
        "levels": legend,
        "rows": rows,
        "caption": f"{me}'s partners by level today",
    }
