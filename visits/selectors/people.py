"""Leaders: the list with their counts, and one leader's offices, visits and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet

from visits.models import Leader, Meeting, Office, Participation, Visit

from .meetings import meeting_list
from .rows import count_of
from .visits import visit_list


def leader_list() -> QuerySet[Leader]:
    return (
        Leader.objects.select_related("country")
        .annotate(
            visit_count=count_of(
                Visit.objects.filter(visitor_leader=OuterRef("pk")), "visitor_leader"
            ),
            meeting_count=count_of(Participation.objects.filter(leader=OuterRef("pk")), "leader"),
        )
        .order_by("name", "id")
    )


@dataclass
class Appearance:
    """A dated line of a leader's record: a visit made or a meeting attended."""

    date: dt.date | None
    date_display: str
    visit: Visit | None = None
    meeting: Meeting | None = None


def leader_detail(*, pk: int) -> tuple[Leader, list[Appearance]]:
    """The leader, with offices, and every visit and meeting in date order."""
    leader = (
        leader_list()
        .prefetch_related(Prefetch("offices", queryset=Office.objects.order_by("start")))
        .get(pk=pk)
    )
    visits = visit_list().filter(visitor_leader=leader)
    meetings = meeting_list().filter(participation__leader=leader)
    lines = [Appearance(v.start, v.start_display, visit=v) for v in visits]
    lines += [Appearance(m.date, m.date_display, meeting=m) for m in meetings]
    lines.sort(key=lambda a: (a.date is None, a.date or dt.date.min))
    return leader, lines
