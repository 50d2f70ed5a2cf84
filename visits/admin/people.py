"""Admin for people: leaders (search by any spelling, merge duplicates) and their offices."""

from django.contrib import admin
from django.db.models import Q

from visits.models import Leader, Office, Participation, Visit, fold

from .actions import mark_reviewed, merge_leaders
from .base import CorrectingAdmin
from .scale import IndexedRelatedOnlyFilter, count_of


class OfficeInline(admin.TabularInline):
    model = Office
    fields = ["kind", "title", "country", "start", "start_precision", "end", "end_precision"]
    autocomplete_fields = ["country"]
    extra = 0


@admin.register(Leader)
class LeaderAdmin(CorrectingAdmin):
    list_display = [
        "name",
        "country",
        "alias_list",
        "honorific",
        "n_meetings",
        "n_visits",
        "known",
        "reviewed",
    ]
    list_filter = ["known", "reviewed", ("country", IndexedRelatedOnlyFilter)]
    list_select_related = ["country"]
    search_fields = ["name__unaccent__icontains", "honorific__unaccent__icontains"]
    autocomplete_fields = ["country"]
    fields = ["name", "aliases", "country", "honorific", "known", "reviewed", "corrected_fields"]
    inlines = [OfficeInline]
    actions = [mark_reviewed, merge_leaders]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                # Two counts joined in one query multiply participations by visits.
                n_meetings=count_of(Participation.objects.all(), on="leader"),
                n_visits=count_of(Visit.objects.all(), on="visitor_leader"),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """Also find a leader by any alias, spelled with or without accents."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = fold(search_term)
        if key:
            results |= queryset.filter(Q(alias_keys__contains=[key]) | Q(name_key=key))
        return results, may_have_duplicates

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases)

    @admin.display(description="meetings", ordering="n_meetings")
    def n_meetings(self, obj):
        return obj.n_meetings

    @admin.display(description="visits", ordering="n_visits")
    def n_visits(self, obj):
        return obj.n_visits


@admin.register(Office)
class OfficeAdmin(CorrectingAdmin):
    list_display = ["title", "leader", "kind", "country", "start", "end"]
    list_filter = ["kind", ("country", IndexedRelatedOnlyFilter)]
    list_select_related = ["leader", "country"]
    search_fields = ["title__unaccent__icontains", "leader__name__unaccent__icontains"]
    autocomplete_fields = ["leader", "country"]
    date_hierarchy = "start"
