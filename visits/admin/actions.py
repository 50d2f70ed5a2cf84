"""Admin actions: mark reviewed, and merges confirmed on a page that asks which record to
keep, lists exactly what moves, and takes a reason (and, for leaders, whether the names
merged away become aliases)."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.template.response import TemplateResponse

from visits.models import Agreement, Evidence, Leader, Meeting, Office, Participation, Visit
from visits.services import editing

from .base import posted_reason

MERGE_TOO_FEW = "Select at least two records to merge."
MERGE_CHOOSE = "Choose one of the selected records."
MERGED = "Merged {n} {noun}(s) into “{into}”."


@admin.action(description="Mark selected as reviewed", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    count = editing.records_mark_reviewed(records=queryset)
    modeladmin.message_user(request, f"{count} marked reviewed.", messages.SUCCESS)


def _merge(modeladmin, request, queryset, *, merge, moves, noun, options=None):
    """Ask which of the selected records to keep; on confirmation merge the rest into it.

    `moves(obj)` lists what moves from `obj` when another is kept, as (heading, lines)
    pairs; `options` are extra keyword arguments of `merge` read from the form.
    """
    rows = list(queryset)
    if len(rows) < 2:
        modeladmin.message_user(request, MERGE_TOO_FEW, messages.WARNING)
        return None
    if request.POST.get("confirm") and request.POST.get("into"):
        into = next((r for r in rows if str(r.pk) == request.POST["into"]), None)
        if into is None:
            modeladmin.message_user(request, MERGE_CHOOSE, messages.ERROR)
            return None
        others = [r for r in rows if r.pk != into.pk]
        reason = posted_reason(request)
        modeladmin.log_deletions(request, others)
        merge(into=into, others=others, reason=reason, user=request.user, **(options or {}))
        message = f"Merged {len(others)} {noun}(s) into this one."
        modeladmin.log_change(request, into, message + (f" Reason: {reason}" if reason else ""))
        modeladmin.message_user(
            request, MERGED.format(n=len(others), noun=noun, into=into), messages.SUCCESS
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {noun}s",
        "opts": modeladmin.model._meta,
        "noun": noun,
        "rows": [(obj, moves(obj)) for obj in rows],
        "action": request.POST.get("action", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/visits/merge_confirm.html", context)


def _evidence_line(evidence: Evidence) -> str:
    article = evidence.article
    sentence = evidence.sentence if len(evidence.sentence) <= 160 else evidence.sentence[:159] + "…"
    return f"{article.title or article.source_name}: “{sentence}”"


def visit_moves(visit: Visit) -> list[tuple[str, list[str]]]:
    """What moves from `visit` to the visit kept (visit_merge): meetings, agreements,
    evidence and cities, each named."""
    meetings = [
        f"#{m.pk} {m} with {', '.join(p.name for p in m.participants.all()) or 'nobody named'}"
        for m in visit.meetings.all()
    ]
    agreements = [
        f"#{a.pk} {a}: {a.title or a.get_kind_display()}"
        f" ({', '.join(c.name_en for c in a.parties.all()) or 'no parties'})"
        for a in visit.agreements.all()
    ]
    return [
        ("meetings", meetings),
        ("agreements", agreements),
        ("evidence", [_evidence_line(e) for e in visit.evidence.all()]),
        ("cities", list(visit.cities)),
    ]


@admin.action(description="Merge selected duplicate visits", permissions=["change", "delete"])
def merge_visits(modeladmin, request, queryset):
    queryset = queryset.select_related(
        "visitor_leader", "visitor_country", "host_country"
    ).prefetch_related(
        Prefetch(
            "meetings",
            queryset=Meeting.objects.order_by("date", "pk").prefetch_related(
                Prefetch("participants", queryset=Leader.objects.only("name"))
            ),
        ),
        Prefetch(
            "agreements",
            queryset=Agreement.objects.order_by("date", "pk").prefetch_related("parties"),
        ),
        Prefetch("evidence", queryset=Evidence.objects.select_related("article")),
    )
    return _merge(
        modeladmin, request, queryset, merge=editing.visits_merge, moves=visit_moves, noun="visit"
    )


def leader_moves(leader: Leader) -> list[tuple[str, list[str]]]:
    """What moves from `leader` to the leader kept (leader_merge)."""
    meetings = [f"#{p.meeting.pk} {p.meeting}" for p in leader.participation_set.all()]
    visits = [f"#{v.pk} {v}" for v in leader.visits.all()]
    offices = [f"{o.title} ({o.get_kind_display()})" for o in leader.offices.all()]
    return [
        ("meetings", meetings),
        ("visits", visits),
        ("offices", offices),
        ("names (aliases of the one kept, if ticked below)", [leader.name, *leader.aliases]),
    ]


@admin.action(description="Merge selected leaders (same person)", permissions=["change", "delete"])
def merge_leaders(modeladmin, request, queryset):
    queryset = queryset.select_related("country").prefetch_related(
        Prefetch(
            "participation_set",
            queryset=Participation.objects.select_related("meeting").order_by("meeting__date"),
        ),
        Prefetch(
            "visits",
            queryset=Visit.objects.select_related(
                "visitor_leader", "visitor_country", "host_country"
            ).order_by("start"),
        ),
        Prefetch("offices", queryset=Office.objects.order_by("start")),
    )
    keep = request.POST.get("keep_aliases") == "on"
    return _merge(
        modeladmin,
        request,
        queryset,
        merge=editing.leaders_merge,
        moves=leader_moves,
        noun="leader",
        options={"keep_aliases": keep},
    )
