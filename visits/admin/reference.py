"""Admin for reference data and sources: countries, levels, partnerships, articles."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

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


# The evidence an article's page shows, at most: an inline of every row rendered a form
# per row (an article of a long summit tells thousands: seconds). The rest are in the
# evidence list, filtered to the article, which the page links to with their number.
EVIDENCE_SHOWN = 300


def evidence_rows(*, article: Article) -> tuple[list[Evidence], int]:
    """The first EVIDENCE_SHOWN rows read from `article` (by their place in its text)
    with their records, and how many there are: two queries, whatever the number."""
    rows = article.evidence.select_related(
        "visit__visitor_leader", "visit__visitor_country", "visit__host_country"
    ).select_related("meeting", "agreement")
    shown = list(rows.defer("claim").order_by("start", "pk")[:EVIDENCE_SHOWN])
    return shown, article.evidence.count()


def record_link(evidence: Evidence) -> str:
    """A link to the admin page of the record `evidence` was read for."""
    record = evidence.visit or evidence.meeting or evidence.agreement
    name = type(record)._meta.model_name
    url = reverse(f"admin:visits_{name}_change", args=[record.pk])
    return format_html('{}: <a href="{}">{}</a>', name, url, record)


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
        "evidence_read",
    ]

    @admin.display(description="original")
    def original(self, obj):
        href = web_url(obj.url)
        return format_html('<a href="{}" rel="noopener">{}</a>', href, href) if href else "—"

    @admin.display(description="what was read from it")
    def evidence_read(self, obj):
        """The first EVIDENCE_SHOWN rows read from the article, each linked to its own
        page and to its record's, and a link to all of them in the evidence list."""
        if obj is None or obj.pk is None:
            return "—"
        shown, total = evidence_rows(article=obj)
        if not total:
            return "Nothing was read from it."
        url = reverse("admin:visits_evidence_changelist") + f"?article__id__exact={obj.pk}"
        part = f"the first {len(shown):,} below" if total > len(shown) else "all below"
        link = format_html(
            '<p><a href="{}">All {} rows read from it, in the evidence list</a> ({}).</p>',
            url,
            f"{total:,}",
            part,
        )
        body = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:visits_evidence_change", args=[e.pk]),
                    e.pk,
                    e.record_key,
                    record_link(e),
                    e.sentence,
                )
                for e in shown
            ),
        )
        return format_html(
            "{}<table><thead><tr><th>evidence</th><th>record key</th><th>record</th>"
            "<th>sentence</th></tr></thead><tbody>{}</tbody></table>",
            link,
            body,
        )
