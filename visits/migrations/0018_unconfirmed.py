"""Reserved for issue 14 (records marked unconfirmed); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0017_ingest_queue")]

    operations = []
