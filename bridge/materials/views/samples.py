"""Sample requests: both sides' lists, ordering samples, one request's thread and its state
changes. What happened to a request is told in the platform's notification centre."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.accounts.models import Organisation
from bridge.core.notifications.services import notifications_mark_read_about
from bridge.materials.forms.samples import ACTION_FORMS, MessageForm, SampleRequestForm
from bridge.materials.models import Material
from bridge.materials.rules import samples as rules
from bridge.materials.selectors import samples as selectors
from bridge.materials.selectors.collections import material_url
from bridge.materials.services import samples as services
from bridge.materials.vocabulary import Status

INBOX_SIZE = 50


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**31 else 0


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def inbox(request):
    user = request.user
    context = {
        "sent": list(selectors.sample_requests_sent(user)[:INBOX_SIZE]),
        "received": list(selectors.sample_requests_received(user)[:INBOX_SIZE]),
    }
    return render(request, "materials/samples/inbox.html", context)


@login_required
def new(request):
    """?material=<id> starts the request; the form offers that supplier's other samples too."""
    material = get_object_or_404(
        Material.objects.select_related("supplier"),
        pk=_int(request.GET.get("material")),
        status=Status.PUBLISHED,
    )
    organisations = list(
        Organisation.objects.filter(memberships__user=request.user).exclude(pk=material.supplier_id)
    )
    offered = list(
        Material.objects.filter(
            supplier=material.supplier, status=Status.PUBLISHED, sample_available=True
        ).order_by("name")[:30]
    )
    if material.sample_available and material not in offered:
        offered.insert(0, material)
    context = {
        "material": material,
        "supplier": material.supplier,
        "material_url": material_url(material),
    }
    if not material.sample_available or not organisations:
        context["blocked"] = "no_samples" if not material.sample_available else "no_organisation"
        return render(request, "materials/samples/new.html", context)
    form = SampleRequestForm(
        request.POST or None,
        organisations=organisations,
        materials=offered,
        selected=material.pk,
        initial={"organisation": organisations[0].pk},
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        try:
            sample_request = services.sample_request_create(
                actor=request.user,
                organisation=organisation,
                lines=form.lines(),
                purpose=form.cleaned_data["purpose"],
                delivery_address=form.cleaned_data["delivery_address"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your request was sent to %(supplier)s.") % {"supplier": material.supplier.name},
            )
            return redirect(sample_request)
    context["form"] = form
    return render(
        request, "materials/samples/new.html", context, status=400 if form.errors else 200
    )


def _visible_or_404(request, pk: int):
    sample_request = selectors.sample_request_detail(user=request.user, pk=pk)
    if sample_request is None:
        raise Http404
    return sample_request


def _render_detail(request, sample_request, *, forms=None, status=200):
    user = request.user
    actions = rules.allowed_actions(user, sample_request)
    forms = forms or {}
    action_forms = {
        name: forms.get(name) or ACTION_FORMS[name]() for name in actions if name in ACTION_FORMS
    }
    for item in sample_request.items.all():
        item.material.url = material_url(item.material)
    context = {
        "req": sample_request,
        "actions": actions,
        "action_forms": action_forms,
        "message_form": forms.get("message") or MessageForm(),
        "can_message": rules.can_message(user, sample_request),
        "is_requester": rules.is_requester(user, sample_request),
    }
    return render(request, "materials/samples/detail.html", context, status=status)


@login_required
def detail(request, pk: int):
    sample_request = _visible_or_404(request, pk)
    notifications_mark_read_about(user=request.user, path=sample_request.get_absolute_url())
    return _render_detail(request, sample_request)


@login_required
@require_POST
def transition(request, pk: int, action: str):
    if action not in services.TRANSITION_SERVICES:
        raise Http404
    sample_request = _visible_or_404(request, pk)
    form = ACTION_FORMS[action](request.POST) if action in ACTION_FORMS else None
    if form is not None and not form.is_valid():
        return _render_detail(request, sample_request, forms={action: form}, status=400)
    try:
        services.TRANSITION_SERVICES[action](
            actor=request.user, request=sample_request, **(form.cleaned_data if form else {})
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            _add_errors(form, exc)
            return _render_detail(request, sample_request, forms={action: form}, status=400)
        messages.error(request, " ".join(exc.messages))
        return redirect(sample_request)
    messages.success(request, _("Done."))
    return redirect(sample_request)


@login_required
@require_POST
def message(request, pk: int):
    sample_request = _visible_or_404(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, sample_request, forms={"message": form}, status=400)
    try:
        services.sample_request_message_add(
            actor=request.user, request=sample_request, body=form.cleaned_data["body"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{sample_request.get_absolute_url()}#thread")
