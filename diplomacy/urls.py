"""URL configuration: the public pages and the editors' admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("visits.urls")),
]
