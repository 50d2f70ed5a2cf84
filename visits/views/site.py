"""What every site answers beside its pages: /favicon.ico, and the 404 and 500 pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponseServerError
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

FAVICON = "visits/favicon.ico"
DAY = 24 * 3600


@require_safe
def favicon(request):
    """/favicon.ico, where browsers look whatever the page links: the site's icon,
    kept a day by the browser."""
    path = finders.find(FAVICON) or (settings.STATIC_ROOT / FAVICON)
    try:
        response = FileResponse(open(path, "rb"), content_type="image/x-icon")
    except FileNotFoundError as error:
        raise Http404("No icon") from error
    patch_cache_control(response, public=True, max_age=DAY)
    return response


def server_error(request):
    """The 500 page, with the site's navigation, rendered without a context processor
    or a query: when the database is the problem, the page must still be drawn."""
    return HttpResponseServerError(loader.get_template("500.html").render())
