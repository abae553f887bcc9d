"""A joint project started from a held meeting: which organisations it brings in, and the rules
that refuse it (a meeting that was not held, an organisation that did not sit at the table, a
meeting that already has its project). project_create calls this inside its transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.partnering.models import JointProject, Meeting
from bridge.partnering.models.events import MeetingStatus


def meeting_partners(*, meeting: Meeting, organisation: Organisation) -> list[Organisation]:
    """The other side's organisation, once the meeting is locked against a second project."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("request__sender__organisation", "request__recipient__organisation")
        .get(pk=meeting.pk)
    )
    sides = [meeting.request.sender.organisation, meeting.request.recipient.organisation]
    if organisation.pk not in {side.pk for side in sides}:
        raise ValidationError(
            {
                "meeting": _(
                    "Only an organisation that took part in the meeting may start a project from it."
                )
            }
        )
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            {"meeting": _("A joint project can be created from a held meeting only.")}
        )
    if JointProject.objects.filter(meeting=meeting).exists():
        raise ValidationError(
            {"meeting": _("A joint project was already created from this meeting.")}
        )
    return [side for side in sides if side.pk != organisation.pk]


def meeting_prefill(*, meeting: Meeting, organisations: list[Organisation]) -> dict:
    """The new-project form's starting values for a meeting: my side and the other side."""
    request = meeting.request
    sides = [request.sender.organisation_id, request.recipient.organisation_id]
    mine = [o.pk for o in organisations if o.pk in sides]
    if not mine:
        return {}
    return {
        "organisation": mine[0],
        "partners": [pk for pk in sides if pk != mine[0]],
        # The day where the meeting took place: 08:00 in Tokyo is the evening before in UTC.
        "started_on": (
            meeting.slot.starts_at.astimezone(meeting.event.zone).date()
            if meeting.slot_id
            else None
        ),
    }
