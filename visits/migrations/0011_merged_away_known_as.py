from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("visits", "0010_article_published_precision")]

    operations = [
        migrations.AddField(
            model_name="mergedaway",
            name="known_as",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
