"""Collections (moodboards) and the side-by-side comparison of materials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.materials.forms.samples import CollectionForm
from bridge.materials.models import Material
from bridge.materials.selectors import collections as selectors
from bridge.materials.services import collections as services
from bridge.materials.vocabulary import Status


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _own_or_404(request, pk: int):
    collection = selectors.collection_for_owner(user=request.user, pk=pk)
    if collection is None:
        raise Http404
    return collection


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def index(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.collection_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            return redirect("materials_collections:detail", pk=collection.pk)
    collections = selectors.collections_of(request.user)
    return render(
        request, "materials/collections/index.html", {"collections": collections, "form": form}
    )


@login_required
def detail(request, pk: int):
    collection = _own_or_404(request, pk)
    share_url = ""
    if collection.is_shared:
        share_url = request.build_absolute_uri(
            reverse("materials_collections:shared", args=[collection.share_token])
        )
    return render(
        request,
        "materials/collections/detail.html",
        {
            "collection": collection,
            "materials": selectors.collection_materials(collection),
            "share_url": share_url,
            "form": CollectionForm(
                initial={"name": collection.name, "description": collection.description}
            ),
            "owner_view": True,
            "max_compare": selectors.MAX_COMPARE,
        },
    )


def shared(request, token: str):
    collection = selectors.collection_by_token(token)
    if collection is None:
        raise Http404
    response = render(
        request,
        "materials/collections/detail.html",
        {
            "collection": collection,
            "materials": selectors.collection_materials(collection),
            "owner_view": False,
            "max_compare": selectors.MAX_COMPARE,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def edit(request, pk: int):
    collection = _own_or_404(request, pk)
    form = CollectionForm(request.POST)
    if form.is_valid():
        services.collection_update(actor=request.user, collection=collection, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give the collection a name."))
    return redirect("materials_collections:detail", pk=collection.pk)


@login_required
@require_POST
def delete(request, pk: int):
    collection = _own_or_404(request, pk)
    services.collection_delete(actor=request.user, collection=collection)
    messages.success(request, _("The collection was deleted."))
    return redirect("materials_collections:index")


@login_required
@require_POST
def share(request, pk: int):
    collection = _own_or_404(request, pk)
    services.collection_share(actor=request.user, collection=collection)
    messages.success(request, _("Anyone with the link can now see this collection."))
    return redirect("materials_collections:detail", pk=collection.pk)


@login_required
@require_POST
def unshare(request, pk: int):
    collection = _own_or_404(request, pk)
    services.collection_unshare(actor=request.user, collection=collection)
    messages.success(request, _("The link no longer works; the collection is private."))
    return redirect("materials_collections:detail", pk=collection.pk)


@login_required
@require_POST
def remove(request, pk: int):
    collection = _own_or_404(request, pk)
    material = get_object_or_404(Material, pk=_int(request.POST.get("material")) or 0)
    services.collection_item_remove(actor=request.user, collection=collection, material=material)
    messages.success(request, _("Removed from the collection."))
    return redirect(_safe_next(request, reverse("materials_collections:detail", args=[pk])))


@login_required
def add(request):
    """POST material=<id> with collection=<id> or new_name=<text> (and optional next=<url>).
    A GET (or a POST with neither) shows a small page to choose the collection."""
    data = request.POST if request.method == "POST" else request.GET
    material = get_object_or_404(
        Material, pk=_int(data.get("material")) or 0, status=Status.PUBLISHED
    )
    collection_id = _int(request.POST.get("collection"))
    new_name = (request.POST.get("new_name") or "").strip()
    error = ""
    if request.method == "POST" and (collection_id or new_name):
        try:
            if collection_id:
                collection = _own_or_404(request, collection_id)
            else:
                collection = services.collection_create(actor=request.user, name=new_name)
            services.collection_item_add(
                actor=request.user, collection=collection, material=material
            )
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(
                request,
                _("Added to “%(collection)s”.") % {"collection": collection.name},
            )
            fallback = reverse("materials_collections:detail", args=[collection.pk])
            return HttpResponseRedirect(_safe_next(request, fallback))
    elif request.method == "POST":
        error = _("Choose a collection or name a new one.")
    return render(
        request,
        "materials/collections/add.html",
        {
            "material": material,
            "collections": selectors.collections_of(request.user),
            "holding": selectors.collections_holding(request.user, material),
            "next": _safe_next(request, ""),
            "error": error,
        },
        status=400 if error else 200,
    )


def compare(request):
    raw = request.GET.getlist("m")
    ids = list(dict.fromkeys(i for i in (_int(v) for v in raw) if i))
    back = _safe_next(request, "")
    if len(ids) > selectors.MAX_COMPARE:
        return render(
            request,
            "materials/collections/compare.html",
            {
                "materials": [],
                "error": _("Compare at most %(n)d materials at once.")
                % {"n": selectors.MAX_COMPARE},
                "back": back,
            },
            status=400,
        )
    materials = selectors.materials_for_compare(ids)
    return render(
        request,
        "materials/collections/compare.html",
        {"materials": materials, "rows": compare_rows(materials), "back": back},
    )


def compare_rows(materials: list[Material]) -> list[tuple[str, list]]:
    """(label, one value per material); a value is a string or None (not given)."""
    from bridge.core.money import format_money, format_number

    def num(value, unit):
        return f"{format_number(value)} {unit}" if value is not None else None

    def joined(values):
        return ", ".join(str(v) for v in values) if values else None

    rows = [
        (_("Supplier"), [m.supplier.name for m in materials]),
        (_("Category"), [m.category.name() for m in materials]),
        (
            _("Composition"),
            [
                joined([f"{f.label()} {format_number(f.percent)}%" for f in m.card_fibres])
                for m in materials
            ],
        ),
        (_("Weight"), [num(m.weight_gsm, _("g/m²")) for m in materials]),
        (_("Width"), [num(m.width_cm, _("cm")) for m in materials]),
        (_("Thickness"), [num(m.thickness_mm, _("mm")) for m in materials]),
        (
            _("Price"),
            [f"{format_money(m.price, m.currency)} / {m.get_unit_display()}" for m in materials],
        ),
        (_("Minimum order"), [f"{format_number(m.moq)} {m.get_unit_display()}" for m in materials]),
        (_("Lead time, days"), [format_number(m.lead_time_days) for m in materials]),
        (
            _("Origin"),
            [
                ", ".join(x for x in (m.origin_region, str(m.origin_country.name)) if x)
                for m in materials
            ],
        ),
        (_("Techniques"), [joined([t.label() for t in m.technique_terms()]) for m in materials]),
        (_("Colours"), [joined([c.label() for c in m.colour_terms()]) for m in materials]),
        (
            _("Certifications"),
            [joined([c.certification.name for c in m.card_certificates]) for m in materials],
        ),
        (
            _("Samples"),
            [
                (
                    (format_money(m.sample_price, m.currency) if m.sample_price else _("free"))
                    if m.sample_available
                    else _("not available")
                )
                for m in materials
            ],
        ),
    ]
    return rows
