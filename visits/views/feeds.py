"""An Atom feed of any filtered visit list (`/visits/feed.atom?host=VN`), so that a
reader can subscribe to "visits to Viet Nam" or "visits by this leader".

The feed takes the list's parameters and refuses what the list refuses (400,
naming the parameter); it holds the newest FEED_ITEMS visits of the list, each
linking to the visit's page, updated when the record was last changed.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from visits import selectors
from visits.templatetags.visits_tags import date_range

from .downloads import download_problems, refused
from .params import bind
from .sentence import describe
from .specs import VISITS

FEED_ITEMS = 50


def visit_title(visit) -> str:
    """'Tô Lâm (Viet Nam) to Malaysia, 20–22 November 2024'."""
    who = visit.visitor_country.name_en
    if visit.visitor_leader:
        who = f"{visit.visitor_leader.name} ({who})"
    return f"{who} to {visit.host_country.name_en}, {date_range(visit)}"


class VisitFeed(Feed):
    """The visits of one filtered list, newest first (Django's syndication framework)."""

    feed_type = Atom1Feed

    def __init__(self, *, visits, title: str, link: str):
        super().__init__()
        self.visits, self.feed_title, self.feed_link = visits, title, link

    def title(self) -> str:
        return self.feed_title

    def link(self) -> str:
        return self.feed_link

    def subtitle(self) -> str:
        return "Official visits read from news reports and curated lists, newest first."

    def items(self):
        return self.visits

    def item_title(self, visit) -> str:
        return visit_title(visit)

    def item_description(self, visit) -> str:
        kind = visit.get_kind_display().lower()
        cities = f" ({', '.join(visit.cities)})" if visit.cities else ""
        return f"A {kind} visit{cities}. {visit.source_count} source(s)."

    def item_link(self, visit) -> str:
        return reverse("visits:visit_detail", args=[visit.pk])

    def item_pubdate(self, visit):
        return visit.created_at

    def item_updateddate(self, visit):
        return visit.updated_at

    def item_categories(self, visit):
        return [visit.kind]


def feed_title(filterset) -> str:
    """'Visits where the host is Malaysia, in 2024': the list's sentence without its count."""
    cleaned = filterset.form.cleaned_data
    codes = {c.upper() for p in ("country", "visitor", "host") for c in (cleaned.get(p) or [])}
    sentence, _ = describe(
        spec=VISITS,
        count=2,  # any count above one: the plural noun; the number is cut off
        cleaned=cleaned,
        countries=selectors.country_names(codes=codes),
        levels=selectors.levels_by_code(),
    )
    words = sentence.split(" ", 1)[1]
    return words[0].upper() + words[1:]


def visit_feed(request):
    """The Atom feed of the visit list that the same query string shows."""
    data = request.GET.copy()
    filterset, valid, data, _ = bind(VISITS, data, selectors.levels_by_code(), {})
    problems = download_problems(asked=request.GET, data=data, filterset=filterset, valid=valid)
    if problems:
        return refused("text", problems)
    query = data.copy()
    for name in ("format", "page"):
        query.pop(name, None)
    link = reverse("visits:visit_list") + (f"?{query.urlencode()}" if query else "")
    feed = VisitFeed(visits=filterset.qs[:FEED_ITEMS], title=feed_title(filterset), link=link)
    return feed(request)
