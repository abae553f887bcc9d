"""Pages of joint projects: the public registry, my organisations' projects, one project, and
the forms to create (by hand or from an accepted expression of interest) and edit one. What a
partner does on a project page (confirm, consent, status, milestones) is in project_actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bridge.partnering import rules_projects
from bridge.partnering.forms.projects import (
    InviteForm,
    MilestoneForm,
    NewProjectForm,
    ProjectForm,
    StatusForm,
    errors_to_form,
)
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.search_index_projects import description_for
from bridge.partnering.selectors import interest as interest_selectors
from bridge.partnering.selectors import projects as selectors
from bridge.partnering.services import projects as services
from bridge.partnering.services.project_meeting import meeting_prefill
from bridge.partnering.views.browse import facet_label
from bridge.partnering.views.common import organisations_of, pk_or_404

PAGE_SIZE = 20
MAX_PAGE = 500


def facet_titles() -> dict[str, str]:
    return {
        "status": _("Status"),
        "sector": _("Sector"),
        "country": _("Country"),
        "heritage": _("Heritage theme"),
        "type": _("Type"),
    }


def _label(name: str, value: str, language: str) -> str:
    if name == "status":
        return str(dict(ProjectStatus.choices).get(value, value))
    return facet_label(name, value, language)


def registry(request):
    q = (request.GET.get("q") or "")[:200]
    filters = selectors.clean_filters({n: request.GET.getlist(n) for n in selectors.FACETS})
    try:
        number = max(1, min(int(request.GET.get("page") or 1), MAX_PAGE))
    except ValueError:
        number = 1
    found = selectors.registry(q=q, filters=filters, page=number, page_size=PAGE_SIZE)
    language = get_language() or "ru"
    titles = facet_titles()
    facet_groups = [
        (
            name,
            titles[name],
            [
                {
                    "value": value,
                    "count": count,
                    "label": _label(name, value, language),
                    "selected": value in filters.get(name, []),
                }
                for value, count in found.facets.get(name, [])
            ],
        )
        for name in selectors.FACETS
    ]
    cards = [(p, description_for(p, language.lower())) for p in found.projects]
    context = {
        "q": q,
        "found": found,
        "cards": cards,
        "page": Paginator(range(found.count), PAGE_SIZE).get_page(number),
        "facet_groups": facet_groups,
        "has_filters": bool(q or filters),
    }
    template = (
        "partnering/projects/_results.html" if request.htmx else "partnering/projects/registry.html"
    )
    return render(request, template, context)


@login_required
def mine(request):
    return render(
        request, "partnering/projects/mine.html", {"projects": selectors.mine(request.user)}
    )


@login_required
def project_new(request):
    organisations = organisations_of(request.user)
    if not organisations:
        raise PermissionDenied
    # From the agenda: a held meeting's two sides come prefilled (the service re-checks them).
    meeting = None
    if request.GET.get("meeting"):
        meeting = selectors.meeting_for(request.user, pk_or_404(request.GET["meeting"]))
    initial = meeting_prefill(meeting=meeting, organisations=organisations) if meeting else {}
    form = NewProjectForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        own = next(o for o in organisations if o.pk == data["organisation"])
        partners = list(
            type(own).objects.filter(pk__in=data["partners"]).exclude(pk=own.pk).order_by("pk")
        )
        try:
            project = services.project_create(
                actor=request.user,
                organisation=own,
                partners=partners,
                language=data["language"],
                started_on=data.get("started_on"),
                meeting=meeting,
                **form.project_fields(),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Created. The partners you named are invited to confirm."))
            return redirect(project)
    return render(request, "partnering/projects/form.html", {"form": form, "meeting": meeting})


@login_required
def project_from_interest(request, pk):
    interest = interest_selectors.interest_for(request.user, pk_or_404(pk))
    existing = selectors.project_from_interest(interest)
    if existing is not None and rules_projects.can_view_project(request.user, existing):
        return redirect(existing)
    if not selectors.can_start_from(request.user, interest):
        raise PermissionDenied
    listing = interest.listing
    initial = {
        "title": listing.title,
        "type": listing.type,
        "sector": (listing.sectors or [""])[0],
        "heritage": listing.heritage,
        f"description_{'uz' if listing.language == 'uz-Cyrl' else listing.language}": listing.summary,
    }
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create_from_interest(
                actor=request.user, interest=interest, **form.project_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Created. The other side is invited to confirm."))
            return redirect(project)
    return render(request, "partnering/projects/form.html", {"form": form, "interest": interest})


@login_required
def project_edit(request, pk):
    project = selectors.project_for(request.user, pk_or_404(pk))
    if not rules_projects.can_edit_project(request.user, project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, initial=ProjectForm.initial_for(project))
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.project_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(project)
    return render(request, "partnering/projects/form.html", {"form": form, "project": project})


def project_detail(request, pk, *, forms=None):
    project = selectors.project_for(request.user, pk_or_404(pk))
    user = request.user
    language = (get_language() or "ru").lower()
    can_edit = rules_projects.can_edit_project(user, project)
    partners = list(project.partners.all())
    forms = forms or {}
    context = {
        "project": project,
        "partners": partners,
        "description": description_for(project, language),
        "history": list(project.history.all()),
        "milestones": list(project.milestones.all()),
        "can_edit": can_edit,
        "waiting": selectors.waiting_for(user, project),
        "my_consents": [p for p in rules_projects.partners_of(user, project) if p.consented],
        "problems": services.publication_problems(project) if not project.is_public else [],
        "status_form": forms.get("status") or StatusForm(),
        "milestone_form": forms.get("milestone") or MilestoneForm(),
        "invite_form": forms.get("invite")
        or (InviteForm(exclude=[p.organisation_id for p in partners]) if can_edit else None),
    }
    return render(request, "partnering/projects/detail.html", context)
