"""Issue 14, editors: deletions and merges kept so that they can be undone, with reasons;
issue 15, the admin at scale: trigram indexes for its searches."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GROUP = "Editors"
# Editors see the deletions and merges and undo them (an undo changes the row).
CODENAMES = ["view_editoraction", "change_editoraction"]
# The admin's searches: UPPER(immutable_unaccent(column)) LIKE '%...%' over every row
# is a sequential scan (3 s over 200,000 sentences) without a trigram index on it.
TRIGRAM_INDEXES = [
    ("visits_evidence_sentence_trgm", "visits_evidence", "sentence"),
    ("visits_visit_invited_by_trgm", "visits_visit", "invited_by"),
    ("visits_meeting_city_trgm", "visits_meeting", "city"),
    ("visits_meeting_venue_trgm", "visits_meeting", "venue"),
    ("visits_agreement_title_trgm", "visits_agreement", "title"),
]

# The review queue's unflagged rows, the least confident first (visits.admin.review.Tiers).
REVIEW_ORDER = [
    ("visits_visit_review_order", "visits_visit", "start"),
    ("visits_meeting_review_order", "visits_meeting", "date"),
    ("visits_agreement_review_order", "visits_agreement", "date"),
]


def review_index(name: str, table: str, day: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} (confidence, {day} DESC, id DESC) "
        "WHERE NOT reviewed",
        f"DROP INDEX IF EXISTS {name}",
    )


def trigram_index(name: str, table: str, column: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
        f"USING gin ((upper(immutable_unaccent({column}))) gin_trgm_ops)",
        f"DROP INDEX IF EXISTS {name}",
    )


def grant_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        perms = Permission.objects.filter(content_type__app_label="visits", codename__in=CODENAMES)
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0015_stored_for_speed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EditorAction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("delete", "deletion"), ("merge", "merge")], max_length=6
                    ),
                ),
                (
                    "model",
                    models.CharField(
                        choices=[
                            ("visit", "visit"),
                            ("meeting", "meeting"),
                            ("agreement", "agreement"),
                            ("leader", "leader"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "record_id",
                    models.PositiveBigIntegerField(help_text="The record deleted or merged away."),
                ),
                (
                    "into_id",
                    models.PositiveBigIntegerField(
                        blank=True, help_text="The record a merge kept.", null=True
                    ),
                ),
                (
                    "label",
                    models.CharField(help_text="The record as it was named then.", max_length=300),
                ),
                ("reason", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("snapshot", models.JSONField(blank=True, default=dict)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                ("undo_reason", models.TextField(blank=True)),
                (
                    "undone_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "deletion or merge",
                "verbose_name_plural": "deletions and merges",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["model", "record_id"], name="visits_edit_model_41b433_idx"),
                    models.Index(fields=["model", "into_id"], name="visits_edit_model_164e15_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("into_id__isnull", False), ("kind", "merge")),
                            models.Q(("into_id__isnull", True), ("kind", "delete")),
                            _connector="OR",
                        ),
                        name="editor_action_merge_has_into",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("undone_at__isnull", False),
                            models.Q(("undo_reason", ""), ("undone_by__isnull", True)),
                            _connector="OR",
                        ),
                        name="editor_action_undo_complete",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
        *[trigram_index(*index) for index in TRIGRAM_INDEXES],
        *[review_index(*index) for index in REVIEW_ORDER],
    ]
