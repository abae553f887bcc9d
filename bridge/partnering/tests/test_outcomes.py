"""The six-month outcome survey of held meetings (sent once by the clock, answered on a page by
each side) and the staff funnel requests → accepted → held → outcomes in fixed queries."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import Meeting, MeetingOutcome
from bridge.partnering.selectors.events import funnel
from bridge.partnering.services import meetings as meeting_services
from bridge.partnering.services.outcomes import OUTCOME_AFTER, outcome_answer, outcomes_tick
from bridge.partnering.services.ratings import day_after, meeting_rate
from bridge.partnering.tests.factories import member_of, registered
from bridge.partnering.tests.test_project_meeting import meeting_between

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def english():
    with override("en"):
        yield


@pytest.fixture
def meeting(ru_org, uz_org, ru_owner, uz_owner, moderator):
    return meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)


def asked(meeting) -> Meeting:
    outcomes_tick(now=day_after(meeting.event) + OUTCOME_AFTER + timedelta(hours=1))
    meeting.refresh_from_db()
    return meeting


def test_the_survey_goes_to_both_sides_six_months_on_once(
    meeting, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    start = day_after(meeting.event) + OUTCOME_AFTER
    with django_capture_on_commit_callbacks(execute=True):
        assert outcomes_tick(now=start - timedelta(days=1))["outcomes_asked"] == 0
        assert outcomes_tick(now=start + timedelta(hours=1))["outcomes_asked"] == 1
        assert outcomes_tick(now=start + timedelta(days=3))["outcomes_asked"] == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ru_owner.email, uz_owner.email])
    assert all("/partnering/events/outcomes/" in m.body for m in mailoutbox)


def test_each_side_answers_and_may_update(meeting, ru_owner, uz_owner):
    meeting = asked(meeting)
    outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    outcome_answer(actor=uz_owner, meeting=meeting, answer="no-contact")
    outcome_answer(actor=ru_owner, meeting=meeting, answer="agreement")
    answers = {o.registration.person_id: o.answer for o in MeetingOutcome.objects.all()}
    assert answers == {ru_owner.pk: "agreement", uz_owner.pk: "no-contact"}


def test_refused_before_the_survey_for_strangers_and_bad_answers(meeting, ru_owner, moderator):
    with pytest.raises(ValidationError, match="no outcome survey"):
        outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    meeting = asked(meeting)
    with pytest.raises(ValidationError) as refused:
        outcome_answer(actor=ru_owner, meeting=meeting, answer="married")
    assert "answer" in refused.value.message_dict
    for stranger in (member_of(OrganisationFactory(country="KZ")), moderator):
        with pytest.raises(PermissionDenied):
            outcome_answer(actor=stranger, meeting=meeting, answer="talks")
    assert not MeetingOutcome.objects.exists()


def test_page_answers_the_survey(client, meeting, ru_owner):
    client.force_login(ru_owner)
    assert (
        f'id="meeting-{meeting.pk}"'
        not in client.get("/partnering/events/outcomes/").content.decode()
    )
    meeting = asked(meeting)
    assert (
        f'id="meeting-{meeting.pk}"' in client.get("/partnering/events/outcomes/").content.decode()
    )
    done = client.post("/partnering/events/outcomes/", {"meeting": meeting.pk, "answer": "project"})
    assert done.status_code == 302 and MeetingOutcome.objects.get().answer == "project"
    bad = client.post("/partnering/events/outcomes/", {"meeting": meeting.pk, "answer": "x"})
    assert bad.status_code == 400 and MeetingOutcome.objects.get().answer == "project"
    client.force_login(member_of(OrganisationFactory(country="KZ")))
    other = client.post("/partnering/events/outcomes/", {"meeting": meeting.pk, "answer": "talks"})
    assert other.status_code == 403


def test_funnel_counts_each_step_and_answers(
    meeting, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    meeting = asked(meeting)
    outcome_answer(actor=ru_owner, meeting=meeting, answer="agreement")
    outcome_answer(actor=uz_owner, meeting=meeting, answer="agreement")
    meeting_rate(actor=ru_owner, meeting=meeting, score=5)
    meeting_rate(actor=uz_owner, meeting=meeting, score=2)
    numbers = funnel(meeting.event)
    assert (numbers["requests"], numbers["accepted"], numbers["held"]) == (1, 1, 1)
    assert [count for _label, count in numbers["outcomes"]] == [0, 0, 2, 0]
    assert numbers["ratings"] == 2 and numbers["rating_average"] == 3.5


def test_staff_page_shows_the_funnel_in_queries_independent_of_size(
    client, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    first = asked(meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator))
    outcome_answer(actor=ru_owner, meeting=first, answer="project")
    client.force_login(moderator)
    url = f"/partnering/events/{first.event.slug}/staff/"
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    assert page.status_code == 200 and "funnel-outcomes" in page.content.decode()
    for n in range(1, 4):  # more people, requests, held meetings and answers at the same event
        org_a, org_b = OrganisationFactory(country="RU"), OrganisationFactory(country="UZ")
        a, b = registered(first.event, org_a), registered(first.event, org_b)
        request = meeting_services.meeting_request_send(
            actor=a.person, sender=a, recipient=b, message="Hello"
        )
        slot = first.event.slots.order_by("starts_at")[n]
        extra = meeting_services.meeting_request_accept(
            actor=b.person, request=request, slot_id=slot.pk
        )
        meeting_services.meeting_status_set(actor=moderator, meeting=extra, status="held")
        extra = asked(extra)
        outcome_answer(actor=a.person, meeting=extra, answer="talks")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
