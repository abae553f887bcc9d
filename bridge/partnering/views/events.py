"""Meeting-day pages: the list of events, one event (register, mark unavailable slots, ask for a
meeting, answer requests), a person's agenda with both time zones, and the calendars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.partnering import rules
from bridge.partnering.calendar import calendar_bytes
from bridge.partnering.forms.events import AcceptForm, RegisterForm, RequestForm
from bridge.partnering.models import Meeting, MeetingRequest, Registration
from bridge.partnering.models.events import RequestStatus
from bridge.partnering.selectors import agenda as agenda_selectors
from bridge.partnering.selectors import events as selectors
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.views.common import organisations_of, pk_or_404


def _say(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def event_list(request):
    events = list(selectors.visible_events(request.user)[:100])
    return render(request, "partnering/events/list.html", {"events": events})


def event_detail(request, slug):
    event = selectors.event_for(request.user, slug)
    mine = selectors.registration_of(request.user, event)
    context = {
        "event": event,
        "mine": mine,
        "open": event_services.registration_open(event),
        "can_run": rules.can_run_events(request.user),
    }
    if mine is not None:
        received, sent = selectors.requests_of(mine)
        booked = dict(mine.bookings.values_list("slot_id", "meeting_id"))
        context.update(
            received=received,
            sent=sent,
            people=list(selectors.participants(event, exclude=mine)[:300]),
            slots=[(slot, slot.pk in booked, booked.get(slot.pk)) for slot in event.slots.all()],
            request_form=RequestForm(),
        )
    elif request.user.is_authenticated:
        context["register_form"] = RegisterForm(organisations=organisations_of(request.user))
    return render(request, "partnering/events/detail.html", context)


@login_required
@require_POST
def event_register(request, slug):
    event = selectors.event_for(request.user, slug)
    organisations = organisations_of(request.user)
    form = RegisterForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, _("Choose your organisation."))
        return redirect("partnering:event", slug=slug)
    organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
    try:
        event_services.registration_create(
            actor=request.user, event=event, organisation=organisation
        )
    except ValidationError as exc:
        _say(request, exc)
    else:
        messages.success(request, _("You are registered."))
    return redirect("partnering:event", slug=slug)


def _mine_or_403(request, event) -> Registration:
    mine = selectors.registration_of(request.user, event)
    if mine is None:
        raise PermissionDenied
    return mine


@login_required
@require_POST
def event_unavailable(request, slug):
    event = selectors.event_for(request.user, slug)
    mine = _mine_or_403(request, event)
    try:
        event_services.slots_unavailable_set(
            actor=request.user,
            registration=mine,
            slot_ids=request.POST.getlist("slot"),
            unavailable=request.POST.get("unavailable") == "1",
        )
    except ValidationError as exc:
        _say(request, exc)
    return redirect("partnering:event", slug=slug)


@login_required
@require_POST
def meeting_request_new(request, slug):
    event = selectors.event_for(request.user, slug)
    mine = _mine_or_403(request, event)
    form = RequestForm(request.POST)
    if form.is_valid():
        recipient = get_object_or_404(Registration, event=event, pk=form.cleaned_data["recipient"])
        try:
            services.meeting_request_send(
                actor=request.user,
                sender=mine,
                recipient=recipient,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            _say(request, exc)
        else:
            messages.success(request, _("Request sent."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("partnering:event", slug=slug)


@login_required
@require_POST
def meeting_request_answer(request, slug, pk):
    event = selectors.event_for(request.user, slug)
    meeting_request = get_object_or_404(
        MeetingRequest, event=event, pk=pk_or_404(pk), status=RequestStatus.PENDING
    )
    try:
        if request.POST.get("answer") == "accept":
            form = AcceptForm(request.POST)
            slot = form.cleaned_data.get("slot") if form.is_valid() else None
            services.meeting_request_accept(
                actor=request.user, request=meeting_request, slot_id=slot
            )
            messages.success(request, _("Accepted."))
        else:
            services.meeting_request_decline(actor=request.user, request=meeting_request)
            messages.success(request, _("Declined."))
    except ValidationError as exc:
        _say(request, exc)
    return redirect("partnering:event", slug=slug)


@login_required
@require_POST
def meeting_late(request, slug, pk):
    event = selectors.event_for(request.user, slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("request__sender__person", "request__recipient__person"),
        event=event,
        pk=pk_or_404(pk),
    )
    try:
        services.meeting_running_late(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        _say(request, exc)
    else:
        messages.success(request, _("The other side has been told."))
    return redirect("partnering:agenda", slug=slug)


@login_required
def agenda(request, slug):
    mine = agenda_selectors.my_registration(request.user, slug)
    event = mine.event
    meetings = agenda_selectors.agenda_meetings(mine)
    reader = agenda_selectors.reader_zone(request.user, event)
    rows = [agenda_selectors.agenda_row(meeting, event, reader) for meeting in meetings]
    moment = meetings[0].slot.starts_at if meetings else event.registration_closes
    context = {
        "event": event,
        "mine": mine,
        "rows": rows,
        "event_zone": agenda_selectors.zone_label(event.zone, moment),
        "reader_zone": agenda_selectors.zone_label(reader, moment),
        "feed_url": request.build_absolute_uri(
            reverse("partnering:calendar_feed", kwargs={"token": mine.calendar_token})
        ),
    }
    return render(request, "partnering/events/agenda.html", context)


def _ics(meetings, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_bytes(meetings, name=name), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def agenda_ics(request, slug):
    mine = agenda_selectors.my_registration(request.user, slug)
    meetings = agenda_selectors.agenda_meetings(mine, cancelled=True)
    return _ics(meetings, mine.event.name, f"{slug}.ics")


@login_required
def meeting_ics(request, slug, pk):
    mine = agenda_selectors.my_registration(request.user, slug)
    meetings = [m for m in agenda_selectors.agenda_meetings(mine, cancelled=True) if m.pk == pk]
    if not meetings:
        raise Http404
    return _ics(meetings, mine.event.name, f"{slug}-{pk}.ics")


def calendar_feed(request, token):
    """The private subscription: no sign-in (calendar apps cannot), the token is the key."""
    mine = agenda_selectors.registration_by_token(token)
    meetings = agenda_selectors.agenda_meetings(mine, cancelled=True)
    return _ics(meetings, mine.event.name, f"{mine.event.slug}.ics")
