"""Reads about programmes, calls and applications."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.programs import rules
from bridge.programs.answers import is_empty
from bridge.programs.eligibility import EligibilityResult, evaluate
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    DecisionStatus,
    Question,
    QuestionKind,
)


def calls_public() -> QuerySet[Call]:
    """Published calls, open, upcoming and closed, newest first."""
    return (
        Call.objects.filter(is_published=True)
        .select_related("programme", "eligibility")
        .order_by("-opens_at")
    )


def calls_open(now=None) -> QuerySet[Call]:
    now = now or timezone.now()
    return calls_public().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def call_get_public(slug: str) -> Call:
    call = calls_public().filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def call_get_for_user(user, slug: str) -> Call:
    """Published calls for everyone; drafts only for those who run calls."""
    qs = Call.objects.select_related("programme", "eligibility")
    if not rules.can_manage_calls(user) and not rules.can_view_all_applications(user):
        qs = qs.filter(is_published=True)
    call = qs.filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def call_eligibility_for(call: Call, organisation: Organisation) -> EligibilityResult:
    """What the call's current rules say about an organisation before it fills anything."""
    return evaluate(call.eligibility.as_rules(), organisation)


def organisations_for_applicant(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def call_questions(call: Call, stage=None) -> QuerySet[Question]:
    """Questions of one stage (None: the first stage)."""
    qs = call.questions.all()
    if stage is None or stage.position == 0:
        return qs.filter(Q(stage__isnull=True) | Q(stage__position=0))
    return qs.filter(stage=stage)


def applications_for_user(user) -> QuerySet[Application]:
    """Applications of every organisation the person belongs to."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(organisation__memberships__user=user)
        .select_related("call", "call__programme", "organisation")
        .order_by("-created_at", "-id")
    )


def application_get_for_user(user, pk) -> Application:
    """An application its organisation's members (or staff who see all) may read; else 404,
    so that another organisation's application looks the same as one that does not exist."""
    application = (
        Application.objects.select_related(
            "call", "call__programme", "call__eligibility", "organisation"
        )
        .prefetch_related("team", Prefetch("answers"))
        .filter(pk=pk)
        .first()
    )
    if application is None or not rules.can_view_application(user, application):
        raise Http404
    return application


REQUIRED_GAME_FIELDS = (
    "title",
    "summary",
    "genre",
    "engine",
    "project_stage",
    "budget",
    "amount_asked",
)


def application_missing(application: Application) -> dict[str, str]:
    """What still blocks submission: field (or `question-<id>`) → message. Empty: ready."""
    missing: dict[str, str] = {}
    for name in REQUIRED_GAME_FIELDS:
        if getattr(application, name) in (None, ""):
            missing[name] = _("This field is required.")
    if not application.platforms:
        missing["platforms"] = _("Choose at least one platform.")
    if not application.pitch_deck:
        missing["pitch_deck"] = _("Upload the pitch deck as a PDF.")
    if not application.team.exists():
        missing["team"] = _("List at least one team member.")
    if (
        application.budget is not None
        and application.amount_asked is not None
        and application.amount_asked > application.budget
    ):
        missing["amount_asked"] = _("The amount asked cannot exceed the total budget.")
    answers = {a.question_id: a for a in application.answers.all()}
    for question in call_questions(application.call, application.current_stage):
        if not question.required:
            continue
        answer = answers.get(question.pk)
        if question.kind == QuestionKind.FILE:
            empty = answer is None or not answer.file
        else:
            empty = answer is None or is_empty(answer.value)
        if empty:
            missing[f"question-{question.pk}"] = _("Answer this question: %(question)s") % {
                "question": question.label()
            }
    return missing


# Outcomes the applicant learns only from the decision letter.
DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)


def application_status_for_applicant(application: Application) -> dict:
    """What the applicant sees: an outcome only once staff have sent the decision."""
    decision = getattr(application, "decision", None)
    sent = decision if decision is not None and decision.status == DecisionStatus.SENT else None
    status = application.status
    if status in DECIDED and sent is None:
        status = ApplicationStatus.UNDER_REVIEW
    return {
        "code": status,
        "label": ApplicationStatus(status).label,
        "decision": sent,
    }
