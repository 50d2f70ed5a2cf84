"""Admin for what ingest reads from articles: visits, meetings, agreements and their evidence."""

from django.contrib import admin
from django.db.models import F, Prefetch, Q, Value
from django.urls import path, reverse
from django.utils.html import format_html

from visits.models import (
    Agreement,
    Article,
    Evidence,
    Leader,
    Meeting,
    Participation,
    Suppression,
    Visit,
)
from visits.services import editing

from . import review
from .actions import mark_reviewed, merge_visits
from .base import CorrectingAdmin, EvidenceOnlyInline
from .filters import ConfidenceBandFilter, UnknownPersonFilter, YearUnsettledFilter
from .scale import (
    CachedChoicesInline,
    IndexedRelatedOnlyFilter,
    PageFirstPaginator,
    any_of,
    containing,
    count_of,
    country_codes,
    leader_ids,
    level_codes,
    search_by_ids,
    search_terms,
    unaccented_upper,
)
from .searched import with_one_read

RECORD_FILTERS = ["reviewed", ConfidenceBandFilter, YearUnsettledFilter]


class VisitEvidenceInline(EvidenceOnlyInline):
    fk_name = "visit"


class MeetingEvidenceInline(EvidenceOnlyInline):
    fk_name = "meeting"


class AgreementEvidenceInline(EvidenceOnlyInline):
    fk_name = "agreement"


class MeetingInline(CachedChoicesInline, admin.TabularInline):
    model = Meeting
    fields = ["date", "date_precision", "year_settled", "kind", "country", "city", "reviewed"]
    # A plain select whose choices are read once: an autocomplete box queries per row.
    cached_choice_fields = ("country",)
    extra = 0
    show_change_link = True


class AgreementInline(CachedChoicesInline, admin.TabularInline):
    model = Agreement
    cached_choice_fields = ("level",)
    fields = ["kind", "level", "date", "date_precision", "year_settled", "title", "reviewed"]
    extra = 0
    show_change_link = True


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["leader", "office"]
    autocomplete_fields = ["leader"]
    extra = 1
    verbose_name = "participant"
    verbose_name_plural = "participants"


def _public_url(name: str):
    def view_on_site(self, obj):
        return reverse(f"visits:{name}", args=[obj.pk])

    return view_on_site


@admin.register(Visit)
class VisitAdmin(CorrectingAdmin):
    list_display = [
        "__str__",
        "visitor_country",
        "host_country",
        "kind",
        "dates",
        "city_list",
        "n_sources",
        "confidence",
        "reviewed",
    ]
    list_filter = [
        "kind",
        *RECORD_FILTERS,
        UnknownPersonFilter,
        ("visitor_country", IndexedRelatedOnlyFilter),
        ("host_country", IndexedRelatedOnlyFilter),
    ]
    list_select_related = ["visitor_leader", "visitor_country", "host_country"]
    search_fields = [
        "visitor_leader__name__unaccent__icontains",
        "visitor_country__name_en__unaccent__icontains",
        "host_country__name_en__unaccent__icontains",
        "invited_by__unaccent__icontains",
    ]
    date_hierarchy = "start"
    autocomplete_fields = ["visitor_country", "host_country", "visitor_leader"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "visitor_country",
                    "host_country",
                    "visitor_leader",
                    ("visitor_office", "visitor_role"),
                    "kind",
                ]
            },
        ),
        (
            "When and where",
            {
                "fields": [
                    ("start", "start_precision"),
                    ("end", "end_precision"),
                    "year_settled",
                    "cities",
                    "invited_by",
                ]
            },
        ),
        ("Review", {"fields": ["confidence", "reviewed", "corrected_fields", "disagreement"]}),
    ]
    # Worked out from the sources: what a curated list and the news each say.
    readonly_fields = ["disagreement"]
    inlines = [MeetingInline, AgreementInline, VisitEvidenceInline]
    actions = [mark_reviewed, merge_visits]
    view_on_site = _public_url("visit_detail")

    def get_queryset(self, request):
        sources = count_of(Evidence.objects.all(), on="visit", distinct="article")
        return super().get_queryset(request).annotate(n_sources=sources)

    def get_search_results(self, request, queryset, search_term):
        """The search_fields' matches, with leaders and countries looked up first."""

        def term_q(term: str) -> Q:
            codes = country_codes(term)
            # Plain columns, one index each: PostgreSQL ORs their bitmaps.
            return (
                Q(visitor_leader__in=leader_ids(term))
                | Q(visitor_country__in=codes)
                | Q(host_country__in=codes)
                | (~Q(invited_by="") & Q(invited_by_key__contains=unaccented_upper(Value(term))))
            )

        # Beside `invited_by <> ''`, the LIKE reads the partial trigram index of 0020.
        queryset = queryset.alias(invited_by_key=unaccented_upper(F("invited_by")))
        return search_by_ids(queryset, search_term, term_q), False

    def get_urls(self):
        queue = self.admin_site.admin_view(review.queue_view(self.admin_site))
        return [path("review/", queue, name="visits_review_queue"), *super().get_urls()]

    @admin.display(description="dates", ordering="start")
    def dates(self, obj):
        if obj.end and obj.end != obj.start:
            return f"{obj.start_display} – {obj.end_display}"
        return obj.start_display

    @admin.display(description="cities")
    def city_list(self, obj):
        return ", ".join(obj.cities)

    # Not sortable: sorting 100,000 visits by a count counts for every one (1 s).
    @admin.display(description="sources")
    def n_sources(self, obj):
        return obj.n_sources


@admin.register(Meeting)
class MeetingAdmin(CorrectingAdmin):
    list_display = [
        "__str__",
        "kind",
        "participant_list",
        "country",
        "city",
        "visit",
        "confidence",
        "reviewed",
    ]
    list_filter = [
        "kind",
        *RECORD_FILTERS,
        UnknownPersonFilter,
        ("country", IndexedRelatedOnlyFilter),
    ]
    list_select_related = ["country", "visit__visitor_leader", "visit__host_country"]
    search_fields = [
        "participants__name__unaccent__icontains",
        "city__unaccent__icontains",
        "venue__unaccent__icontains",
        "country__name_en__unaccent__icontains",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["visit", "country"]
    fieldsets = [
        (None, {"fields": ["kind", "visit"]}),
        (
            "When and where",
            {
                "fields": [
                    ("date", "date_precision"),
                    "year_settled",
                    "country",
                    "city",
                    "venue",
                ]
            },
        ),
        ("Review", {"fields": ["confidence", "reviewed", "corrected_fields"]}),
    ]
    inlines = [ParticipationInline, MeetingEvidenceInline]
    actions = [mark_reviewed]
    view_on_site = _public_url("meeting_detail")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("participants", queryset=Leader.objects.only("name")))
        )

    def get_search_results(self, request, queryset, search_term):
        """The search_fields' matches, with leaders and countries looked up first; the
        list counted and its dates read in one pass over them (see OneRead)."""
        if not search_terms(search_term):
            # Unsearched, the count, the range and the years are each an index read.
            return queryset, False
        meetings = Meeting.objects.all()

        def term_q(term: str) -> Q:
            leaders, codes = leader_ids(term), country_codes(term)
            met = Participation.objects.filter(leader__in=leaders).values("meeting_id")
            return any_of(
                met if leaders else None,
                containing(meetings, "city", term),
                containing(meetings, "venue", term),
                meetings.filter(country__in=codes).values("pk") if codes else None,
            )

        found = search_by_ids(queryset, search_term, term_q)
        return with_one_read(found, field=self.date_hierarchy), False

    @admin.display(description="participants")
    def participant_list(self, obj):
        return ", ".join(p.name for p in obj.participants.all())


@admin.register(Agreement)
class AgreementAdmin(CorrectingAdmin):
    list_display = [
        "__str__",
        "kind",
        "level",
        "party_list",
        "title",
        "visit",
        "confidence",
        "reviewed",
    ]
    list_filter = ["kind", "level", *RECORD_FILTERS, ("parties", IndexedRelatedOnlyFilter)]
    list_select_related = ["level", "visit__visitor_leader", "visit__host_country"]
    search_fields = [
        "title__unaccent__icontains",
        "parties__name_en__unaccent__icontains",
        "level__name_en__unaccent__icontains",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["visit", "parties"]
    fieldsets = [
        (None, {"fields": ["kind", "level", "parties", "title", "document_count", "visit"]}),
        ("When", {"fields": [("date", "date_precision"), "year_settled"]}),
        ("Review", {"fields": ["confidence", "reviewed", "corrected_fields"]}),
    ]
    inlines = [AgreementEvidenceInline]
    actions = [mark_reviewed]
    view_on_site = _public_url("agreement_detail")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    def get_search_results(self, request, queryset, search_term):
        """The search_fields' matches, with countries and levels looked up first; the
        list counted and its dates read in one pass over them (see OneRead)."""
        if not search_terms(search_term):
            return queryset, False
        parties = Agreement.parties.through.objects
        agreements = Agreement.objects.all()

        def term_q(term: str) -> Q:
            codes, levels = country_codes(term), level_codes(term)
            return any_of(
                containing(agreements, "title", term),
                parties.filter(country__in=codes).values("agreement_id") if codes else None,
                agreements.filter(level__in=levels).values("pk") if levels else None,
            )

        found = search_by_ids(queryset, search_term, term_q)
        return with_one_read(found, field=self.date_hierarchy), False

    @admin.display(description="parties")
    def party_list(self, obj):
        return ", ".join(c.name_en for c in obj.parties.all())


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["leader", "meeting", "office"]
    list_select_related = ["leader", "meeting"]
    show_full_result_count = False
    paginator = PageFirstPaginator
    search_fields = ["leader__name__unaccent__icontains", "office__unaccent__icontains"]
    autocomplete_fields = ["leader", "meeting"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        editing.record_correct(record=obj.meeting, fields=["participants"])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        editing.record_correct(record=obj.meeting, fields=["participants"])

    def delete_queryset(self, request, queryset):
        meetings = list(Meeting.objects.filter(participation__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for meeting in meetings:
            editing.record_correct(record=meeting, fields=["participants"])


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence is what ingest read; editors look at it, they do not write it."""

    list_display = ["article", "record_key", "record", "excerpt"]
    list_select_related = [
        "article",
        "visit__visitor_leader",
        "visit__visitor_country",
        "visit__host_country",
        "meeting",
        "agreement",
    ]
    # Newest first, by the primary key: the model's order (its article's) sorts every row.
    ordering = ["-id"]
    # One count of 200,000 rows per page, not two (the "N total" beside a search).
    show_full_result_count = False
    paginator = PageFirstPaginator
    search_fields = ["sentence", "article__source_name"]
    readonly_fields = [
        "article",
        "record_key",
        "visit",
        "meeting",
        "agreement",
        "start",
        "end",
        "sentence",
    ]

    def get_queryset(self, request):
        # The article's name and date are shown, never its text or the page it came in.
        return super().get_queryset(request).defer("article__text", "article__raw")

    def get_search_results(self, request, queryset, search_term):
        """Sentences by the trigram index of migration 0016, articles by name first."""

        def term_q(term: str) -> Q:
            named = Article.objects.filter(source_name__icontains=term).values_list("pk")
            return Q(sentence_key__contains=unaccented_upper(Value(term))) | Q(
                article__in=list(named[:1000])
            )

        queryset = queryset.alias(sentence_key=unaccented_upper(F("sentence")))
        return search_by_ids(queryset, search_term, term_q), False

    @admin.display(description="record")
    def record(self, obj):
        target = obj.visit or obj.meeting or obj.agreement
        name = type(target)._meta.model_name
        url = reverse(f"admin:visits_{name}_change", args=[target.pk])
        return format_html('<a href="{}">{} {}</a>', url, name, target)

    @admin.display(description="sentence")
    def excerpt(self, obj):
        return obj.sentence if len(obj.sentence) <= 120 else obj.sentence[:117] + "…"


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Records an editor deleted; deleting a suppression lets ingest recreate the record."""

    list_display = ["article", "record_key", "created_at"]
    list_select_related = ["article"]
    search_fields = ["article__source_name", "record_key"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "record_key", "created_at"]
