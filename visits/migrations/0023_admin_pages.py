"""Reserved for issue 15's last slow admin pages (filled on its branch)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0022_downloads_covering")]

    operations = []
