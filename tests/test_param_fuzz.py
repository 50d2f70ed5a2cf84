"""A fuzz of every public page's and every admin changelist's parameters: no hostile
value answers 500, and a 400 names the parameter it refuses.

The pages, the parameters and the admin filters are read from the code (the URL
patterns, each list's FilterSet form, each changelist's filter specs, the
autocomplete fields), so a new page or filter is fuzzed without editing this file.
Requests are grouped (every parameter of a page with one value at once) and a
parameter goes alone only where the group's answer does not show that each one was
applied or refused (see `Fuzz.parameters`); the module takes about 30 s.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR, TO_FIELD_VAR
from django.contrib.auth.models import User
from django.db import transaction
from django.forms import MultiWidget
from django.http import QueryDict
from django.test import Client, RequestFactory
from django.urls import URLPattern, reverse
from simple_history.admin import SimpleHistoryAdmin

from tests.factories import ARTICLES, ingest
from visits import urls as visit_urls

LONG = "x" * 5000
# Each value as it goes into the query string (already percent-encoded).
HOSTILE = [
    "%00",
    "a%00",
    LONG,
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2024-02-31",
    "9999-99-99",
    quote("../../etc/passwd", safe=""),
    quote("<script>alert(1)</script>", safe=""),
    quote("'; DROP TABLE x;--", safe=""),
    "%ED%A0%80",  # a lone surrogate
    "%FF",  # not UTF-8
    "",
]
# What goes into a path segment (an object id, a country code).
HOSTILE_IDS = [v for v in HOSTILE if v] + ["%2F"]

pytestmark = pytest.mark.django_db

PASSWORD = "fuzzing-the-admin-all-day-long"


def _hostile_query(name: str, value: str | None) -> str:
    """`name=value` in the query string; None stands for the parameter repeated."""
    key = quote(name, safe="")
    return f"{key}=1&{key}=2" if value is None else f"{key}={value}"


# The hostile values, and the parameter repeated (None).
VALUES = [*HOSTILE, None]


def _short(text: str) -> str:
    return text.replace(LONG, f"x…({len(LONG)})")[:300]


class Fuzz:
    """Requests and what was wrong with their answers: a 500 (or the exception behind
    it), or a 400 whose message does not name the parameter."""

    def __init__(self, client: Client):
        self.client = client
        self.sent = 0
        self.found: list[str] = []

    def get(self, url: str):
        self.sent += 1
        try:
            return self.client.get(url), None
        except Exception as exc:  # the test client re-raises what the view raised
            return None, f"{_short(url)} raised {type(exc).__name__}: {_short(str(exc))}"

    def one(self, url: str, name: str) -> None:
        response, raised = self.get(url)
        if raised:
            self.found.append(raised)
        elif response.status_code >= 500:
            self.found.append(f"{_short(url)} answered {response.status_code}")
        elif response.status_code == 400 and name.encode() not in response.content:
            body = _short(response.content.decode(errors="replace"))
            self.found.append(f"{_short(url)} answered 400 without naming '{name}': {body}")

    def parameters(self, url: str, names: list[str], proven, probe=None) -> None:
        """Every hostile value in each of `names`, grouped: all the names with one value
        in one request. `proven(response, names)` says which of them that answer tested
        (the page took them and applied each, or showed each refused); the others go
        together again. When it cannot tell (None: a redirect, a 400, a 500), each name
        goes alone, where its answer is judged; or, with `probe(query)` (True when the
        view takes that query), the names it refuses go alone and the rest together."""
        for value in VALUES:
            self._group(url, names, value, proven, probe)

    def _group(self, url, names, value, proven, probe) -> None:
        query = "&".join(_hostile_query(n, value) for n in names)
        if len(names) == 1:
            return self.one(f"{url}?{query}", names[0])
        response, raised = self.get(f"{url}?{query}")
        done = None if raised or response.status_code >= 500 else proven(response, names)
        if done:
            rest = [n for n in names if n not in done]
        else:
            alone = names
            if probe is not None:
                alone = [n for n in names if not probe(_hostile_query(n, value))]
            for name in alone:
                self.one(f"{url}?{_hostile_query(name, value)}", name)
            rest = [n for n in names if n not in alone] if alone else []
        if rest:
            self._group(url, rest, value, proven, probe)
        return None

    def check(self) -> None:
        if self.found:
            report = f"{len(self.found)} problems in {self.sent} requests:\n"
            pytest.fail(report + "\n".join(self.found), pytrace=False)


def list_proven(response, names: list[str]) -> set[str] | None:
    """A public list page tests every parameter when its FilterSet took them all (each
    filter ran on its value), else the ones the FilterSet refused (each shown refused).
    None when the answer is no list page."""
    context = response.context
    if response.status_code != 200 or context is None or "filterset" not in context:
        return None
    errors = context["filterset"].form.errors
    if not errors:
        return set(names)
    return {n for field in errors for n in names if n == field or n.startswith(f"{field}_")}


def changelist_proven(response, names: list[str]) -> set[str] | None:
    """Every parameter when the changelist was shown (every filter applied); None (it
    cannot tell which) for the invalid-lookup page or the redirect to ?e=1."""
    context = response.context
    if response.status_code == 200 and context is not None and "cl" in context:
        return set(names)
    return None


def changelist_probe(model_admin, user):
    """Whether the changelist takes a query, asked of the ChangeList itself (no page is
    rendered): only to choose which parameters go alone, the answers are the requests'."""

    def takes(query: str) -> bool:
        request = RequestFactory().get(f"/?{query}")
        request.user = user
        try:
            with transaction.atomic():  # a database error must not end the test's transaction
                model_admin.get_changelist_instance(request)
        except Exception:
            return False
        return True

    return takes


def page_proven(response, names: list[str]) -> set[str] | None:
    """A page that reads no parameter (a record's page) takes them all when it answers 200."""
    return set(names) if response.status_code == 200 else None


# --- A small database: the test articles ingested, and a superuser -----------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Ingested once for the module, inside a transaction rolled back at its end
    (each test runs in a savepoint of it), so other modules see none of it."""
    folder = tmp_path_factory.mktemp("fuzz_articles")
    for name in ("cl_upgrade.txt", "sg_talks.txt", "vi_call.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    with django_db_blocker.unblock(), transaction.atomic():
        ingest(folder)
        user = User.objects.create_superuser("fuzzer", "fuzzer@example.org", PASSWORD)
        yield SimpleNamespace(user=user)
        transaction.set_rollback(True)


@pytest.fixture
def admin_client(world, client):
    client.force_login(world.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("admin:index")).status_code == 200
    return client


# --- The public pages ---------------------------------------------------------------

PUBLIC = [p for p in visit_urls.urlpatterns if isinstance(p, URLPattern)]


def _real_kwargs(pattern: URLPattern) -> dict:
    """A real object's value for each of the pattern's arguments (pk, code)."""
    converters = pattern.pattern.converters
    if not converters:
        return {}
    model = apps.get_model("visits", pattern.name.removesuffix("_detail").removesuffix("_json"))
    row = model.objects.order_by("pk").first()
    assert row is not None, f"the fuzz database has no {model.__name__} for {pattern.name}"
    return {name: getattr(row, name) for name in converters}


def list_parameters(filterset_class) -> list[str]:
    """Every name the list's form reads, with the widget suffixes (date_after,
    date_before), and the parameters the list view reads itself."""
    form = filterset_class(QueryDict(), queryset=filterset_class._meta.model.objects.none()).form
    names = []
    for name, field in form.fields.items():
        if isinstance(field.widget, MultiWidget):
            # The names the widget renders and reads (date_after; a plain one: date_0).
            context = field.widget.get_context(name, None, {})
            names += [sub["name"] for sub in context["widget"]["subwidgets"]]
        else:
            names.append(name)
    return [*names, "page", "format"]


def test_the_fuzz_finds_every_list_and_its_range_parameters(world, client):
    """The enumeration itself: the lists are found from the URL patterns, and their
    parameters include the range halves and the view's own."""
    lists = {}
    for pattern in PUBLIC:
        response = client.get(reverse(f"visits:{pattern.name}", kwargs=_real_kwargs(pattern)))
        assert response.status_code == 200, pattern.name
        if response.context and "spec" in response.context:
            lists[pattern.name] = list_parameters(response.context["spec"].filterset)
    assert set(lists) >= {"visit_list", "meeting_list", "article_list", "country_list"}
    assert {"date_after", "date_before", "year", "sort", "page", "format"} <= set(
        lists["visit_list"]
    )


@pytest.mark.parametrize("pattern", PUBLIC, ids=[p.name for p in PUBLIC])
def test_public_page_parameters_never_answer_500(world, client, pattern):
    kwargs = _real_kwargs(pattern)
    url = reverse(f"visits:{pattern.name}", kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200, url
    spec = response.context.get("spec") if response.context else None
    names = list_parameters(spec.filterset) if spec else ["format", "page", "q"]
    fuzz = Fuzz(client)
    fuzz.parameters(url, names, list_proven if spec else page_proven)
    # A hostile value in the path instead of the real pk or code; a 400 there
    # names the address (there is no parameter to name).
    for kwarg in kwargs:
        real = quote(str(kwargs[kwarg]), safe="")
        for value in HOSTILE_IDS:
            fuzz.one(url.replace(f"/{real}/", f"/{value}/"), "address")
    fuzz.check()


# --- The admin ----------------------------------------------------------------------

REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_IDS = [model._meta.model_name for model, _ in REGISTRY]


def changelist_parameters(model_admin, user) -> list[str]:
    """The parameters of the changelist's filters (as its links use them), of its
    date hierarchy, and the changelist's own (search, order, page, error, to_field)."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return [*names, SEARCH_VAR, ORDER_VAR, PAGE_VAR, "e", TO_FIELD_VAR]


@pytest.mark.parametrize("model, model_admin", REGISTRY, ids=MODEL_IDS)
def test_admin_changelist_parameters_never_answer_500(admin_client, world, model, model_admin):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200, url
    names = changelist_parameters(model_admin, world.user)
    if model_admin.list_filter:
        assert len(names) > 5, f"{url}: no filter parameters found"
    fuzz = Fuzz(admin_client)
    fuzz.parameters(url, names, changelist_proven, changelist_probe(model_admin, world.user))
    fuzz.check()


@pytest.mark.parametrize("model, model_admin", REGISTRY, ids=MODEL_IDS)
def test_admin_object_urls_with_a_hostile_id_never_answer_500(
    admin_client, world, model, model_admin
):
    """change, delete, history (and django-simple-history's version page, where the
    model has one) with a hostile id where the object's (or the version's) goes."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    fuzz = Fuzz(admin_client)
    templates = [
        reverse(f"{prefix}_{view}", args=["ID"]) for view in ("change", "delete", "history")
    ]
    if isinstance(model_admin, SimpleHistoryAdmin):
        # The object's id is checked first, the version's next: neither need exist.
        version = f"{prefix}_simple_history"
        templates += [reverse(version, args=["ID", 1]), reverse(version, args=[1, "ID"])]
    for template in templates:
        for value in HOSTILE_IDS:
            fuzz.one(template.replace("/ID/", f"/{value}/"), "address")
    fuzz.check()


def autocomplete_targets() -> list[tuple[str, str, str]]:
    """(app_label, model_name, field_name) of every autocomplete field, in a ModelAdmin
    or one of its inlines, whose related model's admin has search_fields."""
    targets = set()
    for model, model_admin in admin.site._registry.items():
        for owner in [model_admin, *model_admin.inlines]:
            source = owner.model if owner is not model_admin else model
            for field_name in owner.autocomplete_fields:
                related = source._meta.get_field(field_name).remote_field.model
                if (
                    admin.site._registry.get(related)
                    and admin.site._registry[related].search_fields
                ):
                    targets.add((source._meta.app_label, source._meta.model_name, field_name))
    return sorted(targets)


AUTOCOMPLETE = autocomplete_targets()


@pytest.mark.parametrize("target", AUTOCOMPLETE, ids=[".".join(t[1:]) for t in AUTOCOMPLETE])
def test_admin_autocomplete_parameters_never_answer_500(admin_client, target):
    app_label, model_name, field_name = target
    good = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    base = reverse("admin:autocomplete")
    assert admin_client.get(base, {**good, "term": "a"}).status_code == 200
    fuzz = Fuzz(admin_client)
    for name in ["term", "page", *good]:
        rest = "&".join(f"{k}={quote(v)}" for k, v in good.items() if k != name)
        for value in VALUES:
            fuzz.one(f"{base}?{rest}&{_hostile_query(name, value)}", name)
    fuzz.check()


def test_admin_review_queue_parameters_never_answer_500(admin_client):
    url = reverse("admin:visits_review_queue")
    assert admin_client.get(url).status_code == 200
    fuzz = Fuzz(admin_client)
    for name in ("kind", "page"):
        for value in VALUES:
            fuzz.one(f"{url}?{_hostile_query(name, value)}", name)
            fuzz.one(f"{url}?kind=visit&{_hostile_query(name, value)}", name)
    fuzz.check()


# --- What the fuzz found, kept as ordinary tests --------------------------------------


def test_admin_history_of_an_id_that_is_no_number_is_a_400_naming_the_address(admin_client):
    response = admin_client.get("/admin/visits/visit/1e309/history/")
    assert response.status_code == 400
    assert "“1e309” as the visit's id" in response.content.decode()


def test_admin_history_version_that_is_no_number_is_a_400_naming_the_address(admin_client):
    response = admin_client.get("/admin/visits/leader/1/history/NaN/")
    assert response.status_code == 400
    assert "“NaN” as the history version's id" in response.content.decode()


def test_admin_history_of_a_missing_numeric_id_is_still_a_404(admin_client):
    assert admin_client.get("/admin/visits/visit/99999999999999999999/history/").status_code == 404


def test_admin_unknown_to_field_is_a_400_naming_the_parameter(admin_client):
    response = admin_client.get("/admin/visits/country/?_to_field=name_en")
    assert response.status_code == 400
    assert "'_to_field'" in response.content.decode()
    assert "name_en" in response.content.decode()
