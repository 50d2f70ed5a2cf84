"""What the world maps count: visits by host, a country's visits each way, a leader's trips."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from visits.models import Visit


def _counted(queryset: QuerySet[Visit], key: str) -> Counter:
    rows = queryset.order_by().values(key).annotate(n=Count("id"))
    return Counter({r[key]: r["n"] for r in rows})


def visits_by_host() -> Counter:
    """{host code: visits received} over every visit (one query)."""
    return _counted(Visit.objects.all(), "host_country_id")


def leader_countries_visited(*, leader_id: int) -> Counter:
    """{host code: visits} of the leader's visits (one query)."""
    return _counted(Visit.objects.filter(visitor_leader_id=leader_id), "host_country_id")


@dataclass
class Exchange:
    """A country's visits with one partner: made to it and received from it."""

    code: str
    made: int = 0
    received: int = 0

    @property
    def total(self) -> int:
        return self.made + self.received


@dataclass
class Exchanges:
    partners: dict[str, Exchange] = field(default_factory=dict)

    def get(self, code: str) -> Exchange:
        return self.partners.setdefault(code, Exchange(code))


def country_exchanges(*, code: str) -> dict[str, Exchange]:
    """{partner code: visits made to it and received from it} for the country (one query)."""
    rows = (
        Visit.objects.filter(Q(visitor_country_id=code) | Q(host_country_id=code))
        .order_by()
        .values("visitor_country_id", "host_country_id")
        .annotate(n=Count("id"))
    )
    out = Exchanges()
    for row in rows:
        if row["visitor_country_id"] == code:
            out.get(row["host_country_id"]).made += row["n"]
        else:
            out.get(row["visitor_country_id"]).received += row["n"]
    return out.partners
