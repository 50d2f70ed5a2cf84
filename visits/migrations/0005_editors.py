"""The Editors group and its permissions (filled in by the admin work)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0004_search")]
    operations = []
