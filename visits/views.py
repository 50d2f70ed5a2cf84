"""Public, read-only pages."""

from django.http import HttpResponse


def home(request):
    return HttpResponse("Diplomacy")
