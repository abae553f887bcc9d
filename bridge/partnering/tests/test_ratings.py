"""Ratings of held meetings: the rules of the service (a participant, held only, once, editable
for 14 days), the page listing my held meetings, and the invitation the day after the event."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering.models import MeetingRating, Registration
from bridge.partnering.services.ratings import day_after, meeting_rate, ratings_tick
from bridge.partnering.tests.factories import member_of
from bridge.partnering.tests.test_project_meeting import meeting_between

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def english():
    with override("en"):
        yield


@pytest.fixture
def meeting(ru_org, uz_org, ru_owner, uz_owner, moderator):
    return meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)


def test_each_side_rates_once_and_may_change_it(meeting, ru_owner, uz_owner):
    meeting_rate(actor=ru_owner, meeting=meeting, score=4, note="Useful")
    meeting_rate(actor=uz_owner, meeting=meeting, score="5")
    meeting_rate(actor=ru_owner, meeting=meeting, score=2, note="On second thought")
    scores = {r.registration.person_id: (r.score, r.note) for r in MeetingRating.objects.all()}
    assert scores == {ru_owner.pk: (2, "On second thought"), uz_owner.pk: (5, "")}


def test_a_rating_is_frozen_after_14_days(meeting, ru_owner):
    rating = meeting_rate(actor=ru_owner, meeting=meeting, score=4)
    MeetingRating.objects.filter(pk=rating.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    with pytest.raises(ValidationError, match="14 days"):
        meeting_rate(actor=ru_owner, meeting=meeting, score=1)
    assert MeetingRating.objects.get().score == 4


@pytest.mark.parametrize("score", [0, 6, "", "five", None])
def test_a_score_outside_one_to_five_is_refused_at_the_field(meeting, ru_owner, score):
    with pytest.raises(ValidationError) as refused:
        meeting_rate(actor=ru_owner, meeting=meeting, score=score)
    assert "score" in refused.value.message_dict and not MeetingRating.objects.exists()


def test_only_a_participant_rates_and_only_a_held_meeting(
    meeting, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    stranger = member_of(OrganisationFactory(country="KZ"))
    for actor in (stranger, moderator):
        with pytest.raises(PermissionDenied):
            meeting_rate(actor=actor, meeting=meeting, score=5)
    scheduled = meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator, held=False)
    with pytest.raises(ValidationError, match="held"):
        meeting_rate(actor=ru_owner, meeting=scheduled, score=5)
    assert not MeetingRating.objects.exists()


def test_page_lists_my_held_meetings_and_saves_a_rating(
    client, meeting, ru_owner, uz_org, django_assert_max_num_queries
):
    client.force_login(ru_owner)
    with django_assert_max_num_queries(12):
        page = client.get("/partnering/events/ratings/")
    assert f'id="meeting-{meeting.pk}"' in page.content.decode()
    assert uz_org.name in page.content.decode()
    response = client.post(
        "/partnering/events/ratings/", {"meeting": meeting.pk, "score": "3", "note": "Good"}
    )
    assert response.status_code == 302
    assert MeetingRating.objects.get().score == 3
    bad = client.post("/partnering/events/ratings/", {"meeting": meeting.pk, "score": "9"})
    assert bad.status_code == 400 and MeetingRating.objects.get().score == 3


def test_page_query_count_does_not_grow_with_meetings(
    client, ru_org, uz_org, ru_owner, uz_owner, moderator, django_assert_max_num_queries
):
    for _ in range(4):
        meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)
    client.force_login(ru_owner)
    with django_assert_max_num_queries(12):
        page = client.get("/partnering/events/ratings/")
    assert page.content.decode().count('name="meeting"') == 4


def test_someone_else_cannot_rate_through_the_page(client, meeting):
    client.force_login(member_of(OrganisationFactory(country="KZ")))
    assert client.get("/partnering/events/ratings/").status_code == 200
    refused = client.post("/partnering/events/ratings/", {"meeting": meeting.pk, "score": "5"})
    assert refused.status_code == 403 and not MeetingRating.objects.exists()
    client.logout()
    assert client.get("/partnering/events/ratings/").status_code == 302


def test_invitation_goes_out_the_day_after_the_event_once(
    meeting, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    event = meeting.event
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert ratings_tick(now=day_after(event) - timedelta(minutes=1))["ratings_invited"] == 0
        assert ratings_tick(now=day_after(event) + timedelta(hours=1))["ratings_invited"] == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ru_owner.email, uz_owner.email])
    assert all("/partnering/events/ratings/" in m.body for m in mailoutbox)
    assert ratings_tick(now=day_after(event) + timedelta(days=1))["ratings_invited"] == 0
    assert Registration.objects.filter(rating_invited_at__isnull=True).count() == 0


def test_staff_read_ratings_in_the_admin_and_nobody_edits_them(
    client, meeting, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    meeting_rate(actor=ru_owner, meeting=meeting, score=4, note="Стоило того")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with CaptureQueriesContext(connection) as one:
        page = client.get("/staff/admin/partnering/meetingrating/")
    assert page.status_code == 200 and page.content.decode().count("field-score") == 1
    more = meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)
    meeting_rate(actor=uz_owner, meeting=meeting, score=5)
    meeting_rate(actor=ru_owner, meeting=more, score=3)
    with CaptureQueriesContext(connection) as three:
        page = client.get("/staff/admin/partnering/meetingrating/")
    assert page.content.decode().count("field-score") == 3
    assert len(three.captured_queries) == len(one.captured_queries)
    rating = MeetingRating.objects.first()
    change = f"/staff/admin/partnering/meetingrating/{rating.pk}/change/"
    client.post(change, {"score": 1})
    rating.refresh_from_db()
    assert rating.score != 1 and MeetingRating.objects.filter(score=1).count() == 0
    assert client.get("/staff/admin/partnering/meetingoutcome/").status_code == 200
    client.force_login(ru_owner)
    assert client.get("/staff/admin/partnering/meetingrating/").status_code == 302
