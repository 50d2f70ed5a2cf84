"""Shared fixtures. The database is the real PostgreSQL named by DATABASE_URL;
settings see PYTEST_VERSION and serve plain HTTP with a throwaway key."""

import importlib

import pytest

from tests.broker import broker_url, workers  # noqa: F401  (the queue tests' broker, workers)
from tests.local_site import site  # noqa: F401  (the local web site the fetch tests use)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _data_the_migrations_load(request):
    """Transactional tests end with a flush, which empties the tables the migrations
    filled (countries, levels, known leaders, partnerships, the Editors group).
    Serialized rollback does not restore them once Playwright's event loop runs in
    this thread (the ORM then gets another connection object), so put them back here.
    """
    if not _transactional(request):
        return
    from django.contrib.auth.models import Group, Permission

    from visits import models
    from visits.reference import reference_load

    if not models.Country.objects.exists():
        reference_load(models=models)
    editors = importlib.import_module("visits.migrations.0005_editors")
    group, created = Group.objects.get_or_create(name=editors.GROUP)
    if created:  # the flush's post_migrate signal has recreated the permissions
        codenames = [f"{a}_{m}" for m, actions in editors.PERMISSIONS.items() for a in actions]
        codenames += importlib.import_module("visits.migrations.0016_editor_undo").CODENAMES
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="visits", codename__in=codenames)
        )


@pytest.fixture(autouse=True)
def plain_static(settings):
    """The manifest storage needs collectstatic, which tests do not run (the live
    server of the browser tests finds the files itself)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
