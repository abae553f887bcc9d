"""The edges of the age and team rules: a studio exactly at a limit is admitted, one month or one
person past it is not, and a month counts only once its day has come."""

from datetime import date
from types import SimpleNamespace

import pytest

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.programs.eligibility import evaluate

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
