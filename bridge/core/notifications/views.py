"""The notification centre, the preferences page and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from bridge.core.notifications import selectors, services
from bridge.core.notifications.forms import PreferencesForm
from bridge.core.notifications.kinds import KINDS
from bridge.core.notifications.tokens import read_token

PER_PAGE = 20


@login_required
def centre(request):
    paginator = Paginator(selectors.notifications_for(request.user), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    items = [
        {"n": n, "subject": selectors.subject_of(n), "url": selectors.link_of(n)} for n in page
    ]
    return render(
        request,
        "core/notifications/centre.html",
        {"page": page, "items": items, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        item = {
            "n": notification,
            "subject": selectors.subject_of(notification),
            "url": selectors.link_of(notification),
        }
        # The line, and the header's bell out of band so its number drops too.
        html = render_to_string("core/notifications/_item.html", {"item": item}, request)
        html += render_to_string(
            "core/notifications/_bell.html",
            {"unread": selectors.unread_count(request.user), "oob": True, "current": True},
            request,
        )
        return HttpResponse(html)
    return redirect("core:notifications")


@login_required
@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("core:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        choices = {key: value for key, value in form.cleaned_data.items() if value}
        services.preferences_set(user=request.user, choices=choices, actor=request.user)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("core:notification_settings")
    return render(request, "core/notifications/preferences.html", {"form": form})


# Mail clients post RFC 8058 one-click requests without a session or a CSRF token; the signed
# token is what authorises the change.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = read_token(token)
    person = None
    if found is not None and found[1] in KINDS and not KINDS[found[1]].essential:
        person = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if person is None:
        return render(request, "core/notifications/unsubscribe_invalid.html", status=400)
    kind = KINDS[found[1]]
    language = getattr(person, "language", "") or translation.get_language()
    with translation.override(language):
        if request.method == "POST":
            services.preference_unsubscribe(user=person, kind=kind.key)
            return render(request, "core/notifications/unsubscribed.html", {"kind": kind})
        return render(
            request, "core/notifications/unsubscribe.html", {"kind": kind, "token": token}
        )
