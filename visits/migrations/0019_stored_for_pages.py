"""Reserved for issue 15, pages at scale (level then, pair, year and a search document stored on each record); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0018_unconfirmed")]

    operations = []
