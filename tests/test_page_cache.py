"""The page and facet caches follow the data: every commit that writes the app's tables
(ingest, an editor's save, delete or merge, a partnership change) changes the data
version, and a cached page or count is never shown past it.

Transactional tests: the version changes when a transaction commits, which the
rolled-back transactions of the other tests never do.
"""

import datetime as dt
import re
import uuid

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ARTICLES,
    EDITOR_PASSWORD,
    VisitFactory,
    country,
    editor_user,
    ingest,
)
from tests.test_admin import admin_url, form_data, sign_in
from visits import models, selectors
from visits.pagecache import HEADER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def caching(settings):
    """The caches on (the test settings switch them off), empty at the start."""
    settings.PAGE_CACHE = settings.FACET_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def editor_client():
    client = Client()
    user = editor_user()
    sign_in(client, user.username, EDITOR_PASSWORD)
    return client


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, response.content.decode()


def visit_link(visit) -> str:
    return f"/visits/{visit.pk}/"


def test_every_table_of_the_app_changes_the_data_version():
    migration = __import__("visits.migrations.0015_stored_for_speed", fromlist=["x"])
    tables = migration.versioned_tables(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE '%%data_version%%' GROUP BY c.relname"
        )
        triggered = dict(cursor.fetchall())
    assert "visits_visit" in tables and "visits_partnership" in tables
    missing = [t for t in tables if triggered.get(t) != 2]
    assert not missing, f"tables without the data-version triggers: {missing}"


def test_a_table_a_later_migration_adds_gets_the_triggers_after_migrate():
    from visits.dataversion import tables_without_version_triggers, version_triggers_complete

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE visits_later_probe (id bigint PRIMARY KEY)")
    try:
        assert tables_without_version_triggers() == ["visits_later_probe"]
        version_triggers_complete()
        assert tables_without_version_triggers() == []
        before = selectors.data_version_read()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO visits_later_probe VALUES (1)")
        assert selectors.data_version_read() > before
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE visits_later_probe")


def test_a_commit_changes_the_version_and_a_rollback_does_not():
    before = selectors.data_version_read()
    with pytest.raises(RuntimeError), transaction.atomic():
        VisitFactory()
        raise RuntimeError("roll back")
    assert selectors.data_version_read() == before
    VisitFactory()
    after = selectors.data_version_read()
    assert after > before


def test_one_transaction_of_many_writes_changes_the_version_once():
    before = selectors.data_version_read()
    with transaction.atomic():
        VisitFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM visits_data_version_seq")
        assert cursor.fetchone()[0] == selectors.data_version_read()
    assert selectors.data_version_read() == before + 1


def test_a_second_anonymous_read_comes_from_the_cache(caching, reader):
    visit = VisitFactory()
    first, body = get(reader, "/visits/")
    second, again = get(reader, "/visits/")
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert again == body and visit_link(visit) in again
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_pages_are_not_cached_when_the_setting_is_off(settings, reader):
    settings.PAGE_CACHE = settings.FACET_CACHE = False
    VisitFactory()
    get(reader, "/visits/")
    response, _ = get(reader, "/visits/")
    assert HEADER not in response


def test_an_ingest_shows_on_a_cached_list(caching, reader):
    _, before = get(reader, "/visits/?host=SG")
    assert not re.search(r"/visits/\d+/", before)
    get(reader, "/visits/?host=SG")  # now cached
    ingest(ARTICLES / "sg_talks.txt")
    visit = models.Visit.objects.get(host_country="SG")
    response, after = get(reader, "/visits/?host=SG")
    assert response[HEADER] == "miss"
    assert visit_link(visit) in after


def test_an_editors_save_in_the_admin_shows_on_a_cached_page(caching, reader, editor_client):
    visit = VisitFactory(kind=models.VisitKind.OFFICIAL)
    _, before = get(reader, "/visits/?kind=state")
    assert visit_link(visit) not in before
    url = admin_url(models.Visit, "change", visit.pk)
    data = form_data(editor_client.get(url))
    data.update(kind="state")
    assert editor_client.post(url, data).status_code == 302
    _, after = get(reader, "/visits/?kind=state")
    assert visit_link(visit) in after


def test_an_editors_delete_in_the_admin_leaves_the_cached_list(caching, reader, editor_client):
    visit = VisitFactory()
    _, before = get(reader, "/visits/")
    assert visit_link(visit) in before
    response = editor_client.post(admin_url(models.Visit, "delete", visit.pk), {"post": "yes"})
    assert response.status_code == 302
    _, after = get(reader, "/visits/")
    assert visit_link(visit) not in after


def test_an_editors_merge_in_the_admin_shows_on_the_cached_list(caching, reader, editor_client):
    kept, other = VisitFactory(), VisitFactory()
    _, before = get(reader, "/visits/")
    assert visit_link(kept) in before and visit_link(other) in before
    url = admin_url(models.Visit, "changelist")
    selected = {"action": "merge_visits", "_selected_action": [kept.pk, other.pk]}
    response = editor_client.post(url, {**selected, "confirm": "yes", "into": kept.pk})
    assert response.status_code == 302
    _, after = get(reader, "/visits/")
    assert visit_link(kept) in after and visit_link(other) not in after


def test_a_partnership_change_shows_on_a_cached_level_page(caching, reader):
    visit = VisitFactory(visitor_country=country("FR"), host_country=country("NZ"))
    level = models.PartnershipLevel.objects.order_by("-rank").first()
    url = f"/visits/?level={level.code}"
    _, before = get(reader, url)
    assert visit_link(visit) not in before
    models.Partnership.objects.create(
        country_a=country("FR"),
        country_b=country("NZ"),
        level=level,
        since=dt.date(2000, 1, 1),
        source=models.PartnershipSource.EDITOR,
    )
    _, after = get(reader, url)
    assert visit_link(visit) in after


def test_facet_counts_follow_the_data(caching):
    VisitFactory(host_country=country("MY"))
    queryset = selectors.visit_base()

    def hosts():
        counts, total = selectors.facet_counts(
            queryset=selectors.visit_base(), columns={"host": "host_country_id"}
        )
        return dict(counts["host"]), total

    def counted(expected):
        """The counts are `expected`; whether PostgreSQL counted them (not the cache)."""
        with CaptureQueriesContext(connection) as queries:
            assert hosts() == expected
        return any("GROUPING SETS" in q["sql"] for q in queries.captured_queries)

    assert counted(({"MY": 1}, 1))
    assert not counted(({"MY": 1}, 1))  # from the cache
    VisitFactory(host_country=country("SG"))
    assert counted(({"MY": 1, "SG": 1}, 2))
    assert queryset.count() == 2


def test_an_editor_never_gets_a_cached_page(caching, reader, editor_client):
    VisitFactory()
    get(reader, "/visits/")
    response, _ = get(editor_client, "/visits/")
    assert HEADER not in response


def test_each_reader_language_has_its_own_cached_page(caching, reader):
    VisitFactory(visitor_country=country("DE"), host_country=country("MY"))
    _, english = get(reader, "/visits/", accept_language="en")
    _, french = get(reader, "/visits/", accept_language="fr")
    assert "Germany" in english and "Allemagne" in french
    response, again = get(reader, "/visits/", accept_language="fr")
    assert response[HEADER] == "hit" and "Allemagne" in again


def test_a_download_is_never_cached(caching, reader):
    VisitFactory()
    for _ in range(2):
        response = reader.get("/visits/?format=csv")
        assert response.status_code == 200
        assert HEADER not in response


@pytest.fixture
def redis_cache(settings):
    """Django's Redis cache on the machine's Redis, under a prefix of this test's own
    (its keys alone are deleted after: `cache.clear()` would empty the whole database)."""
    settings.PAGE_CACHE = True
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    import redis

    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_with_redis_configured_pages_are_kept_in_redis(redis_cache, reader):
    client, prefix = redis_cache
    visit = VisitFactory()
    get(reader, "/visits/")
    assert any(b":page:" in key for key in client.scan_iter(f"{prefix}:*"))
    response, body = get(Client(), "/visits/")  # another reader, as on another machine
    assert response[HEADER] == "hit" and visit_link(visit) in body
    VisitFactory(kind=models.VisitKind.STATE)
    response, _ = get(reader, "/visits/")
    assert response[HEADER] == "miss"


def test_a_cache_that_cannot_be_reached_still_gives_the_page(settings, reader):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    visit = VisitFactory()
    _, body = get(reader, "/visits/")
    assert visit_link(visit) in body
