"""The Editors group: may correct the records, may not touch users or groups."""

from django.db import migrations

GROUP = "Editors"
ALL = ("add", "change", "delete", "view")
# model name -> what editors may do. Articles and evidence are what ingest read:
# editors see them but do not rewrite them; deleting a suppression undoes a deletion.
PERMISSIONS = {
    "leader": ALL,
    "office": ALL,
    "visit": ALL,
    "meeting": ALL,
    "participation": ALL,
    "agreement": ALL,
    "partnership": ALL,
    "country": ("change", "view"),
    "partnershiplevel": ("change", "view"),
    "article": ("view",),
    "evidence": ("view",),
    "suppression": ("delete", "view"),
}


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after the last migration; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
    ]
    perms = Permission.objects.filter(content_type__app_label="visits", codename__in=codenames)
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"permissions missing: {sorted(missing)}")
    group.permissions.set(perms)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0004_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_editors, remove_editors)]
