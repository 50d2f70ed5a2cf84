"""Admin for the feeds `follow` reads: editors add, edit and switch them off; the
entries taken from them are shown, never edited (follow writes them)."""

from django.contrib import admin

from visits.models import Feed, FeedEntry


class FeedEntryInline(admin.TabularInline):
    model = FeedEntry
    fields = ["link", "article", "from_feed_content", "attempts", "error", "fetched_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ["-first_seen"]
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """A feed's URL, name, language and whether it is followed; what the last run saw."""

    list_display = ["__str__", "url", "language", "active", "last_fetched", "has_error"]
    list_filter = ["active", "language"]
    search_fields = ["name", "url"]
    fields = ["name", "url", "language", "active", "last_fetched", "last_error"]
    readonly_fields = ["last_fetched", "last_error"]
    inlines = [FeedEntryInline]

    @admin.display(boolean=True, description="error")
    def has_error(self, obj):
        return bool(obj.last_error)


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    """What follow took from the feeds: read only."""

    list_display = ["__str__", "feed", "article", "from_feed_content", "attempts", "fetched_at"]
    list_filter = ["feed", "from_feed_content"]
    search_fields = ["guid", "link"]
    list_select_related = ["feed", "article"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
