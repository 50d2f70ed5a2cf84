"""Schema for issue 13 (curated records: State Department visits and travels)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0012_article_raw_feeds")]

    operations = []
