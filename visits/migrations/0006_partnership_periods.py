"""Partnership periods, and covering indexes for the public lists' filters.

The view gives each Partnership row the day the next one of its pair took over,
so "the pair's level on a day" is a range test the planner can join on.

A plain (not materialized) view: partnerships are few and editors change them,
so it is always current. Rows of a pair are ordered by `since`, then level rank,
which makes the period of a row that another row of the same day outranks empty,
as `selectors.level_at` (latest `since`, then highest rank) has it.
"""

import django.db.models.deletion
from django.db import migrations, models

VIEW = """
CREATE OR REPLACE VIEW visits_partnershipperiod AS
SELECT p.id AS partnership_id,
       p.country_a_id,
       p.country_b_id,
       p.level_id,
       p.since,
       lead(p.since) OVER (
           PARTITION BY p.country_a_id, p.country_b_id ORDER BY p.since, l.rank
       ) AS until
FROM visits_partnership p
JOIN visits_partnershiplevel l ON l.code = p.level_id
"""

# Raw SQL, as in 0004: these serve the filters' subqueries (visits/filters.py),
# not fields, and the model state stays as models.py declares it. Each lets a
# semi-join read an index alone (an index-only scan) where the single-column
# foreign-key index sends it to the table for every row.
INDEXES = [
    # leader filter and meeting country filter: leader -> meetings
    ("visits_participation_leader_meeting", "visits_participation (leader_id, meeting_id)"),
    # full-text filter: record -> the articles it was read from
    (
        "visits_evidence_visit_article",
        "visits_evidence (visit_id, article_id) WHERE visit_id IS NOT NULL",
    ),
    (
        "visits_evidence_meeting_article",
        "visits_evidence (meeting_id, article_id) WHERE meeting_id IS NOT NULL",
    ),
    (
        "visits_evidence_agreement_article",
        "visits_evidence (agreement_id, article_id) WHERE agreement_id IS NOT NULL",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("visits", "0005_editors")]

    operations = [
        migrations.RunSQL(VIEW, "DROP VIEW IF EXISTS visits_partnershipperiod"),
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {target}", f"DROP INDEX IF EXISTS {name}"
            )
            for name, target in INDEXES
        ),
        migrations.CreateModel(
            name="PartnershipPeriod",
            fields=[
                (
                    "partnership",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="visits.partnership",
                    ),
                ),
                ("since", models.DateField()),
                ("until", models.DateField(null=True)),
                (
                    "country_a",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="visits.country",
                    ),
                ),
                (
                    "country_b",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="visits.country",
                    ),
                ),
                (
                    "level",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="visits.partnershiplevel",
                    ),
                ),
            ],
            options={"managed": False, "db_table": "visits_partnershipperiod"},
        ),
    ]
