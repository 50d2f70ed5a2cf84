"""Pictures drawn on the server as SVG: the visits timeline and partnership histories.

Pure functions from plain data to markup (text escaped), so the pages need no
JavaScript and no chart library. Every mark has a <title> that browsers show on
hover and screen readers read.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_hex(color: str) -> bool:
    return bool(color and HEX.match(color))


def _color(color: str) -> str:
    return color if is_hex(color) else "#888888"


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


ROUND_YEARS = (1, 2, 5, 10, 20, 25, 50, 100)


def _year_step(n_years: int, plot_w: float, label_w: float) -> int:
    """Label every k years, k the smallest round number whose labels do not touch.

    >>> _year_step(10, 800, 36), _year_step(150, 800, 36), _year_step(150, 360, 40)
    (1, 10, 20)
    """
    for k in ROUND_YEARS:
        if n_years / k * label_w <= plot_w:
            return k
    return ROUND_YEARS[-1]


def visits_timeline_svg(
    months: list[tuple[dt.date, int]], *, width: int = 880, height: int = 180, phone: bool = False
) -> SafeString:
    """Bars of visits per month (per year past ten years of months), each linking to the list.

    A bar of no visit is drawn flat, titled, and not a link (so never in the tab
    order). Year labels are spaced so they never overlap; `phone` draws a narrow
    chart (400 wide) whose labels stay readable on a 390 px screen, the page
    showing one or the other by the screen's width.
    """
    if not months:
        return mark_safe('<p class="muted">No dated visits yet.</p>')
    if phone:
        width, height = 400, 200
    counts = {m: n for m, n in months}
    buckets: list[tuple[str, str, str, int]]  # (label, date_after, date_before, n)
    all_months = _months(months[0][0], months[-1][0])
    if len(all_months) > 120:
        by_year: dict[int, int] = {}
        for m, n in months:
            by_year[m.year] = by_year.get(m.year, 0) + n
        years = range(months[0][0].year, months[-1][0].year + 1)
        buckets = [(str(y), f"{y}-01-01", f"{y}-12-31", by_year.get(y, 0)) for y in years]
    else:
        buckets = []
        for m in all_months:
            nxt = (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            last = nxt - dt.timedelta(days=1)
            label = m.strftime("%B %Y")
            buckets.append((label, m.isoformat(), last.isoformat(), counts.get(m, 0)))
    top = max(n for *_, n in buckets) or 1
    left, bottom, pad_top = (30, 28, 12) if phone else (36, 24, 10)
    plot_w, plot_h = width - left - 8, height - bottom - pad_top
    step = plot_w / len(buckets)
    bar_w = max(step * 0.8, 1)
    tick = "tick tick-phone" if phone else "tick"
    n_years = int(buckets[-1][1][:4]) - int(buckets[0][1][:4]) + 1
    every = _year_step(n_years, plot_w, 44 if phone else 36)
    parts = [
        f'<svg class="chart timeline{" timeline-phone" if phone else " timeline-wide"}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Visits per {"year" if len(all_months) > 120 else "month"}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{pad_top + plot_h}" x2="{width - 8}" '
        f'y2="{pad_top + plot_h}" class="axis"/>',
        f'<text x="{left - 4}" y="{pad_top + 8}" text-anchor="end" class="{tick}">{top}</text>',
        f'<text x="{left - 4}" y="{pad_top + plot_h}" text-anchor="end" class="{tick}">0</text>',
    ]
    last_year, last_x = None, None
    for i, (label, after, before, n) in enumerate(buckets):
        x = left + i * step + (step - bar_w) / 2
        h = plot_h * n / top
        y = pad_top + plot_h - h
        if n:
            href = "/visits/?" + urlencode({"date_after": after, "date_before": before})
            noun = "visit" if n == 1 else "visits"
            parts.append(
                f'<a href="{escape(href)}"><rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" class="bar"><title>{escape(label)}: {n} {noun}'
                f"</title></rect></a>"
            )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="0" class="bar">'
                f"<title>{escape(label)}: no visit</title></rect>"
            )
        year = int(after[:4])
        tx = left + i * step
        first = last_year is None
        round_year = year != last_year and year % every == 0
        room = tx + (30 if phone else 27) <= width  # the last label stays inside
        spaced = last_x is None or tx - last_x >= (44 if phone else 36)
        if room and (first or (round_year and spaced)):
            parts.append(f'<text x="{tx:.1f}" y="{height - 8}" class="{tick}">{year}</text>')
            last_x = tx
        last_year = year
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _short(name: str, limit: int) -> str:
    """The name cut to `limit` characters with an ellipsis, for a narrow chart's labels."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def partnership_svg(
    histories, *, width: int = 880, today: dt.date | None = None, phone: bool = False
) -> SafeString:
    """One row per partner: coloured spans of each level from the day it took effect.

    Years are marked at round numbers (every 5 or 10 years...) so the axis reads
    at a glance; `phone` draws a narrow chart (400 wide, shorter names, larger
    type) that stays readable on a 390 px screen, the page showing one or the
    other by the screen's width.
    """
    histories = [h for h in histories if h.rows]
    if not histories:
        return mark_safe('<p class="muted">No partnership recorded.</p>')
    today = today or dt.date.today()
    first = min(r.since for h in histories for r in h.rows)
    start = dt.date(first.year, 1, 1)
    end = dt.date(today.year + 1, 1, 1)
    if phone:
        width, label_w, row_h, top, axis_h = 400, 100, 24, 6, 24
    else:
        label_w, row_h, top, axis_h = 150, 22, 6, 22
    plot_w = width - label_w - 10
    height = top + row_h * len(histories) + axis_h
    span_days = (end - start).days or 1

    def x(day: dt.date) -> float:
        return label_w + plot_w * (day - start).days / span_days

    variant = "partnerships-phone" if phone else "partnerships-wide"
    label = "label label-phone" if phone else "label"
    tick = "tick tick-phone" if phone else "tick"
    parts = [
        f'<svg class="chart partnerships {variant}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Partnership levels over time" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, history in enumerate(histories):
        y = top + i * row_h
        name = escape(history.partner.name_en)
        shown = escape(_short(history.partner.name_en, 13)) if phone else name
        code = escape(history.partner.code)
        parts.append(
            f'<a href="/countries/{code}/"><text x="{label_w - 6}" y="{y + row_h * 0.7:.1f}" '
            f'text-anchor="end" class="{label}"><title>{name}</title>{shown}</text></a>'
        )
        rows = [r for r in history.rows if r.since <= today]
        for j, row in enumerate(rows):
            until = rows[j + 1].since if j + 1 < len(rows) else today
            x0, x1 = x(row.since), x(until)
            level = row.level
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 2):.1f}" '
                f'height="{row_h - 6}" fill="{_color(level.color)}" rx="2">'
                f"<title>{name}: {escape(level.name_en)} since "
                f"{escape(row.since_display)}</title></rect>"
            )
    axis_y = top + row_h * len(histories) + 14
    every = _year_step(end.year - start.year, plot_w, 44 if phone else 40)
    for year in range(start.year, end.year + 1):
        if year % every:
            continue
        xx = x(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{axis_y - 10}" class="grid"/>'
            f'<text x="{xx:.1f}" y="{axis_y}" text-anchor="middle" class="{tick}">{year}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
