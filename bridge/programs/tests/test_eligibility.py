"""Eligibility as data: every rule fails with its own reason; a change of the rules applies only to
applications started afterwards, and is logged."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from bridge.accounts.models import Membership, Role, Verification
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.programs.eligibility import evaluate
from bridge.programs.models import EligibilityChange
from bridge.programs.selectors.applications import call_eligibility_for
from bridge.programs.services.applications import application_create, application_submit
from bridge.programs.services.calls import eligibility_update
from bridge.programs.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.integration

BASE_RULES = {
    "countries": ["RU"],
    "legal_forms": {},
    "verified_required": False,
    "min_age_months": None,
    "max_age_months": None,
    "team_min": None,
    "team_max": None,
    "project_stages": [],
    "version": 1,
}


def _codes(result):
    return [failure.code for failure in result.failures]


def test_organisation_from_a_country_not_admitted_is_told_which_countries_are(db):
    uzbek = OrganisationFactory.build(country="UZ", legal_form="uz-mchj")
    result = evaluate(BASE_RULES, uzbek)
    assert _codes(result) == ["country"]
    assert "Russia" in result.failures[0].message
    assert "Uzbekistan" in result.failures[0].message


def test_reason_is_in_the_readers_language(db):
    uzbek = OrganisationFactory.build(country="UZ", legal_form="uz-mchj")
    with translation.override("ru"):
        message = evaluate(BASE_RULES, uzbek).failures[0].message
    assert "Россия" in message or "России" in message


def test_legal_form_not_admitted_in_that_country_names_the_allowed_ones(db):
    rules = {**BASE_RULES, "legal_forms": {"RU": ["ru-ooo", "ru-ip"]}}
    self_employed = OrganisationFactory.build(country="RU", legal_form="ru-self")
    result = evaluate(rules, self_employed)
    assert _codes(result) == ["legal_form"]
    assert "LLC (OOO)" in result.failures[0].message
    assert "Self-employed" in result.failures[0].message
    assert evaluate(rules, OrganisationFactory.build(country="RU", legal_form="ru-ip")).eligible


def test_unverified_organisation_fails_only_when_verification_is_required(db):
    pending = OrganisationFactory.build(verification=Verification.PENDING)
    assert evaluate(BASE_RULES, pending).eligible
    result = evaluate({**BASE_RULES, "verified_required": True}, pending)
    assert _codes(result) == ["verified"]


@pytest.mark.parametrize(
    ("founded", "code"),
    [(date(2025, 1, 1), "age_min"), (date(2010, 1, 1), "age_max"), (date(2023, 1, 1), None)],
)
def test_company_age_is_checked_against_the_founding_date(db, founded, code):
    rules = {**BASE_RULES, "min_age_months": 12, "max_age_months": 60}
    organisation = OrganisationFactory.build()
    application = SimpleNamespace(company_founded_on=founded, project_stage="", pk=None)
    result = evaluate(rules, organisation, application, today=date(2025, 6, 1))
    assert _codes(result) == ([code] if code else [])


def test_age_team_and_stage_rules_are_pending_before_the_application_states_them(db):
    rules = {**BASE_RULES, "min_age_months": 12, "team_min": 2, "project_stages": ["prototype"]}
    result = evaluate(rules, OrganisationFactory.build())
    assert result.eligible
    assert [r.code for r in result.pending] == [
        "age_unknown",
        "team_unknown",
        "project_stage_unknown",
    ]


def test_team_size_and_project_stage_fail_with_their_reasons(db):
    call = CallFactory(
        eligibility={"team_min": 3, "team_max": 10, "project_stages": ["alpha", "beta"]}
    )
    application = ApplicationFactory(call=call, project_stage="concept")  # team of two
    result = evaluate(
        call.eligibility.as_rules(), application.organisation, application, final=True
    )
    assert _codes(result) == ["team_min", "project_stage"]
    assert "at least 3 people" in result.failures[0].message
    assert "Alpha, Beta" in result.failures[1].message


def test_every_failing_rule_is_reported_not_only_the_first(db):
    rules = {**BASE_RULES, "verified_required": True, "legal_forms": {"UZ": ["uz-mchj"]}}
    organisation = OrganisationFactory.build(
        country="KZ", legal_form="company", verification=Verification.UNVERIFIED
    )
    assert _codes(evaluate(rules, organisation)) == ["country", "verified"]


def test_opening_a_call_to_uz_and_kz_lets_an_uzbek_studio_start_while_older_applications_keep_their_rules(
    programme_manager,
):
    call = CallFactory(eligibility={"countries": ["RU"], "legal_forms": {"RU": ["ru-ooo"]}})
    russian_started = ApplicationFactory(call=call)
    assert russian_started.eligibility_snapshot["countries"] == ["RU"]

    uzbek = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="")
    applicant = UserFactory(language="uz")
    Membership.objects.create(organisation=uzbek, user=applicant, role=Role.OWNER)
    assert not call_eligibility_for(call, uzbek).eligible
    with pytest.raises(ValidationError):
        application_create(actor=applicant, call=call, organisation=uzbek)

    eligibility_update(
        actor=programme_manager,
        call=call,
        countries=["RU", "UZ", "KZ"],
        legal_forms={"RU": ["ru-ooo"], "UZ": ["uz-mchj", "uz-yatt"]},
        note="CIS intake",
    )

    call.refresh_from_db()
    assert call_eligibility_for(call, uzbek).eligible
    uzbek_application = application_create(actor=applicant, call=call, organisation=uzbek)
    assert uzbek_application.eligibility_snapshot["countries"] == ["KZ", "RU", "UZ"]
    assert uzbek_application.eligibility_version == 2
    assert uzbek_application.currency == "UZS"
    assert uzbek_application.language == "uz"

    russian_started.refresh_from_db()
    assert russian_started.eligibility_snapshot["countries"] == ["RU"]
    assert russian_started.eligibility_version == 1

    change = EligibilityChange.objects.get(call=call)
    assert change.actor == programme_manager
    assert change.before["countries"] == ["RU"]
    assert change.after["countries"] == ["KZ", "RU", "UZ"]
    assert change.note == "CIS intake"
    assert AuditEntry.objects.filter(
        action="call.eligibility_update", target_id=str(call.pk)
    ).exists()


def test_tightened_rules_do_not_reject_an_application_started_under_the_old_ones(programme_manager):
    call = CallFactory(eligibility={"countries": ["RU", "UZ"]})
    uzbek = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="")
    applicant = UserFactory()
    Membership.objects.create(organisation=uzbek, user=applicant, role=Role.OWNER)
    application = ApplicationFactory(call=call, organisation=uzbek, created_by=applicant)

    eligibility_update(actor=programme_manager, call=call, countries=["RU"])

    application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_only_programme_managers_change_the_rules(analyst, owner):
    call = CallFactory()
    for person in (analyst, owner):
        with pytest.raises(PermissionDenied):
            eligibility_update(actor=person, call=call, countries=["RU", "UZ"])
    assert call.eligibility_changes.count() == 0


def test_bad_rules_are_refused_with_reasons(programme_manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        eligibility_update(
            actor=programme_manager,
            call=call,
            countries=["RU", "XX"],
            legal_forms={"UZ": ["ru-ooo"]},
            team_min=5,
            team_max=2,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"countries", "legal_forms", "team_max"}
    call.eligibility.refresh_from_db()
    assert call.eligibility.version == 1


def test_saving_the_same_rules_again_is_not_a_change(programme_manager):
    call = CallFactory()
    eligibility_update(actor=programme_manager, call=call, countries=["RU"])
    assert call.eligibility_changes.count() == 0
