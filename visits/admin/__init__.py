"""The editors' admin: every model registered; saves, deletes and merges go through
visits.services.editing so that corrections last and deletions stay deleted."""

from django.contrib import admin

from . import feeds, people, records, reference, undo  # noqa: F401  (registers the ModelAdmins)

admin.site.site_header = "Diplomatic visits: editors"
admin.site.site_title = "Diplomatic visits admin"
admin.site.index_title = "Records"
