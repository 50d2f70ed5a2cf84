"""The home page: counts, the visits by month, and the partners by level today."""

from __future__ import annotations

from visits import charts, maps, selectors

from .pages import render_page


def home(request):
    summary = selectors.home_summary()
    months = selectors.visits_by_month()
    hosts = selectors.visits_by_host()
    return render_page(
        request,
        "visits/home.html",
        {
            **summary,
            "timeline": charts.visits_timeline_svg(months),
            "timeline_phone": charts.visits_timeline_svg(months, phone=True),
            "by_level": selectors.countries_by_current_level(),
            "map": maps.hosts_map(
                counts=hosts, names=selectors.country_names(codes=maps.known_codes() | set(hosts))
            ),
        },
    )
