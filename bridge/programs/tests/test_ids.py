"""Ids out of a database column's range, in URLs, forms and the API, answer 404, never 500."""

import pytest
from django.http import Http404
from django.urls import reverse

from bridge.programs.ids import MAX_ID, get_by_id_or_404, id_or_404, parse_id
from bridge.programs.models import Application
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

HUGE = "99999999999999999999999"


@pytest.mark.unit
@pytest.mark.parametrize(
    "raw, expected",
    [("1", 1), (" 42 ", 42), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), (HUGE, None),
     ("0", None), ("-1", None), ("abc", None), ("", None), (None, None), ("1.5", None)],
)  # fmt: skip
def test_parse_id_keeps_only_ids_a_row_could_have(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.unit
def test_id_or_404_refuses_out_of_range():
    with pytest.raises(Http404):
        id_or_404(HUGE)
    assert id_or_404("7") == 7


@pytest.mark.integration
def test_get_by_id_or_404_does_not_reach_the_database_with_a_huge_id(db):
    with pytest.raises(Http404):
        get_by_id_or_404(Application, HUGE)


@pytest.mark.integration
@pytest.mark.parametrize(
    "method, path",
    [
        ("get", f"/programmes/review/applications/{HUGE}/"),
        ("get", f"/programmes/review/applications/{HUGE}/pitch-deck/"),
        ("get", f"/programmes/review/applications/{HUGE}/answers/1/file/"),
        ("get", "/programmes/review/applications/1/answers/" + HUGE + "/file/"),
        ("post", f"/programmes/review/applications/{HUGE}/conflict/"),
        ("get", f"/programmes/applications/{HUGE}/"),
        ("get", f"/programmes/applications/{HUGE}/edit/"),
        ("post", f"/programmes/applications/{HUGE}/autosave/"),
        ("get", f"/programmes/applications/{HUGE}/submit/"),
        ("get", f"/programmes/applications/{HUGE}/withdraw/"),
        ("get", f"/programmes/applications/{HUGE}/cohort/"),
        ("post", "/programmes/staff/calls/{slug}/assignments/" + HUGE + "/remove/"),
        ("post", "/programmes/staff/calls/{slug}/applications/" + HUGE + "/shortlist/"),
        ("post", "/programmes/staff/calls/{slug}/applications/" + HUGE + "/decide/"),
        ("post", "/programmes/staff/calls/{slug}/outbox/" + HUGE + "/send/"),
        ("post", "/programmes/staff/calls/{slug}/outbox/" + HUGE + "/withdraw/"),
        ("get", f"/api/v1/programmes/reviews/{HUGE}"),
        ("get", f"/api/v1/programmes/applications/{MAX_ID + 1}"),
    ],
)
def test_huge_ids_are_not_found(client, programme_manager, method, path):
    call = CallFactory()
    # A reviewer too, so the review pages get past "who are you" to the lookup of the id.
    application = SubmittedApplicationFactory(call=call)
    AssignmentFactory(
        reviewer=ReviewerFactory(call=call, user=programme_manager), application=application
    )
    client.force_login(programme_manager)
    response = getattr(client, method)(path.format(slug=call.slug))
    assert response.status_code == 404


@pytest.mark.integration
def test_manual_assignment_with_huge_ids_in_the_form_is_not_found(client, programme_manager):
    call = CallFactory()
    client.force_login(programme_manager)
    url = reverse("programs_review:staff_assignment_add", args=[call.slug])
    response = client.post(url, {"reviewer": HUGE, "application": HUGE})
    assert response.status_code == 404
