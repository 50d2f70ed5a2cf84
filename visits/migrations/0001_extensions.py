"""PostgreSQL extensions and the accent-insensitive text search configuration."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_CONFIG = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'diplomacy') THEN
    CREATE TEXT SEARCH CONFIGURATION diplomacy (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION diplomacy
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
"""

# unaccent() is STABLE; expression indexes need an IMMUTABLE wrapper.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(CREATE_CONFIG, "DROP TEXT SEARCH CONFIGURATION IF EXISTS diplomacy"),
        migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION IF EXISTS immutable_unaccent(text)"),
    ]
