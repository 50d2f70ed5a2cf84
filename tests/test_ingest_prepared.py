"""An ingest prepares its repeated queries (PostgreSQL plans each once, not once an
article), and leaves the connection binding on the client as the pages want it."""

import pytest
from django.db import connection

from visits import models
from visits.services.prepared import prepared_statements
from visits.services.runner import ingest_paths

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = """ date 2024-0{month}-1{day}
Talks in Canberra

Prime Minister Anthony Albanese held talks with Prime Minister Christopher Luxon in
Canberra on {month_name} 1{day}, during the New Zealand leader's official visit to Australia.
"""
MONTHS = {3: "March", 5: "May", 7: "July"}


def _prepared() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


def test_an_ingest_prepares_the_queries_each_article_runs(tmp_path):
    for i, (month, name) in enumerate(MONTHS.items()):
        text = REPORT.format(month=month, day=i, month_name=name)
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    connection.close()  # a new session: nothing prepared on it yet
    assert _prepared() == 0
    stats = ingest_paths(paths=[str(tmp_path)], max_bytes=10**6)
    assert stats.articles["new"] == 3 and stats.failures == []
    assert models.Visit.objects.count() == 3
    assert _prepared() >= 10  # the lock, the article's lookup, the matching, the claims...


def test_outside_an_ingest_the_connection_binds_on_the_client():
    from django.db.backends.postgresql.base import Cursor, ServerBindingCursor

    connection.ensure_connection()
    assert connection.connection.cursor_factory is Cursor
    with prepared_statements():
        assert connection.connection.cursor_factory is ServerBindingCursor
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::int + 1", [41])
            assert cursor.fetchone() == (42,)
    assert connection.connection.cursor_factory is Cursor
    assert connection.connection.prepare_threshold is None
    assert connection.features.uses_server_side_binding is False
