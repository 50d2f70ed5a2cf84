"""Issue 15, the admin at scale: indexes for its sorts by confidence, its searches of
mostly empty text columns, and its review queue's doubtful rows."""

from django.db import migrations

RECORDS = ["visits_visit", "visits_meeting", "visits_agreement"]

# A changelist sorted by confidence orders by (confidence, -id) or (-confidence, -id)
# (the admin adds the primary key): one index read forwards, the other backwards.
CONFIDENCE_ORDER = [
    (f"{table}_confidence_id_desc", table, "confidence, id DESC") for table in RECORDS
] + [(f"{table}_confidence_id", table, "confidence, id") for table in RECORDS]

# The trigram indexes of 0016 on columns most rows leave empty, made partial: a term of
# one or two letters gives no trigram, and the full index then hands back every row
# of the table to be rechecked (0.3 s for 100,000 visits); the partial one only the
# rows that have a value. The admin's searches say `column <> ''` beside the LIKE.
SPARSE_TEXT = [
    ("visits_visit_invited_by_trgm", "visits_visit", "invited_by"),
    ("visits_meeting_city_trgm", "visits_meeting", "city"),
    ("visits_meeting_venue_trgm", "visits_meeting", "venue"),
    ("visits_agreement_title_trgm", "visits_agreement", "title"),
]

# The review queue's reasons other than low confidence (visits.admin.review), each
# found by its own small index among the unreviewed rows, instead of a pass over all.
REVIEW_REASONS = [
    (f"{table}_review_{name}", table, column, condition)
    for table in RECORDS
    for name, column, condition in [
        ("unsettled", "id", "NOT reviewed AND NOT year_settled"),
        ("corrected", "id", "NOT reviewed AND corrected_fields <> '{}'"),
    ]
] + [
    ("visits_visit_review_disagreement", "visits_visit", "id", "NOT reviewed AND disagreement <> '{}'"),
]


def plain_index(name: str, table: str, columns: str, where: str = "") -> migrations.RunSQL:
    predicate = f" WHERE {where}" if where else ""
    return migrations.RunSQL(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}){predicate}",
        f"DROP INDEX IF EXISTS {name}",
    )


def partial_trigram(name: str, table: str, column: str) -> migrations.RunSQL:
    full = f"USING gin ((upper(immutable_unaccent({column}))) gin_trgm_ops)"
    return migrations.RunSQL(
        [
            f"DROP INDEX IF EXISTS {name}",
            f"CREATE INDEX {name} ON {table} {full} WHERE {column} <> ''",
        ],
        [f"DROP INDEX IF EXISTS {name}", f"CREATE INDEX {name} ON {table} {full}"],
    )


class Migration(migrations.Migration):
    dependencies = [("visits", "0019_stored_for_pages")]

    operations = [
        *(plain_index(name, table, columns) for name, table, columns in CONFIDENCE_ORDER),
        *(partial_trigram(*spec) for spec in SPARSE_TEXT),
        *(plain_index(name, t, col, where) for name, t, col, where in REVIEW_REASONS),
    ]
