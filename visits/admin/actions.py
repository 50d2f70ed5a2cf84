"""Admin actions: mark reviewed, and merges confirmed on a page that asks which record to keep."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from visits.services import editing

MERGE_TOO_FEW = "Select at least two records to merge."


@admin.action(description="Mark selected as reviewed", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    count = editing.records_mark_reviewed(records=queryset)
    modeladmin.message_user(request, f"{count} marked reviewed.", messages.SUCCESS)


def _merge(modeladmin, request, queryset, *, merge, summary, noun):
    """Ask which of the selected records to keep; on confirmation merge the rest into it."""
    if queryset.count() < 2:
        modeladmin.message_user(request, MERGE_TOO_FEW, messages.WARNING)
        return None
    if request.POST.get("confirm") and request.POST.get("into"):
        into = queryset.filter(pk=request.POST["into"]).first()
        if into is None:
            modeladmin.message_user(request, "Choose one of the selected records.", messages.ERROR)
            return None
        others = list(queryset.exclude(pk=into.pk))
        modeladmin.log_deletions(request, others)
        merge(into=into, others=others)
        modeladmin.log_change(request, into, f"Merged {len(others)} {noun}(s) into this one.")
        modeladmin.message_user(
            request, f"Merged {len(others)} {noun}(s) into “{into}”.", messages.SUCCESS
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {noun}s",
        "opts": modeladmin.model._meta,
        "noun": noun,
        "rows": [(obj, summary(obj)) for obj in queryset],
        "action": request.POST.get("action", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/visits/merge_confirm.html", context)


@admin.action(description="Merge selected duplicate visits", permissions=["change", "delete"])
def merge_visits(modeladmin, request, queryset):
    queryset = queryset.annotate(
        n_sources=Count("evidence", distinct=True),
        n_meetings=Count("meetings", distinct=True),
        n_agreements=Count("agreements", distinct=True),
    ).select_related("visitor_leader", "visitor_country", "host_country")
    return _merge(
        modeladmin,
        request,
        queryset,
        merge=editing.visits_merge,
        noun="visit",
        summary=lambda v: (
            f"{v.get_kind_display()}; {v.start_display or 'no date'}; "
            f"cities: {', '.join(v.cities) or '—'}; {v.n_sources} evidence, "
            f"{v.n_meetings} meetings, {v.n_agreements} agreements"
        ),
    )


@admin.action(description="Merge selected leaders (same person)", permissions=["change", "delete"])
def merge_leaders(modeladmin, request, queryset):
    queryset = queryset.annotate(
        n_meetings=Count("participation", distinct=True),
        n_visits=Count("visits", distinct=True),
    ).select_related("country")
    return _merge(
        modeladmin,
        request,
        queryset,
        merge=editing.leaders_merge,
        noun="leader",
        summary=lambda p: (
            f"{p.country or 'no country'}; aliases: {', '.join(p.aliases) or '—'}; "
            f"{p.n_meetings} meetings, {p.n_visits} visits" + ("" if p.known else "; unknown")
        ),
    )
