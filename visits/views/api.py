"""`/api/`: the URL parameters of every list, the JSON shapes, and examples to follow.

The parameters are read from the lists' FilterSets and sorts, so the page
lists what the lists really take; the examples are links that the tests
request one by one (tests/test_api_page.py), so none of them can rot.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.urls import reverse

from visits import exports, selectors
from visits.models import Agreement, Article, Leader, Meeting, Visit

from .pages import render_page
from .specs import AGREEMENTS, ARTICLES, COUNTRIES, LEADERS, MEETINGS, PER_PAGE, VISITS, ListSpec

LISTS = (VISITS, MEETINGS, AGREEMENTS, LEADERS, COUNTRIES, ARTICLES)


@dataclass(frozen=True)
class Example:
    """A link on the page, what it shows, and what a request of it answers."""

    text: str
    url: str
    expect: str  # "json", "csv", "atom" or "error" (a 400 with a JSON error object)


LIST_EXAMPLES = (
    Example(
        "Visits to Viet Nam in 2024, as JSON", "/visits/?host=VN&year=2024&format=json", "json"
    ),
    Example(
        "The first page of visits made by Viet Nam, with the count and the next page's link",
        "/visits/?visitor=VN&format=json&page=1",
        "json",
    ),
    Example(
        "State visits at a strategic partnership level then, newest host first, as CSV",
        "/visits/?kind=state&level=strategic_partnership&sort=-host&format=csv",
        "csv",
    ),
    Example("Meetings held in Malaysia, as CSV", "/meetings/?country=MY&format=csv", "csv"),
    Example(
        "Joint statements signed from 2023 on, as JSON",
        "/agreements/?kind=joint_statement&date_after=2023-01-01&format=json",
        "json",
    ),
    Example("Leaders of Viet Nam, as JSON", "/leaders/?country=VN&format=json", "json"),
    Example(
        "Countries with a comprehensive strategic partnership today, as CSV",
        "/countries/?current_level=comprehensive_strategic_partnership&format=csv",
        "csv",
    ),
    Example("Articles in Vietnamese, as JSON", "/articles/?language=vi&format=json", "json"),
    Example("An Atom feed of visits to Viet Nam", "/visits/feed.atom?host=VN", "atom"),
    Example("An Atom feed of the visits of 2025", "/visits/feed.atom?year=2025", "atom"),
    Example("A bad parameter: the answer is a 400", "/visits/?year=twenty&format=json", "error"),
)


def _detail_examples() -> list[Example]:
    """A record of each kind as JSON, for records that exist (one query per kind)."""
    found = []
    for model, name, view in (
        (Visit, "A visit", "visit_json"),
        (Meeting, "A meeting", "meeting_json"),
        (Agreement, "An agreement", "agreement_json"),
        (Leader, "A leader", "leader_json"),
        (Article, "An article", "article_json"),
    ):
        pk = model.objects.order_by("id").values_list("id", flat=True).first()
        if pk is not None:
            found.append(Example(f"{name} as JSON", reverse(f"visits:{view}", args=[pk]), "json"))
    found.append(Example("A country as JSON", reverse("visits:country_json", args=["VN"]), "json"))
    return found


def _describe(field: forms.Field) -> str:
    """What a form field takes, in words."""
    base = getattr(field, "base_field", field)
    if isinstance(base, forms.RegexField):
        return "a two-letter ISO country code (VN, MY)"
    if isinstance(base, forms.IntegerField):
        return "a year (2024)"
    if isinstance(field, forms.ChoiceField):
        return "one of: " + ", ".join(str(v) for v, _ in field.choices if v != "")
    return "text"


def parameters(spec: ListSpec, levels) -> list[dict]:
    """Every parameter of the list `spec`: its name, label and what it takes."""
    filterset = spec.filterset(QueryDict(), queryset=spec.selector().none(), levels=levels, memo={})
    rows = []
    for name, field in filterset.form.fields.items():
        if name == "sort":
            sorts = [f"{v}, -{v}" for v in spec.sorts.values()]
            rows.append({"names": ["sort"], "label": "Sort", "takes": "; ".join(sorts)})
        elif isinstance(field.widget, forms.MultiWidget):
            context = field.widget.get_context(name, None, {})
            names = [sub["name"] for sub in context["widget"]["subwidgets"]]
            rows.append({"names": names, "label": field.label, "takes": "a day, YYYY-MM-DD"})
        else:
            rows.append({"names": [name], "label": field.label, "takes": _describe(field)})
    rows.append({"names": ["page"], "label": "Page", "takes": f"a page number ({PER_PAGE} rows)"})
    takes = "csv or json" if spec.rows else "none"
    rows.append({"names": ["format"], "label": "Download", "takes": takes})
    return rows


def api_docs(request):
    levels = selectors.levels_by_code()
    lists = [
        {
            "spec": spec,
            "url": reverse(f"visits:{spec.noun}_list"),
            "parameters": parameters(spec, levels),
            "fields": spec.fields,
        }
        for spec in LISTS
    ]
    return render_page(
        request,
        "visits/api.html",
        {
            "lists": lists,
            "examples": LIST_EXAMPLES,
            "detail_examples": _detail_examples(),
            "per_page": PER_PAGE,
            "visit_extra_fields": exports.VISIT_EXTRA_FIELDS,
            "csv_last_line": exports.CSV_LAST_LINE.format(count=5, plural="visits"),
        },
    )
