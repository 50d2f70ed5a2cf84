"""Countries: the list with visit counts, their names, and partnerships past and present."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from visits.models import Country, Partnership, PartnershipLevel, Visit

from .rows import count_of


def country_list() -> QuerySet[Country]:
    """Countries with the visits each made and received, the most active first (ties by
    name, then code, so that every page of any sort holds its own rows)."""
    return (
        Country.objects.annotate(
            made=count_of(Visit.objects.filter(visitor_country=OuterRef("pk")), "visitor_country"),
            received=count_of(Visit.objects.filter(host_country=OuterRef("pk")), "host_country"),
        )
        .annotate(activity=F("made") + F("received"))
        .order_by("-activity", "name_en", "code")
    )


def country_has_visits() -> Q:
    """The countries that made or received a visit: what /countries/ shows unless asked
    for all (two EXISTS, answered by the indexes on the visit's countries)."""
    made = Visit.objects.filter(visitor_country=OuterRef("pk"))
    received = Visit.objects.filter(host_country=OuterRef("pk"))
    return Q(Exists(made)) | Q(Exists(received))


def country_names(*, codes: Iterable[str]) -> dict[str, str]:
    """{code: English name} for `codes` (one query, none when there is no code)."""
    codes = set(codes)
    if not codes:
        return {}
    return dict(Country.objects.filter(code__in=codes).values_list("code", "name_en"))


def current_partnerships() -> list[Partnership]:
    """Every pair's row in force today (one query)."""
    return list(Partnership.objects.current().select_related("country_a", "country_b", "level"))


def current_partners_by_country() -> dict[str, list[tuple[Country, PartnershipLevel]]]:
    """For each country code, its partners today and the level with each."""
    out: dict[str, list] = defaultdict(list)
    for p in current_partnerships():
        out[p.country_a_id].append((p.country_b, p.level))
        out[p.country_b_id].append((p.country_a, p.level))
    for partners in out.values():
        partners.sort(key=lambda pl: (-pl[1].rank, pl[0].name_en))
    return out


@dataclass
class PartnerHistory:
    partner: Country
    rows: list[Partnership]

    @property
    def current(self) -> Partnership | None:
        today = dt.date.today()
        past = [r for r in self.rows if r.since <= today]
        return past[-1] if past else None


def country_partnerships(*, code: str) -> list[PartnerHistory]:
    """The country's partnership rows, grouped by partner, each in date order."""
    rows = (
        Partnership.objects.filter(Q(country_a_id=code) | Q(country_b_id=code))
        .select_related("country_a", "country_b", "level", "agreement")
        .order_by("since", "level__rank")
    )
    grouped: dict[str, PartnerHistory] = {}
    for row in rows:
        partner = row.country_b if row.country_a_id == code else row.country_a
        grouped.setdefault(partner.code, PartnerHistory(partner, [])).rows.append(row)
    histories = list(grouped.values())
    histories.sort(key=lambda h: (-(h.current.level.rank if h.current else -1), h.partner.name_en))
    return histories


def countries_by_current_level() -> list[
    tuple[PartnershipLevel, list[tuple[Country, Country | None]]]
]:
    """Current partners grouped by level, highest first.

    Each entry is (partner, other side), the other side being None when it is
    the country most pairs share (Viet Nam in the shipped data), so the page
    can say "Malaysia" rather than "Viet Nam – Malaysia" on every line.
    """
    rows = current_partnerships()
    seen = Counter()
    for p in rows:
        seen[p.country_a_id] += 1
        seen[p.country_b_id] += 1
    hub = seen.most_common(1)[0][0] if seen else None
    grouped: dict[str, list] = defaultdict(list)
    levels: dict[str, PartnershipLevel] = {}
    for p in rows:
        if p.country_a_id == hub:
            grouped[p.level_id].append((p.country_b, None))
        elif p.country_b_id == hub:
            grouped[p.level_id].append((p.country_a, None))
        else:
            grouped[p.level_id].append((p.country_b, p.country_a))
        levels[p.level_id] = p.level
    out = []
    for code, pairs in grouped.items():
        pairs.sort(key=lambda pair: pair[0].name_en)
        out.append((levels[code], pairs))
    out.sort(key=lambda item: -item[0].rank)
    return out
