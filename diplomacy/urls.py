"""URL configuration: the public pages and the editors' admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("visits.urls")),
]

# The 500 page is drawn without the database (visits.views.site.server_error).
handler500 = "visits.views.server_error"
