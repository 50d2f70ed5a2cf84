"""Admin for reference data and sources: countries, levels, partnerships, articles."""

from django.contrib import admin
from django.utils.html import format_html

from visits.links import web_url
from visits.models import Article, Country, Evidence, Partnership, PartnershipLevel
from visits.services import editing

from .base import CorrectingAdmin
from .scale import IndexedRelatedOnlyFilter


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_vi", "alias_list"]
    search_fields = [
        "code",
        "name_en__unaccent__icontains",
        "name_vi__unaccent__icontains",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The code is the natural key other rows point at.
        return ["code", "corrected_fields"] if obj else ["corrected_fields"]

    def save_model(self, request, obj, form, change):
        # An editor's change is a correction that load_reference keeps.
        editing.record_correct(record=obj, fields=form.changed_data)

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases)


@admin.register(PartnershipLevel)
class PartnershipLevelAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_vi", "rank", "code", "color"]
    search_fields = ["name_en__unaccent__icontains", "name_vi__unaccent__icontains", "code"]
    readonly_fields = ["corrected_fields"]

    def save_model(self, request, obj, form, change):
        editing.record_correct(record=obj, fields=form.changed_data)


@admin.register(Partnership)
class PartnershipAdmin(CorrectingAdmin):
    list_display = ["__str__", "country_a", "country_b", "level", "since", "source"]
    list_filter = ["level", "source", ("country_a", IndexedRelatedOnlyFilter)]
    list_select_related = ["country_a", "country_b", "level"]
    search_fields = [
        "country_a__name_en__unaccent__icontains",
        "country_b__name_en__unaccent__icontains",
        "official_name__unaccent__icontains",
        "occasion__unaccent__icontains",
    ]
    date_hierarchy = "since"
    autocomplete_fields = ["country_a", "country_b", "agreement"]


class ArticleEvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["record_key", "visit", "meeting", "agreement", "sentence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "what was read from it"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "visit__visitor_leader", "visit__visitor_country", "visit__host_country"
            )
            .select_related("article", "meeting", "agreement")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles are what ingest read: editors look at them, ingest writes them."""

    list_display = [
        "source_name",
        "title",
        "published",
        "language",
        "language_confidence",
        "status",
        "extractor_version",
    ]
    list_filter = ["status", "language", "extractor_version"]
    search_fields = ["source_name", "title__unaccent__icontains", "url"]
    date_hierarchy = "published"
    # The address is shown, never as a live link unless it is http(s): a stored
    # "javascript:" URL must not run in an editor's session.
    exclude = ["raw"]  # the article as received: a whole page, for --reextract
    readonly_fields = [
        "url",
        "original",
        "language_confidence",
        "raw_kind",
        "content_hash",
        "extractor_version",
        "ingested_at",
        "updated_at",
    ]
    inlines = [ArticleEvidenceInline]

    @admin.display(description="original")
    def original(self, obj):
        href = web_url(obj.url)
        return format_html('<a href="{}" rel="noopener">{}</a>', href, href) if href else "—"
