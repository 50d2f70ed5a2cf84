from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("visits", "0008_reference_corrections")]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="claim",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
