"""Reads: the querysets and summaries that the public pages and downloads use.

Every list selector returns a queryset whose rows need no further query to be
shown: related rows are joined (`select_related`), per-row counts and levels
are subquery annotations, so a page of 5 rows and a page of 30 run the same
number of queries.

Those per-row subqueries are for the rows shown. Filtering or counting by
partnership level goes through the partnership periods (`level_on`,
`facet_counts`), which PostgreSQL joins in one pass over the records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth

from visits.models import (
    Agreement,
    Article,
    Country,
    Evidence,
    Leader,
    Meeting,
    Office,
    Participation,
    Partnership,
    PartnershipLevel,
    PartnershipPeriod,
    Visit,
    fold,
)

SEARCH_CONFIG = "diplomacy"


# --- Partnership levels -------------------------------------------------------------


def level_at(*, a, b, day) -> Subquery:
    """The level code of the pair (a, b) on `day`: the row with the latest `since` by then.

    `a`, `b` and `day` are expressions (usually OuterRef); the pair is ordered
    inside, as Partnership stores it with a < b.
    """
    rows = Partnership.objects.filter(
        country_a_id=Least(a, b), country_b_id=Greatest(a, b), since__lte=day
    ).order_by("-since", "-level__rank")
    return Subquery(rows.values("level_id")[:1])


def level_on(*, a, b, day, levels: list[str] | None = None, ordered: bool = False) -> Exists:
    """Whether the pair (a, b) was at one of `levels` (at any level if None) on `day`.

    The same answer as `level_at(...) in levels`, as an EXISTS over the
    partnership periods (since <= day < until): PostgreSQL turns it into a hash
    semi-join on the pair, one pass over the records instead of a lookup per row.
    `a`, `b` and `day` are expressions (OuterRef or values); `ordered` says a <= b
    already, so the pair is not put in order again.
    """
    if not ordered:
        a, b = Least(a, b), Greatest(a, b)
    periods = PartnershipPeriod.objects.filter(
        Q(until__isnull=True) | Q(until__gt=day), country_a_id=a, country_b_id=b, since__lte=day
    )
    if levels is not None:
        periods = periods.filter(level_id__in=levels)
    return Exists(periods)


@dataclass(frozen=True)
class LevelColumn:
    """How to find a record's pair and day, to count records by the pair's level then."""

    a: str
    b: str
    day: str
    ordered: bool = False  # a <= b already


def facet_counts(
    *, queryset: QuerySet, columns: dict[str, Any], level: tuple[str, LevelColumn] | None = None
) -> tuple[dict[str, list[tuple[Any, int]]], int]:
    """For each named column, [(value, number of records of `queryset`)], most first,
    NULLs left out; and the number of records.

    One query for every column and the total: the records are read once and
    grouped by GROUPING SETS. `columns` maps a name to a field name or an expression.
    `level` = (name, LevelColumn) adds the pair's partnership level on the
    record's day, by a join on the partnership periods (a record falls in at
    most one period of its pair) rather than a `level_at` subquery per record.
    """
    names = list(columns)
    selected = {
        f"facet_{i}": F(expr) if isinstance(expr, str) else expr
        for i, expr in enumerate(columns.values())
    }
    if level:
        how = level[1]
        a, b = F(how.a), F(how.b)
        if not how.ordered:
            a, b = Least(a, b), Greatest(a, b)
        selected.update(facet_pair_a=a, facet_pair_b=b, facet_day=F(how.day))
    records = queryset.prefetch_related(None).order_by().annotate(**selected).values_list(*selected)
    out: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    if level:
        out[level[0]] = []
    try:
        sql, params = records.query.sql_with_params()
    except EmptyResultSet:
        return out, 0
    cols = [f"c{i}" for i in range(len(names))]
    keys = [f"r.{c}" for c in cols]
    join = ""
    if level:
        cols += ["pair_a", "pair_b", "day"]
        keys.append("p.level_id")
        join = (
            f" LEFT JOIN {PartnershipPeriod._meta.db_table} AS p"
            " ON p.country_a_id = r.pair_a AND p.country_b_id = r.pair_b"
            " AND p.since <= r.day AND (p.until IS NULL OR r.day < p.until)"
        )
    grouping_sets = "".join(f"({k}), " for k in keys) + "()"  # () is the total
    if not cols:
        cols, keys = ["c"], []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {''.join(f'GROUPING({k}), {k}, ' for k in keys)}COUNT(*)"
            f" FROM ({sql}) AS r ({', '.join(cols)}){join}"
            f" GROUP BY GROUPING SETS ({grouping_sets})",
            params,
        )
        rows = cursor.fetchall()
    labels = names + ([level[0]] if level else [])
    total = 0
    for row in rows:
        n = row[-1]
        # GROUPING(k) is 0 in the rows of k's set, 1 elsewhere; the total row has no 0.
        i = next((i for i in range(len(labels)) if row[2 * i] == 0), None)
        if i is None:
            total = n
        elif row[2 * i + 1] is not None:
            value = row[2 * i + 1]
            out[labels[i]].append((int(value) if isinstance(value, Decimal) else value, n))
    for counts in out.values():
        counts.sort(key=lambda vn: (-vn[1], vn[0]))
    return out, total


def levels_by_code() -> dict[str, PartnershipLevel]:
    """Every level, keyed by code (one query; the vocabulary is small)."""
    return {level.code: level for level in PartnershipLevel.objects.all()}


def _count(queryset: QuerySet, field: str) -> Subquery:
    """A correlated COUNT(*) as a subquery, so counting never multiplies rows."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(field).annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


# --- Full-text search ---------------------------------------------------------------


def article_document() -> SearchVector:
    """The searchable text of an article; migration 0004 indexes this very expression."""
    return SearchVector("title", "text", config=SEARCH_CONFIG)


def articles_matching(*, text: str) -> QuerySet[Article]:
    """Articles whose title or body matches `text` (web-search syntax, accents ignored)."""
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return Article.objects.annotate(document=article_document()).filter(document=query)


def leaders_named(*, names: list[str]) -> QuerySet[Leader]:
    """Leaders any of whose spellings contains one of `names` as whole words.

    'to lam' and 'Tô Lâm' both find 'Tô Lâm'; 'anwar' finds 'Anwar Ibrahim'.
    """
    condition = Q()
    for name in names:
        key = fold(name)
        if not key:
            continue
        pattern = r"(^| )" + _regex_escape(key) + r"( |$)"
        condition |= Q(name_key__regex=pattern) | Q(alias_keys__contains=[key])
    if not condition:
        return Leader.objects.none()
    return Leader.objects.filter(condition)


def leader_ids_named(*, names: list[str]) -> list[int]:
    """The ids of `leaders_named(names=...)`, resolved now (one small query), so the
    record filters hand PostgreSQL constants it can estimate and look up by index."""
    return list(leaders_named(names=names).values_list("id", flat=True))


def article_ids_matching(*, text: str) -> list[int]:
    """The ids of `articles_matching(text=...)`, resolved now through the GIN index.

    Left as a subquery under a record filter, the planner would rather compute
    each candidate record's article document than use the index. Alone, it still
    scans the table when a word is in most articles ('Viet Nam' in this corpus),
    because it prices a document at 100 operators when it takes 50 µs or more:
    105 ms for 2,000 short articles against 4 ms by the index. So the scan is
    switched off for this one query.
    """
    ids = articles_matching(text=text).order_by().values_list("id", flat=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        found = list(ids)
        # An error rolls the setting back with the savepoint; inside a longer
        # transaction (tests, ATOMIC_REQUESTS), put it back for what follows.
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
    return found


def _regex_escape(text: str) -> str:
    # Folded keys hold only letters, digits and single spaces; escape anyway.
    return "".join("\\" + c if not (c.isalnum() or c == " ") else c for c in text)


# --- Visits -------------------------------------------------------------------------


def visit_base() -> QuerySet[Visit]:
    """Visits with nothing joined or annotated: what the filters narrow and the facets count."""
    return Visit.objects.all()


def visit_list() -> QuerySet[Visit]:
    """Visits with both countries, the visitor and the pair's levels then and now."""
    today = dt.date.today()
    pair = {"a": OuterRef("visitor_country_id"), "b": OuterRef("host_country_id")}
    return (
        visit_base()
        .select_related("visitor_country", "host_country", "visitor_leader")
        .annotate(
            level_then=level_at(**pair, day=OuterRef("start")),
            level_now=level_at(**pair, day=today),
            source_count=_count(Evidence.objects.filter(visit=OuterRef("pk")), "visit"),
        )
        .order_by(F("start").desc(nulls_last=True), "-id")
    )


def visit_detail(*, pk: int) -> Visit:
    participations = Prefetch(
        "participation_set",
        queryset=Participation.objects.select_related("leader", "leader__country").order_by("id"),
    )
    meetings = Prefetch(
        "meetings",
        queryset=Meeting.objects.select_related("country")
        .prefetch_related(participations)
        .order_by(F("date").asc(nulls_last=True), "id"),
    )
    agreements = Prefetch(
        "agreements",
        queryset=Agreement.objects.select_related("level")
        .prefetch_related("parties")
        .order_by(F("date").asc(nulls_last=True), "id"),
    )
    return (
        visit_list()
        .prefetch_related(meetings, agreements, evidence_prefetch())
        .select_related("visitor_leader__country")
        .get(pk=pk)
    )


def evidence_prefetch(name: str = "evidence") -> Prefetch:
    return Prefetch(
        name, queryset=Evidence.objects.select_related("article").order_by("article_id", "start")
    )


# --- Meetings -----------------------------------------------------------------------


def _participant_countries(agg) -> Subquery:
    return Subquery(
        Participation.objects.filter(meeting=OuterRef("pk"), leader__country__isnull=False)
        .order_by()
        .values("meeting")
        .annotate(c=agg("leader__country_id"))
        .values("c")[:1]
    )


def meeting_base() -> QuerySet[Meeting]:
    """Meetings with only their pair (`pair_a` <= `pair_b`): what the filters narrow and
    the facets count."""
    return Meeting.objects.annotate(
        # The visit's pair when there is one (a join, cheap); otherwise the
        # first and last of the participants' countries.
        pair_a=Coalesce(
            Least("visit__visitor_country_id", "visit__host_country_id"),
            _participant_countries(Min),
        ),
        pair_b=Coalesce(
            Greatest("visit__visitor_country_id", "visit__host_country_id"),
            _participant_countries(Max),
        ),
    )


def meeting_list() -> QuerySet[Meeting]:
    """Meetings with place, visit, participants, and the level of the pair then and now."""
    today = dt.date.today()
    participations = Prefetch(
        "participation_set",
        queryset=Participation.objects.select_related("leader", "leader__country").order_by("id"),
    )
    return (
        meeting_base()
        .select_related("country", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related(participations)
        .annotate(
            level_then=level_at(a=OuterRef("pair_a"), b=OuterRef("pair_b"), day=OuterRef("date")),
            level_now=level_at(a=OuterRef("pair_a"), b=OuterRef("pair_b"), day=today),
        )
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def meeting_detail(*, pk: int) -> Meeting:
    return meeting_list().prefetch_related(evidence_prefetch()).get(pk=pk)


# --- Agreements ---------------------------------------------------------------------


def _party(agg) -> Subquery:
    through = Agreement.parties.through
    return Subquery(
        through.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(c=agg("country_id"))
        .values("c")[:1]
    )


def agreement_base() -> QuerySet[Agreement]:
    """Agreements with only their pair, the first and last party (`pair_a` <= `pair_b`):
    what the filters narrow and the facets count."""
    return Agreement.objects.annotate(pair_a=_party(Min), pair_b=_party(Max))


def agreement_list() -> QuerySet[Agreement]:
    """Agreements with parties and agreed level; the pair is the first and last party."""
    today = dt.date.today()
    return (
        agreement_base()
        .select_related("level", "visit", "visit__visitor_country", "visit__host_country")
        .prefetch_related("parties")
        .annotate(
            level_then=level_at(a=OuterRef("pair_a"), b=OuterRef("pair_b"), day=OuterRef("date")),
            level_now=level_at(a=OuterRef("pair_a"), b=OuterRef("pair_b"), day=today),
        )
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def agreement_detail(*, pk: int) -> Agreement:
    return agreement_list().prefetch_related(evidence_prefetch()).get(pk=pk)


# --- Leaders ------------------------------------------------------------------------


def leader_list() -> QuerySet[Leader]:
    return (
        Leader.objects.select_related("country")
        .annotate(
            visit_count=_count(
                Visit.objects.filter(visitor_leader=OuterRef("pk")), "visitor_leader"
            ),
            meeting_count=_count(Participation.objects.filter(leader=OuterRef("pk")), "leader"),
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


# --- Countries ----------------------------------------------------------------------


def country_list() -> QuerySet[Country]:
    return Country.objects.annotate(
        made=_count(Visit.objects.filter(visitor_country=OuterRef("pk")), "visitor_country"),
        received=_count(Visit.objects.filter(host_country=OuterRef("pk")), "host_country"),
    ).order_by("name_en")


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


# --- Articles -----------------------------------------------------------------------


def article_list() -> QuerySet[Article]:
    return (
        Article.objects.defer("text", "error")
        .annotate(
            visit_count=_distinct_count("visit"),
            meeting_count=_distinct_count("meeting"),
            agreement_count=_distinct_count("agreement"),
        )
        .order_by(F("published").desc(nulls_last=True), "source_name")
    )


def _distinct_count(field: str):
    return Coalesce(
        Subquery(
            Evidence.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=Count(field, distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def article_detail(*, pk: int) -> tuple[Article, list[Evidence]]:
    article = Article.objects.get(pk=pk)
    evidence = list(
        Evidence.objects.filter(article=article)
        .select_related(
            "visit",
            "visit__visitor_country",
            "visit__host_country",
            "visit__visitor_leader",
            "meeting",
            "agreement",
            "agreement__level",
        )
        .order_by("start", "id")
    )
    return article, evidence


# --- Home ---------------------------------------------------------------------------


def home_summary() -> dict:
    """Counts, the date range, and the latest visits."""
    span = Visit.objects.aggregate(first=Min("start"), last=Max("start"))
    return {
        "counts": {
            "visits": Visit.objects.count(),
            "meetings": Meeting.objects.count(),
            "agreements": Agreement.objects.count(),
            "articles": Article.objects.count(),
            "leaders": Leader.objects.filter(
                Exists(Visit.objects.filter(visitor_leader=OuterRef("pk")))
                | Exists(Participation.objects.filter(leader=OuterRef("pk")))
            ).count(),
        },
        "first": span["first"],
        "last": span["last"],
        "latest": list(visit_list()[:10]),
    }


def visits_by_month(*, queryset: QuerySet[Visit] | None = None) -> list[tuple[dt.date, int]]:
    """(first day of month, number of visits) for each month with a dated visit."""
    queryset = Visit.objects.all() if queryset is None else queryset
    rows = (
        queryset.filter(start__isnull=False)
        .order_by()
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [(r["month"], r["n"]) for r in rows]


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
