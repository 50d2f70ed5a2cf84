"""Leaders: the list with their counts, and one leader's offices, visits and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from visits.models import Leader, Meeting, Office, Participation, Precision, Visit

from .meetings import meeting_list
from .rows import count_of
from .visits import visit_list


def leader_list() -> QuerySet[Leader]:
    """Leaders with their visits and meetings, the most active first (ties by name, then id)."""
    return (
        Leader.objects.select_related("country")
        .annotate(
            visit_count=count_of(
                Visit.objects.filter(visitor_leader=OuterRef("pk")), "visitor_leader"
            ),
            meeting_count=count_of(Participation.objects.filter(leader=OuterRef("pk")), "leader"),
        )
        .annotate(activity=F("visit_count") + F("meeting_count"))
        .order_by("-activity", "name", "id")
    )


def leader_has_records() -> Q:
    """The leaders who made a visit or took part in a meeting: what /leaders/ shows
    unless asked for all."""
    visits = Visit.objects.filter(visitor_leader=OuterRef("pk"))
    meetings = Participation.objects.filter(leader=OuterRef("pk"))
    return Q(Exists(visits)) | Q(Exists(meetings))


# Two stops are one journey when the second starts at most this long after the
# first ends (the day of travel between them).
JOURNEY_GAP = dt.timedelta(days=1)


@dataclass
class Appearance:
    """A dated line of a leader's record: a visit made, a meeting attended, or a
    journey (`stops`: consecutive visits, Switzerland → Morocco → Senegal)."""

    date: dt.date | None
    date_display: str
    visit: Visit | None = None
    meeting: Meeting | None = None
    stops: list[Visit] = field(default_factory=list)


def journeys(visits: list[Visit]) -> list[list[Visit]]:
    """The visits grouped into journeys, in date order: a visit joins the one before it
    when its dates overlap or follow on (at most JOURNEY_GAP after it ends). Only
    visits dated to the day are chained; a journey of one stop is a plain visit.

    For example 1-3 June in CH, 3-5 June in MA, 6 June in SN and 20 June in FR
    are two journeys: [[CH, MA, SN], [FR]].
    """
    dated = sorted((v for v in visits if v.start), key=lambda v: (v.start, v.end or v.start, v.pk))
    out: list[list[Visit]] = []
    for visit in dated:
        last = out[-1][-1] if out else None
        if last is not None and _follows_on(last, visit):
            out[-1].append(visit)
        else:
            out.append([visit])
    out += [[v] for v in visits if not v.start]
    return out


def _follows_on(first: Visit, second: Visit) -> bool:
    """Whether `second` continues the journey of `first` (both dated to the day)."""
    day = Precision.DAY
    if first.start_precision != day or second.start_precision != day:
        return False
    first_end = first.end if first.end and first.end_precision == day else first.start
    return first.host_country_id != second.host_country_id and (
        first.start <= second.start <= first_end + JOURNEY_GAP
    )


def _journey_line(stops: list[Visit]) -> Appearance:
    start, end = stops[0].start, max((v.end or v.start) for v in stops)
    return Appearance(start, _span(start, end), stops=stops)


def _span(start: dt.date, end: dt.date) -> str:
    """'20–25 November 2024', '30 November – 2 December 2024', or with both years."""
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day}–{end.day} {end:%B %Y}"


def leader_detail(*, pk: int) -> tuple[Leader, list[Appearance]]:
    """The leader, with offices, and every visit (journeys grouped) and meeting in
    date order."""
    leader = (
        leader_list()
        .prefetch_related(Prefetch("offices", queryset=Office.objects.order_by("start")))
        .get(pk=pk)
    )
    visits = list(visit_list().filter(visitor_leader=leader))
    meetings = meeting_list().filter(participation__leader=leader)
    lines = [
        _journey_line(stops) if len(stops) > 1 else Appearance(v.start, v.start_display, visit=v)
        for stops in journeys(visits)
        for v in stops[:1]
    ]
    lines += [Appearance(m.date, m.date_display, meeting=m) for m in meetings]
    lines.sort(key=lambda a: (a.date is None, a.date or dt.date.min))
    return leader, lines
