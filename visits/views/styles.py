"""/levels.css: the partnership levels' colours, cached by the browser."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from visits import selectors, styles

# The page links the stylesheet with ?v=<hash of its text>: that URL's text never
# changes, so browsers keep it; any other URL is checked again each time.
YEAR = 365 * 24 * 3600


@require_safe
def levels_css(request):
    levels = selectors.levels_by_code().values()
    text = styles.levels_css(levels=levels)
    version = styles.levels_version(levels=levels)
    response = HttpResponse(text, content_type="text/css; charset=utf-8")
    response["ETag"] = f'"{version}"'
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(request, etag=response["ETag"], response=response)
