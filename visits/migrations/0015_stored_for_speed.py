"""Reserved for issue 15 (pages at scale: values stored on records for speed); empty until that work lands."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0014_article_language")]

    operations = []
