"""Permission predicates for insights. The public dashboard, open data and report need none."""


def can_view_staff_figures(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_perm("insights.view_staff_figures")


def can_run_rollup(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_perm("insights.run_rollup")
