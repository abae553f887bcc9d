"""A person's own data: the readable page, the JSON download, deleting the account, and the
public privacy page. Thin: the selector reads, the service deletes."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bridge.site.forms import AccountDeleteForm
from bridge.site.selectors.personal_data import (
    SIGN_IN_TITLE,
    owned_organisations,
    page_sections,
    personal_data,
    profile_rows,
)
from bridge.site.services.accounts import AccountDeletionBlocked, account_delete


@never_cache
@login_required
@require_GET
def data_page(request):
    data = personal_data(user=request.user)
    context = {
        "data": data,
        "profile": profile_rows(data["profile"]),
        "sections": page_sections(data),
        "sign_in_title": SIGN_IN_TITLE,
    }
    return render(request, "site/personal_data.html", context)


@never_cache
@login_required
@require_GET
def data_json(request):
    data = personal_data(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"creative-bridge-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    owned = owned_organisations(user=request.user)
    if request.method == "POST" and not owned and form.is_valid():
        try:
            account_delete(user=request.user)
        except AccountDeletionBlocked as blocked:
            owned = blocked.organisations
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for being with us."))
            return redirect("site:home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "owned": owned}
    return render(request, "site/account_delete.html", context, status=status)


@require_GET
def privacy(request):
    return render(request, "site/privacy.html")
