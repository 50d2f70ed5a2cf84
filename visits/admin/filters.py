"""Changelist filters the stock ones lack: confidence bands, unsettled years, unknown people."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from visits.models import Participation

# Below this, a record goes to the front of the review queue.
LOW_CONFIDENCE = 0.6
CONFIDENCE_BANDS = {
    "low": ("low (below 0.6)", 0.0, LOW_CONFIDENCE),
    "medium": ("medium (0.6 to 0.8)", LOW_CONFIDENCE, 0.8),
    "high": ("high (0.8 and above)", 0.8, None),
}


class ConfidenceBandFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in CONFIDENCE_BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() not in CONFIDENCE_BANDS:
            return queryset
        _, low, high = CONFIDENCE_BANDS[self.value()]
        queryset = queryset.filter(confidence__gte=low)
        return queryset if high is None else queryset.filter(confidence__lt=high)


class YearUnsettledFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [("unsettled", "year unsettled"), ("settled", "year settled")]

    def queryset(self, request, queryset):
        if self.value() == "unsettled":
            return queryset.filter(year_settled=False)
        if self.value() == "settled":
            return queryset.filter(year_settled=True)
        return queryset


class UnknownPersonFilter(admin.SimpleListFilter):
    """Visits by, or meetings with, a person not confirmed as known."""

    title = "people"
    parameter_name = "people"

    def lookups(self, request, model_admin):
        return [("unknown", "an unknown person"), ("known", "known people only")]

    def queryset(self, request, queryset):
        if self.value() not in ("unknown", "known"):
            return queryset
        if queryset.model._meta.model_name == "visit":
            if self.value() == "unknown":
                return queryset.filter(visitor_leader__known=False)
            return queryset.exclude(visitor_leader__known=False)
        unknown = Exists(Participation.objects.filter(meeting=OuterRef("pk"), leader__known=False))
        return queryset.filter(unknown if self.value() == "unknown" else ~unknown)
