"""Writes about sample requests: create, the state changes, messages, reminders and expiry.

Each is one transaction with its audit entry; the notifications (in-app and e-mail, in the
recipient's language) go out after the commit. `now` may be passed in so tests and the tick
can use a fixed clock.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation, User
from bridge.core.audit import audit_log
from bridge.core.mail import notify
from bridge.materials.models import (
    Material,
    SampleRequest,
    SampleRequestItem,
    SampleRequestMessage,
    SampleStatus,
)
from bridge.materials.models.samples import MAX_MATERIALS, MAX_QUANTITY
from bridge.materials.rules import samples as rules
from bridge.materials.vocabulary import Status

EMAIL_TEMPLATE = "materials/samples/email/event"
MAX_TEXT = 4000


class SampleRequestError(ValidationError):
    """The action does not fit the request's state or the input is wrong; `message` says why."""


def _recipients(request: SampleRequest, side: str) -> list[User]:
    if side == "requester":
        return [request.requester]
    return list(
        User.objects.filter(memberships__organisation_id=request.supplier_id, is_active=True)
    )


def _notify(request: SampleRequest, *, verb: str, side: str, actor=None, text: str = "") -> None:
    """After the commit, each person on the side gets a line in their notification centre and
    the e-mail as they chose for sample requests (`notify`): nothing is told about a change
    that was rolled back."""
    url = request.get_absolute_url()
    # Each side knows the request by the other side's name.
    other = request.supplier.name if side == "requester" else request.organisation.name
    label = f"#{request.pk} · {other}"
    people = [p for p in _recipients(request, side) if p != actor]
    context = {
        "verb": verb,
        "label": label,
        "number": request.pk,
        "supplier": request.supplier.name,
        "requester": request.requester.display_name,
        "organisation": request.organisation.name,
        "url": settings.SITE_URL + url,
        "text": text,
        "tracking_number": request.tracking_number,
        "shipping_estimate": request.shipping_estimate.isoformat()
        if request.shipping_estimate
        else "",
    }
    for person in people:
        personal = {**context, "name": person.display_name}
        transaction.on_commit(
            lambda person=person, personal=personal: notify(
                to=person, template=EMAIL_TEMPLATE, context=personal, language=person.language
            )
        )


def _clean_text(value: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise SampleRequestError({field: _("This field is required.")})
    if len(value) > MAX_TEXT:
        raise SampleRequestError({field: _("Keep it under %(n)d characters.") % {"n": MAX_TEXT}})
    return value


@transaction.atomic
def sample_request_create(
    *,
    actor: User,
    organisation: Organisation,
    lines: Sequence[tuple[Material, int]],
    purpose: str,
    delivery_address: str,
    now: datetime | None = None,
) -> SampleRequest:
    """A member asks for samples of one or more published materials of ONE supplier."""
    if not rules.can_request_for(actor, organisation):
        raise PermissionDenied
    purpose = _clean_text(purpose, "purpose")
    delivery_address = _clean_text(delivery_address, "delivery_address")
    if not lines:
        raise SampleRequestError({"materials": _("Choose at least one material.")})
    if len(lines) > MAX_MATERIALS:
        raise SampleRequestError(
            {"materials": _("Ask for at most %(n)d materials at once.") % {"n": MAX_MATERIALS}}
        )
    suppliers = {material.supplier_id for material, _q in lines}
    if len(suppliers) != 1:
        raise SampleRequestError(
            {"materials": _("One request goes to one supplier: send a request to each.")}
        )
    seen = set()
    for material, quantity in lines:
        if material.pk in seen:
            raise SampleRequestError({"materials": _("Each material may appear once.")})
        seen.add(material.pk)
        if material.status != Status.PUBLISHED or not material.sample_available:
            raise SampleRequestError(
                {"materials": _("“%(name)s” has no samples to order.") % {"name": material.name}}
            )
        if not 1 <= int(quantity) <= MAX_QUANTITY:
            raise SampleRequestError(
                {
                    "quantity": _("Ask for 1 to %(n)d samples of each material.")
                    % {"n": MAX_QUANTITY}
                }
            )
    supplier = lines[0][0].supplier
    if supplier.pk == organisation.pk:
        raise SampleRequestError({"organisation": _("You cannot order your own samples.")})
    request = SampleRequest.objects.create(
        requester=actor,
        organisation=organisation,
        supplier=supplier,
        purpose=purpose,
        delivery_address=delivery_address,
        created_at=now or timezone.now(),
    )
    SampleRequestItem.objects.bulk_create(
        [SampleRequestItem(request=request, material=m, quantity=int(q)) for m, q in lines]
    )
    audit_log(actor=actor, action="sample_request.create", target=request, materials=sorted(seen))
    _notify(request, verb="requested", side="supplier", actor=actor, text=purpose)
    return request


def _locked(request: SampleRequest) -> SampleRequest:
    return (
        SampleRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "supplier", "organisation")
        .get(pk=request.pk)
    )


def _begin(actor, request: SampleRequest, action: str) -> SampleRequest:
    """Lock the row, then check the person's side and the state."""
    request = _locked(request)
    if not rules.may_act(actor, request, action):
        raise PermissionDenied
    _who, states = rules.TRANSITIONS[action]
    if request.status not in states:
        raise SampleRequestError(
            _("This request is %(status)s; that is no longer possible.")
            % {"status": SampleStatus(request.status).label.lower()}
        )
    return request


def _finish(
    actor,
    request: SampleRequest,
    action: str,
    status: str,
    *,
    notify: str,
    text: str = "",
    **fields,
) -> SampleRequest:
    """The end of every transition: the new state and its fields, the audit entry, and the
    e-mail to the other side (``notify``: "requester" or "supplier")."""
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    audit_log(actor=actor, action=f"sample_request.{action}", target=request)
    _notify(request, verb=VERBS[action], side=notify, actor=actor, text=text)
    return request


# The word each transition's e-mail uses (templates samples/email/<verb>).
VERBS = {
    "accept": "accepted",
    "decline": "declined",
    "ship": "shipped",
    "receive": "received",
    "cancel": "cancelled",
    "close": "closed",
}


@transaction.atomic
def sample_request_accept(
    *, actor: User, request: SampleRequest, shipping_estimate: date, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "accept")
    now = now or timezone.now()
    if shipping_estimate is None:
        raise SampleRequestError({"shipping_estimate": _("Say when you expect to ship.")})
    if shipping_estimate < timezone.localdate(now):
        raise SampleRequestError({"shipping_estimate": _("The date cannot be in the past.")})
    return _finish(
        actor, request, "accept", SampleStatus.ACCEPTED, notify="requester",
        shipping_estimate=shipping_estimate, answered_at=now, accepted_at=now,
    )  # fmt: skip


@transaction.atomic
def sample_request_decline(
    *, actor: User, request: SampleRequest, reason: str, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "decline")
    reason = _clean_text(reason, "reason")
    now = now or timezone.now()
    return _finish(
        actor, request, "decline", SampleStatus.DECLINED, notify="requester", text=reason,
        decline_reason=reason, answered_at=now, closed_at=now,
    )  # fmt: skip


@transaction.atomic
def sample_request_ship(
    *, actor: User, request: SampleRequest, tracking_number: str, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "ship")
    tracking_number = _clean_text(tracking_number, "tracking_number")
    if len(tracking_number) > 80:
        raise SampleRequestError(
            {"tracking_number": _("A tracking number is at most 80 characters.")}
        )
    return _finish(
        actor, request, "ship", SampleStatus.SHIPPED, notify="requester",
        tracking_number=tracking_number, shipped_at=now or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def sample_request_receive(
    *, actor: User, request: SampleRequest, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "receive")
    return _finish(
        actor, request, "receive", SampleStatus.RECEIVED, notify="supplier",
        received_at=now or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def sample_request_cancel(
    *, actor: User, request: SampleRequest, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "cancel")
    return _finish(
        actor, request, "cancel", SampleStatus.CANCELLED, notify="supplier",
        closed_at=now or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def sample_request_close(
    *, actor: User, request: SampleRequest, now: datetime | None = None
) -> SampleRequest:
    request = _begin(actor, request, "close")
    other = "supplier" if rules.is_requester(actor, request) else "requester"
    return _finish(
        actor, request, "close", SampleStatus.CLOSED, notify=other,
        closed_at=now or timezone.now(),
    )  # fmt: skip


TRANSITION_SERVICES = {
    "accept": sample_request_accept,
    "decline": sample_request_decline,
    "ship": sample_request_ship,
    "receive": sample_request_receive,
    "cancel": sample_request_cancel,
    "close": sample_request_close,
}


@transaction.atomic
def sample_request_message_add(
    *, actor: User, request: SampleRequest, body: str
) -> SampleRequestMessage:
    request = _locked(request)
    if not rules.can_view(actor, request):
        raise PermissionDenied
    if not rules.can_message(actor, request):
        raise SampleRequestError(_("This request is closed for messages."))
    message = SampleRequestMessage.objects.create(
        request=request, author=actor, body=_clean_text(body, "body")
    )
    audit_log(actor=actor, action="sample_request.message", target=request)
    side = "supplier" if rules.is_requester(actor, request) else "requester"
    _notify(request, verb="message", side=side, actor=actor, text=message.body)
    return message


def sample_requests_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Remind suppliers of requests unanswered for SAMPLE_REQUEST_REMIND_DAYS, and expire
    those unanswered for SAMPLE_REQUEST_EXPIRE_DAYS. Safe to run as often as you like."""
    now = now or timezone.now()
    expire_before = now - timedelta(days=settings.SAMPLE_REQUEST_EXPIRE_DAYS)
    remind_before = now - timedelta(days=settings.SAMPLE_REQUEST_REMIND_DAYS)
    expired = reminded = 0
    pending = SampleRequest.objects.filter(status=SampleStatus.REQUESTED)
    for pk in pending.filter(created_at__lte=expire_before).values_list("pk", flat=True):
        with transaction.atomic():
            request = _locked(SampleRequest(pk=pk))
            if request.status != SampleStatus.REQUESTED:
                continue
            request.status = SampleStatus.EXPIRED
            request.closed_at = now
            request.save()
            audit_log(actor=None, action="sample_request.expire", target=request)
            _notify(request, verb="expired", side="requester")
            _notify(request, verb="expired", side="supplier")
            expired += 1
    due = pending.filter(created_at__lte=remind_before, reminded_at__isnull=True)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            request = _locked(SampleRequest(pk=pk))
            if request.status != SampleStatus.REQUESTED or request.reminded_at:
                continue
            request.reminded_at = now
            request.save(update_fields=["reminded_at", "updated_at"])
            audit_log(actor=None, action="sample_request.remind", target=request)
            _notify(request, verb="reminder", side="supplier")
            reminded += 1
    return {"reminded": reminded, "expired": expired}
