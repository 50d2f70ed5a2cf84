"""Issue 15, ingest speed: `visits_level_on` (migration 0019) in PL/pgSQL instead of SQL.

The triggers that keep each record's `level_then` call it once per row written. As a
SQL function whose body is a query it is not inlined, and PostgreSQL plans its query
again at every call (155 microseconds here); a PL/pgSQL function keeps the plan for the
session (15 microseconds). Same query, same answer: the pair's Partnership with the
latest `since` by the day, the highest rank on a tie, NULL when there is none.
"""

from django.db import migrations

PLPGSQL = """
CREATE OR REPLACE FUNCTION visits_level_on(a varchar, b varchar, day date)
RETURNS varchar LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (
        SELECT p.level_id FROM visits_partnership p
        JOIN visits_partnershiplevel l ON l.code = p.level_id
        WHERE p.country_a_id = a AND p.country_b_id = b AND p.since <= day
        ORDER BY p.since DESC, l.rank DESC LIMIT 1
    );
END
$$;
"""

SQL = """
CREATE OR REPLACE FUNCTION visits_level_on(a varchar, b varchar, day date)
RETURNS varchar LANGUAGE sql STABLE AS $$
    SELECT p.level_id FROM visits_partnership p
    JOIN visits_partnershiplevel l ON l.code = p.level_id
    WHERE p.country_a_id = a AND p.country_b_id = b AND p.since <= day
    ORDER BY p.since DESC, l.rank DESC LIMIT 1
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("visits", "0023_admin_pages")]

    operations = [migrations.RunSQL(PLPGSQL, reverse_sql=SQL)]
