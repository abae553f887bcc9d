"""One inbox (issue 17): the sample inbox's own notification lines move into the platform's
notification centre (`core.Notification`), then the materials table goes.

Since the centre exists, every sample-request event was recorded twice: a materials line and a
centre line (through `notify`). Only the materials lines without a centre twin are copied: per
person, event and request, the oldest lines beyond the number the centre already holds (the
twins came later, when the centre was added). A copied line keeps its time and read state and
renders like the e-mail's subject (the verb and the label are what the subject template reads).
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db import migrations

TEMPLATE = "materials/samples/email/event"
KIND = "samples"
BATCH = 1000


def _path(url: str) -> str:
    site = settings.SITE_URL.rstrip("/")
    return url[len(site) :] if url.startswith(site + "/") else url


def copy_into_centre(apps, schema_editor):
    Old = apps.get_model("materials", "Notification")
    New = apps.get_model("core", "Notification")
    db = schema_editor.connection.alias
    held = Counter()
    for recipient_id, context in (
        New.objects.using(db).filter(template=TEMPLATE).values_list("recipient_id", "context")
    ):
        context = context if isinstance(context, dict) else {}
        held[(recipient_id, context.get("verb"), _path(str(context.get("url", ""))))] += 1
    lines = defaultdict(list)
    for old in Old.objects.using(db).order_by("created_at", "id").iterator():
        lines[(old.recipient_id, old.verb, _path(old.target_url))].append(old)
    site = settings.SITE_URL.rstrip("/")
    copies, times = [], []
    for key, olds in lines.items():
        for old in olds[: max(0, len(olds) - held[key])]:
            times.append(old.created_at)
            copies.append(
                New(
                    recipient_id=old.recipient_id,
                    kind=KIND,
                    template=TEMPLATE,
                    context={
                        "verb": old.verb,
                        "label": old.target_label,
                        "url": site + _path(old.target_url),
                    },
                    # Told at the time by the e-mail that went with the line: nothing is held
                    # for a digest.
                    delivery="instant",
                    read_at=old.read_at,
                )
            )
    for start in range(0, len(copies), BATCH):
        batch = New.objects.using(db).bulk_create(copies[start : start + BATCH])
        # `auto_now_add` stamps the copies with today; the lines keep their own time.
        for copy, created_at in zip(batch, times[start : start + BATCH], strict=True):
            copy.created_at = created_at
        New.objects.using(db).bulk_update(batch, ["created_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0008_exchange_rate_sources"),
        ("core", "0003_notification_centre"),
    ]

    operations = [
        migrations.RunPython(copy_into_centre, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="Notification"),
    ]
