"""Staff figures: who may see them (both ways), what they show, their exports, recomputing."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.insights.models import RollupRun
from bridge.insights.services.rollup import rollup_run
from bridge.insights.tests.factories import published, sample_request, staff, supplier

pytestmark = pytest.mark.integration
PAGES = [
    "/insights/staff/",
    "/insights/staff/moderation/",
    "/insights/staff/suppliers/",
    "/insights/staff/reviewers/",
    "/insights/staff/cohorts/",
    "/insights/staff/moderation.csv",
    "/insights/staff/suppliers.xlsx",
    "/insights/staff/reviewers.csv",
    "/insights/staff/cohorts.xlsx",
]


@pytest.fixture
def figures(db):
    uz = supplier("UZ", name="Margʻilon Atlas")
    published(5, supplier=uz)
    sample_request(supplier=uz, answered_after=timedelta(hours=3))
    sample_request(supplier=uz, answered_after=timedelta(hours=9))
    sample_request(supplier=uz, created_at=timezone.now() - timedelta(hours=20))
    rollup_run()
    return uz


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, figures, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_members_without_a_staff_role_get_not_found(client, figures, member, path):
    client.force_login(member)
    assert client.get(path).status_code == 404
    client.force_login(UserFactory(is_staff=True))  # staff flag alone is no role
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("role", ["moderator", "programme manager", "analyst"])
@pytest.mark.parametrize("path", PAGES)
def test_every_staff_role_sees_the_staff_figures(client, figures, role, path):
    client.force_login(staff(role))
    assert client.get(path).status_code == 200


def test_suppliers_answer_times_per_supplier(client, figures):
    client.force_login(staff("analyst"))
    response = client.get("/insights/staff/suppliers/")
    row = response.context["rows"][0]
    assert row["name"] == "Margʻilon Atlas"
    assert (row["requests"], row["answered"], row["waiting"]) == (3, 2, 1)
    assert row["median_hours"] == 6.0
    assert row["oldest_waiting_hours"] >= 20
    exported = client.get("/insights/staff/suppliers.csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["name", "slug", "country", "requests"]
    assert rows[1][0] == "Margʻilon Atlas"


def test_reviewer_load_and_cohorts(client, db):
    from bridge.programs.models import ApplicationStatus
    from bridge.programs.tests.factories import (
        AssignmentFactory,
        CallFactory,
        CriterionFactory,
        MilestoneFactory,
        MilestoneProgressFactory,
        ReviewerFactory,
        ScoreFactory,
        SubmittedApplicationFactory,
    )

    call = CallFactory(is_published=True)
    criterion = CriterionFactory(call=call)
    reviewer = ReviewerFactory(call=call, user=UserFactory(full_name="Elena Zhuravleva"))
    for value in (2, 4):
        assignment = AssignmentFactory(
            reviewer=reviewer, application=SubmittedApplicationFactory(call=call)
        )
        from bridge.programs.tests.factories import ReviewFactory

        review = ReviewFactory(assignment=assignment, submitted_at=timezone.now())
        ScoreFactory(review=review, criterion=criterion, value=value)
    team = SubmittedApplicationFactory(
        call=call, status=ApplicationStatus.ACCEPTED, title="Silk Road"
    )
    milestone = MilestoneFactory(call=call)
    MilestoneProgressFactory(milestone=milestone, application=team, status="late")
    rollup_run()
    client.force_login(staff("programme manager"))
    calls = client.get("/insights/staff/reviewers/").context["calls"]
    row = calls[0]["rows"][0]
    assert row["reviewer"] == "Elena Zhuravleva"
    assert (row["assigned"], row["submitted"], row["mean"], row["spread"]) == (2, 2, 3.0, 1.0)
    cohort = client.get("/insights/staff/cohorts/")
    assert "Silk Road" in cohort.content.decode()
    assert 'class="status-late"' in cohort.content.decode()
    workbook = load_workbook(
        io.BytesIO(b"".join(client.get("/insights/staff/cohorts.xlsx").streaming_content))
    )
    assert [c.value for c in workbook.active[2]][2] == "Silk Road"


def test_only_analysts_recompute_and_it_is_audited(
    client, figures, django_capture_on_commit_callbacks
):
    client.force_login(staff("moderator"))
    assert client.post("/insights/staff/recompute/").status_code == 404
    analyst = staff("analyst")
    client.force_login(analyst)
    page = client.get("/insights/staff/")
    assert "Recompute now" in page.content.decode()
    runs = RollupRun.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insights/staff/recompute/")
    assert response.status_code == 302
    assert RollupRun.objects.count() == runs + 1
    latest = RollupRun.objects.order_by("-id").first()
    assert latest.actor == analyst and latest.trigger == "staff"
    assert AuditEntry.objects.filter(action="insights.rollup", actor=analyst).exists()
    assert client.get("/insights/staff/recompute/").status_code == 405
