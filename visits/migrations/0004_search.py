"""Indexes for the public pages' searches (filled in by the pages work)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0003_reference_data")]
    operations = []
