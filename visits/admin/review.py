"""The review queue: unreviewed visits, meetings and agreements and unknown leaders;
those with low confidence, an unsettled year or an unknown person first."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from visits.models import Agreement, Evidence, Leader, Meeting, Participation, Visit
from visits.services import editing

from .filters import LOW_CONFIDENCE
from .scale import any_in, count_of

PER_PAGE = 50
REASONS = {
    "low_confidence": "low confidence",
    "year_unsettled": "year unsettled",
    "unknown_person": "unknown person",
    "no_evidence": "no article tells it any more",
    "sources_disagree": "the curated list and the news disagree",
}


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _conditions(model) -> dict[str, Q]:
    """One condition per reason a row of `model` is doubtful."""
    conditions: dict[str, Q] = {}
    if model is not Leader:
        conditions["low_confidence"] = Q(confidence__lt=LOW_CONFIDENCE)
        conditions["year_unsettled"] = Q(year_settled=False)
    # Unknown people are few: their ids are read first (an array PostgreSQL looks up in
    # an index), so that every reason is found by an index of its own and the doubtful
    # rows by OR-ing them, never by a pass over every unreviewed row.
    unknown = Leader.objects.filter(known=False).values("pk")
    if model is Visit:
        conditions["unknown_person"] = Q(any_in("visitor_leader_id", unknown))
        conditions["sources_disagree"] = ~Q(disagreement={})
    elif model is Meeting:
        met = Participation.objects.filter(leader__in=unknown).values("meeting_id")
        conditions["unknown_person"] = Q(any_in("pk", met))
    elif model is Leader:
        conditions["unknown_person"] = Q(known=False)
    if model is not Leader:
        # Kept for an editor's correction after its last article stopped telling it.
        told = Evidence.objects.filter(**{model.__name__.lower(): OuterRef("pk")})
        conditions["no_evidence"] = ~Q(corrected_fields=[]) & ~Exists(told)
    return conditions


class Tiers:
    """The queue as two queries, read in turn: the flagged rows (most reasons first, then
    the least confident) and the rest (the least confident first, by an index). The same
    order as one query sorting every unreviewed row by its number of reasons, without
    working the reasons out for every row: the flagged ones are few."""

    def __init__(self, flagged, rest, unreviewed):
        self.flagged, self.rest, self.unreviewed = flagged, rest, unreviewed
        self._flagged_count: int | None = None

    def count(self) -> int:
        return self.unreviewed.count()

    def __len__(self) -> int:
        return self.count()

    def _n_flagged(self) -> int:
        if self._flagged_count is None:
            self._flagged_count = self.flagged.count()
        return self._flagged_count

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        flagged = self._n_flagged()
        rows = list(_window(self.flagged, start, stop)) if start < flagged else []
        if stop is None or stop > flagged:
            rest_start = max(0, start - flagged)
            rest_stop = None if stop is None else stop - flagged
            rows += list(_window(self.rest, rest_start, rest_stop))
        return rows


def _window(queryset, start: int, stop: int | None):
    """Rows start:stop of `queryset`, their ids picked first without its joins and
    subqueries (sorted over the 19,000 doubtful visits of 100,000 in 20 ms rather than
    joined to their people and countries first), then read with them."""
    if stop is None:
        return queryset[start:]
    return queryset.filter(pk__in=queryset.values("pk")[start:stop])


def _queue(model) -> tuple:
    """The unreviewed rows of `model` with one 0/1 annotation per reason, flagged first."""
    conditions = _conditions(model)
    flags = {name: _flag(condition) for name, condition in conditions.items()}
    date = {Visit: "start", Meeting: "date", Agreement: "date", Leader: "created_at"}[model]
    total = sum(flags.values(), Value(0))
    queryset = model.objects.filter(reviewed=False)
    if model is Leader:
        # Leaders from the reference data are known: only people ingest met are queued.
        queryset = queryset.filter(known=False)
    unreviewed = queryset
    any_reason = Q()
    for condition in conditions.values():
        any_reason |= condition
    order = ["confidence"] if model is not Leader else []
    order += [f"-{date}", "-pk"]
    flagged = queryset.filter(any_reason).annotate(**flags, n_flags=total)
    flagged = _shown(model, flagged).order_by("-n_flags", *order)
    rest = queryset.exclude(any_reason).annotate(**dict.fromkeys(flags, Value(0)), n_flags=Value(0))
    rest = _shown(model, rest).order_by(*order)
    return Tiers(flagged, rest, unreviewed), list(flags)


def _shown(model, queryset):
    """What a row shows without opening the record: its people or countries, and the
    first sentence it was read from (one subquery, not a query per row)."""
    if model is Leader:
        return queryset.select_related("country").annotate(
            n_meetings=count_of(Participation.objects.all(), on="leader"),
            n_visits=count_of(Visit.objects.all(), on="visitor_leader"),
        )
    told = Evidence.objects.filter(**{model.__name__.lower(): OuterRef("pk")})
    first = told.order_by("article_id", "start").values("sentence")[:1]
    queryset = queryset.annotate(sentence=Subquery(first))
    if model is Visit:
        return queryset.select_related("visitor_leader", "visitor_country", "host_country")
    if model is Meeting:
        people = Prefetch("participants", queryset=Leader.objects.select_related("country"))
        return queryset.select_related("country").prefetch_related(people)
    return queryset.select_related("level").prefetch_related("parties")


def row_summary(kind: str, record) -> str:
    """Who and what, in words: 'Anwar Ibrahim (Malaysia) to Viet Nam, 9 March 2025'."""
    if kind == "visit":
        who = record.visitor_leader.name if record.visitor_leader else "no leader named"
        where = ", ".join(record.cities)
        return (
            f"{who} ({record.visitor_country.name_en}) to {record.host_country.name_en}"
            f"{' (' + where + ')' if where else ''}; {record.get_kind_display()}"
        )
    if kind == "meeting":
        people = [
            f"{p.name} ({p.country.name_en})" if p.country else p.name
            for p in record.participants.all()
        ]
        place = ", ".join(x for x in [record.city, record.country and record.country.name_en] if x)
        return (
            f"{' and '.join(people) or 'nobody named'}"
            f"{' in ' + place if place else ''}; {record.get_kind_display()}"
        )
    if kind == "agreement":
        parties = " and ".join(c.name_en for c in record.parties.all()) or "no parties named"
        what = record.title or record.get_kind_display()
        level = f" ({record.level.name_en})" if record.level_id else ""
        return f"{parties}: {what}{level}"
    country = record.country.name_en if record.country else "no country"
    aliases = f"; also {', '.join(record.aliases)}" if record.aliases else ""
    return f"{country}{aliases}; {record.n_meetings} meetings, {record.n_visits} visits"


def confidence_notes(kind: str, record) -> list[str]:
    """Why the extractor was unsure, as far as the record shows it."""
    notes = []
    if kind == "visit":
        if record.visitor_leader_id is None:
            notes.append("no visiting leader named")
        if record.kind == "other":
            notes.append("kind of visit not said")
        if record.start is None:
            notes.append("no date")
    elif kind == "meeting":
        if len(record.participants.all()) < 2:
            notes.append("fewer than two people named")
        if record.kind == "other":
            notes.append("kind of meeting not said")
    elif kind == "agreement":
        if len(record.parties.all()) < 2:
            notes.append("fewer than two parties named")
        if not record.title:
            notes.append("no title")
    precision = getattr(record, "start_precision", getattr(record, "date_precision", "day"))
    if precision != "day":
        notes.append(f"dated to the {precision} only")
    return notes


@dataclass(order=True)
class Item:
    sort_key: tuple
    kind: str = field(compare=False)
    record: object = field(compare=False)
    reasons: list[str] = field(compare=False)
    url: str = field(compare=False)
    summary: str = field(compare=False, default="")
    notes: list[str] = field(compare=False, default_factory=list)
    sentence: str = field(compare=False, default="")


KINDS = {"visit": Visit, "meeting": Meeting, "agreement": Agreement, "leader": Leader}


def _items(kind: str, rows, names: list[str]):
    for record in rows:
        reasons = [REASONS[n] for n in names if getattr(record, n)]
        confidence = getattr(record, "confidence", 1.0)
        yield Item(
            sort_key=(-len(reasons), confidence),
            kind=kind,
            record=record,
            reasons=reasons,
            url=reverse(f"admin:visits_{kind}_change", args=[record.pk]),
            summary=row_summary(kind, record),
            notes=confidence_notes(kind, record),
            sentence=getattr(record, "sentence", None) or "",
        )


def queue_view(admin_site):
    """The admin view behind /admin/visits/visit/review/ (linked from the admin index)."""

    def view(request):
        allowed = {
            kind: model
            for kind, model in KINDS.items()
            if request.user.has_perm(f"visits.view_{kind}")
        }
        if not allowed:
            raise PermissionDenied
        if request.method == "POST":
            return _mark_reviewed(request, allowed)
        shown = request.GET.get("kind", "")
        if shown not in allowed:
            shown = ""
        queues = {kind: _queue(model) for kind, model in allowed.items()}
        counts = {kind: qs.count() for kind, (qs, _) in queues.items()}
        if shown:
            qs, names = queues[shown]
            page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
            items = list(_items(shown, page.object_list, names))
        else:
            # Every kind together: the first PER_PAGE of each, merged by priority.
            page = None
            streams = [_items(k, qs[:PER_PAGE], names) for k, (qs, names) in queues.items()]
            items = list(heapq.merge(*streams))[:PER_PAGE]
        context = {
            **admin_site.each_context(request),
            "title": "Review queue",
            "items": items,
            "page_obj": page,
            "counts": counts,
            "total": sum(counts.values()),
            "shown": shown,
            "low_confidence": LOW_CONFIDENCE,
        }
        return TemplateResponse(request, "admin/visits/review_queue.html", context)

    return view


def _mark_reviewed(request, allowed) -> object:
    done = 0
    for kind, model in allowed.items():
        ids = [
            value.split(":", 1)[1]
            for value in request.POST.getlist("selected")
            if value.startswith(f"{kind}:") and value.split(":", 1)[1].isdigit()
        ]
        if not ids:
            continue
        if not request.user.has_perm(f"visits.change_{kind}"):
            raise PermissionDenied
        done += editing.records_mark_reviewed(records=model.objects.filter(pk__in=ids))
    messages.success(request, f"{done} marked reviewed.")
    return redirect(request.get_full_path())
