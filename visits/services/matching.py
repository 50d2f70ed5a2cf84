"""Finding the stored record an extracted one is another report of: natural keys
with slack on dates, and dates whose year is not yet known."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.db.models.expressions import RawSQL

from visits.extraction import FuzzyDate
from visits.extraction.records import AgreementRecord, VisitRecord
from visits.models import (
    Agreement,
    Article,
    Evidence,
    Leader,
    Meeting,
    Participation,
    Visit,
    fold,
)

SLACK_DAYS = 3
REPORT_SLACK_DAYS = 7  # a report without days of its own may trail the visit by a week


def date_provisional(fuzzy: FuzzyDate, *, today: dt.date) -> tuple[dt.date, bool]:
    """A date for a FuzzyDate; when no year is known, the latest past occurrence, unsettled."""
    month, day = fuzzy.month or 1, fuzzy.day or 1
    if fuzzy.year is not None:
        return date_safe(fuzzy.year, month, day), True
    year = today.year
    if (month, day) > (today.month, today.day):
        year -= 1
    return date_safe(year, month, day), False


def date_safe(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a provisional year
        return dt.date(year, month, 28)


def near(a: dt.date, b: dt.date, *, settled: bool, slack: int = SLACK_DAYS) -> bool:
    """Days within `slack`; comparing month and day only when a year is unsettled."""
    if settled:
        return abs((a - b).days) <= slack
    a2 = date_safe(2001, a.month, a.day)
    return min(abs((a2 - date_safe(2001 + k, b.month, b.day)).days) for k in (-1, 0, 1)) <= slack


def near_q(start: str, end: str | None, day: dt.date, settled: bool, slack: int = SLACK_DAYS) -> Q:
    """SQL prefilter for records whose days may be near `day` (checked again with near)."""
    months = {(day + dt.timedelta(days=k)).month for k in (-slack - 31, 0, slack)}
    any_year = Q(**{f"{start}__month__in": sorted(months)})
    if not settled:
        return any_year
    lo, hi = day - dt.timedelta(days=slack), day + dt.timedelta(days=slack)
    near = Q(**{f"{start}__lte": hi})
    if end:
        near &= Q(**{f"{end}__gte": lo}) | Q(**{f"{end}": None, f"{start}__gte": lo})
    else:
        near &= Q(**{f"{start}__gte": lo})
    return near | (Q(year_settled=False) & any_year)


def near_sql(
    column: str, end: str | None, day: dt.date, settled: bool, slack: int = SLACK_DAYS
) -> tuple[str, list]:
    """near_q as SQL (`column` and `end` qualified, `year_settled` beside them) and its
    parameters: for queries written once rather than compiled for every record."""
    months = sorted({(day + dt.timedelta(days=k)).month for k in (-slack - 31, 0, slack)})
    table = column.rsplit(".", 1)[0]
    any_year = f"EXTRACT(MONTH FROM {column})::int = ANY(%s::int[])"
    if not settled:
        return any_year, [months]
    lo, hi = day - dt.timedelta(days=slack), day + dt.timedelta(days=slack)
    if end:
        near = f"{column} <= %s AND ({end} >= %s OR ({end} IS NULL AND {column} >= %s))"
        params = [hi, lo, lo]
    else:
        near, params = f"{column} <= %s AND {column} >= %s", [hi, lo]
    return f"(({near}) OR (NOT {table}.year_settled AND {any_year}))", [*params, months]


def _pair_sql(rec: VisitRecord, leader: Leader | None, exclude: set[int]) -> tuple[str, list]:
    """The visits of `rec`'s pair of countries (`v`) a report of it may join, as SQL."""
    where, params = [], []
    for column, code in (
        ("visitor_country_id", rec.visitor_country),
        ("host_country_id", rec.host_country),
    ):
        if code is None:
            where.append(f"v.{column} IS NULL")
        else:
            where.append(f"v.{column} = %s")
            params.append(code)
    where.append("NOT (v.id = ANY(%s::bigint[]))")
    params.append(sorted(exclude))
    if leader is not None:
        # Two leaders of one country travelling to the same place are two visits.
        where.append("(v.visitor_leader_id IS NULL OR v.visitor_leader_id = %s)")
        params.append(leader.pk)
    return " AND ".join(where), params


def visits_near(
    *, rec: VisitRecord, day: dt.date, settled: bool, leader: Leader | None, exclude: set[int]
):
    """The visits of `rec`'s pair whose days may be near `day` (near_q), by id."""
    same_pair, params = _pair_sql(rec, leader, exclude)
    window, more = near_sql("v.start", 'v."end"', day, settled)
    table = Visit._meta.db_table
    sql = f"SELECT v.* FROM {table} v WHERE {same_pair} AND {window} ORDER BY v.id"
    return Visit.objects.raw(sql, [*params, *more])


def visits_undated(*, rec: VisitRecord, leader: Leader | None, exclude: set[int]):
    """The visits of `rec`'s pair no report gave days to, with the first and last day
    they were reported (`first`, `last`), by id."""
    same_pair, params = _pair_sql(rec, leader, exclude)
    sql = (
        "SELECT v.*, min(a.published) AS first, max(a.published) AS last"
        f" FROM {Visit._meta.db_table} v"
        f" JOIN {Evidence._meta.db_table} e ON e.visit_id = v.id"
        f" JOIN {Article._meta.db_table} a ON a.id = e.article_id"
        f" WHERE {same_pair} AND v.start IS NULL"
        " GROUP BY v.id HAVING min(a.published) IS NOT NULL ORDER BY v.id"
    )
    return Visit.objects.raw(sql, params)


def with_year(d: dt.date, anchor: dt.date) -> dt.date:
    """`d`'s month and day in the year that puts it closest to `anchor`."""
    options = [date_safe(anchor.year + k, d.month, d.day) for k in (-1, 0, 1)]
    return min(options, key=lambda o: abs((o - anchor).days))


def visit_find(
    *,
    rec: VisitRecord,
    day: dt.date | None,
    settled: bool,
    leader: Leader | None,
    exclude: set[int] = frozenset(),
    reported: bool = False,
    month_only: bool = False,
) -> Visit | None:
    """The stored visit `rec` is another report of. `reported`: `day` is the report's
    publication, not a day of the visit, and a report may trail its visit by a week;
    `month_only`: the report is dated by its month alone (`day` its first day), and
    joins a dated trip of that month."""

    def same_pair():  # _pair_sql's visits as a QuerySet, for the rarer questions
        where, params = _pair_sql(rec, leader, exclude)
        ids = f"SELECT v.id FROM {Visit._meta.db_table} v WHERE {where}"
        return Visit.objects.filter(pk__in=RawSQL(ids, params))

    if day is None:
        # Nothing dates this report: join the trip of the same pair whose year is
        # still open, or that no report has dated either.
        return (
            same_pair()
            .filter(Q(year_settled=False) | Q(start=None))
            .order_by("-year_settled", "id")
            .first()
        )
    for visit in visits_near(rec=rec, day=day, settled=settled, leader=leader, exclude=exclude):
        both = settled and visit.year_settled
        lo, hi = visit.start, visit.end or visit.start
        if (both and lo <= day <= hi) or any(near(day, d, settled=both) for d in (lo, hi)):
            return visit
    if reported and settled:
        # A report that gives no day of its own, published within a week of the visit.
        slack = dt.timedelta(days=REPORT_SLACK_DAYS)
        trailing = (
            same_pair()
            .filter(
                year_settled=True, start__lte=day + dt.timedelta(days=1), start__gte=day - slack * 2
            )
            .order_by("-start", "id")
        )
        for visit in trailing:
            if (
                (visit.end or visit.start) - dt.timedelta(days=1)
                <= day
                <= (visit.end or visit.start) + slack
            ):
                return visit
    if reported and month_only:
        month_end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        in_month = same_pair().filter(year_settled=True, start__gte=day, start__lt=month_end)
        found = in_month.order_by("start", "id").first()
        if found is not None:
            return found
    # Trips no report has given days to: matched by when they were reported.
    slack = dt.timedelta(days=REPORT_SLACK_DAYS)
    for visit in visits_undated(rec=rec, leader=leader, exclude=exclude):
        if visit.first - slack <= day <= visit.last + slack:
            return visit
    return None


def visit_hosting(
    *, ids: list[int], date: dt.date, settled: bool, country: str | None
) -> Visit | None:
    """The visit a meeting reported on its own belongs to: its visitor takes part,
    in the host country, within the visit's days."""
    candidates = Visit.objects.filter(visitor_leader_id__in=ids).exclude(start=None)
    if country:
        candidates = candidates.filter(host_country_id=country)
    for visit in candidates.filter(near_q("start", "end", date, settled, slack=1)):
        both = settled and visit.year_settled
        lo, hi = visit.start, visit.end or visit.start
        if (both and lo <= date <= hi) or any(
            near(date, d, settled=both, slack=1) for d in (lo, hi)
        ):
            return visit
    return None


def meetings_shared(*, ids: list[int], date: dt.date, settled: bool, exclude: set[int]):
    """The meetings two of the leaders `ids` shared, found through their participations
    (the date prefilter alone, an OR with a month test, was planned as a scan of every
    meeting), whose day may be near `date` (near_q, a day's slack), by id."""
    window, params = near_sql("m.date", None, date, settled, slack=1)
    sql = (
        f"SELECT m.* FROM {Meeting._meta.db_table} m WHERE m.id IN"
        f" (SELECT meeting_id FROM {Participation._meta.db_table}"
        " WHERE leader_id = ANY(%s::bigint[]) GROUP BY meeting_id"
        " HAVING count(DISTINCT leader_id) >= 2)"
        f" AND NOT (m.id = ANY(%s::bigint[])) AND {window} ORDER BY m.id"
    )
    people = sorted({pk for pk in ids if pk is not None})
    return Meeting.objects.raw(sql, [people, sorted(exclude), *params])


def meeting_find(
    *,
    ids: list[int],
    date: dt.date | None,
    settled: bool,
    visit: Visit | None,
    exclude: set[int] = frozenset(),
) -> Meeting | None:
    if len(ids) < 2:
        return None
    if date is None:
        # No day: the same people meeting during the same visit are one meeting.
        if visit is None:
            return None
        same_visit = Meeting.objects.filter(visit=visit).exclude(pk__in=exclude)
        for meeting in same_visit.prefetch_related("participation_set"):
            if len({p.leader_id for p in meeting.participation_set.all()} & set(ids)) >= 2:
                return meeting
        return None
    candidates = meetings_shared(ids=ids, date=date, settled=settled, exclude=exclude)
    for meeting in candidates:  # each shares two of the people: the days decide
        both = settled and meeting.year_settled
        if near(date, meeting.date, settled=both, slack=1):
            return meeting
    return None


# --- Agreements ---


def agreement_find(
    *, rec: AgreementRecord, date, settled, visit: Visit | None, exclude: set[int] = frozenset()
):
    candidates = Agreement.objects.filter(kind=rec.kind).exclude(pk__in=exclude)
    for code in rec.parties:
        candidates = candidates.filter(parties=code)
    if rec.kind == "partnership_upgrade":
        candidates = candidates.filter(level_id=rec.level)
    elif date is not None:
        candidates = candidates.filter(Q(date=None) | near_q("date", None, date, settled))
    for agreement in candidates.prefetch_related("parties").order_by("id"):
        if sorted(c.code for c in agreement.parties.all()) != sorted(rec.parties):
            continue
        if rec.kind == "partnership_upgrade":
            return agreement  # a pair reaches a level once
        if date is None or agreement.date is None:
            # Without a day: the same title, or the same kind during the same visit.
            if rec.title and fold(rec.title) == fold(agreement.title or ""):
                return agreement
            if visit is not None and agreement.visit_id == visit.pk:
                return agreement
            continue
        if near(date, agreement.date, settled=settled and agreement.year_settled):
            return agreement
    return None
