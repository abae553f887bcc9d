"""Call services, to the exact value a programme manager sees: the field an error is shown at and
its words, both sides of each rule (a call closing one second after it opens, a minimum equal to
its maximum), times typed without a zone read in the call's zone, the positions new stages and
questions get, the eligibility rules as stored and their change log, the audit rows, and refusal
of anyone else with nothing changed. Written for the mutation score of issue 18."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.core.audit import audit_trail
from bridge.core.tests.exact_support import trail
from bridge.programs.models import (
    Answer,
    Call,
    Eligibility,
    EligibilityChange,
    Programme,
    Question,
    QuestionKind,
    Stage,
)
from bridge.programs.services import calls as services
from bridge.programs.tests.factories import (
    ApplicationFactory,
    CallFactory,
    ProgrammeFactory,
    QuestionFactory,
    StageFactory,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TASHKENT = zoneinfo.ZoneInfo("Asia/Tashkent")
OPENS = datetime(2099, 3, 1, 10, 0, tzinfo=UTC)
CHOICES = [{"value": "steam", "en": "Steam"}, {"value": "vk", "en": "VK Play"}]
DEFAULT_RULES = {
    "countries": [],
    "legal_forms": {},
    "verified_required": True,
    "min_age_months": None,
    "max_age_months": None,
    "team_min": None,
    "team_max": None,
    "project_stages": [],
    "version": 1,
}


@pytest.fixture
def manager(programme_manager):
    return programme_manager


def errors(caught) -> dict:
    return caught.value.message_dict


def _create_call(manager, **fields):
    fields = {
        "slug": "season-9",
        "title_en": "Season 9",
        "opens_at": OPENS,
        "closes_at": OPENS + timedelta(days=30),
        **fields,
    }
    return services.call_create(actor=manager, programme=ProgrammeFactory(), **fields)


# ---- who may ----------------------------------------------------------------------------------


def test_people_who_do_not_run_calls_change_nothing(owner, analyst, moderator):
    call = CallFactory(title_en="Season")
    question = QuestionFactory(call=call)
    programme = call.programme
    for person in (owner, analyst, moderator):
        attempts = [
            lambda p=person: services.programme_create(actor=p, slug="other"),
            lambda p=person: services.programme_update(
                actor=p, programme=programme, name_en="Mine"
            ),
            lambda p=person: services.call_create(
                actor=p, programme=programme, slug="x", opens_at=OPENS, closes_at=OPENS
            ),
            lambda p=person: services.call_update(actor=p, call=call, title_en="Mine"),
            lambda p=person: services.call_publish(actor=p, call=call, published=False),
            lambda p=person: services.stage_create(actor=p, call=call),
            lambda p=person: services.question_create(
                actor=p, call=call, kind=QuestionKind.TEXT, label_en="Q"
            ),
            lambda p=person: services.question_update(actor=p, question=question, label_en="M"),
            lambda p=person: services.question_delete(actor=p, question=question),
            lambda p=person: services.eligibility_update(actor=p, call=call, countries=["UZ"]),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt()
    call.refresh_from_db()
    assert (call.title_en, call.is_published, call.stages.count()) == ("Season", True, 1)
    assert Programme.objects.count() == 1
    assert list(Question.objects.values_list("label_en", flat=True)) == ["Why you?"]
    assert call.eligibility.countries == ["RU"]
    assert trail(call) == []


def test_unknown_fields_are_a_programming_error_named_in_order(manager):
    call = CallFactory()
    cases = [
        lambda: services.programme_create(actor=manager, slug="p", zeta=1, alpha=2),
        lambda: services.call_update(actor=manager, call=call, zeta=1, alpha=2),
        lambda: services.stage_create(actor=manager, call=call, zeta=1, alpha=2),
        lambda: services.question_create(actor=manager, call=call, zeta=1, alpha=2),
        lambda: services.eligibility_update(actor=manager, call=call, zeta=1, alpha=2),
    ]
    for case in cases:
        with pytest.raises(TypeError) as caught:
            case()
        assert str(caught.value) == "unexpected fields: ['alpha', 'zeta']"


# ---- programmes -------------------------------------------------------------------------------


def test_a_programme_is_created_checked_and_audited(manager):
    programme = services.programme_create(actor=manager, slug="vgf", name_en="VGF")
    assert Programme.objects.get(pk=programme.pk).name_en == "VGF"
    assert trail(programme) == [("programme.create", manager, {})]
    with pytest.raises(ValidationError) as caught:
        services.programme_create(actor=manager, slug="not a slug")
    assert list(errors(caught)) == ["slug"]
    assert Programme.objects.count() == 1


def test_a_programme_update_is_checked_and_audited_with_its_fields(manager):
    programme = ProgrammeFactory()
    services.programme_update(
        actor=manager, programme=programme, name_en="Factory", description_en="More."
    )
    saved = Programme.objects.get(pk=programme.pk)
    assert (saved.name_en, saved.description_en) == ("Factory", "More.")
    assert trail(programme) == [
        ("programme.update", manager, {"fields": ["description_en", "name_en"]})
    ]
    with pytest.raises(ValidationError) as caught:
        services.programme_update(actor=manager, programme=programme, slug="no good")
    assert list(errors(caught)) == ["slug"]
    assert Programme.objects.get(pk=programme.pk).slug == "video-game-factory"


# ---- calls ------------------------------------------------------------------------------------


def test_a_new_call_is_unpublished_with_default_rules_a_first_stage_and_an_audit_row(manager):
    call = _create_call(manager)
    saved = Call.objects.get(pk=call.pk)
    assert saved.is_published is False
    assert saved.eligibility.as_rules() == DEFAULT_RULES
    assert list(saved.stages.values_list("position", flat=True)) == [0]
    assert trail(call) == [("call.create", manager, {"eligibility": DEFAULT_RULES})]


def test_a_new_calls_rules_are_cleaned_before_they_are_kept(manager):
    call = _create_call(
        manager, eligibility={"countries": [" uz", "RU", "UZ"], "project_stages": ["beta", "alpha"]}
    )
    rules = Call.objects.get(pk=call.pk).eligibility.as_rules()
    assert rules["countries"] == ["RU", "UZ"]
    assert rules["project_stages"] == ["alpha", "beta"]
    assert trail(call)[0][2]["eligibility"] == rules


def test_times_typed_without_a_zone_are_read_in_the_calls_zone(manager):
    call = _create_call(
        manager,
        timezone="Asia/Tashkent",
        opens_at=datetime(2099, 3, 1, 10, 0),  # noqa: DTZ001 - typed in the call's zone
        closes_at=datetime(2099, 3, 31, 23, 59, 59),  # noqa: DTZ001
        review_deadline=datetime(2099, 4, 15, 18, 0),  # noqa: DTZ001
    )
    saved = Call.objects.get(pk=call.pk)
    assert saved.opens_at == datetime(2099, 3, 1, 5, 0, tzinfo=UTC)
    assert saved.closes_at == datetime(2099, 3, 31, 18, 59, 59, tzinfo=UTC)
    assert saved.review_deadline == datetime(2099, 4, 15, 13, 0, tzinfo=UTC)


def test_times_with_a_zone_are_kept_as_given(manager):
    call = _create_call(manager, timezone="Asia/Tashkent")
    assert Call.objects.get(pk=call.pk).opens_at == OPENS


def test_a_call_closes_at_least_one_second_after_it_opens(manager):
    with pytest.raises(ValidationError) as caught:
        _create_call(manager, closes_at=OPENS)
    assert errors(caught) == {"closes_at": ["The call must close after it opens."]}
    with pytest.raises(ValidationError) as caught:
        _create_call(manager, closes_at=OPENS - timedelta(seconds=1))
    assert errors(caught) == {"closes_at": ["The call must close after it opens."]}
    assert not Call.objects.exists()
    call = _create_call(manager, closes_at=OPENS + timedelta(seconds=1))
    assert Call.objects.get(pk=call.pk).closes_at == OPENS + timedelta(seconds=1)


@pytest.mark.parametrize("missing", ["opens_at", "closes_at"])
def test_a_call_needs_both_times(manager, missing):
    with pytest.raises(ValidationError) as caught:
        _create_call(manager, **{missing: None})
    assert errors(caught) == {"closes_at": ["Give the opening and closing times."]}
    assert not Call.objects.exists()


def test_a_call_with_a_bad_field_is_refused_at_that_field(manager):
    with pytest.raises(ValidationError) as caught:
        _create_call(manager, reviews_per_application=0)
    assert list(errors(caught)) == ["reviews_per_application"]
    assert not Eligibility.objects.exists()


def test_a_call_update_is_read_in_the_zone_checked_and_audited(manager):
    call = CallFactory(timezone="Asia/Tashkent", title_en="Season")
    services.call_update(
        actor=manager,
        call=call,
        title_en="Season II",
        closes_at=datetime(2099, 12, 31, 23, 0),  # noqa: DTZ001
    )
    saved = Call.objects.get(pk=call.pk)
    assert saved.title_en == "Season II"
    assert saved.closes_at == datetime(2099, 12, 31, 18, 0, tzinfo=UTC)
    assert trail(call) == [("call.update", manager, {"fields": ["closes_at", "title_en"]})]
    with pytest.raises(ValidationError) as caught:
        services.call_update(actor=manager, call=call, closes_at=call.opens_at)
    assert errors(caught) == {"closes_at": ["The call must close after it opens."]}
    assert Call.objects.get(pk=call.pk).closes_at == datetime(2099, 12, 31, 18, 0, tzinfo=UTC)


def test_publishing_is_audited_only_when_it_changes_and_keeps_other_edits(manager):
    call = CallFactory(is_published=False, title_en="Season")
    stale = Call.objects.get(pk=call.pk)
    Call.objects.filter(pk=call.pk).update(title_en="Renamed elsewhere")
    services.call_publish(actor=manager, call=stale)
    saved = Call.objects.get(pk=call.pk)
    assert (saved.is_published, saved.title_en) == (True, "Renamed elsewhere")
    services.call_publish(actor=manager, call=stale, published=True)
    services.call_publish(actor=manager, call=stale, published=False)
    assert Call.objects.get(pk=call.pk).is_published is False
    services.call_publish(actor=manager, call=stale, published=False)
    assert trail(call) == [("call.publish", manager, {}), ("call.unpublish", manager, {})]


# ---- stages -----------------------------------------------------------------------------------


def test_stages_follow_the_last_one_unless_placed(manager):
    call = CallFactory()
    first = services.stage_create(actor=manager, call=call, name_en="Full")
    second = services.stage_create(actor=manager, call=call, name_en="Pitch")
    placed = services.stage_create(actor=manager, call=call, name_en="Demo", position=7)
    after = services.stage_create(actor=manager, call=call, name_en="Final")
    assert [first.position, second.position, placed.position, after.position] == [1, 2, 7, 8]
    assert trail(first) == [("stage.create", manager, {"call": call.pk})]


def test_the_first_stage_of_a_call_without_stages_is_position_zero(manager):
    call = CallFactory()
    call.stages.all().delete()
    assert services.stage_create(actor=manager, call=call).position == 0


def test_a_stages_closing_time_is_read_in_the_calls_zone(manager):
    call = CallFactory(timezone="Asia/Tashkent")
    stage = services.stage_create(
        actor=manager,
        call=call,
        closes_at=datetime(2099, 5, 1, 12, 0),  # noqa: DTZ001
    )
    assert Stage.objects.get(pk=stage.pk).closes_at == datetime(2099, 5, 1, 7, 0, tzinfo=UTC)


def test_a_stage_with_a_bad_field_is_refused(manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        services.stage_create(actor=manager, call=call, name_en="N" * 201)
    assert list(errors(caught)) == ["name_en"]
    assert call.stages.count() == 1


# ---- questions --------------------------------------------------------------------------------


def test_questions_follow_the_last_one_unless_placed_and_are_audited(manager):
    call = CallFactory()
    first = services.question_create(actor=manager, call=call, kind="text", label_en="A")
    second = services.question_create(actor=manager, call=call, kind="text", label_ru="Б")
    placed = services.question_create(
        actor=manager, call=call, kind="text", label_uz="C", position=5
    )
    after = services.question_create(actor=manager, call=call, kind="text", label_en="D")
    assert [first.position, second.position, placed.position, after.position] == [0, 1, 5, 6]
    assert trail(first) == [("question.create", manager, {"call": call.pk})]


@pytest.mark.parametrize(
    "choices",
    [
        [{"value": "steam"}],
        [{"value": "steam"}, {"value": " steam "}],
        [{"value": "steam"}, {"value": " "}],
        [{"value": "steam"}, {"en": "No value"}],
        [{"value": "steam"}, {"value": "vk"}, "itch"],
        [],
    ],
)
@pytest.mark.parametrize("kind", [QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE])
def test_choice_questions_need_two_distinct_values(manager, kind, choices):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        services.question_create(
            actor=manager, call=call, kind=kind, label_en="Store", choices=choices
        )
    assert errors(caught) == {"choices": ["Give at least two choices, each with its own value."]}
    assert not Question.objects.exists()


@pytest.mark.parametrize("kind", [QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE])
def test_two_distinct_choices_are_kept(manager, kind):
    question = services.question_create(
        actor=manager, call=CallFactory(), kind=kind, label_en="Store", choices=CHOICES
    )
    assert Question.objects.get(pk=question.pk).choices == CHOICES


def test_choices_of_a_question_without_choices_are_dropped(manager):
    question = services.question_create(
        actor=manager, call=CallFactory(), kind=QuestionKind.TEXT, label_en="Why?", choices=CHOICES
    )
    assert Question.objects.get(pk=question.pk).choices == []


def test_a_question_needs_words_in_one_language_and_a_stage_of_its_own_call(manager):
    call = CallFactory()
    other_stage = StageFactory(call=CallFactory())
    with pytest.raises(ValidationError) as caught:
        services.question_create(
            actor=manager, call=call, kind=QuestionKind.CHOICE, stage=other_stage, choices=[]
        )
    assert errors(caught) == {
        "stage": ["The stage belongs to another call."],
        "choices": ["Give at least two choices, each with its own value."],
        "label_ru": ["Write the question in at least one language."],
    }
    assert not Question.objects.exists()
    own = StageFactory(call=call)
    question = services.question_create(
        actor=manager, call=call, kind=QuestionKind.TEXT, stage=own, label_en="Why?"
    )
    assert Question.objects.get(pk=question.pk).stage == own


def test_a_question_with_a_bad_field_is_refused(manager):
    with pytest.raises(ValidationError) as caught:
        services.question_create(
            actor=manager, call=CallFactory(), kind="poem", label_en="Write one"
        )
    assert list(errors(caught)) == ["kind"]


def test_a_question_update_is_checked_and_audited_with_its_fields(manager):
    question = QuestionFactory(kind=QuestionKind.TEXT, label_en="Why?")
    services.question_update(actor=manager, question=question, label_en="Why us?", required=True)
    saved = Question.objects.get(pk=question.pk)
    assert (saved.label_en, saved.required) == ("Why us?", True)
    assert trail(question) == [("question.update", manager, {"fields": ["label_en", "required"]})]
    with pytest.raises(ValidationError) as caught:
        services.question_update(
            actor=manager, question=question, label_ru="", label_uz="", label_en=""
        )
    assert errors(caught) == {"label_ru": ["Write the question in at least one language."]}
    assert Question.objects.get(pk=question.pk).label_en == "Why us?"


# ---- deleting a question ----------------------------------------------------------------------


def test_an_unanswered_question_is_deleted_with_an_audit_row(manager):
    question = QuestionFactory()
    application = ApplicationFactory(call=question.call)
    # A draft touched the question but left it empty: that is no answer.
    Answer.objects.create(application=application, question=question, value=None)
    pk, call_pk = question.pk, question.call_id
    services.question_delete(actor=manager, question=question)
    assert not Question.objects.filter(pk=pk).exists()
    entries = audit_trail(Question(pk=pk))
    assert [(e.action, e.actor, e.data) for e in entries] == [
        ("question.delete", manager, {"call": call_pk})
    ]


@pytest.mark.parametrize("answer", [{"value": "Because."}, {"value": None, "file": "a.pdf"}])
def test_an_answered_question_is_kept(manager, answer):
    question = QuestionFactory()
    application = ApplicationFactory(call=question.call)
    Answer.objects.create(application=application, question=question, **answer)
    with pytest.raises(ValidationError) as caught:
        services.question_delete(actor=manager, question=question)
    assert caught.value.messages == [
        "Applicants have answered this question; it can no longer be deleted."
    ]
    assert Question.objects.filter(pk=question.pk).exists()
    assert trail(question) == []


# ---- eligibility rules ------------------------------------------------------------------------


def _update(manager, call, **rules):
    return services.eligibility_update(actor=manager, call=call, **rules)


def test_a_rules_change_bumps_the_version_and_is_logged_with_both_sides(manager):
    call = CallFactory()
    before = call.eligibility.as_rules()
    _update(manager, call, note="Open to Uzbekistan", countries=["RU", "UZ"], team_max=10)
    eligibility = Eligibility.objects.get(call=call)
    assert eligibility.version == 2
    after = {**before, "countries": ["RU", "UZ"], "team_max": 10, "version": 2}
    assert eligibility.as_rules() == after
    change = EligibilityChange.objects.get(call=call)
    assert (change.version, change.actor, change.before, change.after, change.note) == (
        2,
        manager,
        before,
        after,
        "Open to Uzbekistan",
    )
    assert trail(call) == [
        (
            "call.eligibility_update",
            manager,
            {"before": before, "after": after, "note": "Open to Uzbekistan"},
        )
    ]
    _update(manager, call, countries=["KZ"])
    assert Eligibility.objects.get(call=call).version == 3
    assert EligibilityChange.objects.filter(call=call).count() == 2


def test_the_same_rules_again_change_nothing(manager):
    call = CallFactory()
    result = _update(manager, call, countries=["ru"], verified_required=True)
    assert result.version == 1
    assert Eligibility.objects.get(call=call).version == 1
    assert not EligibilityChange.objects.exists()
    assert trail(call) == []


def test_countries_are_kept_upper_case_once_and_in_order(manager):
    call = CallFactory()
    _update(manager, call, countries=[" kz", "UZ", "uz", "RU"])
    assert Eligibility.objects.get(call=call).countries == ["KZ", "RU", "UZ"]
    _update(manager, call, countries=None)
    assert Eligibility.objects.get(call=call).countries == []


def test_unknown_countries_are_named(manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, countries=["RU", "xx", "QQ"])
    assert errors(caught) == {"countries": ["Unknown country codes: XX, QQ."]}
    assert Eligibility.objects.get(call=call).countries == ["RU"]


def test_legal_forms_are_kept_per_upper_case_country_once_and_in_order(manager):
    call = CallFactory()
    _update(
        manager,
        call,
        legal_forms={"ru": ["ru-ooo", "ru-ip", "ru-ooo"], "UZ": [], "KZ": None},
    )
    assert Eligibility.objects.get(call=call).legal_forms == {"RU": ["ru-ip", "ru-ooo"]}
    _update(manager, call, legal_forms=None)
    assert Eligibility.objects.get(call=call).legal_forms == {}


def test_legal_forms_of_another_country_are_named(manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, legal_forms={"uz": ["uz-mchj", "ru-ooo", "llc"]})
    assert errors(caught) == {"legal_forms": ["Legal forms that do not exist in UZ: ru-ooo, llc."]}
    assert Eligibility.objects.get(call=call).legal_forms == {}


def test_project_stages_are_kept_in_the_lists_order_and_unknown_ones_refused(manager):
    call = CallFactory()
    _update(manager, call, project_stages=["beta", "concept", "beta"])
    assert Eligibility.objects.get(call=call).project_stages == ["concept", "beta"]
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, project_stages=["beta", "released"])
    assert errors(caught) == {"project_stages": ["Unknown project stage."]}
    _update(manager, call, project_stages=None)
    assert Eligibility.objects.get(call=call).project_stages == []


@pytest.mark.parametrize("name", ["min_age_months", "max_age_months", "team_min", "team_max"])
@pytest.mark.parametrize("value", [-1, "3", 2.5])
def test_limits_are_whole_numbers_zero_or_more(manager, name, value):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, **{name: value})
    assert errors(caught) == {name: ["Enter a whole number, zero or more."]}
    assert Eligibility.objects.get(call=call).version == 1


@pytest.mark.parametrize(
    ("low", "high"), [("min_age_months", "max_age_months"), ("team_min", "team_max")]
)
def test_a_minimum_may_equal_its_maximum_but_not_exceed_it(manager, low, high):
    call = CallFactory()
    _update(manager, call, **{low: 0, high: 0})
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, **{low: 4, high: 3})
    assert errors(caught) == {high: ["The maximum must not be below the minimum."]}
    _update(manager, call, **{low: 3, high: 3})
    saved = Eligibility.objects.get(call=call)
    assert (getattr(saved, low), getattr(saved, high)) == (3, 3)


def test_a_bad_limit_is_not_also_compared(manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, team_min=-5, team_max=-6)
    assert errors(caught) == {
        "team_min": ["Enter a whole number, zero or more."],
        "team_max": ["Enter a whole number, zero or more."],
    }
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, team_min=5, team_max=-6)
    assert errors(caught) == {"team_max": ["Enter a whole number, zero or more."]}


def test_a_single_limit_needs_no_partner(manager):
    call = CallFactory()
    _update(manager, call, team_max=0, min_age_months=12)
    saved = Eligibility.objects.get(call=call)
    assert (saved.team_min, saved.team_max, saved.min_age_months) == (None, 0, 12)


def test_every_bad_rule_is_named_at_once(manager):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        _update(manager, call, countries=["XX"], project_stages=["done"], team_min=-1)
    assert set(errors(caught)) == {"countries", "project_stages", "team_min"}
