"""The admin base class: history, and saves and deletes that go through the editing services."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from visits.links import web_url
from visits.models import Evidence, Participation
from visits.services import editing, undo

from .scale import PageFirstPaginator, ScaleChangeList, with_indexed_years

MSG_BAD_ID = "The address gives “{value}” as {what}; ids are whole numbers."
REASON = "change_reason"
REASON_HELP = "Why you change it (optional): shown in the history."


def posted_reason(request) -> str:
    """The reason an editor gave on a confirmation page (delete, merge, undo)."""
    return (request.POST.get("reason") or "").strip()[:2000]


class EvidenceOnlyInline(admin.TabularInline):
    """The sources of a record with the sentences it was read from; read-only."""

    model = Evidence
    fields = ["source", "sentence", "record_key"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = "source"
    verbose_name_plural = "sources and the sentences read from them"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="article")
    def source(self, obj):
        article = obj.article
        url = reverse("admin:visits_article_change", args=[article.pk])
        label = article.title or article.source_name
        dated = f" ({article.published:%d %b %Y})" if article.published else ""
        if web_url(article.url):
            return format_html(
                '<a href="{}">{}</a>{} · <a href="{}" rel="noopener">original</a>',
                url,
                label,
                dated,
                web_url(article.url),
            )
        return format_html('<a href="{}">{}</a>{}', url, label, dated)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReasonForm(forms.ModelForm):
    """A record's admin form with the reason for the change, written into the history."""

    change_reason = forms.CharField(
        label="Reason for this change", required=False, max_length=100, help_text=REASON_HELP
    )


class CorrectingAdmin(SimpleHistoryAdmin):
    """Every save marks what the editor changed as corrected; every delete suppresses.

    History (who, when, the value before, revert) comes from SimpleHistoryAdmin.
    """

    list_per_page = 50
    form = ReasonForm
    # The changelist's count of every row, unfiltered ("50 of 100,000"), is a second
    # count over the whole table: the filtered count is enough.
    show_full_result_count = False
    paginator = PageFirstPaginator

    def _bad_id(self, **ids) -> HttpResponseBadRequest | None:
        """A 400 for the first id in the address that is no id at all: django-simple-history
        looks such an id up as it is, and the lookup's ValueError would be a 500."""
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        fields = {"object_id": self.model._meta.pk, "version_id": history._meta.pk}
        for name, value in ids.items():
            try:
                fields[name].to_python(unquote(value))
            except ValidationError:
                what = "the history version's id" if name == "version_id" else None
                what = what or f"the {self.opts.verbose_name}'s id"
                return HttpResponseBadRequest(
                    MSG_BAD_ID.format(what=what, value=unquote(value)[:40]),
                    content_type="text/plain; charset=utf-8",
                )
        return None

    def get_queryset(self, request):
        return with_indexed_years(super().get_queryset(request))

    def get_changelist(self, request, **kwargs):
        return ScaleChangeList

    def history_view(self, request, object_id, extra_context=None):
        refused = self._bad_id(object_id=object_id)
        if refused is not None:
            return refused
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        refused = self._bad_id(object_id=object_id, version_id=version_id)
        if refused is not None:
            return refused
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if REASON not in {f for _, opts in fieldsets for f in opts.get("fields", [])}:
            fieldsets.append(("Reason", {"fields": [REASON]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if hasattr(self.model, "corrected_fields") and "corrected_fields" not in fields:
            fields.append("corrected_fields")
        return fields

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        reason = (form.cleaned_data.get(REASON) or "").strip()
        if reason:
            obj._change_reason = undo.history_reason(reason)
        if hasattr(obj, "corrected_fields"):
            editing.record_correct(record=obj, fields=form.changed_data)
        else:
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model is Participation:
            formset.save()
            if formset.has_changed() and hasattr(form.instance, "corrected_fields"):
                editing.record_correct(record=form.instance, fields=["participants"])
            return
        if not hasattr(formset.model, "corrected_fields"):
            formset.save()
            return
        forms = {id(f.instance): f for f in formset.forms}
        saved = formset.save(commit=False)
        for obj in formset.deleted_objects:
            editing.record_delete(record=obj)
        for obj in saved:
            obj._history_user = request.user
            editing.record_correct(record=obj, fields=forms[id(obj)].changed_data)
        formset.save_m2m()

    def get_deleted_objects(self, objs, request):
        # Evidence goes with its record (and becomes a suppression); editors
        # need no permission to delete evidence on its own for that.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(Evidence._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        obj._history_user = request.user
        editing.record_delete(record=obj, reason=posted_reason(request), user=request.user)

    def delete_queryset(self, request, queryset):
        records = list(queryset)
        for record in records:
            record._history_user = request.user
        editing.records_delete(records=records, reason=posted_reason(request), user=request.user)
