"""Schema for issue 11 (detected language and its confidence on the article)."""

import django.core.validators
from django.db import migrations, models

BATCH = 500


def detect_stored(apps, schema_editor):
    """The articles stored before this migration: their language detected again among
    the seven, with its confidence (no input could give a language before)."""
    Article = apps.get_model("visits", "Article")
    rows = Article.objects.exclude(text="").only("id", "title", "text").order_by("id")
    if not rows.exists():
        return
    from visits.extraction.detection import detect_language

    batch = []
    for article in rows.iterator(chunk_size=BATCH):
        article.language, article.language_confidence = detect_language(
            (article.title or "") + "\n" + article.text
        )
        batch.append(article)
        if len(batch) >= BATCH:
            Article.objects.bulk_update(batch, ["language", "language_confidence"])
            batch = []
    Article.objects.bulk_update(batch, ["language", "language_confidence"])


class Migration(migrations.Migration):
    dependencies = [("visits", "0013_curated_sources")]

    operations = [
        # The seven languages read (visits.extraction.detection.LANGUAGES), not two.
        migrations.RemoveConstraint(model_name="article", name="article_language_known"),
        migrations.AddField(
            model_name="article",
            name="language_confidence",
            field=models.FloatField(
                blank=True,
                help_text=(
                    "The detector's probability for the language; empty when the source gave it."
                ),
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "English"),
                    ("vi", "Vietnamese"),
                    ("fr", "French"),
                    ("es", "Spanish"),
                    ("pt", "Portuguese"),
                    ("id", "Indonesian"),
                    ("de", "German"),
                ],
                max_length=2,
            ),
        ),
        migrations.RunPython(detect_stored, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("language__in", ["", "en", "vi", "fr", "es", "pt", "id", "de"])
                ),
                name="article_language_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("language_confidence__isnull", True),
                    models.Q(("language_confidence__gte", 0.0), ("language_confidence__lte", 1.0)),
                    _connector="OR",
                ),
                name="article_language_confidence_range",
            ),
        ),
    ]
