"""Reserved for issue 15 (queue-backed ingest across machines); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0016_editor_undo")]

    operations = []
