"""A joint project started from a held meeting, to the exact value a person sees: the partners it
brings in (the other side, whichever side starts it), each refusal at the meeting field with its
exact words and in the order they are checked, and the new-project form's starting values (my
side, the other side, the meeting's date). Written for the mutation score of issue 18."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import JointProject, Meeting
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.services import project_meeting as services
from bridge.partnering.tests.factories import accepted_request, event_made, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOT_THERE = "Only an organisation that took part in the meeting may start a project from it."
NOT_HELD = "A joint project can be created from a held meeting only."
ALREADY = "A joint project was already created from this meeting."


def held(event, sender, recipient, status=MeetingStatus.HELD, placed=False) -> Meeting:
    extra = {}
    if placed:
        extra = {
            "slot": event.slots.get(day=1, position=3),
            "table": event.table_set.get(number=2),
        }
    return Meeting.objects.create(
        event=event, request=accepted_request(event, sender, recipient), status=status, **extra
    )


@pytest.fixture
def meeting(event, ru, uz):
    return held(event, ru, uz)


def refusal(caught) -> dict:
    return caught.value.message_dict


# --- the partners a meeting brings in ----------------------------------------------------------


def test_the_sender_s_organisation_brings_in_the_recipient_s(meeting, ru_org, uz_org):
    assert services.meeting_partners(meeting=meeting, organisation=ru_org) == [uz_org]


def test_the_recipient_s_organisation_brings_in_the_sender_s(meeting, ru_org, uz_org):
    assert services.meeting_partners(meeting=meeting, organisation=uz_org) == [ru_org]


def test_a_meeting_within_one_organisation_brings_in_no_one(event, ru, ru_org):
    colleague = registered(event, ru_org)
    meeting = held(event, ru, colleague)
    assert services.meeting_partners(meeting=meeting, organisation=ru_org) == []


def test_an_organisation_that_was_not_there_is_refused_first(event, ru, uz):
    scheduled = held(event, ru, uz, status=MeetingStatus.SCHEDULED)
    JointProject.objects.create(
        title="Afandi", type="co-production", sector="animation", meeting=scheduled
    )
    with pytest.raises(ValidationError) as caught:
        services.meeting_partners(meeting=scheduled, organisation=OrganisationFactory())
    assert refusal(caught) == {"meeting": [NOT_THERE]}


@pytest.mark.parametrize(
    "status", [MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED]
)
def test_a_meeting_that_was_not_held_is_refused(event, ru, uz, ru_org, status):
    meeting = held(event, ru, uz, status=status)
    JointProject.objects.create(
        title="Afandi", type="co-production", sector="animation", meeting=meeting
    )
    with pytest.raises(ValidationError) as caught:
        services.meeting_partners(meeting=meeting, organisation=ru_org)
    assert refusal(caught) == {"meeting": [NOT_HELD]}


def test_the_status_is_read_from_the_database_not_the_page(event, ru, uz, ru_org):
    meeting = held(event, ru, uz, status=MeetingStatus.SCHEDULED)
    meeting.status = MeetingStatus.HELD  # a page read before staff changed it
    with pytest.raises(ValidationError) as caught:
        services.meeting_partners(meeting=meeting, organisation=ru_org)
    assert refusal(caught) == {"meeting": [NOT_HELD]}


def test_a_meeting_gives_one_project(event, meeting, uz_org, ru, ru_org):
    other = held(event, registered(event, OrganisationFactory()), ru)
    JointProject.objects.create(
        title="Afandi", type="co-production", sector="animation", meeting=other
    )
    assert services.meeting_partners(meeting=meeting, organisation=uz_org) == [ru_org]
    JointProject.objects.create(
        title="Afandi", type="co-production", sector="animation", meeting=meeting
    )
    with pytest.raises(ValidationError) as caught:
        services.meeting_partners(meeting=meeting, organisation=uz_org)
    assert refusal(caught) == {"meeting": [ALREADY]}


# --- the new-project form's starting values ----------------------------------------------------


def test_my_side_the_other_side_and_the_meeting_s_day(event, ru, uz, ru_org, uz_org):
    meeting = held(event, ru, uz, placed=True)
    assert services.meeting_prefill(meeting=meeting, organisations=[ru_org]) == {
        "organisation": ru_org.pk,
        "partners": [uz_org.pk],
        "started_on": date(2027, 3, 11),
    }
    assert services.meeting_prefill(meeting=meeting, organisations=[uz_org]) == {
        "organisation": uz_org.pk,
        "partners": [ru_org.pk],
        "started_on": date(2027, 3, 11),
    }


def test_my_side_is_the_first_of_my_organisations_that_took_part(meeting, ru_org, uz_org):
    others = [OrganisationFactory(), OrganisationFactory()]
    assert services.meeting_prefill(
        meeting=meeting, organisations=[others[0], uz_org, others[1], ru_org]
    ) == {"organisation": uz_org.pk, "partners": [ru_org.pk], "started_on": None}
    assert services.meeting_prefill(meeting=meeting, organisations=[ru_org, uz_org]) == {
        "organisation": ru_org.pk,
        "partners": [uz_org.pk],
        "started_on": None,
    }


def test_a_meeting_within_one_organisation_prefills_no_partner(event, ru, ru_org):
    meeting = held(event, ru, registered(event, ru_org))
    assert services.meeting_prefill(meeting=meeting, organisations=[ru_org]) == {
        "organisation": ru_org.pk,
        "partners": [],
        "started_on": None,
    }


def test_none_of_my_organisations_took_part_prefills_nothing(meeting):
    assert services.meeting_prefill(meeting=meeting, organisations=[OrganisationFactory()]) == {}
    assert services.meeting_prefill(meeting=meeting, organisations=[]) == {}


def test_the_meeting_s_day_is_the_day_where_the_event_takes_place(clock, ru_org, uz_org):
    tokyo = event_made(
        time_zone="Asia/Tokyo", days=1, day_start=time(8, 0), day_end=time(9, 0), breaks=[]
    )
    sender, recipient = registered(tokyo, ru_org), registered(tokyo, uz_org)
    first = tokyo.slots.get(day=0, position=0)
    meeting = Meeting.objects.create(
        event=tokyo,
        request=accepted_request(tokyo, sender, recipient),
        status=MeetingStatus.HELD,
        slot=first,
        table=tokyo.table_set.get(number=1),
    )
    assert services.meeting_prefill(meeting=meeting, organisations=[ru_org])["started_on"] == (
        date(2027, 3, 10)
    )
