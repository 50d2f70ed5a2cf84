"""Schema for issue 12 (articles as received, pages fetched, feeds)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


# Editors add, change and switch off the feeds that `follow` reads; entries are what it read.
FEED_PERMISSIONS = {"feed": ("add", "change", "delete", "view"), "feedentry": ("view",)}


def editors_follow_feeds(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is None:
        return
    codenames = [f"{a}_{m}" for m, actions in FEED_PERMISSIONS.items() for a in actions]
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="visits", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [("visits", "0011_merged_away_known_as")]

    operations = [
        migrations.CreateModel(
            name='Feed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=200)),
                ('url', models.URLField(max_length=1000, unique=True, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])])),
                ('language', models.CharField(blank=True, choices=[('', 'as the pages say'), ('en', 'English'), ('vi', 'Vietnamese')], help_text='used when a page does not say its language', max_length=2)),
                ('active', models.BooleanField(default=True)),
                ('last_fetched', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['name', 'url'],
            },
        ),
        migrations.CreateModel(
            name='FeedEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('guid', models.CharField(max_length=500)),
                ('link', models.URLField(blank=True, max_length=1000)),
                ('from_feed_content', models.BooleanField(default=False, help_text="read from the feed's own content: the page could not be had")),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('first_seen', models.DateTimeField(auto_now_add=True)),
                ('fetched_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name_plural': 'feed entries',
                'ordering': ['feed', '-first_seen'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='raw',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='article',
            name='raw_kind',
            field=models.CharField(blank=True, choices=[('', 'not kept (stored before issue 12)'), ('txt', 'seed-format text'), ('json', 'JSON object'), ('html', 'HTML page')], max_length=4),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('raw_kind__in', ['', 'txt', 'json', 'html'])), name='article_raw_kind_known'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('raw_kind', ''), models.Q(('raw', ''), _negated=True), _connector='OR'), name='article_raw_kind_has_raw'),
        ),
        migrations.AddConstraint(
            model_name='feed',
            constraint=models.CheckConstraint(condition=models.Q(('url__startswith', 'http://'), ('url__startswith', 'https://'), _connector='OR'), name='feed_url_http'),
        ),
        migrations.AddConstraint(
            model_name='feed',
            constraint=models.CheckConstraint(condition=models.Q(('language__in', ['', 'en', 'vi'])), name='feed_language_known'),
        ),
        migrations.AddField(
            model_name='feedentry',
            name='article',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='feed_entries', to='visits.article'),
        ),
        migrations.AddField(
            model_name='feedentry',
            name='feed',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='visits.feed'),
        ),
        migrations.AddConstraint(
            model_name='feedentry',
            constraint=models.UniqueConstraint(fields=('feed', 'guid'), name='feed_entry_once'),
        ),
        migrations.RunPython(editors_follow_feeds, migrations.RunPython.noop),
    ]
