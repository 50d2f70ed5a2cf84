"""Reserved for issue 15's work on the last slow admin pages: no schema change was needed.

No operations; kept so that databases that applied it and fresh ones share one history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0022_downloads_covering")]

    operations = []
