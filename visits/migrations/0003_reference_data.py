"""Load the shipped reference data: countries, levels, known leaders, partnerships."""

from types import SimpleNamespace

from django.db import migrations


def load(apps, schema_editor):
    from visits.reference import reference_load

    names = ["Country", "PartnershipLevel", "Leader", "Office", "Partnership"]
    reference_load(models=SimpleNamespace(**{n: apps.get_model("visits", n) for n in names}))


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
