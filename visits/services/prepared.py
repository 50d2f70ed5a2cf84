"""Prepared statements for the ingest: its queries are few shapes run once or more per
article, and PostgreSQL spent longer planning each (about 2 ms for a visit's claims,
with the evidence table's many indexes to weigh) than running it (0.3 ms).

Django binds parameters on the client by default, which cannot prepare; for the time
of an ingest the connection's new cursors bind on the server instead, and psycopg
prepares a query the third time it runs the same SQL. The pages and the admin keep
client-side binding: their queries vary more, and a generic plan could fit a skewed
filter badly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

# psycopg prepares a statement once it has run this many times on the connection.
PREPARE_AFTER = 2


@contextmanager
def prepared_statements() -> Iterator[None]:
    """Within it, the default connection binds on the server and prepares its repeated
    queries; as it was afterwards (the statements prepared stay with the connection)."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    before = (raw.cursor_factory, raw.prepare_threshold)
    features = connection.features
    logged = features.uses_server_side_binding
    raw.cursor_factory, raw.prepare_threshold = ServerBindingCursor, PREPARE_AFTER
    # Only for the SQL a debug cursor records (tests, DEBUG): composed from the query and
    # its parameters, as the statement of a prepared query is not sent again.
    features.uses_server_side_binding = True
    try:
        yield
    finally:
        features.uses_server_side_binding = logged
        if not raw.closed:
            raw.cursor_factory, raw.prepare_threshold = before
