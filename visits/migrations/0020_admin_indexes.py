"""Reserved for issue 15, the admin at scale (indexes for its sorts, filters and searches); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0019_stored_for_pages")]

    operations = []
