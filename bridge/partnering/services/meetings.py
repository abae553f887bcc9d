"""Writes of meeting requests and meetings: ask, accept (now in a shared free slot, or later by
the scheduler), decline, place, cancel, "running late", held or no-show, and the clock that
reminds and expires unanswered requests.

Placing a meeting locks both people's registrations and the slot, then books one row per person
and slot; the database's unique constraints on (person, slot) and (table, slot) back the locks,
and a constraint error becomes the same translated refusal as the checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import Booking, Meeting, MeetingRequest, Registration, Slot, Table
from bridge.partnering.models.events import MESSAGE_MAX, MeetingStatus, RequestStatus
from bridge.partnering.notifications import notify_people
from bridge.partnering.services.events import event_slot

TAKEN = "taken"


def _refusal(field: str, message: str, code: str) -> ValidationError:
    # Django drops the `code` of ValidationError({field: message}, code=...): a dict keeps codes
    # only on its messages, so the message carries it (`error_dict[field][0].code`).
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_message(value: str, field: str = "message") -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > MESSAGE_MAX:
        raise ValidationError(
            {
                field: _("At most %(limit)d characters (now %(count)d).")
                % {"limit": MESSAGE_MAX, "count": len(value)}
            }
        )
    return value


def _url(event) -> str:
    from django.urls import reverse

    return reverse("partnering:event", kwargs={"slug": event.slug})


@transaction.atomic
def meeting_request_send(
    *, actor, sender: Registration, recipient: Registration, message: str
) -> MeetingRequest:
    if not rules.can_act_for_registration(actor, sender):
        raise PermissionDenied
    event = sender.event
    if recipient.event_id != event.pk:
        raise ValidationError({"recipient": _("This person is not registered for the event.")})
    if recipient.person_id == sender.person_id:
        raise _refusal("recipient", _("You cannot ask yourself for a meeting."), "self")
    if recipient.organisation_id == sender.organisation_id:
        raise _refusal(
            "recipient", _("You cannot ask a colleague from your own organisation."), "own"
        )
    now = timezone.now()
    if now >= event.registration_closes:
        raise ValidationError(
            _("Meeting requests closed with the registration on %(date)s.")
            % {"date": event.registration_closes.astimezone(event.zone).strftime("%d.%m.%Y %H:%M")},
            code="closed",
        )
    message = _clean_message(message)
    # One pending count per person: lock the sender's registration so parallel sends queue.
    Registration.objects.select_for_update().filter(pk=sender.pk).first()
    open_pair = MeetingRequest.objects.filter(
        status__in=(RequestStatus.PENDING, RequestStatus.ACCEPTED),
        sender__in=(sender, recipient),
        recipient__in=(sender, recipient),
    )
    if open_pair.exists():
        raise _refusal(
            "recipient", _("You already have a request or a meeting with this person."), "duplicate"
        )
    pending = MeetingRequest.objects.filter(sender=sender, status=RequestStatus.PENDING)
    if pending.count() >= event.pending_cap:
        raise ValidationError(
            _(
                "You have %(count)d requests waiting for an answer, the most this event allows. "
                "Wait for answers before sending more."
            )
            % {"count": event.pending_cap},
            code="cap",
        )
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event=event,
                sender=sender,
                recipient=recipient,
                message=message,
                expires_at=now + event.request_expiry,
            )
    except IntegrityError:
        raise _refusal(
            "recipient", _("You already have a request or a meeting with this person."), "duplicate"
        ) from None
    audit_log(actor=actor, action="meeting.request", target=request)
    notify_people(
        [recipient.person],
        template="partnering/email/meeting_request",
        context={"event": event.name, "sender": str(sender.organisation), "url": _url(event)},
    )
    return request


def _locked_request(request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("event", "sender__person", "recipient__person")
        .get(pk=request.pk)
    )


def _answerable(actor, request: MeetingRequest) -> MeetingRequest:
    request = _locked_request(request)
    if not rules.can_act_for_registration(actor, request.recipient):
        raise PermissionDenied
    if request.status == RequestStatus.PENDING and request.expires_at <= timezone.now():
        raise ValidationError(_("This request has expired."), code="expired")
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            _("This request has already been answered (%(status)s).")
            % {"status": request.get_status_display()},
            code="answered",
        )
    return request


@transaction.atomic
def meeting_request_accept(*, actor, request: MeetingRequest, slot_id=None) -> Meeting:
    """Accept; with `slot_id` the meeting is placed there at once, else the scheduler places it.
    A slot that cannot be booked refuses the whole acceptance, so nothing half-changes."""
    request = _answerable(actor, request)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    meeting = Meeting.objects.create(event=request.event, request=request)
    if slot_id not in (None, ""):
        slot = event_slot(request.event, slot_id)
        place(meeting, slot)
    audit_log(actor=actor, action="meeting.accept", target=request, slot=meeting.slot_id)
    notify_people(
        [request.sender.person],
        template="partnering/email/meeting_answered",
        context={
            "event": request.event.name,
            "other": str(request.recipient.organisation),
            "status": request.get_status_display(),
            "url": _url(request.event),
        },
    )
    return meeting


@transaction.atomic
def meeting_request_decline(*, actor, request: MeetingRequest) -> MeetingRequest:
    request = _answerable(actor, request)
    request.status = RequestStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit_log(actor=actor, action="meeting.decline", target=request)
    notify_people(
        [request.sender.person],
        template="partnering/email/meeting_answered",
        context={
            "event": request.event.name,
            "other": str(request.recipient.organisation),
            "status": request.get_status_display(),
            "url": _url(request.event),
        },
    )
    return request


def _taken_error(registration: Registration, booking: Booking) -> ValidationError:
    if booking.meeting_id is None:
        message = _("%(name)s is not available at this time.")
    else:
        message = _("%(name)s already has a meeting at this time.")
    return _refusal("slot", message % {"name": registration.person.display_name}, TAKEN)


def place(meeting: Meeting, slot: Slot, table: Table | None = None) -> Meeting:
    """Book the meeting into the slot (and a free table); call inside a transaction."""
    if slot.event_id != meeting.event_id:
        raise ValidationError({"slot": _("This time is not one of the event's slots.")})
    request = meeting.request
    pair = list(
        Registration.objects.select_for_update()
        .select_related("person")
        .filter(pk__in=(request.sender_id, request.recipient_id))
        .order_by("pk")
    )
    Slot.objects.select_for_update().filter(pk=slot.pk).first()
    clashes = Booking.objects.filter(registration__in=pair, slot=slot).exclude(meeting=meeting)
    for booking in clashes:
        raise _taken_error(next(r for r in pair if r.pk == booking.registration_id), booking)
    busy = Meeting.objects.filter(slot=slot).exclude(status=MeetingStatus.CANCELLED)
    busy = busy.exclude(pk=meeting.pk).values_list("table_id", flat=True)
    if table is None:
        table = Table.objects.filter(event_id=meeting.event_id).exclude(pk__in=busy).first()
        if table is None:
            raise _refusal("slot", _("No table is free at this time."), TAKEN)
    elif table.event_id != meeting.event_id or table.pk in set(busy):
        raise _refusal("table", _("This table is taken at this time."), TAKEN)
    try:
        with transaction.atomic():
            Booking.objects.filter(meeting=meeting).delete()
            meeting.slot, meeting.table = slot, table
            meeting.sequence += 1
            meeting.save(update_fields=["slot", "table", "sequence", "updated_at"])
            Booking.objects.bulk_create(
                Booking(registration=registration, slot=slot, meeting=meeting)
                for registration in pair
            )
    except IntegrityError:
        raise _refusal(
            "slot", _("Someone has just taken this time. Choose another."), TAKEN
        ) from None
    return meeting


@transaction.atomic
def meeting_place(*, actor, meeting: Meeting, slot_id, table: Table | None = None) -> Meeting:
    """Staff move a meeting in the draft or published agenda."""
    if not rules.can_run_events(actor):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().select_related("request").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."), code="cancelled")
    place(meeting, event_slot(meeting.event, slot_id), table)
    audit_log(actor=actor, action="meeting.place", target=meeting, slot=meeting.slot_id)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("request").get(pk=meeting.pk)
    request = meeting.request
    if not (
        rules.can_run_events(actor)
        or rules.can_act_for_registration(actor, request.sender)
        or rules.can_act_for_registration(actor, request.recipient)
    ):
        raise PermissionDenied
    Booking.objects.filter(meeting=meeting).delete()
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    MeetingRequest.objects.filter(pk=request.pk).update(status=RequestStatus.CANCELLED)
    audit_log(actor=actor, action="meeting.cancel", target=meeting)
    return meeting


@transaction.atomic
def meeting_running_late(*, actor, meeting: Meeting, minutes: int = 10) -> Meeting:
    """One click: the other side learns that this side will be a few minutes late."""
    request = meeting.request
    mine = [
        r for r in (request.sender, request.recipient) if rules.can_act_for_registration(actor, r)
    ]
    if not mine:
        raise PermissionDenied
    if meeting.status != MeetingStatus.SCHEDULED or meeting.slot_id is None:
        raise ValidationError(_("Only a scheduled meeting can be late."), code="state")
    if not 1 <= int(minutes) <= 60:
        raise ValidationError({"minutes": _("Between 1 and 60 minutes.")})
    side = mine[0]
    other = request.recipient if side.pk == request.sender_id else request.sender
    meeting.late_note = _("%(name)s is running %(minutes)d minutes late.") % {
        "name": side.person.display_name,
        "minutes": int(minutes),
    }
    meeting.late_at = timezone.now()
    meeting.save(update_fields=["late_note", "late_at", "updated_at"])
    audit_log(actor=actor, action="meeting.late", target=meeting, minutes=int(minutes))
    notify_people(
        [other.person],
        template="partnering/email/meeting_late",
        context={"note": meeting.late_note, "url": _url(meeting.event)},
    )
    return meeting


@transaction.atomic
def meeting_status_set(*, actor, meeting: Meeting, status: str) -> Meeting:
    """Staff on the day: the meeting was held, or one side did not come."""
    if not rules.can_run_events(actor):
        raise PermissionDenied
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise ValidationError({"status": _("Choose held, no-show or scheduled.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.slot_id is None or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Only a scheduled meeting can be marked."), code="state")
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action=f"meeting.{status}", target=meeting)
    return meeting


def meetings_tick(*, now=None) -> dict[str, int]:
    """Expire requests past their time; remind recipients once half the time has passed."""
    now = now or timezone.now()
    pending = MeetingRequest.objects.filter(status=RequestStatus.PENDING)
    expired = pending.filter(expires_at__lte=now).update(
        status=RequestStatus.EXPIRED, answered_at=now
    )
    reminded = 0
    for request in pending.filter(reminded_at__isnull=True).select_related(
        "event", "recipient__person", "sender__organisation"
    ):
        if now < request.expires_at - (request.expires_at - request.created_at) / 2:
            continue
        with transaction.atomic():
            updated = MeetingRequest.objects.filter(
                pk=request.pk, reminded_at__isnull=True, status=RequestStatus.PENDING
            ).update(reminded_at=now)
            if not updated:
                continue
            notify_people(
                [request.recipient.person],
                template="partnering/email/meeting_reminder",
                context={
                    "event": request.event.name,
                    "sender": str(request.sender.organisation),
                    "url": _url(request.event),
                },
            )
            reminded += 1
    return {"meetings_reminded": reminded, "meetings_expired": expired}
