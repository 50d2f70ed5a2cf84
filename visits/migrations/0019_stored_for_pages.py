"""Issue 15, pages at scale: the pair, the year and the level then stored on each record.

Visits, meetings and agreements gain `pair_a` <= `pair_b` (the record's pair of
countries), `year` (of the visit's start, the meeting's or agreement's date) and
`level_then` (the pair's partnership level on that day: the Partnership row of the
pair with the latest `since` by then, the highest rank on a tie, as
`selectors.level_at` has it), with indexes, so the lists filter and count on
columns instead of an EXISTS over the partnership periods per record.

Triggers keep them right whatever path writes (ingest, an editor, the admin, an
undo, a curated import, raw SQL):
- a BEFORE INSERT OR UPDATE trigger on each record table works the four out from
  the row and what it derives from;
- what they derive from touches the records concerned (an UPDATE that sets nothing
  new, so the BEFORE trigger works them out again): a meeting's participants or a
  visit's countries (meetings without a visit take their participants'), a leader's
  country, an agreement's parties, any partnership of a pair (every record of the
  pair), a level's rank.
Existing rows are filled here, set-based, before the triggers exist.
"""

from django.db import migrations, models

STORED = ("pair_a", "pair_b", "year", "level_then")

FUNCTIONS = """
CREATE OR REPLACE FUNCTION visits_level_on(a varchar, b varchar, day date)
RETURNS varchar LANGUAGE sql STABLE AS $$
    SELECT p.level_id FROM visits_partnership p
    JOIN visits_partnershiplevel l ON l.code = p.level_id
    WHERE p.country_a_id = a AND p.country_b_id = b AND p.since <= day
    ORDER BY p.since DESC, l.rank DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION visits_visit_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.pair_a := least(NEW.visitor_country_id, NEW.host_country_id);
    NEW.pair_b := greatest(NEW.visitor_country_id, NEW.host_country_id);
    NEW.year := extract(year FROM NEW.start);
    NEW.level_then := visits_level_on(NEW.pair_a, NEW.pair_b, NEW.start);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION visits_meeting_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a varchar;
    b varchar;
BEGIN
    -- The visit's pair when there is one, else the participants' first and last country.
    SELECT least(v.visitor_country_id, v.host_country_id),
           greatest(v.visitor_country_id, v.host_country_id)
    INTO a, b FROM visits_visit v WHERE v.id = NEW.visit_id;
    IF a IS NULL THEN
        SELECT min(l.country_id), max(l.country_id) INTO a, b
        FROM visits_participation p JOIN visits_leader l ON l.id = p.leader_id
        WHERE p.meeting_id = NEW.id;
    END IF;
    NEW.pair_a := a;
    NEW.pair_b := b;
    NEW.year := extract(year FROM NEW.date);
    NEW.level_then := visits_level_on(a, b, NEW.date);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION visits_agreement_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a varchar;
    b varchar;
BEGIN
    SELECT min(country_id), max(country_id) INTO a, b
    FROM visits_agreement_parties WHERE agreement_id = NEW.id;
    NEW.pair_a := a;
    NEW.pair_b := b;
    NEW.year := extract(year FROM NEW.date);
    NEW.level_then := visits_level_on(a, b, NEW.date);
    RETURN NEW;
END
$$;

-- Touches: an UPDATE that changes nothing itself, so the BEFORE triggers above
-- work the stored columns out again.
CREATE OR REPLACE FUNCTION visits_visit_countries_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visits_meeting SET pair_a = pair_a WHERE visit_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION visits_leader_country_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visits_meeting SET pair_a = pair_a
    WHERE visit_id IS NULL
      AND id IN (SELECT meeting_id FROM visits_participation WHERE leader_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION visits_participants_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE visits_meeting SET pair_a = pair_a
        WHERE visit_id IS NULL AND id IN (SELECT meeting_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE visits_meeting SET pair_a = pair_a
        WHERE visit_id IS NULL AND id IN (SELECT meeting_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION visits_parties_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE visits_agreement SET pair_a = pair_a
        WHERE id IN (SELECT agreement_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE visits_agreement SET pair_a = pair_a
        WHERE id IN (SELECT agreement_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;

-- Every record of a pair whose partnerships changed (its old pair and its new one).
CREATE OR REPLACE FUNCTION visits_partnerships_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    a varchar[];
    b varchar[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE visits_visit SET pair_a = pair_a WHERE level_then IS NOT NULL;
        UPDATE visits_meeting SET pair_a = pair_a WHERE level_then IS NOT NULL;
        UPDATE visits_agreement SET pair_a = pair_a WHERE level_then IS NOT NULL;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(country_a_id), array_agg(country_b_id) INTO a, b FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(country_a_id), array_agg(country_b_id) INTO a, b FROM old_rows;
    ELSE
        -- Only the rows whose pair, level or day changed (not a name or a source).
        SELECT array_agg(x.a), array_agg(x.b) INTO a, b
        FROM new_rows n JOIN old_rows o ON o.id = n.id,
            LATERAL (VALUES (n.country_a_id, n.country_b_id), (o.country_a_id, o.country_b_id))
                AS x (a, b)
        WHERE (n.country_a_id, n.country_b_id, n.level_id, n.since)
              IS DISTINCT FROM (o.country_a_id, o.country_b_id, o.level_id, o.since);
    END IF;
    IF a IS NULL THEN
        RETURN NULL;
    END IF;
    UPDATE visits_visit SET pair_a = pair_a
    WHERE (pair_a, pair_b) IN (SELECT * FROM unnest(a, b));
    UPDATE visits_meeting SET pair_a = pair_a
    WHERE (pair_a, pair_b) IN (SELECT * FROM unnest(a, b));
    UPDATE visits_agreement SET pair_a = pair_a
    WHERE (pair_a, pair_b) IN (SELECT * FROM unnest(a, b));
    RETURN NULL;
END
$$;

-- A level's rank decides between two partnerships of one pair on one day.
CREATE OR REPLACE FUNCTION visits_level_rank_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visits_visit SET pair_a = pair_a WHERE level_then IS NOT NULL;
    UPDATE visits_meeting SET pair_a = pair_a WHERE level_then IS NOT NULL;
    UPDATE visits_agreement SET pair_a = pair_a WHERE level_then IS NOT NULL;
    RETURN NULL;
END
$$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS visits_level_rank_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_partnerships_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_parties_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_participants_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_leader_country_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_visit_countries_changed() CASCADE;
DROP FUNCTION IF EXISTS visits_agreement_stored() CASCADE;
DROP FUNCTION IF EXISTS visits_meeting_stored() CASCADE;
DROP FUNCTION IF EXISTS visits_visit_stored() CASCADE;
DROP FUNCTION IF EXISTS visits_level_on(varchar, varchar, date) CASCADE;
"""

# Existing rows, set-based, one UPDATE per table (the triggers do not exist yet): the
# pair, then the level by a join on the partnership periods (migration 0006: a day
# falls in at most one period of a pair, the one `visits_level_on` finds).
FILL = """
UPDATE visits_visit t SET pair_a = s.a, pair_b = s.b, year = extract(year FROM s.day),
    level_then = p.level_id
FROM (
    SELECT id, least(visitor_country_id, host_country_id) AS a,
           greatest(visitor_country_id, host_country_id) AS b, start AS day
    FROM visits_visit
) s
LEFT JOIN visits_partnershipperiod p ON p.country_a_id = s.a AND p.country_b_id = s.b
    AND p.since <= s.day AND (p.until IS NULL OR s.day < p.until)
WHERE s.id = t.id;

UPDATE visits_meeting t SET pair_a = s.a, pair_b = s.b, year = extract(year FROM s.day),
    level_then = p.level_id
FROM (
    SELECT m.id, m.date AS day,
           coalesce(least(v.visitor_country_id, v.host_country_id), pp.a) AS a,
           coalesce(greatest(v.visitor_country_id, v.host_country_id), pp.b) AS b
    FROM visits_meeting m
    LEFT JOIN visits_visit v ON v.id = m.visit_id
    LEFT JOIN (
        SELECT x.meeting_id, min(l.country_id) AS a, max(l.country_id) AS b
        FROM visits_participation x JOIN visits_leader l ON l.id = x.leader_id
        GROUP BY x.meeting_id
    ) pp ON pp.meeting_id = m.id AND m.visit_id IS NULL
) s
LEFT JOIN visits_partnershipperiod p ON p.country_a_id = s.a AND p.country_b_id = s.b
    AND p.since <= s.day AND (p.until IS NULL OR s.day < p.until)
WHERE s.id = t.id;

UPDATE visits_agreement t SET pair_a = s.a, pair_b = s.b, year = extract(year FROM s.day),
    level_then = p.level_id
FROM (
    SELECT g.id, g.date AS day, x.a, x.b
    FROM visits_agreement g
    LEFT JOIN (
        SELECT agreement_id, min(country_id) AS a, max(country_id) AS b
        FROM visits_agreement_parties GROUP BY agreement_id
    ) x ON x.agreement_id = g.id
) s
LEFT JOIN visits_partnershipperiod p ON p.country_a_id = s.a AND p.country_b_id = s.b
    AND p.since <= s.day AND (p.until IS NULL OR s.day < p.until)
WHERE s.id = t.id;

-- Fire the data version's deferred triggers now: an index cannot be made on a
-- table with trigger events pending.
SET CONSTRAINTS ALL IMMEDIATE;
"""

TRIGGERS = """
CREATE TRIGGER visits_visit_stored BEFORE INSERT OR UPDATE ON visits_visit
    FOR EACH ROW EXECUTE FUNCTION visits_visit_stored();
CREATE TRIGGER visits_meeting_stored BEFORE INSERT OR UPDATE ON visits_meeting
    FOR EACH ROW EXECUTE FUNCTION visits_meeting_stored();
CREATE TRIGGER visits_agreement_stored BEFORE INSERT OR UPDATE ON visits_agreement
    FOR EACH ROW EXECUTE FUNCTION visits_agreement_stored();

CREATE TRIGGER visits_visit_countries_changed
    AFTER UPDATE OF visitor_country_id, host_country_id ON visits_visit FOR EACH ROW
    WHEN (OLD.visitor_country_id IS DISTINCT FROM NEW.visitor_country_id
          OR OLD.host_country_id IS DISTINCT FROM NEW.host_country_id)
    EXECUTE FUNCTION visits_visit_countries_changed();
CREATE TRIGGER visits_leader_country_changed
    AFTER UPDATE OF country_id ON visits_leader FOR EACH ROW
    WHEN (OLD.country_id IS DISTINCT FROM NEW.country_id)
    EXECUTE FUNCTION visits_leader_country_changed();

CREATE TRIGGER visits_participants_inserted AFTER INSERT ON visits_participation
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_participants_changed();
CREATE TRIGGER visits_participants_updated AFTER UPDATE ON visits_participation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_participants_changed();
CREATE TRIGGER visits_participants_deleted AFTER DELETE ON visits_participation
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_participants_changed();

CREATE TRIGGER visits_parties_inserted AFTER INSERT ON visits_agreement_parties
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_parties_changed();
CREATE TRIGGER visits_parties_updated AFTER UPDATE ON visits_agreement_parties
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_parties_changed();
CREATE TRIGGER visits_parties_deleted AFTER DELETE ON visits_agreement_parties
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_parties_changed();

CREATE TRIGGER visits_partnerships_inserted AFTER INSERT ON visits_partnership
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_partnerships_changed();
CREATE TRIGGER visits_partnerships_updated AFTER UPDATE ON visits_partnership
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_partnerships_changed();
CREATE TRIGGER visits_partnerships_deleted AFTER DELETE ON visits_partnership
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION visits_partnerships_changed();
CREATE TRIGGER visits_partnerships_truncated AFTER TRUNCATE ON visits_partnership
    FOR EACH STATEMENT EXECUTE FUNCTION visits_partnerships_changed();

CREATE TRIGGER visits_level_rank_changed
    AFTER UPDATE OF rank ON visits_partnershiplevel FOR EACH ROW
    WHEN (OLD.rank IS DISTINCT FROM NEW.rank)
    EXECUTE FUNCTION visits_level_rank_changed();
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS visits_visit_stored ON visits_visit;
DROP TRIGGER IF EXISTS visits_meeting_stored ON visits_meeting;
DROP TRIGGER IF EXISTS visits_agreement_stored ON visits_agreement;
DROP TRIGGER IF EXISTS visits_visit_countries_changed ON visits_visit;
DROP TRIGGER IF EXISTS visits_leader_country_changed ON visits_leader;
DROP TRIGGER IF EXISTS visits_participants_inserted ON visits_participation;
DROP TRIGGER IF EXISTS visits_participants_updated ON visits_participation;
DROP TRIGGER IF EXISTS visits_participants_deleted ON visits_participation;
DROP TRIGGER IF EXISTS visits_parties_inserted ON visits_agreement_parties;
DROP TRIGGER IF EXISTS visits_parties_updated ON visits_agreement_parties;
DROP TRIGGER IF EXISTS visits_parties_deleted ON visits_agreement_parties;
DROP TRIGGER IF EXISTS visits_partnerships_inserted ON visits_partnership;
DROP TRIGGER IF EXISTS visits_partnerships_updated ON visits_partnership;
DROP TRIGGER IF EXISTS visits_partnerships_deleted ON visits_partnership;
DROP TRIGGER IF EXISTS visits_partnerships_truncated ON visits_partnership;
DROP TRIGGER IF EXISTS visits_level_rank_changed ON visits_partnershiplevel;
"""


def stored_fields(model: str) -> list:
    return [
        migrations.AddField(
            model_name=model,
            name="pair_a",
            field=models.CharField(editable=False, max_length=2, null=True),
        ),
        migrations.AddField(
            model_name=model,
            name="pair_b",
            field=models.CharField(editable=False, max_length=2, null=True),
        ),
        migrations.AddField(
            model_name=model,
            name="year",
            field=models.SmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=model,
            name="level_then",
            field=models.CharField(editable=False, max_length=60, null=True),
        ),
    ]


# Raw SQL, as in 0006: they serve the lists' filters and facets (and the touches
# of a partnership change), not fields, and the model state stays as models.py declares it.
# The facet indexes need the visibility map (autovacuum, or VACUUM after a bulk fill).
INDEXES = [
    ("visits_visit_pair", "visits_visit (pair_a, pair_b)"),
    ("visits_visit_level_start", "visits_visit (level_then, start)"),
    ("visits_meeting_pair", "visits_meeting (pair_a, pair_b)"),
    ("visits_meeting_level_date", "visits_meeting (level_then, date)"),
    ("visits_agreement_pair", "visits_agreement (pair_a, pair_b)"),
    ("visits_agreement_level_date", "visits_agreement (level_then, date)"),
    # Every facet column of a list in one narrow index: a facet recounted over all the
    # records (its own filter left out) reads it alone (an index-only scan) instead of
    # the wide rows, 95 -> 37 ms for the visits' kinds at 100,000 visits.
    (
        "visits_visit_facets",
        "visits_visit (kind, host_country_id, visitor_country_id, visitor_role, year, level_then, id)",
    ),
    ("visits_meeting_facets", "visits_meeting (country_id, kind, year, level_then, id)"),
    ("visits_agreement_facets", "visits_agreement (kind, year, level_then, id)"),
]


class Migration(migrations.Migration):
    dependencies = [("visits", "0018_unconfirmed")]

    operations = [
        *stored_fields("visit"),
        *stored_fields("meeting"),
        *stored_fields("agreement"),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {target}", f"DROP INDEX IF EXISTS {name}"
            )
            for name, target in INDEXES
        ),
    ]
