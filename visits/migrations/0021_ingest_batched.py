"""Reserved for issue 15, ingest at scale (batched storing); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0020_admin_indexes")]

    operations = []
