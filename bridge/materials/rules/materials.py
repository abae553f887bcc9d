"""Permission predicates for the Materials Center. Views, API, admin and services ask these."""

from bridge.accounts.models import Organisation, Role
from bridge.accounts.rules import role_in


def can_manage_materials(user, supplier: Organisation) -> bool:
    """The supplier's owner and administrators keep its listings; staff may too."""
    if not getattr(user, "is_authenticated", False):
        return False
    return role_in(user, supplier) in (Role.OWNER, Role.ADMIN) or user.has_perm(
        "materials.change_material"
    )


def can_moderate_materials(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_perm("materials.moderate_material")


def can_set_exchange_rates(user) -> bool:
    """Staff who may add or correct a day's rate in the admin; a rate moves every price shown."""
    return getattr(user, "is_authenticated", False) and (
        user.has_perm("materials.add_exchangerate")
        or user.has_perm("materials.change_exchangerate")
    )


def can_import_for_any_supplier(user) -> bool:
    """Staff imports may hold rows of several suppliers and create the unknown ones."""
    return can_moderate_materials(user)
