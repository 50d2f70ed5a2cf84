"""Issue 15, pages at scale: the data version the page and facet caches key on.

`visits_dataversion` holds one row whose `number` a trigger sets from a sequence
in every transaction that writes to a table of this app (INSERT, UPDATE, DELETE
as deferred constraint triggers, fired once per transaction at its commit;
TRUNCATE as a statement trigger). The sequence never goes back, so a number is
never reused, even after a flush or a rolled-back transaction; it starts at the
clock, so a database made again does not meet the keys cached for the old one.

The tables are those of this app when this migration runs, without the history
tables (written only beside a record that already bumps the number). Tables that
later migrations add get them after `migrate` (visits.dataversion, on post_migrate);
tests/test_page_cache.py names any table left without.
"""

from django.db import migrations, models

SEQUENCE = "visits_data_version_seq"
FUNCTION = "visits_data_changed"
GUARD = "visits.data_version_bumped"

CREATE_FUNCTION = f"""
CREATE SEQUENCE IF NOT EXISTS {SEQUENCE};
-- Started at the clock in milliseconds: a database made again, or another one sharing
-- the Redis cache, does not reuse the numbers of the keys already stored.
SELECT setval('{SEQUENCE}', (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction: the setting is local to it.
    IF current_setting('{GUARD}', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('{GUARD}', 'yes', true);
        INSERT INTO visits_dataversion (id, number) VALUES (1, nextval('{SEQUENCE}'))
        ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number;
    END IF;
    RETURN NULL;
END
$$;
INSERT INTO visits_dataversion (id, number) VALUES (1, nextval('{SEQUENCE}'))
ON CONFLICT (id) DO NOTHING;
"""
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE; DROP SEQUENCE IF EXISTS {SEQUENCE};"


def version_trigger_sql(table: str) -> str:
    """The two triggers that make a write to `table` change the data version."""
    return (
        f'CREATE CONSTRAINT TRIGGER "{table}_data_version" AFTER INSERT OR UPDATE OR DELETE'
        f' ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();'
        f' CREATE TRIGGER "{table}_data_version_truncate" AFTER TRUNCATE ON "{table}"'
        f" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();"
    )


def versioned_tables(connection) -> list[str]:
    """The app's tables (not views) whose writes change what the pages show."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(
        n
        for n in names
        if n.startswith("visits_")
        and not n.startswith("visits_historical")
        and n != "visits_dataversion"
    )


def install_version_triggers(apps, schema_editor, tables=None):
    """Attach the triggers to `tables` (default: every versioned table)."""
    for table in tables or versioned_tables(schema_editor.connection):
        schema_editor.execute(
            f'DROP TRIGGER IF EXISTS "{table}_data_version" ON "{table}";'
            f' DROP TRIGGER IF EXISTS "{table}_data_version_truncate" ON "{table}";'
        )
        schema_editor.execute(version_trigger_sql(table))


def remove_version_triggers(apps, schema_editor):
    for table in versioned_tables(schema_editor.connection):
        schema_editor.execute(
            f'DROP TRIGGER IF EXISTS "{table}_data_version" ON "{table}";'
            f' DROP TRIGGER IF EXISTS "{table}_data_version_truncate" ON "{table}";'
        )


class Migration(migrations.Migration):
    dependencies = [("visits", "0014_article_language")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(id=1), name="dataversion_one_row")
                ]
            },
        ),
        migrations.RunSQL(CREATE_FUNCTION, DROP_FUNCTION),
        migrations.RunPython(install_version_triggers, remove_version_triggers),
    ]
