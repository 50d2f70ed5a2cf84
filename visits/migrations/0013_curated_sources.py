"""Schema for issue 13 (curated records: State Department visits and travels)."""

from django.db import migrations, models


def load_extra_countries(apps, schema_editor):
    from visits.reference import countries_extra_load

    countries_extra_load(Country=apps.get_model("visits", "Country"))


VISIT_KINDS = [
    ("state", "state visit"),
    ("official", "official visit"),
    ("working", "working visit"),
    ("summit", "summit or conference"),
    ("other", "other visit"),
]
ROLES = [
    ("head", "head of state or government"),
    ("minister", "minister"),
    ("other", "other"),
]


class Migration(migrations.Migration):
    dependencies = [("visits", "0012_article_raw_feeds")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="kind",
            field=models.CharField(
                choices=[("news", "news"), ("curated", "curated list")],
                default="news",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="country",
            name="historical",
            field=models.BooleanField(default=False, help_text="A state that no longer exists."),
        ),
    ]
    for model in ("visit", "historicalvisit"):
        operations += [
            migrations.AlterField(
                model_name=model,
                name="kind",
                field=models.CharField(choices=VISIT_KINDS, default="other", max_length=10),
            ),
            migrations.AddField(
                model_name=model,
                name="visitor_office",
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name=model,
                name="visitor_role",
                field=models.CharField(blank=True, choices=ROLES, max_length=8),
            ),
            migrations.AddField(
                model_name=model,
                name="disagreement",
                field=models.JSONField(blank=True, default=dict),
            ),
        ]
    operations.append(migrations.RunPython(load_extra_countries, migrations.RunPython.noop))
