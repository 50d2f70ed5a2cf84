"""Reserved for issue 15's batched storing of ingest, which has not landed: kept, empty,
so that the databases which recorded it stay consistent with the code."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0020_admin_indexes")]

    operations = []
