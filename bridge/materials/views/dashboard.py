"""The supplier's dashboard: its listings by status, bulk actions, the edit form, sample
requests waiting for an answer. Members see it; owners and administrators change listings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bridge.accounts.models import Organisation
from bridge.materials.forms.supplier import (
    FIBRE_LIST,
    PROPERTY_PREFIX,
    BulkForm,
    CertificateFormSet,
    CompositionFormSet,
    MaterialForm,
    PropertiesForm,
)
from bridge.materials.models import Category, Material
from bridge.materials.rules import materials as rules
from bridge.materials.rules import supplier as rules_supplier
from bridge.materials.selectors import properties as selectors_properties
from bridge.materials.selectors import supplier as selectors_supplier
from bridge.materials.services import materials as services
from bridge.materials.terms import fibre_choices
from bridge.materials.vocabulary import Status

PAGE_SIZE = 50
BULK_ACTIONS = [("submit", gettext_lazy("Submit for review")), ("archive", gettext_lazy("Archive"))]


def _supplier_for(request, slug: str) -> Organisation:
    supplier = get_object_or_404(Organisation, slug=slug)
    if not rules_supplier.can_view_dashboard(request.user, supplier):
        raise Http404  # do not confirm that another supplier's dashboard exists
    return supplier


@login_required
def home(request):
    """Straight to the dashboard of one's only organisation; a list when there are several."""
    suppliers = list(selectors_supplier.dashboard_suppliers(request.user))
    if len(suppliers) == 1:
        return redirect("materials_supplier:dashboard", slug=suppliers[0].slug)
    return render(request, "materials/dashboard/choose.html", {"suppliers": suppliers})


@login_required
def dashboard(request, slug):
    supplier = _supplier_for(request, slug)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    paginator = Paginator(
        selectors_supplier.supplier_listings(supplier=supplier, status=status), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    counts = selectors_supplier.status_counts(supplier=supplier)
    can_manage = rules.can_manage_materials(request.user, supplier)
    context = {
        "supplier": supplier,
        "page": page,
        "status": status,
        "statuses": [
            {"code": code, "label": label, "count": counts[code]} for code, label in Status.choices
        ],
        "total": sum(counts.values()),
        "can_manage": can_manage,
        "bulk_actions": BULK_ACTIONS,
        "inbox": selectors_supplier.sample_inbox(supplier=supplier),
        "unknown": selectors_supplier.unknown_words(supplier=supplier) if can_manage else (0, []),
        "imports": selectors_supplier.imports_for(request.user, supplier=supplier, limit=5)
        if can_manage
        else [],
    }
    return render(request, "materials/dashboard/dashboard.html", context)


@login_required
@require_POST
def bulk(request, slug):
    supplier = _supplier_for(request, slug)
    if not rules.can_manage_materials(request.user, supplier):
        raise PermissionDenied
    back = reverse("materials_supplier:dashboard", kwargs={"slug": supplier.slug})
    form = BulkForm(request.POST, actions=BULK_ACTIONS)
    if not form.is_valid():
        messages.error(request, _("Choose at least one material and an action."))
        return redirect(back)
    service = {"submit": services.material_submit, "archive": services.material_archive}[
        form.cleaned_data["action"]
    ]
    done, refused = 0, []
    for material in Material.objects.filter(supplier=supplier, pk__in=form.cleaned_data["ids"]):
        try:
            service(actor=request.user, material=material)
        except ValidationError as exc:
            refused.append(
                _("%(material)s: %(reason)s")
                % {"material": material.name, "reason": exc.messages[0]}
            )
        else:
            done += 1
    if done:
        messages.success(
            request,
            _("%(count)d materials changed.") % {"count": done}
            if done != 1
            else _("One material changed."),
        )
    for message in refused:
        messages.warning(request, message)
    return redirect(back)


def _edit_context(supplier, material, form, formset, properties, certificates):
    return {
        "supplier": supplier,
        "material": material,
        "form": form,
        "formset": formset,
        "properties": properties,
        "certificates": certificates,
        "fibre_list": FIBRE_LIST,
        "fibre_names": [label for _id, label in fibre_choices()],
    }


def _apply_service_errors(form, formset, properties, certificates, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        if field == "composition":
            formset._non_form_errors = formset.error_class(errors)
        elif field == "certifications":
            certificates._non_form_errors = certificates.error_class(errors)
        elif field.startswith(services.PROPERTY_ERROR_PREFIX):
            name = PROPERTY_PREFIX + field.removeprefix(services.PROPERTY_ERROR_PREFIX)
            if name in properties.fields:
                properties.add_error(name, errors)
            else:
                form.add_error(None, errors)
        elif field in form.fields:
            form.add_error(field, errors)
        else:
            form.add_error(None, errors)


@login_required
def edit(request, slug, pk=None):
    supplier = _supplier_for(request, slug)
    if not rules.can_manage_materials(request.user, supplier):
        raise PermissionDenied
    material = None
    if pk is not None:
        material = selectors_supplier.material_for_edit(supplier=supplier, pk=pk)
        if material is None:
            raise Http404
        if material.status == Status.ARCHIVED:
            messages.warning(request, _("An archived material cannot be changed."))
            return redirect("materials_supplier:dashboard", slug=supplier.slug)
    instance = material or Material(supplier=supplier)
    if request.method != "POST":
        initial = (
            [{"fibre": f.label(), "percent": f.percent} for f in instance.fibres.all()]
            if (material)
            else []
        )
        form = MaterialForm(instance=instance)
        formset = CompositionFormSet(prefix="fibres", initial=initial)
        properties = PropertiesForm(
            definitions=_definitions(material and material.category),
            initial={
                PROPERTY_PREFIX + code: value
                for code, value in selectors_properties.property_values(instance).items()
            },
        )
        certificates = CertificateFormSet(prefix="certificates", initial=_certificates(material))
        return render(
            request,
            "materials/dashboard/edit.html",
            _edit_context(supplier, material, form, formset, properties, certificates),
        )
    form = MaterialForm(request.POST, request.FILES, instance=instance)
    formset = CompositionFormSet(request.POST, prefix="fibres")
    # The fields of the category chosen now: a changed category keeps the values it shares
    # with the old one and drops the rest (the new fields appear once the form is saved).
    chosen = Category.objects.filter(pk=_int(request.POST.get("category"))).first()
    properties = PropertiesForm(request.POST, definitions=_definitions(chosen))
    # A post without the certificate rows (an older form, a script) leaves them as they are.
    if "certificates-TOTAL_FORMS" in request.POST:
        certificates = CertificateFormSet(request.POST, prefix="certificates")
    else:
        certificates = CertificateFormSet(prefix="certificates", initial=_certificates(material))
    images = request.FILES.getlist("images")
    removed = [int(v) for v in request.POST.getlist("remove_image") if v.isdigit()]
    valid = [f.is_valid() for f in (form, formset, properties)]
    if all(valid) and (not certificates.is_bound or certificates.is_valid()):
        try:
            material = services.material_save(
                actor=request.user,
                supplier=supplier,
                material=material,
                fields=form.service_fields(),
                fibres=formset.rows(),
                certifications=certificates.rows() if certificates.is_bound else None,
                properties=properties.values(),
                images_add=images,
                images_remove=removed,
                submit=request.POST.get("then") == "submit",
            )
        except ValidationError as exc:
            _apply_service_errors(form, formset, properties, certificates, exc)
        else:
            messages.success(request, _("%(material)s is saved.") % {"material": material.name})
            if request.POST.get("then") == "submit":
                return redirect("materials_supplier:dashboard", slug=supplier.slug)
            return redirect("materials_supplier:edit", slug=supplier.slug, pk=material.pk)
    return render(
        request,
        "materials/dashboard/edit.html",
        _edit_context(supplier, material, form, formset, properties, certificates),
        status=400,
    )


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else None


def _definitions(category) -> list:
    return list(selectors_properties.definitions_for_category(category))


def _certificates(material) -> list[dict]:
    if material is None:
        return []
    return [
        {"certification": mc.certification, "number": mc.number, "expires_on": mc.expires_on}
        for mc in material.certifications.select_related("certification").order_by("id")
    ]
