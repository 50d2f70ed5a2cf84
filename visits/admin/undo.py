"""Admin for deletions and merges: the "recover deleted" list, and the undo of each one."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from visits.models import EditorAction
from visits.services import undo

from .base import posted_reason

UNDONE = "Undone: {action}. {model} #{pk} is back."


class UndoneFilter(admin.SimpleListFilter):
    title = "undone"
    parameter_name = "undone"

    def lookups(self, request, model_admin):
        return [("no", "not undone"), ("yes", "undone")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(undone_at=None)
        if self.value() == "yes":
            return queryset.exclude(undone_at=None)
        return queryset


def _record_link(model: str, pk: int | None) -> str:
    """A link to the record's admin page (which says so when the record is gone)."""
    if pk is None:
        return "—"
    url = reverse(f"admin:visits_{model}_change", args=[pk])
    return format_html('<a href="{}">#{}</a>', url, pk)


@admin.register(EditorAction)
class EditorActionAdmin(admin.ModelAdmin):
    """Every deletion and merge an editor made, newest first, each with its undo."""

    list_display = ["created_at", "kind", "model", "label", "into", "user", "reason", "state"]
    list_filter = ["kind", "model", UndoneFilter]
    list_select_related = ["user", "undone_by"]
    search_fields = ["label", "reason"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = [
        "kind",
        "model",
        "record_id",
        "into_id",
        "label",
        "reason",
        "user",
        "created_at",
        "undone_at",
        "undone_by",
        "undo_reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.undo_view)
        undo_url = path("<path:object_id>/undo/", view, name="visits_editoraction_undo")
        return [undo_url, *super().get_urls()]

    @admin.display(description="kept")
    def into(self, obj):
        return _record_link(obj.model, obj.into_id) if obj.kind == "merge" else "—"

    @admin.display(description="state")
    def state(self, obj):
        if obj.undone_at:
            who = f" by {obj.undone_by}" if obj.undone_by else ""
            why = f": {obj.undo_reason}" if obj.undo_reason else ""
            return f"undone {obj.undone_at:%d %b %Y %H:%M}{who}{why}"
        url = reverse("admin:visits_editoraction_undo", args=[obj.pk])
        return format_html('<a class="button undo-link" href="{}">Undo</a>', url)

    def undo_view(self, request, object_id):
        """Ask for a reason, then undo the deletion or merge (POST)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        pk = unquote(object_id)
        action = EditorAction.objects.filter(pk=pk).first() if pk.isdigit() else None
        if action is None:
            raise Http404("No such deletion or merge.")
        changelist = reverse("admin:visits_editoraction_changelist")
        if request.method == "POST":
            try:
                record = undo.action_undo(
                    action=action, reason=posted_reason(request), user=request.user
                )
            except undo.UndoRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return redirect(changelist)
            message = UNDONE.format(action=action, model=action.model.capitalize(), pk=record.pk)
            self.message_user(request, message, messages.SUCCESS)
            return redirect(reverse(f"admin:visits_{action.model}_change", args=[record.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo the {action.get_kind_display()} of {action.model} “{action.label}”",
            "opts": self.opts,
            "action": action,
            "kept": _record_link(action.model, action.into_id),
            "changelist": changelist,
        }
        return TemplateResponse(request, "admin/visits/undo_confirm.html", context)
