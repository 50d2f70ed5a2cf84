"""Article.published_precision: a date line giving a month or a year only is kept."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0009_evidence_claims"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="published_precision",
            field=models.CharField(
                choices=[("day", "day"), ("month", "month"), ("year", "year")],
                default="day",
                max_length=5,
            ),
        ),
    ]
