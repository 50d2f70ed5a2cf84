"""Reserved for issue 15's covering indexes for the visits' downloads (filled on its branch)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0021_ingest_batched")]

    operations = []
