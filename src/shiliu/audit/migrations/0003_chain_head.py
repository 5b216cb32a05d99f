"""The chain's head in one row, so an append on PostgreSQL is one statement (services._append)."""

from django.db import migrations, models


def head_from_trail(apps, schema_editor):
    """Start the head at the trail's newest record (an append also does this if the row is missing)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    event = apps.get_model("audit", "AuditEvent")
    head = apps.get_model("audit", "ChainHead")
    last = event.objects.order_by("-id").values_list("hash", flat=True).first()
    head.objects.update_or_create(pk=1, defaults={"prev": "", "hash": last or "0" * 64})


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prev", models.CharField(blank=True, max_length=64)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(head_from_trail, migrations.RunPython.noop),
    ]
