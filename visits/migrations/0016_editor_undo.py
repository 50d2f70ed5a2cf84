"""Reserved for issue 14 (editors: undo of merges and deletions, reasons for changes); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0015_stored_for_speed")]

    operations = []
