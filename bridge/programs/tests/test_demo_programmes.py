"""The programme demo: both seasons, deterministic and idempotent."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from bridge.accounts.models import Organisation
from bridge.programs.eligibility import evaluate
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    Deal,
    Decision,
    DecisionStatus,
    EligibilityChange,
    MilestoneProgress,
    Review,
)

pytestmark = pytest.mark.integration


def _snapshot():
    return {
        "applications": sorted(
            Application.objects.values_list("call__slug", "organisation__name", "status", "title")
        ),
        "reviews": Review.objects.count(),
        "decisions": sorted(
            Decision.objects.values_list("application__title", "outcome", "status")
        ),
        "progress": MilestoneProgress.objects.count(),
        "deals": Deal.objects.count(),
        "changes": EligibilityChange.objects.count(),
    }


def test_demo_builds_both_seasons_and_a_second_run_changes_nothing(db, capsys):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    closed = Call.objects.get(slug="vgf-season-6")
    opened = Call.objects.get(slug="vgf-season-7")
    now = timezone.now()
    assert closed.status_at(now) == "closed"
    assert opened.is_open_at(now)

    applications = Application.objects.filter(call=closed)
    assert applications.count() == 40
    assert set(applications.values_list("organisation__country", flat=True)) == {"RU"}
    assert Review.objects.filter(assignment__application__call=closed).count() == 160
    assert applications.filter(status=ApplicationStatus.ACCEPTED).count() == 20
    assert not Decision.objects.filter(application__call=closed).exclude(status=DecisionStatus.SENT)
    assert MilestoneProgress.objects.filter(application__call=closed).exists()
    assert Deal.objects.filter(application__call=closed).exists()

    pixel = Organisation.objects.get(name="Samarqand Pixel")
    assert not evaluate(closed.eligibility.as_rules(), pixel).eligible
    assert evaluate(opened.eligibility.as_rules(), pixel).eligible
    assert sorted(opened.eligibility.countries) == ["KZ", "RU", "UZ"]
    assert EligibilityChange.objects.filter(call=opened).count() == 1

    first = _snapshot()
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert _snapshot() == first
