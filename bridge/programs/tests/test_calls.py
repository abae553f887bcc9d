"""Programme managers run calls: times in the call's zone, stages, questions; others cannot."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bridge.programs.models import CallStatus, QuestionKind
from bridge.programs.selectors.applications import calls_open, calls_public
from bridge.programs.services.calls import (
    call_create,
    call_publish,
    programme_create,
    question_create,
    stage_create,
)
from bridge.programs.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.integration


def test_a_manager_creates_a_call_whose_times_are_read_in_its_time_zone(programme_manager):
    programme = programme_create(actor=programme_manager, slug="vgf", name_ru="Фабрика видеоигр")
    call = call_create(
        actor=programme_manager,
        programme=programme,
        slug="season-7",
        title_ru="Сезон 7",
        opens_at=datetime(2099, 11, 12, 10, 0),  # noqa: DTZ001 - typed in the call's zone
        closes_at=datetime(2099, 11, 28, 23, 59, 59),  # noqa: DTZ001
        timezone="Asia/Tashkent",
        eligibility={"countries": ["uz", "RU"]},
    )
    assert call.closes_at == datetime(
        2099, 11, 28, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo("Asia/Tashkent")
    )
    assert call.eligibility.countries == ["RU", "UZ"]
    assert call.stages.get().position == 0
    assert call.status == CallStatus.DRAFT
    assert call not in calls_public()
    call_publish(actor=programme_manager, call=call)
    assert call.status == CallStatus.UPCOMING


def test_call_status_follows_the_clock(db):
    now = timezone.now()
    open_call = CallFactory()
    closed = CallFactory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(seconds=1))
    assert open_call.status == CallStatus.OPEN
    assert closed.status == CallStatus.CLOSED
    assert list(calls_open()) == [open_call]


def test_a_call_must_close_after_it_opens(programme_manager):
    now = timezone.now()
    with pytest.raises(ValidationError):
        call_create(
            actor=programme_manager,
            programme=ProgrammeFactory(),
            slug="backwards",
            opens_at=now,
            closes_at=now - timedelta(days=1),
        )


def test_people_who_do_not_run_calls_cannot_create_them(analyst, moderator, owner):
    for person in (analyst, moderator, owner):
        with pytest.raises(PermissionDenied):
            programme_create(actor=person, slug="x")
        with pytest.raises(PermissionDenied):
            question_create(actor=person, call=CallFactory(), kind=QuestionKind.TEXT, label_en="Q")


def test_stages_are_numbered_in_order(programme_manager):
    call = CallFactory()
    stage = stage_create(actor=programme_manager, call=call, name_en="Full application")
    assert stage.position == 1
    assert stage.deadline == call.closes_at


def test_choice_questions_need_at_least_two_distinct_choices(programme_manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        question_create(
            actor=programme_manager,
            call=call,
            kind=QuestionKind.CHOICE,
            label_en="Store",
            choices=[{"value": "steam"}, {"value": "steam"}],
        )
    assert "choices" in caught.value.message_dict
    question = question_create(
        actor=programme_manager,
        call=call,
        kind=QuestionKind.CHOICE,
        label_en="Store",
        choices=[{"value": "steam", "en": "Steam"}, {"value": "vk", "en": "VK Play"}],
    )
    assert question.choice_label("vk", "en") == "VK Play"


def test_a_question_whose_choices_were_cleared_is_saved_without_choices(programme_manager):
    # The admin's JSON field sends None when staff empty it.
    call = CallFactory()
    text = question_create(
        actor=programme_manager, call=call, kind=QuestionKind.TEXT, label_en="Why?", choices=None
    )
    text.refresh_from_db()
    assert text.choices == []
    with pytest.raises(ValidationError) as exc:
        question_create(
            actor=programme_manager, call=call, kind=QuestionKind.CHOICE, label_en="Which?",
            choices=None,
        )  # fmt: skip
    assert exc.value.message_dict == {
        "choices": ["Give at least two choices, each with its own value."]
    }
