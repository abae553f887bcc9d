"""Joint projects for tests, built through the services (as a partner would), so every rule and
the search index apply: `project_between(a, b)` is a project in talks, created by a member of
`a` with `b` invited; `published_project(...)` has every partner confirmed and consenting."""

from bridge.accounts.models import Role
from bridge.partnering.services import projects as services
from bridge.partnering.tests.factories import member_of

FIELDS = {
    "title": "Afandi: a 2D animated series",
    "type": "co-production",
    "sector": "animation",
    "heritage": ["afandi"],
    "descriptions": {
        "ru": "Анимационный сериал о Насреддине Афанди для детей.",
        "uz": "Afandi haqida bolalar uchun animatsion serial.",
    },
}


def speaker(organisation):
    """A member who may act for the organisation (its first member, or a new owner)."""
    membership = organisation.memberships.select_related("user").order_by("id").first()
    return membership.user if membership else member_of(organisation, Role.OWNER)


def project_between(first, *others, actor=None, **fields):
    return services.project_create(
        actor=actor or speaker(first),
        organisation=first,
        partners=list(others),
        **{**FIELDS, **fields},
    )


def published_project(first, *others, **fields):
    project = project_between(first, *others, **fields)
    partners = list(project.partners.select_related("organisation"))
    for partner in partners:
        if not partner.confirmed:
            services.project_partner_confirm(actor=speaker(partner.organisation), partner=partner)
    for partner in partners:
        services.project_consent(actor=speaker(partner.organisation), partner=partner)
    project.refresh_from_db()
    return project
