"""Each eligibility rule on its own, without a database: the exact reason a studio reads, the edges of
the age and team limits (a studio exactly at a limit is admitted), and when a rule is pending."""

from datetime import date
from types import SimpleNamespace

import pytest

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.programs.eligibility import RuleResult, evaluate

TODAY = date(2026, 6, 15)
RULES = {"countries": [], "legal_forms": {}, "verified_required": False}


def _application(*, founded=None, team=None):
    return SimpleNamespace(
        company_founded_on=founded,
        project_stage="",
        pk=None if team is None else 1,
        team=SimpleNamespace(count=lambda: team),
    )


def _codes(result):
    return [r.code for r in result.failures], [r.code for r in result.passed]


@pytest.fixture
def studio():
    return OrganisationFactory.build(country="UZ")


@pytest.mark.parametrize(
    ("founded", "failures", "passed"),
    [
        (date(2025, 6, 15), [], ["age"]),  # exactly 12 months: the lower limit admits it
        (date(2025, 6, 16), ["age_min"], []),  # a day short of 12 months: 11
        (date(2021, 6, 15), [], ["age"]),  # exactly 60 months: the upper limit admits it
        (date(2021, 6, 14), [], ["age"]),  # 60 months and a day is still 60 whole months
        (date(2021, 5, 15), ["age_max"], []),  # 61 months
    ],
)
def test_company_age_limits_are_inclusive(studio, founded, failures, passed):
    rules = {**RULES, "min_age_months": 12, "max_age_months": 60}
    result = evaluate(rules, studio, _application(founded=founded), today=TODAY)
    assert _codes(result) == (failures, ["country", "legal_form", "verified", *passed])


def test_the_age_in_the_message_is_whole_months(studio):
    rules = {**RULES, "min_age_months": 12}
    result = evaluate(rules, studio, _application(founded=date(2025, 6, 16)), today=TODAY)
    assert result.failures[0].message == ("The studio must be at least 12 months old; yours is 11.")


@pytest.mark.parametrize(
    ("size", "failures", "passed"),
    [(1, ["team_min"], []), (2, [], ["team"]), (5, [], ["team"]), (6, ["team_max"], [])],
)
def test_team_limits_are_inclusive(studio, size, failures, passed):
    rules = {**RULES, "team_min": 2, "team_max": 5}
    result = evaluate(rules, studio, _application(team=size), today=TODAY)
    assert _codes(result) == (failures, ["country", "legal_form", "verified", *passed])
    if failures:
        limit = {"team_min": "at least 2 people", "team_max": "at most 5 people"}[failures[0]]
        assert f"{limit}; you listed {size}." in result.failures[0].message


def _studio(country="UZ", legal_form="uz-mchj", verified=True):
    return SimpleNamespace(country=country, legal_form=legal_form, is_verified=verified)


def test_the_countries_of_a_call_and_of_a_studio_are_compared_in_capitals():
    rules = {**RULES, "countries": ["ru", "uz"]}
    result = evaluate(rules, _studio(country="uz"), today=TODAY)
    assert result.eligible and result.messages == []
    assert result.passed[0] == RuleResult("country", "Country of registration")
    refused = evaluate(rules, _studio(country="KZ"), today=TODAY)
    assert refused.messages == [
        "This call is open to organisations from Russia, Uzbekistan; "
        "yours is registered in Kazakhstan."
    ]
    assert not refused.eligible


def test_a_studio_without_a_country_is_refused_by_a_country_rule():
    result = evaluate({**RULES, "countries": ["UZ"]}, _studio(country=None), today=TODAY)
    assert result.messages == [
        "This call is open to organisations from Uzbekistan; yours is registered in —."
    ]


def test_legal_forms_apply_to_their_own_country_only():
    rules = {**RULES, "legal_forms": {"UZ": ["uz-mchj", "uz-xk"], "RU": ["ru-ooo"]}}
    assert evaluate(rules, _studio(legal_form="uz-xk"), today=TODAY).eligible
    assert evaluate(rules, _studio(country="KZ", legal_form="other"), today=TODAY).eligible
    refused = evaluate(rules, _studio(legal_form="uz-yatt"), today=TODAY)
    assert refused.messages == [
        "In Uzbekistan this call accepts only these legal forms: LLC (MChJ), Private enterprise "
        "(XK). Yours is Sole proprietor (YaTT)."
    ]
    unstated = evaluate(rules, _studio(legal_form=""), today=TODAY)
    assert unstated.messages[0].endswith("Yours is not stated.")


@pytest.mark.parametrize(
    ("required", "verified", "eligible"),
    [(True, False, False), (True, True, True), (False, False, True)],
)
def test_verification_is_asked_only_when_the_call_requires_it(required, verified, eligible):
    rules = {**RULES, "verified_required": required}
    result = evaluate(rules, _studio(verified=verified), today=TODAY)
    assert result.eligible is eligible
    assert result.messages == (
        []
        if eligible
        else [
            "Only verified organisations can apply. Ask the agency to verify your organisation first."
        ]
    )
    assert ("verified" in [r.code for r in result.passed]) is eligible


@pytest.mark.parametrize(
    ("limits", "text"),
    [
        (
            {"min_age_months": 12, "max_age_months": 60},
            "The studio must be between 12 and 60 months old; you will give its founding date in "
            "the application.",
        ),
        (
            {"min_age_months": 1},
            "The studio must be at least 1 month old; you will give its founding date in the "
            "application.",
        ),
        (
            {"max_age_months": 24},
            "The studio must be at most 24 months old; you will give its founding date in the "
            "application.",
        ),
    ],
)
def test_an_unknown_founding_date_is_pending_until_submission(limits, text):
    rules = {**RULES, **limits}
    before = evaluate(rules, _studio(), _application(), today=TODAY)
    assert ([r.code for r in before.pending], [r.message for r in before.pending]) == (
        ["age_unknown"],
        [text],
    )
    assert before.eligible
    at_submission = evaluate(rules, _studio(), _application(), final=True, today=TODAY)
    assert (at_submission.messages, at_submission.pending) == ([text], [])


def test_the_team_is_pending_until_the_application_exists():
    rules = {**RULES, "team_max": 5}
    text = "The team size is checked when you list the team in the application."
    for application in (None, _application()):
        result = evaluate(rules, _studio(), application, today=TODAY)
        assert [(r.code, r.message) for r in result.pending] == [("team_unknown", text)]
    final = evaluate(rules, _studio(), None, final=True, today=TODAY)
    assert final.messages == [text]


def test_the_project_stage_rule():
    rules = {**RULES, "project_stages": ["alpha", "beta"]}
    pending = "Projects at these stages can apply: Alpha, Beta. You will choose the stage in the application."
    assert [r.message for r in evaluate(rules, _studio(), None, today=TODAY).pending] == [pending]
    assert evaluate(rules, _studio(), None, final=True, today=TODAY).messages == [pending]
    concept = SimpleNamespace(**{**vars(_application()), "project_stage": "concept"})
    assert evaluate(rules, _studio(), concept, today=TODAY).messages == [
        "Projects at these stages can apply: Alpha, Beta. Yours is at the Concept stage."
    ]
    beta = SimpleNamespace(**{**vars(_application()), "project_stage": "beta"})
    passed = evaluate(rules, _studio(), beta, today=TODAY).passed
    assert passed[-1] == RuleResult("project_stage", "Project stage")


def test_rules_left_empty_add_no_line():
    result = evaluate(RULES, _studio(), _application(team=1), today=TODAY)
    assert [r.code for r in result.passed] == ["country", "legal_form", "verified"]
    assert result.pending == [] and result.failures == []


def test_the_age_counts_whole_months_across_a_year():
    rules = {**RULES, "max_age_months": 6}
    founded = date(2025, 12, 16)  # 5 months and 30 days before TODAY
    assert evaluate(rules, _studio(), _application(founded=founded), today=TODAY).eligible
    result = evaluate(rules, _studio(), _application(founded=date(2025, 11, 15)), today=TODAY)
    assert result.messages == ["The studio must be at most 6 months old; yours is 7."]


def _failures(result):
    return [(r.code, r.message) for r in result.failures]


def test_every_rule_met_is_listed_with_its_name():
    rules = {
        **RULES,
        "countries": ["UZ"],
        "legal_forms": {"UZ": ["uz-mchj"]},
        "verified_required": True,
        "min_age_months": 1,
        "team_min": 1,
        "project_stages": ["beta"],
    }
    application = SimpleNamespace(
        **{**vars(_application(founded=date(2024, 1, 1), team=3)), "project_stage": "beta"}
    )
    result = evaluate(rules, _studio(), application, today=TODAY)
    assert result.passed == [
        RuleResult("country", "Country of registration"),
        RuleResult("legal_form", "Legal form"),
        RuleResult("verified", "Verification"),
        RuleResult("age", "Company age"),
        RuleResult("team", "Team size"),
        RuleResult("project_stage", "Project stage"),
    ]
    assert (result.failures, result.pending) == ([], [])


def test_every_failing_rule_has_its_own_code():
    rules = {
        **RULES,
        "countries": ["RU"],
        "legal_forms": {"UZ": ["uz-aj"]},
        "verified_required": True,
        "project_stages": ["beta"],
    }
    result = evaluate(rules, _studio(verified=False), None, final=True, today=TODAY)
    assert [r.code for r in result.failures] == [
        "country",
        "legal_form",
        "verified",
        "project_stage_unknown",
    ]
    stage = SimpleNamespace(**{**vars(_application()), "project_stage": "alpha"})
    assert [r.code for r in evaluate(rules, _studio(), stage, today=TODAY).failures] == [
        "country",
        "legal_form",
        "project_stage",
    ]


@pytest.mark.parametrize(
    ("limits", "founded", "failure"),
    [
        (
            {"min_age_months": 1},
            date(2026, 6, 1),
            ("age_min", "The studio must be at least 1 month old; yours is 0."),
        ),
        (
            {"max_age_months": 1},
            date(2026, 4, 15),
            ("age_max", "The studio must be at most 1 month old; yours is 2."),
        ),
        (
            {"max_age_months": 12},
            date(2024, 6, 15),
            ("age_max", "The studio must be at most 12 months old; yours is 24."),
        ),
    ],
)
def test_age_messages_in_the_singular_and_the_plural(limits, founded, failure):
    result = evaluate({**RULES, **limits}, _studio(), _application(founded=founded), today=TODAY)
    assert _failures(result) == [failure]


@pytest.mark.parametrize(
    ("limits", "text"),
    [
        (
            {"min_age_months": 12},
            "The studio must be at least 12 months old; you will give its founding date in the application.",
        ),
        (
            {"max_age_months": 1},
            "The studio must be at most 1 month old; you will give its founding date in the application.",
        ),
    ],
)
def test_pending_age_messages_in_the_singular_and_the_plural(limits, text):
    # An application that does not state the founding date at all (no such field yet).
    application = SimpleNamespace(project_stage="", pk=None)
    result = evaluate({**RULES, **limits}, _studio(), application, today=TODAY)
    assert [(r.code, r.message) for r in result.pending] == [("age_unknown", text)]


@pytest.mark.parametrize(
    ("limits", "size", "failure"),
    [
        ({"team_min": 1}, 0, ("team_min", "The team must have at least 1 person; you listed 0.")),
        ({"team_max": 1}, 2, ("team_max", "The team may have at most 1 person; you listed 2.")),
    ],
)
def test_team_messages_in_the_singular(limits, size, failure):
    result = evaluate({**RULES, **limits}, _studio(), _application(team=size), today=TODAY)
    assert _failures(result) == [failure]


def test_a_stage_the_programme_does_not_know_is_named_as_written():
    rules = {**RULES, "project_stages": ["beta"]}
    gold = SimpleNamespace(**{**vars(_application()), "project_stage": "gold"})
    assert evaluate(rules, _studio(), gold, today=TODAY).messages == [
        "Projects at these stages can apply: Beta. Yours is at the gold stage."
    ]
    # An application object without the field yet: the stage is still to be chosen.
    blank = SimpleNamespace(pk=None)
    assert [r.code for r in evaluate(rules, _studio(), blank, today=TODAY).pending] == [
        "project_stage_unknown"
    ]
