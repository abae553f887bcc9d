"""Eligibility of an organisation (and, once it has one, its application) against a call's rules.

Pure: takes the rules as the JSON dict of `Eligibility.as_rules()` (the call's current rules, or an
application's snapshot), so the page that says "you can apply" and the submission check agree."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as country_names

from bridge.accounts.legal_forms import legal_form_label


@dataclass(frozen=True)
class RuleResult:
    code: str
    message: str


@dataclass
class EligibilityResult:
    failures: list[RuleResult] = field(default_factory=list)
    # Rules that depend on facts stated in the application (company age, team, project stage).
    pending: list[RuleResult] = field(default_factory=list)
    passed: list[RuleResult] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.failures

    @property
    def messages(self) -> list[str]:
        return [failure.message for failure in self.failures]


def _names(codes) -> str:
    return ", ".join(str(country_names.name(code)) or code for code in codes)


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def _stage_labels(values) -> str:
    from bridge.programs.models import ProjectStage

    labels = dict(ProjectStage.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


def evaluate(
    rules: dict, organisation, application=None, *, final: bool = False, today: date | None = None
) -> EligibilityResult:
    """Check every rule; a failing rule's message says what is wrong in the reader's language.

    Without an application (or before it states them) the age, team and project-stage rules are
    `pending`; with `final=True` (at submission) a missing fact fails its rule."""
    result = EligibilityResult()
    today = today or timezone.localdate()
    country = str(organisation.country or "").upper()

    countries = [c.upper() for c in rules.get("countries") or []]
    if countries and country not in countries:
        result.failures.append(
            RuleResult(
                "country",
                _(
                    "This call is open to organisations from %(allowed)s; yours is registered in %(country)s."
                )
                % {"allowed": _names(countries), "country": _names([country]) or "—"},
            )
        )
    else:
        result.passed.append(RuleResult("country", _("Country of registration")))

    allowed_forms = (rules.get("legal_forms") or {}).get(country) or []
    if allowed_forms and organisation.legal_form not in allowed_forms:
        result.failures.append(
            RuleResult(
                "legal_form",
                _(
                    "In %(country)s this call accepts only these legal forms: %(allowed)s. Yours is %(form)s."
                )
                % {
                    "country": _names([country]),
                    "allowed": ", ".join(str(legal_form_label(code)) for code in allowed_forms),
                    "form": str(legal_form_label(organisation.legal_form))
                    if organisation.legal_form
                    else _("not stated"),
                },
            )
        )
    else:
        result.passed.append(RuleResult("legal_form", _("Legal form")))

    if rules.get("verified_required") and not organisation.is_verified:
        result.failures.append(
            RuleResult(
                "verified",
                _(
                    "Only verified organisations can apply. Ask the agency to verify your organisation first."
                ),
            )
        )
    else:
        result.passed.append(RuleResult("verified", _("Verification")))

    _check_age(rules, application, today, result, final)
    _check_team(rules, application, result, final)
    _check_project_stage(rules, application, result, final)
    return result


def _check_age(rules, application, today, result, final) -> None:
    low, high = rules.get("min_age_months"), rules.get("max_age_months")
    if low is None and high is None:
        return
    founded = getattr(application, "company_founded_on", None)
    if founded is None:
        if low is not None and high is not None:
            text = _(
                "The studio must be between %(low)s and %(high)s months old; you will give its founding date in the application."
            ) % {"low": low, "high": high}
        elif low is not None:
            text = ngettext(
                "The studio must be at least %(low)s month old; you will give its founding date in the application.",
                "The studio must be at least %(low)s months old; you will give its founding date in the application.",
                low,
            ) % {"low": low}
        else:
            text = ngettext(
                "The studio must be at most %(high)s month old; you will give its founding date in the application.",
                "The studio must be at most %(high)s months old; you will give its founding date in the application.",
                high,
            ) % {"high": high}
        target = result.failures if final else result.pending
        target.append(RuleResult("age_unknown", text))
        return
    age = _months_between(founded, today)
    if low is not None and age < low:
        result.failures.append(
            RuleResult(
                "age_min",
                ngettext(
                    "The studio must be at least %(low)s month old; yours is %(age)s.",
                    "The studio must be at least %(low)s months old; yours is %(age)s.",
                    low,
                )
                % {"low": low, "age": age},
            )
        )
    elif high is not None and age > high:
        result.failures.append(
            RuleResult(
                "age_max",
                ngettext(
                    "The studio must be at most %(high)s month old; yours is %(age)s.",
                    "The studio must be at most %(high)s months old; yours is %(age)s.",
                    high,
                )
                % {"high": high, "age": age},
            )
        )
    else:
        result.passed.append(RuleResult("age", _("Company age")))


def _check_team(rules, application, result, final) -> None:
    low, high = rules.get("team_min"), rules.get("team_max")
    if low is None and high is None:
        return
    if application is None or application.pk is None:
        (result.failures if final else result.pending).append(
            RuleResult(
                "team_unknown",
                _("The team size is checked when you list the team in the application."),
            )
        )
        return
    size = application.team.count()
    if low is not None and size < low:
        result.failures.append(
            RuleResult(
                "team_min",
                ngettext(
                    "The team must have at least %(low)s person; you listed %(size)s.",
                    "The team must have at least %(low)s people; you listed %(size)s.",
                    low,
                )
                % {"low": low, "size": size},
            )
        )
    elif high is not None and size > high:
        result.failures.append(
            RuleResult(
                "team_max",
                ngettext(
                    "The team may have at most %(high)s person; you listed %(size)s.",
                    "The team may have at most %(high)s people; you listed %(size)s.",
                    high,
                )
                % {"high": high, "size": size},
            )
        )
    else:
        result.passed.append(RuleResult("team", _("Team size")))


def _check_project_stage(rules, application, result, final) -> None:
    allowed = rules.get("project_stages") or []
    if not allowed:
        return
    stage = getattr(application, "project_stage", "") if application is not None else ""
    if not stage:
        target = result.failures if final else result.pending
        target.append(
            RuleResult(
                "project_stage_unknown",
                _(
                    "Projects at these stages can apply: %(allowed)s. You will choose the stage in the application."
                )
                % {"allowed": _stage_labels(allowed)},
            )
        )
    elif stage not in allowed:
        result.failures.append(
            RuleResult(
                "project_stage",
                _(
                    "Projects at these stages can apply: %(allowed)s. Yours is at the %(stage)s stage."
                )
                % {"allowed": _stage_labels(allowed), "stage": _stage_labels([stage])},
            )
        )
    else:
        result.passed.append(RuleResult("project_stage", _("Project stage")))
