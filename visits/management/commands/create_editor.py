"""`manage.py create_editor USERNAME`: a staff account in the Editors group."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP = "Editors"
PASSWORD_ENV = "DIPLOMACY_EDITOR_PASSWORD"
USER_EXISTS = "User {username!r} already exists; choose another name or edit it in the admin."
NO_GROUP = "The Editors group does not exist: run `manage.py migrate` first."
NO_PASSWORD = f"No password: pass --password, set {PASSWORD_ENV}, or run in a terminal."
CREATED = "Created editor {username!r} (staff, in the Editors group)."


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account in the Editors group. The password comes from "
        f"--password, else the {PASSWORD_ENV} environment variable, else a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help=f"Prefer {PASSWORD_ENV} or the prompt.")

    def handle(self, *args, username, email, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(USER_EXISTS.format(username=username))
        group = Group.objects.filter(name=GROUP).first()
        if group is None:
            raise CommandError(NO_GROUP)
        password = password or os.environ.get(PASSWORD_ENV) or self._prompt()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(CREATED.format(username=username)))

    def _prompt(self) -> str:
        if not os.isatty(0):
            raise CommandError(NO_PASSWORD)
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        if not first:
            raise CommandError(NO_PASSWORD)
        return first
