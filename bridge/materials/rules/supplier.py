"""Who may see what in the supplier's dashboard, the import reports and the moderation queue."""

from bridge.accounts.rules import is_member
from bridge.materials.models import MaterialImport
from bridge.materials.rules import materials as rules


def can_view_dashboard(user, supplier) -> bool:
    """Every member of the supplier sees its listings (drafts included); staff too."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_member(user, supplier) or user.has_perm("materials.change_material")


def can_view_import(user, report: MaterialImport) -> bool:
    """The person who uploaded the file; the supplier's owner and administrators; moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if report.created_by_id == user.pk or rules.can_moderate_materials(user):
        return True
    return report.supplier is not None and rules.can_manage_materials(user, report.supplier)


def can_commit_import(user, report: MaterialImport) -> bool:
    """Only the person who ran the dry run confirms it (the file is theirs)."""
    return getattr(user, "is_authenticated", False) and report.created_by_id == user.pk
