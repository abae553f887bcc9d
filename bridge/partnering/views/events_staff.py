"""Staff's page of one meeting day: run the scheduler, publish the agenda, check people in and
mark meetings held or no-show, with the funnel of the event."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bridge.partnering import rules
from bridge.partnering.models import Meeting, Registration
from bridge.partnering.selectors import events as selectors
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.services.schedule import agenda_draft


def _act(request, event) -> None:
    action = request.POST.get("action")
    if action == "schedule":
        summary = agenda_draft(actor=request.user, event=event)
        messages.success(
            request,
            _("Placed %(placed)d meetings; %(unplaced)d could not be placed.") % summary,
        )
    elif action == "publish":
        count = event_services.agenda_publish(actor=request.user, event=event)
        messages.success(request, _("Agenda published: %(count)d meetings.") % {"count": count})
    elif action == "check-in":
        registration = get_object_or_404(Registration, event=event, pk=request.POST.get("pk"))
        event_services.registration_check_in(actor=request.user, registration=registration)
    elif action in ("held", "no-show"):
        meeting = get_object_or_404(Meeting, event=event, pk=request.POST.get("pk"))
        services.meeting_status_set(actor=request.user, meeting=meeting, status=action)


def event_staff(request, slug):
    if not rules.can_run_events(request.user):
        raise PermissionDenied
    event = selectors.event_for(request.user, slug)
    if request.method == "POST":
        try:
            _act(request, event)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        return redirect("partnering:event_staff", slug=slug)
    meetings = (
        Meeting.objects.filter(event=event)
        .select_related(
            "event",
            "slot",
            "table",
            "request__sender__organisation",
            "request__recipient__organisation",
        )
        .order_by("slot__starts_at", "table__number", "pk")[:1000]
    )
    context = {
        "event": event,
        "funnel": selectors.funnel(event),
        "meetings": list(meetings),
        "people": list(selectors.participants(event)[:1000]),
    }
    return render(request, "partnering/events/staff.html", context)
