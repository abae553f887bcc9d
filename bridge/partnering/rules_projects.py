"""Who may see and change a joint project. Views, API and services ask these, so the web and the
API agree. A project is public once published; before that only its partners' members (invited
or confirmed) and agency staff see it; only members of a confirmed partner change it."""

from bridge.partnering.models import JointProject, ProjectPartner
from bridge.partnering.rules import is_staff_reader, user_organisation_ids


def partners_of(user, project: JointProject) -> list[ProjectPartner]:
    """The user's organisations' places in the project (confirmed or only invited)."""
    mine = set(user_organisation_ids(user))
    return [p for p in project.partners.all() if p.organisation_id in mine]


def can_view_project(user, project: JointProject) -> bool:
    return project.is_public or bool(partners_of(user, project)) or is_staff_reader(user)


def can_edit_project(user, project: JointProject) -> bool:
    return any(p.confirmed for p in partners_of(user, project))


def can_answer_for(user, partner: ProjectPartner) -> bool:
    """Confirm, decline and consent on behalf of the partner organisation: any of its members."""
    return partner.organisation_id in set(user_organisation_ids(user))
