"""Figures of a call and the CSV/XLSX export of applications and scores."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.programs.models import ApplicationStatus
from bridge.programs.tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    CallFactory,
    CriterionFactory,
    DecisionFactory,
    ReviewerFactory,
    ReviewFactory,
    ScoreFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def call(db):
    call = CallFactory(places=2)
    uz = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="306284157")
    SubmittedApplicationFactory(call=call, genre="rpg", project_stage="alpha")
    SubmittedApplicationFactory(call=call, organisation=uz, genre="rpg", title="=HYPERLINK(1)")
    accepted = SubmittedApplicationFactory(call=call, genre="puzzle")
    DecisionFactory(application=accepted, outcome="accept")
    ApplicationFactory(call=call)  # a draft: not counted as submitted
    criterion = CriterionFactory(call=call, name_en="Gameplay", weight=2)
    reviewer = ReviewerFactory(call=call)
    review = ReviewFactory(assignment__reviewer=reviewer, assignment__application=accepted)
    ScoreFactory(review=review, criterion=criterion, value=4)
    AssignmentFactory(reviewer=reviewer, application=call.applications.filter(genre="rpg").first())
    return call


def test_figures_count_by_country_stage_and_genre(client, analyst, call):
    client.force_login(analyst)
    response = client.get(reverse("programs:figures", args=[call.slug]))
    figures = response.context["figures"]
    assert figures["submitted"] == 3
    assert figures["drafts"] == 1
    assert {row["code"]: row["count"] for row in figures["by_country"]} == {"RU": 2, "UZ": 1}
    assert {row["code"]: row["count"] for row in figures["by_genre"]} == {"rpg": 2, "puzzle": 1}
    assert (figures["reviews_submitted"], figures["reviews_assigned"]) == (1, 2)
    assert figures["review_progress"] == 50
    assert figures["acceptance_rate"] == 33.3
    assert "Uzbekistan" in response.content.decode()


def test_csv_export_has_scores_and_defuses_formulas(client, programme_manager, call):
    client.force_login(programme_manager)
    response = client.get(reverse("programs:export", args=[call.slug, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert "Mean: Gameplay" in header
    by_title = {row[header.index("Game title")]: row for row in rows[1:]}
    assert len(by_title) == 4
    assert "'=HYPERLINK(1)" in by_title
    accepted = next(row for row in rows[1:] if row[header.index("Decision")] == "accept")
    assert accepted[header.index("Weighted mean score")] == "4.00"


def test_xlsx_export_opens(client, analyst, call):
    client.force_login(analyst)
    response = client.get(reverse("programs:export", args=[call.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5


def test_unknown_export_format_is_404(client, analyst, call):
    client.force_login(analyst)
    assert client.get(reverse("programs:export", args=[call.slug, "pdf"])).status_code == 404


@pytest.mark.parametrize("who", ["member", "moderator", "outsider"])
def test_figures_and_export_are_staff_only(client, request, who, call):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("programs:figures", args=[call.slug])).status_code == 404
    assert client.get(reverse("programs:export", args=[call.slug, "csv"])).status_code == 404


def test_export_query_count_does_not_grow(client, analyst, call):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("programs:export", args=[call.slug, "csv"]))
        client.get(reverse("programs:figures", args=[call.slug]))
    for _ in range(6):
        SubmittedApplicationFactory(call=call, status=ApplicationStatus.UNDER_REVIEW)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("programs:export", args=[call.slug, "csv"]))
        client.get(reverse("programs:figures", args=[call.slug]))
    assert len(many) == len(few)
