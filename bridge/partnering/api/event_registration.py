"""API of registering for a meeting day and marking the slots one cannot attend (issue 16 item
1). The same services and rules as the event's page: a member registers for their own
organisation while registration is open; a registered person marks their own slots."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.partnering import rules
from bridge.partnering.api.events import PartneringRegistrationOut
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.selectors import events as selectors
from bridge.partnering.services import events as services

router = Router(tags=["meeting days"])

# An event has at most a few hundred slots; a request names some of them.
MAX_SLOTS = 200


class RegisterIn(Schema):
    organisation: int = Field(..., ge=1, le=MAX_ID, description="The organisation you come for.")


class UnavailableIn(Schema):
    slots: list[int] = Field(..., min_length=1, max_length=MAX_SLOTS, description="Slot ids.")
    unavailable: StrictBool = Field(
        True, description="`true`: you cannot attend then; `false`: you can again."
    )


class UnavailableOut(Schema):
    unavailable: list[int] = Field(description="Every slot you marked, without a meeting.")


@router.post(
    "/events/{slug}/registrations",
    response={
        201: PartneringRegistrationOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Register yourself for a meeting day",
)
def register(request, slug: str, payload: RegisterIn):
    """For a member of the organisation (403 otherwise), while registration is open (422
    `closed`); once per person (422 at `person`)."""
    event = selectors.event_for(request.auth, slug[:80])
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None or not rules.can_write_for(request.auth, organisation):
        return Status(403, {"detail": _("You cannot register on behalf of this organisation.")})
    try:
        registration = services.registration_create(
            actor=request.auth, event=event, organisation=organisation
        )
    except PermissionDenied:
        return Status(403, {"detail": _("You cannot register on behalf of this organisation.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("You cannot register for this event."))
    return Status(
        201,
        {
            "id": registration.pk,
            "event": event.slug,
            "organisation": organisation.name,
            "listings": [listing.pk for listing in registration.listings.all()],
            "calendar_url": request.build_absolute_uri(
                reverse("partnering:calendar_feed", kwargs={"token": registration.calendar_token})
            ),
        },
    )


@router.post(
    "/events/{slug}/unavailable",
    response={200: UnavailableOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Mark the slots you cannot attend (or free them)",
)
def set_unavailable(request, slug: str, payload: UnavailableIn):
    """For a registered person (403 otherwise). A slot with a meeting stays booked (marking it is
    422 at `slot`), as is a slot of another event. Nothing changes on refusal."""
    event = selectors.event_for(request.auth, slug[:80])
    mine = selectors.registration_of(request.auth, event)
    if mine is None:
        return Status(403, {"detail": _("Register for the event first.")})
    try:
        services.slots_unavailable_set(
            actor=request.auth,
            registration=mine,
            slot_ids=payload.slots,
            unavailable=payload.unavailable,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Register for the event first.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("Some slots cannot be changed."))
    marked = mine.bookings.filter(meeting__isnull=True).order_by("slot_id")
    return Status(200, {"unavailable": list(marked.values_list("slot_id", flat=True))})
