"""What partners do on a project page: confirm or decline their place, consent to publication
or withdraw it, record a status step, add and tick milestones, invite another organisation.
Each is a POST that calls one service; a refusal is shown on the page with its reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.accounts.models import Organisation
from bridge.partnering import rules_projects
from bridge.partnering.forms.projects import InviteForm, MilestoneForm, StatusForm, errors_to_form
from bridge.partnering.models import JointProject
from bridge.partnering.selectors import projects as selectors
from bridge.partnering.services import project_status as course
from bridge.partnering.services import projects as services
from bridge.partnering.views.common import pk_or_404
from bridge.partnering.views.projects import project_detail


def _partner(project, request):
    partner_id = pk_or_404(request.POST.get("partner"))
    partner = next((p for p in project.partners.all() if p.pk == partner_id), None)
    if partner is None:
        raise Http404
    return partner


def _milestone(project, request):
    milestone_id = pk_or_404(request.POST.get("milestone"))
    milestone = next((m for m in project.milestones.all() if m.pk == milestone_id), None)
    if milestone is None:
        raise Http404
    return milestone


def _partner_action(request, project, action):
    partner = _partner(project, request)
    if action == "confirm":
        services.project_partner_confirm(actor=request.user, partner=partner)
        return _("Confirmed: your organisation is a partner of this project.")
    if action == "decline":
        services.project_partner_decline(actor=request.user, partner=partner)
        return _("Declined: your organisation is no longer named in this project.")
    if action == "consent":
        services.project_consent(actor=request.user, partner=partner)
        project.refresh_from_db()
        if project.is_public:
            return _("Every partner has agreed: the project is now public.")
        return _("Your consent is recorded; the project goes public when every partner agrees.")
    services.project_consent(actor=request.user, partner=partner, consent=False)
    return _("Consent withdrawn: the project is private again.")


def _milestone_action(request, project, action):
    milestone = _milestone(project, request)
    if action == "milestone_done":
        course.milestone_done(actor=request.user, milestone=milestone, done_on=timezone.localdate())
        return _("Milestone marked done.")
    if action == "milestone_undo":
        course.milestone_done(actor=request.user, milestone=milestone, done_on=None)
        return _("Milestone marked not done.")
    course.milestone_delete(actor=request.user, milestone=milestone)
    return _("Milestone deleted.")


@login_required
@require_POST
def project_action(request, pk):
    project = selectors.project_for(request.user, pk_or_404(pk))
    action = request.POST.get("action", "")
    try:
        if action in ("confirm", "decline", "consent", "withdraw"):
            messages.success(request, _partner_action(request, project, action))
        elif action in ("milestone_done", "milestone_undo", "milestone_delete"):
            messages.success(request, _milestone_action(request, project, action))
        elif action == "status":
            form = StatusForm(request.POST)
            if not form.is_valid():
                return project_detail(request, pk, forms={"status": form})
            try:
                course.project_status_advance(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
                return project_detail(request, pk, forms={"status": form})
            messages.success(request, _("Status recorded."))
        elif action == "milestone":
            form = MilestoneForm(request.POST)
            if not form.is_valid():
                return project_detail(request, pk, forms={"milestone": form})
            course.milestone_add(actor=request.user, project=project, **form.cleaned_data)
            messages.success(request, _("Milestone added."))
        elif action == "invite":
            form = InviteForm(
                request.POST, exclude=[p.organisation_id for p in project.partners.all()]
            )
            if not form.is_valid():
                return project_detail(request, pk, forms={"invite": form})
            organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
            services.project_partner_invite(
                actor=request.user,
                project=project,
                organisation=organisation,
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Invited: the organisation confirms its part itself."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    # A partner that declined its place may not see a private project any more.
    fresh = JointProject.objects.prefetch_related("partners").get(pk=project.pk)
    if not rules_projects.can_view_project(request.user, fresh):
        return redirect("partnering:projects_mine")
    return redirect(project)
