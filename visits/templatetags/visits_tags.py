"""Template helpers for the public pages: level badges, fuzzy date ranges, evidence."""

from __future__ import annotations

import functools
from urllib.parse import quote

from django import template
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from visits import selectors, styles
from visits.links import web_url
from visits.models import Precision, format_fuzzy_date
from visits.reader import AUTONYMS, READER_LANGUAGES, country_display_name
from visits.reader import DEFAULT as DEFAULT_LANGUAGE

register = template.Library()

# Stands for a record's key in a URL reversed once per URL name (`record_url`).
_KEY = "918273645"  # digits, so that both int and str converters take it


@functools.lru_cache(maxsize=64)
def _around_key(name: str, prefix: str, urlconf) -> tuple[str, str]:
    head, found, tail = reverse(name, args=[_KEY], urlconf=urlconf).partition(_KEY)
    assert found, name
    return head, tail


def record_url_of(name: str, key) -> str:
    """`reverse(name, args=[key])` for the pages of one record (`visits:visit_detail`,
    a pk or a country code): the pattern is reversed once per name and script prefix,
    then the key put in, since a list reversing a few links per row spent a sixth of
    its time in `reverse`."""
    head, tail = _around_key(name, get_script_prefix(), get_urlconf())
    return f"{head}{quote(str(key), safe='')}{tail}"


@register.simple_tag
def record_url(name: str, key) -> str:
    """{% record_url 'visits:visit_detail' v.pk %}: the record's page (`record_url_of`)."""
    return record_url_of(name, key)


CONTEXT_CHARS = 280


@register.filter
def web_href(value):
    """The address when it may be linked (http or https), else "": see visits.links."""
    return web_url(value)


@register.simple_tag
def level_badge(level, levels=None):
    """A coloured badge for a level (a PartnershipLevel or its code); '' for none."""
    if level is None or level == "":
        return mark_safe('<span class="muted">—</span>')
    if isinstance(level, str):
        level = (levels or {}).get(level)
        if level is None:
            return ""
    return format_html(
        '<span class="{}" title="{}">{}</span>',
        f"level {styles.level_class(level.code)}".strip(),
        level.name_en,
        level.name_en,
    )


@register.filter
def level_class(level) -> str:
    """The class that gives a level's colour (`level-<code>`, see /levels.css); '' for none."""
    code = level if isinstance(level, str) else getattr(level, "code", "")
    return styles.level_class(code or "")


@register.simple_tag(takes_context=True)
def levels_css_url(context) -> str:
    """/levels.css?v=<hash>: the URL changes when a colour does, so browsers may keep it."""
    levels = context.get("levels")
    if not isinstance(levels, dict):
        levels = selectors.levels_by_code()
    version = styles.levels_version(levels=levels.values())
    return f"{reverse('visits:levels_css')}?v={version}"


@register.filter
def date_range(record) -> str:
    """'20–22 November 2024', '30 November – 2 December 2024' or 'November 2024'.

    Built from the record's start and end and their precisions: a part the
    articles did not give (the day, the month) is never shown.
    """
    start = getattr(record, "start", None)
    end = getattr(record, "end", None)
    settled = getattr(record, "year_settled", True)
    first = format_fuzzy_date(start, record.start_precision, year_settled=settled)
    if not first:
        return "date unknown"
    if not end or end == start:
        return first
    last = format_fuzzy_date(end, record.end_precision, year_settled=settled)
    if not last or last == first:
        return first
    both_days = record.start_precision == record.end_precision == Precision.DAY
    suffix = "" if settled else " (year unsettled)"
    if both_days and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {end.strftime('%B %Y')}{suffix}"
        return f"{start.day} {start.strftime('%B')} – {end.day} {end.strftime('%B %Y')}{suffix}"
    return f"{first} – {last}"


def _reader_language(context) -> str:
    request = context.get("request")
    return getattr(request, "reader_language", DEFAULT_LANGUAGE)


@register.simple_tag(takes_context=True)
def country_link(context, country):
    """A link to the country's page, named in the reader's language (visits.reader)."""
    if country is None:
        return ""
    url = record_url_of("visits:country_detail", country.code)
    return format_html(
        '<a href="{}">{}</a>', url, country_display_name(country, _reader_language(context))
    )


@register.simple_tag(takes_context=True)
def country_name(context, country):
    """The country's name in the reader's language."""
    return country_display_name(country, _reader_language(context))


@register.inclusion_tag("visits/_reader_languages.html", takes_context=True)
def reader_languages(context):
    """Links that show the page with country names in each language read."""
    request = context.get("request")
    current = _reader_language(context)
    choices = []
    for code in READER_LANGUAGES:
        params = request.GET.copy() if request is not None else QueryDict(mutable=True)
        params["lang"] = code
        params.pop("page", None)
        choices.append({"code": code, "name": AUTONYMS[code], "query": params.urlencode()})
    return {"choices": choices, "current": current}


@register.filter
def snippet(evidence) -> dict:
    """The evidence span with some article text either side, for a highlighted quote.

    When the offsets do not fit the article text, the stored sentence is shown
    alone (`exact` False), so a page never shows the wrong words highlighted.
    """
    text = evidence.article.text or ""
    start, end = evidence.start, evidence.end
    if not (0 <= start < end <= len(text)):
        return {"before": "", "match": evidence.sentence, "after": "", "exact": False}
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    # Cut context at whitespace so words stay whole.
    if lo > 0:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space > end else hi
    return {
        "before": ("… " if lo > 0 else "") + text[lo:start],
        "match": text[start:end],
        "after": text[end:hi] + (" …" if hi < len(text) else ""),
        "exact": True,
    }


@register.filter
def by_article(evidence) -> list[dict]:
    """A record's evidence as one group per article, in the order given (by article),
    each with its sentences once: {"article", "sentences": [{"id", "text", "exact"}]}.

    A sentence that several evidence rows share (the same span) is listed once, under
    the first row's id, which the article page anchors.
    """
    groups: list[dict] = []
    for e in evidence:
        if not groups or groups[-1]["article"].pk != e.article_id:
            groups.append({"article": e.article, "sentences": [], "spans": set()})
        group = groups[-1]
        text = e.article.text or ""
        exact = 0 <= e.start < e.end <= len(text)
        span = (e.start, e.end) if exact else e.sentence
        if span in group["spans"]:
            continue
        group["spans"].add(span)
        group["sentences"].append(
            {"id": e.pk, "text": text[e.start : e.end] if exact else e.sentence, "exact": exact}
        )
    return groups


@register.simple_tag(takes_context=True)
def sort_link(context, value: str, label: str):
    """A column heading that sorts by `value`, then the reverse on a second click.
    A count (`largest_first` in the context) sorts largest first on the first click."""
    current = context.get("current_sort", "")
    params = context["params"].copy()
    params.pop("page", None)
    up, down = (" ▼", " ▲") if value in context.get("largest_first", ()) else (" ▲", " ▼")
    if current == value:
        params["sort"], arrow = f"-{value}", up
    elif current == f"-{value}":
        params["sort"], arrow = value, down
    else:
        params["sort"], arrow = value, ""
    return format_html('<a href="?{}">{}{}</a>', params.urlencode(), label, arrow)


@register.filter
def counterparts(visit):
    """Whom the visitor met during the visit (selectors.visit_counterparts)."""
    return selectors.visit_counterparts(visit)


@register.filter
def getlist(querydict, key):
    return querydict.getlist(key)
