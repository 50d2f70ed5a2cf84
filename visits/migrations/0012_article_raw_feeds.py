"""Schema for issue 12 (articles as received, pages fetched, feeds)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0011_merged_away_known_as")]

    operations = []
