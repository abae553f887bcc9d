"""Writes of the expert review: inviting reviewers, conflicts of interest, reviews, reminders."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.mail import notify
from bridge.core.models import AuditEntry
from bridge.programs import rules
from bridge.programs.models import (
    Application,
    Assignment,
    Call,
    ConflictOfInterest,
    ConflictSource,
    Criterion,
    Review,
    Reviewer,
    ReviewerInvitation,
    ReviewerStatus,
    Score,
)
from bridge.programs.models.base import LANGUAGES, translated

REMINDER_BEFORE = timedelta(days=3)
MAX_REASON = 2000


def _require_manager(actor) -> None:
    if not rules.can_manage_calls(actor):
        raise PermissionDenied


def _languages_clean(languages) -> list[str]:
    codes = [code for code in LANGUAGES if code in set(languages or [])]
    if not codes:
        raise ValidationError({"languages": _("Choose at least one language the reviewer reads.")})
    return codes


def _call_title(call: Call, user) -> str:
    """The call's title in the language the person's e-mail will be written in."""
    return translated(call, "title", user.language or settings.LANGUAGE_CODE)


@transaction.atomic
def reviewer_invite(*, actor, call: Call, email: str, languages) -> Reviewer | ReviewerInvitation:
    """Invite someone to review the call by e-mail; they get a link to accept or decline.

    An address with an account becomes a Reviewer at once (status invited). An address without
    one gets a ReviewerInvitation whose link leads to sign-up and then back to the invitation,
    which the new account claims (`reviewer_invitation_claim`)."""
    _require_manager(actor)
    languages = _languages_clean(languages)
    address = (email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    user = get_user_model().objects.filter(email__iexact=address).first()
    if user is None:
        return _invite_address(actor=actor, call=call, email=address.lower(), languages=languages)
    reviewer, created = Reviewer.objects.get_or_create(
        call=call, user=user, defaults={"languages": languages, "invited_by": actor}
    )
    if not created:
        if reviewer.status == ReviewerStatus.ACCEPTED:
            raise ValidationError({"email": _("This person already reviews this call.")})
        reviewer.languages = languages
        reviewer.status = ReviewerStatus.INVITED
        reviewer.save(update_fields=["languages", "status"])
    url = settings.SITE_URL + reverse(
        "programs_review:invitation", kwargs={"token": reviewer.token}
    )
    transaction.on_commit(
        lambda: notify(
            to=user,
            template="programs/email/reviewer_invitation",
            context={"title": _call_title(call, user), "url": url, "deadline": _deadline(call)},
        )
    )
    audit_log(actor=actor, action="reviewer.invite", target=call, reviewer=user.email)
    return reviewer


def _invite_address(*, actor, call: Call, email: str, languages) -> ReviewerInvitation:
    invitation = ReviewerInvitation.objects.filter(
        call=call, email=email, claimed_at__isnull=True
    ).first()
    if invitation is None:
        invitation = ReviewerInvitation.objects.create(
            call=call, email=email, languages=languages, invited_by=actor
        )
    else:
        invitation.languages = languages
        invitation.save(update_fields=["languages"])
    accept = reverse("programs_review:invitation", kwargs={"token": invitation.token})
    url = settings.SITE_URL + reverse("accounts:signup") + "?" + urlencode({"next": accept})
    # No account, so no language of theirs: the first language they read.
    language = languages[0]
    context = {
        "title": translated(call, "title", language),
        "url": url,
        "deadline": _deadline(call),
        "signup": True,
    }
    transaction.on_commit(
        lambda: notify(
            to=email,
            template="programs/email/reviewer_invitation",
            context=context,
            language=language,
        )
    )
    audit_log(actor=actor, action="reviewer.invite", target=call, reviewer=email)
    return invitation


@transaction.atomic
def reviewer_invitation_claim(*, user, invitation: ReviewerInvitation) -> Reviewer:
    """The person who followed an e-mail invitation (and signed up) becomes an invited
    reviewer of the call; they accept or decline next. A claimed invitation cannot be reused."""
    if not user.is_authenticated:
        raise PermissionDenied
    invitation = ReviewerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.claimed_at is not None:
        if invitation.claimed_by is not None and invitation.claimed_by.user_id == user.pk:
            return invitation.claimed_by
        raise PermissionDenied
    reviewer, created = Reviewer.objects.get_or_create(
        call=invitation.call,
        user=user,
        defaults={"languages": invitation.languages, "invited_by": invitation.invited_by},
    )
    if not created and reviewer.status == ReviewerStatus.DECLINED:
        reviewer.status = ReviewerStatus.INVITED
        reviewer.save(update_fields=["status"])
    invitation.claimed_by = reviewer
    invitation.claimed_at = timezone.now()
    invitation.save(update_fields=["claimed_by", "claimed_at"])
    audit_log(
        actor=user,
        action="reviewer.invitation_claim",
        target=invitation.call,
        email=invitation.email,
    )
    return reviewer


def _deadline(call: Call) -> str:
    if call.review_deadline is None:
        return ""
    return timezone.localtime(call.review_deadline, call.tzinfo).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def reviewer_respond(*, user, reviewer: Reviewer, accept: bool, languages=None) -> Reviewer:
    """The invited person accepts (saying which languages they read) or declines."""
    if reviewer.user_id != user.pk:
        raise PermissionDenied
    if accept:
        if languages is not None:
            reviewer.languages = _languages_clean(languages)
        reviewer.status = ReviewerStatus.ACCEPTED
        reviewer.accepted_at = timezone.now()
    else:
        if reviewer.assignments.filter(review__submitted_at__isnull=False).exists():
            raise ValidationError(_("You have already submitted reviews for this call."))
        reviewer.status = ReviewerStatus.DECLINED
        reviewer.assignments.all().delete()
    reviewer.save(update_fields=["languages", "status", "accepted_at"])
    audit_log(
        actor=user,
        action="reviewer.accept" if accept else "reviewer.decline",
        target=reviewer.call,
    )
    return reviewer


@transaction.atomic
def conflict_declare(
    *, actor, reviewer: Reviewer, reason: str, application: Application | None = None,
    organisation=None,
) -> ConflictOfInterest:  # fmt: skip
    """The reviewer declares a conflict with an application (or any of an organisation's);
    the assignment goes away and the application disappears from their view."""
    if reviewer.user_id != actor.pk and not rules.can_manage_calls(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly why you cannot review it impartially.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    if application is None and organisation is None:
        raise ValidationError(_("Choose the application or the organisation."))
    if application is not None and application.call_id != reviewer.call_id:
        raise PermissionDenied
    assignments = Assignment.objects.filter(reviewer=reviewer)
    if application is not None:
        assignments = assignments.filter(application=application)
    else:
        assignments = assignments.filter(application__organisation=organisation)
    if assignments.filter(review__submitted_at__isnull=False).exists():
        raise ValidationError(_("You have already submitted your review; write to the staff."))
    conflict = ConflictOfInterest.objects.create(
        reviewer=reviewer,
        application=application,
        organisation=organisation,
        source=ConflictSource.DECLARED
        if reviewer.user_id == actor.pk
        else ConflictSource.AUTOMATIC,
        reason=reason,
    )
    removed = assignments.count()
    assignments.delete()
    audit_log(
        actor=actor,
        action="conflict.declare",
        target=reviewer.call,
        reviewer=reviewer.user.email,
        application=application.pk if application else None,
        organisation=getattr(organisation, "pk", None),
        removed=removed,
    )
    return conflict


@transaction.atomic
def conflicts_detect(*, actor, call: Call) -> int:
    """Write down the automatic conflicts (membership, now or recent) so staff can see them,
    and drop any assignment they forbid. Returns how many were found."""
    from bridge.programs.conflicts import conflicts_for_call

    _require_manager(actor)
    found = conflicts_for_call(call)
    known = set(
        ConflictOfInterest.objects.filter(
            reviewer__call=call, application__isnull=False
        ).values_list("reviewer_id", "application_id")
    )
    rows = [
        ConflictOfInterest(
            reviewer_id=rid,
            application_id=app,
            source=ConflictSource.AUTOMATIC,
            reason=_("Member of the applicant organisation now or in the last 24 months."),
        )
        for rid, apps in found.items()
        for app in sorted(apps)
        if (rid, app) not in known
    ]
    ConflictOfInterest.objects.bulk_create(rows)
    for rid, apps in found.items():
        Assignment.objects.filter(
            reviewer_id=rid, application_id__in=apps, review__submitted_at__isnull=True
        ).delete()
        Assignment.objects.filter(
            reviewer_id=rid, application_id__in=apps, review__isnull=True
        ).delete()
    audit_log(actor=actor, action="conflict.detect", target=call, found=len(rows))
    return len(rows)


def _criteria(call_id: int) -> list[Criterion]:
    return list(Criterion.objects.filter(call_id=call_id).prefetch_related("levels"))


@transaction.atomic
def review_save(
    *, actor, assignment: Assignment, scores: dict, comment: str = "", submit: bool = False
) -> Review:
    """Save a draft (any scores so far) or submit (every criterion scored). A submitted review
    can be corrected until the review deadline."""
    if assignment.reviewer.user_id != actor.pk:
        raise PermissionDenied
    call = assignment.reviewer.call
    if call.review_deadline and timezone.now() >= call.review_deadline:
        raise ValidationError(_("The review deadline has passed."), code="deadline")
    criteria = _criteria(call.pk)
    errors = {}
    clean: dict[int, int] = {}
    for criterion in criteria:
        key = f"criterion-{criterion.pk}"
        raw = scores.get(criterion.pk, scores.get(str(criterion.pk)))
        if raw in (None, ""):
            if submit:
                errors[key] = _("Score this criterion.")
            continue
        allowed = {level.value for level in criterion.levels.all()}
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in allowed:
            errors[key] = _("Choose one of the scores offered.")
            continue
        clean[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
    review.comment = (comment or "").strip()
    if submit and review.submitted_at is None:
        review.submitted_at = timezone.now()
    review.save()
    for criterion_id, value in clean.items():
        Score.objects.update_or_create(
            review=review, criterion_id=criterion_id, defaults={"value": value}
        )
    if submit:
        audit_log(
            actor=actor,
            action="review.submit",
            target=assignment.application,
            reviewer=actor.email,
        )
    return review


def review_reminders(*, now=None) -> int:
    """E-mail reviewers with unsubmitted reviews when the deadline is less than
    REMINDER_BEFORE away; each reviewer is reminded once per deadline. Returns the count."""
    now = now or timezone.now()
    calls = Call.objects.filter(review_deadline__gt=now, review_deadline__lte=now + REMINDER_BEFORE)
    sent = 0
    for call in calls:
        deadline_key = call.review_deadline.isoformat()
        # A missing review reads as a null submitted_at through the outer join.
        reviewers = (
            Reviewer.objects.filter(call=call, status=ReviewerStatus.ACCEPTED)
            .filter(assignments__isnull=False, assignments__review__submitted_at__isnull=True)
            .annotate(open=Count("assignments"))
            .select_related("user")
        )
        pending = {r.pk: r for r in reviewers}
        already = set(
            AuditEntry.objects.filter(
                action="review.reminder",
                target_type="programs.reviewer",
                target_id__in=[str(pk) for pk in pending],
                data__deadline=deadline_key,
            ).values_list("target_id", flat=True)
        )
        url = settings.SITE_URL + reverse("programs_review:home")
        for reviewer in pending.values():
            if str(reviewer.pk) in already:
                continue
            context = {
                "title": _call_title(call, reviewer.user),
                "url": url,
                "deadline": _deadline(call),
                "open": reviewer.open,
            }
            with transaction.atomic():
                audit_log(
                    actor=None,
                    action="review.reminder",
                    target=reviewer,
                    deadline=deadline_key,
                    open=reviewer.open,
                )
                transaction.on_commit(
                    lambda user=reviewer.user, context=context: notify(
                        to=user, template="programs/review/email/reminder", context=context
                    )
                )
            sent += 1
    return sent
