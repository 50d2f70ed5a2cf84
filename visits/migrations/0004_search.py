"""Indexes for the public pages' searches and default orders.

Raw SQL, so the model state stays as models.py declares it: these indexes
serve expressions the selectors build (visits/selectors.py), not fields.
"""

from django.db import migrations

# The very expression of selectors.article_document(): the planner only uses
# an expression index for an identical expression.
ARTICLE_DOCUMENT = (
    "to_tsvector('diplomacy'::regconfig, COALESCE(\"title\", '') || ' ' || COALESCE(\"text\", ''))"
)

INDEXES = [
    (
        "visits_article_document_gin",
        f"CREATE INDEX IF NOT EXISTS visits_article_document_gin ON visits_article "
        f"USING gin ({ARTICLE_DOCUMENT})",
    ),
    (
        "visits_leader_name_key_trgm",
        "CREATE INDEX IF NOT EXISTS visits_leader_name_key_trgm ON visits_leader "
        "USING gin (name_key gin_trgm_ops)",
    ),
    (
        "visits_visit_start_desc",
        "CREATE INDEX IF NOT EXISTS visits_visit_start_desc ON visits_visit "
        "(start DESC NULLS LAST, id DESC)",
    ),
    (
        "visits_meeting_date_desc",
        "CREATE INDEX IF NOT EXISTS visits_meeting_date_desc ON visits_meeting "
        "(date DESC NULLS LAST, id DESC)",
    ),
    (
        "visits_agreement_date_desc",
        "CREATE INDEX IF NOT EXISTS visits_agreement_date_desc ON visits_agreement "
        "(date DESC NULLS LAST, id DESC)",
    ),
    (
        "visits_partnership_pair_since",
        "CREATE INDEX IF NOT EXISTS visits_partnership_pair_since ON visits_partnership "
        "(country_a_id, country_b_id, since DESC)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("visits", "0003_reference_data")]
    operations = [migrations.RunSQL(sql, f"DROP INDEX IF EXISTS {name}") for name, sql in INDEXES]
