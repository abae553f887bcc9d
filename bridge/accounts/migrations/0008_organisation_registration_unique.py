"""One registration number per country in the database too: the services refuse a duplicate
at the field, but two registrations at the same moment could both pass that check.

A database that already holds duplicates stops here with their names, rather than dropping
or changing anyone's number: staff merge or correct them in the admin, then migrate again.
"""

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    organisation = apps.get_model("accounts", "Organisation")
    duplicates = (
        organisation.objects.exclude(registration_number="")
        .values("country", "registration_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    found = [
        f"{row['country']} {row['registration_number']}: "
        + ", ".join(
            organisation.objects.filter(
                country=row["country"], registration_number=row["registration_number"]
            ).values_list("name", flat=True)
        )
        for row in duplicates[:20]
    ]
    if found:
        raise RuntimeError(
            "Organisations share a registration number; correct them in the admin, then "
            "migrate again:\n" + "\n".join(found)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_api_token_expiry_and_scope"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("registration_number", ""), _negated=True),
                fields=("country", "registration_number"),
                name="organisation_registration_unique",
                violation_error_message="An organisation with this registration number is "
                "already registered. Ask its owner to invite you.",
            ),
        ),
    ]
