"""E-mails of partnering, each in its recipient's language, sent after the commit (so a rolled
back change never announces itself)."""

from django.db import transaction

from bridge.accounts.models import Membership, Organisation, Role
from bridge.core.mail import notify


def organisation_recipients(organisation: Organisation):
    """Who speaks for an organisation: its owner and administrators."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation=organisation, role__in=(Role.OWNER, Role.ADMIN), user__is_active=True
        ).select_related("user")
    ]


def notify_people(people, *, template: str, context: dict) -> None:
    for person in dict.fromkeys(people):
        personal = {**context, "name": person.display_name}
        transaction.on_commit(
            lambda person=person, personal=personal: notify(
                to=person, template=template, context=personal, language=person.language
            )
        )


def notify_organisation(organisation: Organisation, *, template: str, context: dict) -> None:
    notify_people(organisation_recipients(organisation), template=template, context=context)
