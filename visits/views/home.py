"""The home page: counts, the visits by month, and the partners by level today."""

from __future__ import annotations

from visits import charts, selectors

from .pages import render_page


def home(request):
    summary = selectors.home_summary()
    months = selectors.visits_by_month()
    return render_page(
        request,
        "visits/home.html",
        {
            **summary,
            "timeline": charts.visits_timeline_svg(months),
            "by_level": selectors.countries_by_current_level(),
        },
    )
