"""App configuration."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VisitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "visits"
    verbose_name = "Diplomatic records"

    def ready(self):
        from visits.dataversion import version_triggers_complete

        # Tables that migrations after 0015 add get the data-version triggers too.
        post_migrate.connect(version_triggers_complete, sender=self)
