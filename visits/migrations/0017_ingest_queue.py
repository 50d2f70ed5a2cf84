"""Issue 15: the queue-backed ingest's jobs and items (progress and failures from workers)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("visits", "0016_editor_undo")]

    operations = [
        migrations.CreateModel(
            name="IngestJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("today", models.DateField()),
                ("paths", models.TextField(blank=True)),
                ("total", models.PositiveIntegerField(default=0)),
                ("summary", models.JSONField(blank=True, default=dict)),
            ],
        ),
        migrations.CreateModel(
            name="IngestItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source_name", models.CharField(max_length=255)),
                ("where", models.CharField(blank=True, max_length=1200)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("working", "a worker has it"),
                            ("new", "stored, new"),
                            ("changed", "stored, changed"),
                            ("reextract", "stored, re-extracted"),
                            ("unchanged", "unchanged"),
                            ("copy", "the same text as another article"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("error", models.TextField(blank=True)),
                ("worker", models.CharField(blank=True, max_length=200)),
                ("deliveries", models.PositiveIntegerField(default=0)),
                ("records", models.JSONField(blank=True, default=dict)),
                ("seconds", models.JSONField(blank=True, default=dict)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="visits.ingestjob",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["job", "state"], name="ingest_item_job_state")],
                "constraints": [
                    models.UniqueConstraint(fields=("job", "source_name"), name="ingest_item_once"),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "state__in",
                                ["queued", "working", "new", "changed", "reextract", "unchanged", "copy", "failed"],
                            )
                        ),
                        name="ingest_item_state_known",
                    ),
                ],
            },
        ),
    ]
