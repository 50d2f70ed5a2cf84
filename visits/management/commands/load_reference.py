"""`manage.py load_reference`: reload visits/data/*.csv (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from visits import models
from visits.reference import reference_load


class Command(BaseCommand):
    help = "Load or refresh the reference data shipped in visits/data/."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reference_load(models=models)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
