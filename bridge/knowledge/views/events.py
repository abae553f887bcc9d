"""The events calendar: upcoming and past events (with items other apps provide), one event in
the reader's time zone, registration and cancellation, .ics files, and the one-step library
entry of a past event for staff."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.core import calendar
from bridge.knowledge import ics, rules
from bridge.knowledge.forms.library import ZoneForm, event_kinds
from bridge.knowledge.models import Event, EventKind, EventStatus, RegistrationStatus
from bridge.knowledge.selectors import events as selectors
from bridge.knowledge.selectors.library import theme_labels
from bridge.knowledge.services import events as services
from bridge.knowledge.services.recordings import event_to_practice
from bridge.knowledge.times import reader_zone, span, zone_city
from bridge.knowledge.views.common import report

SESSION_ZONE = "knowledge_timezone"


def calendar_page(request):
    zone = reader_zone(request)
    kinds = event_kinds(request.GET)
    context = {
        "upcoming": selectors.upcoming(reader_zone=zone, kinds=kinds),
        "past": selectors.past(reader_zone=zone, kinds=kinds),
        "kinds": EventKind.choices,
        "chosen_kinds": kinds,
        "zone": zone,
        "zone_city": zone_city(zone),
        "zone_form": ZoneForm(current=zone),
        "profile_zone": request.user.is_authenticated and bool(request.user.timezone),
        "mine": selectors.my_registrations(request.user) if request.user.is_authenticated else [],
    }
    return render(request, "knowledge/events/calendar.html", context)


@require_POST
def calendar_zone(request):
    form = ZoneForm(request.POST)
    if form.is_valid():
        request.session[SESSION_ZONE] = form.cleaned_data["timezone"]
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    return redirect(back or "knowledge:calendar")


def event_page(request, slug):
    event = selectors.event_for(slug, request.user)
    zone = reader_zone(request)
    registration = selectors.live_registration(event, request.user)
    now = timezone.now()
    context = {
        "event": event,
        "row": selectors.event_row(event, zone),
        "registration": registration,
        "position": selectors.waitlist_position(registration) if registration else None,
        "open": event.status == EventStatus.PUBLISHED and now < event.starts_at,
        "ended": event.ends_at <= now,
        "materials": list(event.materials.all()),
        "themes": theme_labels(event.themes),
        "manage": rules.can_manage_events(request.user),
        "can_make_entry": rules.can_manage_events(request.user) and rules.can_review(request.user),
    }
    if context["manage"]:
        context["registrations"] = list(selectors.registrations_of(event))
        context["statuses"] = RegistrationStatus
    if registration and registration.status == RegistrationStatus.CONFIRMED and event.online:
        context["join_url"] = event.join_url
    context["your_span"] = span(event.starts_at, event.ends_at, zone)
    return render(request, "knowledge/events/event.html", context)


@require_POST
@login_required
def event_register(request, slug):
    event = selectors.event_for(slug, request.user)
    try:
        registration = services.registration_create(actor=request.user, event=event)
    except ValidationError as exc:
        report(request, exc)
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request, _("Your place is confirmed. We have sent the details by e-mail.")
            )
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are number %(position)s on the waitlist. If a place frees up, it is yours and we will write to you."
                )
                % {"position": selectors.waitlist_position(registration)},
            )
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_cancel(request, slug):
    event = selectors.event_for(slug, request.user)
    registration = selectors.live_registration(event, request.user)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
    else:
        services.registration_cancel(actor=request.user, registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_to_library(request, slug):
    event = selectors.event_for(slug, request.user)
    try:
        practice = event_to_practice(actor=request.user, event=event)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        report(request, exc)
        return redirect(event.get_absolute_url())
    messages.success(request, _("The recording is in the library."))
    return redirect(practice.get_absolute_url())


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = selectors.event_for(slug, request.user)
    return _ics_response(ics.calendar_ics(event.title(), [event]), f"{event.slug}.ics")


def calendar_ics(request):
    """A feed to subscribe to: upcoming events and those of the last month."""
    now = timezone.now()
    start = now - timedelta(days=31)
    events = Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED], ends_at__gte=start
    ).order_by("starts_at")
    items = calendar.items_between(start, now + timedelta(days=366))
    return _ics_response(
        ics.calendar_ics(_("Creative Bridge events"), events, items), "creative-bridge-events.ics"
    )
