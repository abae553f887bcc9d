"""The moderators' queue of materials: publish or reject (with a reason) one or many at once;
each decision goes through the services, so each has its audit entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bridge.materials.forms.supplier import ModerationForm
from bridge.materials.models import Material
from bridge.materials.rules import materials as rules
from bridge.materials.selectors import supplier as selectors_supplier
from bridge.materials.services import materials as services
from bridge.materials.vocabulary import Status

PAGE_SIZE = 50
ACTIONS = [("publish", gettext_lazy("Publish")), ("reject", gettext_lazy("Reject"))]
TABS = (Status.PENDING, Status.REJECTED, Status.PUBLISHED)


def _check(request) -> None:
    if not rules.can_moderate_materials(request.user):
        raise PermissionDenied


def _page(request, *, form=None, status_code=200):
    status = request.GET.get("status", Status.PENDING)
    status = status if status in TABS else Status.PENDING
    paginator = Paginator(selectors_supplier.moderation_queue(status=status), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    materials = list(page.object_list)
    trail = selectors_supplier.recent_audit(materials)
    rows = [{"material": m, "trail": trail.get(m.pk, [])} for m in materials]
    labels = dict(Status.choices)
    context = {
        "page": page,
        "rows": rows,
        "status": status,
        "tabs": [{"code": code, "label": labels[code]} for code in TABS],
        "form": form or ModerationForm(actions=ACTIONS),
        "actions": ACTIONS,
    }
    return render(request, "materials/moderation/queue.html", context, status=status_code)


@login_required
def queue(request):
    _check(request)
    return _page(request)


@login_required
@require_POST
def decide(request):
    _check(request)
    form = ModerationForm(request.POST, actions=ACTIONS)
    if not form.is_valid():
        return _page(request, form=form, status_code=400)
    action, reason = form.cleaned_data["action"], form.cleaned_data.get("reason", "")
    done, refused = 0, []
    for material in Material.objects.filter(pk__in=form.cleaned_data["ids"]).select_related(
        "supplier"
    ):
        try:
            if action == "publish":
                services.material_publish(actor=request.user, material=material)
            else:
                services.material_reject(actor=request.user, material=material, reason=reason)
        except ValidationError as exc:
            refused.append(
                _("%(material)s: %(reason)s")
                % {"material": material.name, "reason": exc.messages[0]}
            )
        else:
            done += 1
    if done:
        message = (
            _("%(count)d materials published.") if action == "publish"
            else _("%(count)d materials rejected; the suppliers see the reason.")
        )  # fmt: skip
        messages.success(request, message % {"count": done})
    for message in refused:
        messages.warning(request, message)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("materials_supplier:moderation")
    return redirect(back)


@login_required
def history(request, pk):
    """The whole audit trail of one material."""
    _check(request)
    material = get_object_or_404(Material.objects.select_related("supplier", "category"), pk=pk)
    entries = selectors_supplier.material_audit(material)
    return render(
        request, "materials/moderation/history.html", {"material": material, "entries": entries}
    )
