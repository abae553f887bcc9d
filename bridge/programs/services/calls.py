"""Writes about programmes, calls, stages, questions and eligibility (staff: programme managers)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.legal_forms import legal_forms_for
from bridge.core.audit import audit_log
from bridge.programs import rules
from bridge.programs.models import (
    Call,
    Eligibility,
    EligibilityChange,
    Programme,
    ProjectStage,
    Question,
    QuestionKind,
    Stage,
)

PROGRAMME_FIELDS = {
    "slug",
    *(f"{f}_{lang}" for f in ("name", "description") for lang in ("ru", "uz", "en")),
}
CALL_FIELDS = {
    "slug",
    "places",
    "opens_at",
    "closes_at",
    "timezone",
    "reviews_per_application",
    "blind_review",
    "review_deadline",
    *(f"{f}_{lang}" for f in ("title", "description", "support") for lang in ("ru", "uz", "en")),
}
STAGE_FIELDS = {
    "position",
    "closes_at",
    *(f"{f}_{lang}" for f in ("name", "description") for lang in ("ru", "uz", "en")),
}
QUESTION_FIELDS = {
    "stage",
    "kind",
    "choices",
    "required",
    "position",
    "max_length",
    "hidden_from_reviewers",
    *(f"{f}_{lang}" for f in ("label", "help") for lang in ("ru", "uz", "en")),
}


def _require_manager(actor) -> None:
    if not rules.can_manage_calls(actor):
        raise PermissionDenied


def _check_fields(fields: dict, allowed: set) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")


def _aware(value, tz):
    """Datetimes typed without a zone are read in the call's time zone."""
    if isinstance(value, datetime) and timezone.is_naive(value):
        return timezone.make_aware(value, tz)
    return value


@transaction.atomic
def programme_create(*, actor, **fields) -> Programme:
    _require_manager(actor)
    _check_fields(fields, PROGRAMME_FIELDS)
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    audit_log(actor=actor, action="programme.create", target=programme)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, **fields) -> Programme:
    _require_manager(actor)
    _check_fields(fields, PROGRAMME_FIELDS)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    audit_log(actor=actor, action="programme.update", target=programme, fields=sorted(fields))
    return programme


def _call_clean(call: Call) -> None:
    import zoneinfo

    call.full_clean(
        exclude=["programme", "opens_at", "closes_at", "review_deadline"],
        validate_constraints=False,
    )
    tz = zoneinfo.ZoneInfo(call.timezone)
    call.opens_at = _aware(call.opens_at, tz)
    call.closes_at = _aware(call.closes_at, tz)
    call.review_deadline = _aware(call.review_deadline, tz)
    if call.opens_at is None or call.closes_at is None:
        raise ValidationError({"closes_at": _("Give the opening and closing times.")})
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("The call must close after it opens.")})


@transaction.atomic
def call_create(*, actor, programme: Programme, eligibility: dict | None = None, **fields) -> Call:
    """Create a call (unpublished) with its eligibility rules and a first stage."""
    _require_manager(actor)
    _check_fields(fields, CALL_FIELDS)
    call = Call(programme=programme, **fields)
    _call_clean(call)
    call.save()
    rules_obj = Eligibility(call=call, **_rules_clean(eligibility or {}))
    rules_obj.save()
    Stage.objects.create(call=call, position=0)
    audit_log(actor=actor, action="call.create", target=call, eligibility=rules_obj.as_rules())
    return call


@transaction.atomic
def call_update(*, actor, call: Call, **fields) -> Call:
    _require_manager(actor)
    _check_fields(fields, CALL_FIELDS)
    for name, value in fields.items():
        setattr(call, name, value)
    _call_clean(call)
    call.save()
    audit_log(actor=actor, action="call.update", target=call, fields=sorted(fields))
    return call


@transaction.atomic
def call_publish(*, actor, call: Call, published: bool = True) -> Call:
    _require_manager(actor)
    if call.is_published != published:
        call.is_published = published
        call.save(update_fields=["is_published", "updated_at"])
        audit_log(
            actor=actor, action="call.publish" if published else "call.unpublish", target=call
        )
    return call


@transaction.atomic
def stage_create(*, actor, call: Call, **fields) -> Stage:
    _require_manager(actor)
    _check_fields(fields, STAGE_FIELDS)
    if "position" not in fields:
        last = call.stages.order_by("-position").values_list("position", flat=True).first()
        fields["position"] = 0 if last is None else last + 1
    stage = Stage(call=call, **fields)
    stage.closes_at = _aware(stage.closes_at, call.tzinfo)
    stage.full_clean(exclude=["call"])
    stage.save()
    audit_log(actor=actor, action="stage.create", target=stage, call=call.pk)
    return stage


def _question_clean(question: Question) -> None:
    errors = {}
    question.choices = question.choices or []  # a cleared admin field arrives as None
    if question.stage_id and question.stage.call_id != question.call_id:
        errors["stage"] = _("The stage belongs to another call.")
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE):
        values = [str(c.get("value", "")).strip() for c in question.choices if isinstance(c, dict)]
        if (
            len(values) < 2
            or "" in values
            or len(set(values)) != len(values)
            or len(values) != len(question.choices)
        ):
            errors["choices"] = _("Give at least two choices, each with its own value.")
    elif question.choices:
        question.choices = []
    if not (question.label_ru or question.label_uz or question.label_en):
        errors["label_ru"] = _("Write the question in at least one language.")
    if errors:
        raise ValidationError(errors)
    question.full_clean(exclude=["call", "stage"])


@transaction.atomic
def question_create(*, actor, call: Call, **fields) -> Question:
    _require_manager(actor)
    _check_fields(fields, QUESTION_FIELDS)
    if "position" not in fields:
        last = call.questions.order_by("-position").values_list("position", flat=True).first()
        fields["position"] = 0 if last is None else last + 1
    question = Question(call=call, **fields)
    _question_clean(question)
    question.save()
    audit_log(actor=actor, action="question.create", target=question, call=call.pk)
    return question


@transaction.atomic
def question_update(*, actor, question: Question, **fields) -> Question:
    _require_manager(actor)
    _check_fields(fields, QUESTION_FIELDS)
    for name, value in fields.items():
        setattr(question, name, value)
    _question_clean(question)
    question.save()
    audit_log(actor=actor, action="question.update", target=question, fields=sorted(fields))
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    _require_manager(actor)
    if question.answers.exclude(value=None).exists() or question.answers.exclude(file="").exists():
        raise ValidationError(
            _("Applicants have answered this question; it can no longer be deleted.")
        )
    audit_log(actor=actor, action="question.delete", target=question, call=question.call_id)
    question.delete()


def _rules_clean(rules: dict) -> dict:
    _check_fields(rules, set(Eligibility.RULE_FIELDS))
    errors = {}
    clean = dict(rules)
    if "countries" in clean:
        from django_countries import countries as known

        codes = [str(c).strip().upper() for c in clean["countries"] or []]
        bad = [c for c in codes if c not in dict(known)]
        if bad:
            errors["countries"] = _("Unknown country codes: %(codes)s.") % {"codes": ", ".join(bad)}
        clean["countries"] = sorted(set(codes))
    if "legal_forms" in clean:
        forms = {}
        for country, codes in (clean["legal_forms"] or {}).items():
            country = str(country).upper()
            known_forms = dict(legal_forms_for(country))
            bad = [c for c in codes or [] if c not in known_forms]
            if bad:
                errors["legal_forms"] = _(
                    "Legal forms that do not exist in %(country)s: %(codes)s."
                ) % {
                    "country": country,
                    "codes": ", ".join(bad),
                }
            if codes:
                forms[country] = sorted(set(codes))
        clean["legal_forms"] = forms
    if "project_stages" in clean:
        stages = list(clean["project_stages"] or [])
        if any(s not in ProjectStage.values for s in stages):
            errors["project_stages"] = _("Unknown project stage.")
        clean["project_stages"] = [s for s in ProjectStage.values if s in stages]
    for low, high in (("min_age_months", "max_age_months"), ("team_min", "team_max")):
        for name in (low, high):
            value = clean.get(name)
            if value is not None and (not isinstance(value, int) or value < 0):
                errors[name] = _("Enter a whole number, zero or more.")
        if (
            clean.get(low) is not None
            and clean.get(high) is not None
            and low not in errors
            and high not in errors
            and clean[low] > clean[high]
        ):
            errors[high] = _("The maximum must not be below the minimum.")
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def eligibility_update(*, actor, call: Call, note: str = "", **rules_fields) -> Eligibility:
    """Change the rules. Applications already started keep the rules they started under
    (their snapshot); only applications started afterwards follow the new ones."""
    _require_manager(actor)
    eligibility = Eligibility.objects.select_for_update().get(call=call)
    clean = _rules_clean(rules_fields)
    before = eligibility.as_rules()
    for name, value in clean.items():
        setattr(eligibility, name, value)
    after = eligibility.as_rules()
    after["version"] = before["version"]
    if after == before:
        return eligibility
    eligibility.version += 1
    eligibility.save()
    after["version"] = eligibility.version
    EligibilityChange.objects.create(
        call=call, version=eligibility.version, actor=actor, before=before, after=after, note=note
    )
    audit_log(
        actor=actor,
        action="call.eligibility_update",
        target=call,
        before=before,
        after=after,
        note=note,
    )
    return eligibility
