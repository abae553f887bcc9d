"""Organisation pages: directory, profile, create and edit, request verification."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bridge.accounts import rules, selectors
from bridge.accounts.forms.organisations import DirectoryFilterForm, OrganisationForm
from bridge.accounts.models import Organisation, Role, Sector
from bridge.accounts.onboarding import onboarding_checklist
from bridge.accounts.services import organisations as services
from bridge.core.pagecache import anonymous_page

PER_PAGE = 20
DESCRIPTION_LANGUAGES = ("ru", "uz", "en")


def organisation_or_404(slug: str, *, with_sectors: bool = False) -> Organisation:
    qs = Organisation.objects.all()
    if with_sectors:
        qs = qs.prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("position")))
    return get_object_or_404(qs, slug=slug)


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: at its field when the form has one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def description_for(organisation: Organisation, language: str) -> tuple[str, str]:
    """(text, language code): the reader's language first, then the first one written."""
    language = (language or "")[:2]
    for code in (language, *DESCRIPTION_LANGUAGES):
        text = getattr(organisation, f"description_{code}", "") if code else ""
        if text:
            return text, code
    return "", language


@anonymous_page(namespaces=("accounts", "search"))
def directory(request):
    counts = selectors.organisation_country_counts()
    form = DirectoryFilterForm(request.GET, country_counts=counts)
    organisations = selectors.organisation_directory(**form.filters(), per_page=PER_PAGE)
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "query": form.cleaned_data.get("q", ""),
        "selected_countries": request.GET.getlist("country"),
        "page": page,
        "total": page.paginator.count,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "organisations/_results.html" if partial else "organisations/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def detail(request, slug):
    organisation = organisation_or_404(slug, with_sectors=True)
    language = get_language() or settings.LANGUAGE_CODE
    description, description_language = description_for(organisation, language)
    can_view_members = rules.can_view_members(request.user, organisation)
    role = rules.role_in(request.user, organisation)
    context = {
        "organisation": organisation,
        "role": role,
        "role_label": Role(role).label if role else "",
        "can_edit": rules.can_edit_organisation(request.user, organisation),
        "can_view_members": can_view_members,
        "memberships": (
            selectors.organisation_members(organisation=organisation) if can_view_members else ()
        ),
        "description": description,
        "description_language": description_language,
        "description_language_name": dict(settings.LANGUAGES).get(description_language, ""),
        "description_elsewhere": bool(description) and description_language != language[:2],
        "website_safe": organisation.website.startswith(("https://", "http://")),
        # The first steps are the owner's and administrators' to take, not staff's.
        "checklist": (
            onboarding_checklist(organisation=organisation)
            if role in (Role.OWNER, Role.ADMIN)
            else None
        ),
    }
    return render(request, "organisations/detail.html", context)


def _save(request, form, organisation=None):
    """Run the create or update service; returns the organisation, or None with form errors."""
    fields = form.service_fields()
    sectors = form.cleaned_data["sectors"]
    try:
        if organisation is None:
            return services.organisation_create(actor=request.user, sectors=sectors, **fields)
        return services.organisation_update(
            actor=request.user, organisation=organisation, sectors=sectors, **fields
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _refreshed(request, initial=None) -> OrganisationForm | None:
    """Without JavaScript, "show the legal forms" posts the form back: redraw it, unsaved."""
    if request.method != "POST" or "refresh" not in request.POST:
        return None
    data = {**(initial or {}), **request.POST.dict()}
    data["sectors"] = request.POST.getlist("sectors")
    data["is_it_park_resident"] = "is_it_park_resident" in request.POST
    data.pop("logo", None)
    return OrganisationForm(initial=data)


@login_required
def create(request):
    form = _refreshed(request) or OrganisationForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        organisation = _save(request, form)
        if organisation is not None:
            messages.success(request, _("Your organisation is registered. You are its owner."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
def edit(request, slug):
    organisation = organisation_or_404(slug, with_sectors=True)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    initial = {name: getattr(organisation, name) for name in services.EDITABLE_FIELDS}
    initial["country"] = organisation.country.code
    initial["sectors"] = [sector.code for sector in organisation.sectors.all()]
    form = _refreshed(request, initial) or OrganisationForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    if form.is_bound and form.is_valid():
        was_verified = organisation.is_verified
        organisation = _save(request, form, organisation)
        if organisation is not None:
            if was_verified and not organisation.is_verified:
                messages.warning(
                    request,
                    _(
                        "You changed the name, country, legal form or registration number, "
                        "so the organisation waits for verification again."
                    ),
                )
            else:
                messages.success(request, _("Changes saved."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    return render(request, "organisations/form.html", context)


@require_GET
def legal_forms(request):
    """htmx: the legal-form select for the chosen country."""
    form = OrganisationForm(initial={"country": request.GET.get("country", "")})
    return HttpResponse(str(form["legal_form"]))


@login_required
@require_POST
def request_verification(request, slug):
    organisation = organisation_or_404(slug)
    try:
        services.organisation_request_verification(actor=request.user, organisation=organisation)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Thank you. The agency's moderators will check your organisation.")
        )
    return redirect(organisation)
