"""Cohort services, to the exact value a person sees: who may plan milestones, report progress,
write mentor notes and record deals (and that a refusal changes nothing), which field an error is
shown at and what it says, both sides of each length and amount limit, what each step stores and
stamps, and the audit rows. Written for the mutation score of issue 18."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.programs.models import (
    ApplicationStatus,
    Deal,
    MentorNote,
    Milestone,
    MilestoneProgress,
)
from bridge.programs.services import cohort as services
from bridge.programs.tests.factories import (
    CallFactory,
    MilestoneFactory,
    SubmittedApplicationFactory,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english", "clock"),
]

REQUIRED = "This field is required."
TOO_LONG = "Keep it within 20000 characters."
DUE = date(2026, 9, 1)
SIGNED = date(2026, 5, 20)
NOT_YET_IN = ["submitted", "under-review", "shortlisted", "waitlisted", "rejected", "withdrawn"]


@pytest.fixture
def accepted(organisation):
    """An accepted application of the organisation `member` belongs to."""
    return SubmittedApplicationFactory(
        organisation=organisation, status=ApplicationStatus.ACCEPTED, title="Silk Road Racer"
    )


@pytest.fixture
def milestone(accepted):
    return MilestoneFactory(call=accepted.call, kind="demo", due_on=DUE)


def staff_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="programs", codename__in=codenames)
    )
    return user


def with_status(application, status):
    application.status = status
    application.save(update_fields=["status"])
    return application


# --- who may -----------------------------------------------------------------------------------


def test_planning_needs_both_running_calls_and_adding_milestones(programme_manager, analyst):
    assert services.can_plan_cohort(programme_manager) is True
    assert services.can_plan_cohort(staff_with("manage_call")) is False
    assert services.can_plan_cohort(staff_with("add_milestone")) is False
    assert services.can_plan_cohort(staff_with("manage_call", "add_milestone")) is True
    assert services.can_plan_cohort(analyst) is False
    assert services.can_plan_cohort(AnonymousUser()) is False


def test_mentor_notes_and_deals_each_need_their_own_permission(programme_manager, member):
    noter, recorder = staff_with("add_mentornote"), staff_with("add_deal")
    assert services.can_write_mentor_notes(programme_manager) is True
    assert services.can_record_deals(programme_manager) is True
    assert (services.can_write_mentor_notes(noter), services.can_record_deals(noter)) == (
        True,
        False,
    )
    assert (services.can_write_mentor_notes(recorder), services.can_record_deals(recorder)) == (
        False,
        True,
    )
    for nobody in (member, AnonymousUser()):
        assert services.can_write_mentor_notes(nobody) is False
        assert services.can_record_deals(nobody) is False


def test_the_cohort_board_is_for_staff_who_see_every_application(
    programme_manager, analyst, moderator, member
):
    assert services.can_see_cohort(programme_manager) is True
    assert services.can_see_cohort(analyst) is True
    assert services.can_see_cohort(moderator) is False
    assert services.can_see_cohort(member) is False
    assert services.can_see_cohort(AnonymousUser()) is False


@pytest.mark.parametrize("status", [*NOT_YET_IN, "draft"])
def test_only_an_accepted_application_is_in_the_cohort(accepted, status):
    assert services.in_cohort(accepted) is True
    assert services.in_cohort(with_status(accepted, status)) is False


def test_the_team_and_planners_report_progress_others_do_not(
    accepted, member, programme_manager, analyst, outsider, moderator
):
    assert services.can_report_progress(member, accepted) is True
    assert services.can_report_progress(programme_manager, accepted) is True
    for person in (analyst, outsider, moderator, AnonymousUser()):
        assert services.can_report_progress(person, accepted) is False
    with_status(accepted, "waitlisted")
    assert services.can_report_progress(member, accepted) is False
    assert services.can_report_progress(programme_manager, accepted) is False


# --- milestones --------------------------------------------------------------------------------


def test_a_planner_adds_a_milestone_with_trimmed_titles_and_an_audit_row(programme_manager):
    call = CallFactory()
    milestone = services.milestone_create(
        actor=programme_manager,
        call=call,
        kind="investor-pitch",
        due_on=DUE,
        title_ru="  Питч  ",
        title_uz=None,
        title_en="\tPitch day\n",
    )
    saved = Milestone.objects.get(pk=milestone.pk)
    assert (saved.call, saved.kind, saved.due_on) == (call, "investor-pitch", DUE)
    assert (saved.title_ru, saved.title_uz, saved.title_en) == ("Питч", "", "Pitch day")
    assert trail(saved) == [("cohort.milestone_create", programme_manager, {"call": call.pk})]


def test_a_milestone_without_titles_is_named_by_its_kind(programme_manager):
    milestone = services.milestone_create(
        actor=programme_manager, call=CallFactory(), kind="playtest", due_on=DUE
    )
    saved = Milestone.objects.get(pk=milestone.pk)
    assert (saved.title_ru, saved.title_uz, saved.title_en) == ("", "", "")
    assert saved.title("en") == "Public playtest"


def test_a_long_title_is_cut_to_200_characters_and_a_very_long_one_refused(programme_manager):
    call = CallFactory()
    milestone = services.milestone_create(
        actor=programme_manager,
        call=call,
        kind="demo",
        due_on=DUE,
        title_ru="р" * 199 + "юя",
        title_uz="u" * 199 + "vw",
        title_en=" " + "a" * 199 + "bc",
    )
    saved = Milestone.objects.get(pk=milestone.pk)
    # Trimmed first, then cut: the leading space does not take a character of the 200.
    assert (saved.title_ru, saved.title_uz, saved.title_en) == (
        "р" * 199 + "ю",
        "u" * 199 + "v",
        "a" * 199 + "b",
    )
    exactly = services.milestone_create(
        actor=programme_manager, call=call, kind="demo", due_on=DUE, title_uz="u" * 200
    )
    assert Milestone.objects.get(pk=exactly.pk).title_uz == "u" * 200
    for field in ("title_ru", "title_uz", "title_en"):
        services.milestone_create(
            actor=programme_manager, call=call, kind="demo", due_on=DUE, **{field: "x" * 20_000}
        )
        with pytest.raises(ValidationError) as caught:
            services.milestone_create(
                actor=programme_manager,
                call=call,
                kind="demo",
                due_on=DUE,
                **{field: "x" * 20_001},
            )
        assert caught.value.message_dict == {field: [TOO_LONG]}
    assert call.milestones.count() == 5


@pytest.mark.parametrize("kind", ["party", "", None, "Demo"])
def test_a_milestone_kind_comes_from_the_list(programme_manager, kind):
    call = CallFactory()
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(actor=programme_manager, call=call, kind=kind, due_on="soon")
    # The kind is checked first: the bad date is not reported alongside it.
    assert caught.value.message_dict == {"kind": ["Choose a kind of milestone from the list."]}
    assert not Milestone.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("due_on", ["2026-09-01", None, 20260901])
def test_a_milestone_is_due_on_a_date(programme_manager, due_on):
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(
            actor=programme_manager, call=CallFactory(), kind="demo", due_on=due_on
        )
    assert caught.value.message_dict == {"due_on": ["Enter a date."]}
    assert not Milestone.objects.exists()


def test_a_date_and_time_counts_as_its_date(programme_manager):
    milestone = services.milestone_create(
        actor=programme_manager,
        call=CallFactory(),
        kind="demo",
        due_on=datetime(2026, 9, 1, 10, 0, tzinfo=UTC),
    )
    assert Milestone.objects.get(pk=milestone.pk).due_on == DUE


@pytest.mark.parametrize("who", ["analyst", "member", "moderator", "outsider"])
def test_only_planners_add_milestones_even_with_bad_input(request, who):
    with pytest.raises(PermissionDenied):
        services.milestone_create(
            actor=request.getfixturevalue(who), call=CallFactory(), kind="party", due_on="soon"
        )
    assert not Milestone.objects.exists()
    assert not AuditEntry.objects.exists()


# --- progress ----------------------------------------------------------------------------------


def test_the_team_reports_progress_stamped_and_audited(accepted, milestone, member):
    progress = services.progress_report(
        actor=member,
        milestone=milestone,
        application=accepted,
        status="in-progress",
        report="  Halfway there. ",
    )
    saved = MilestoneProgress.objects.get(pk=progress.pk)
    assert (saved.milestone, saved.application, saved.status, saved.report) == (
        milestone,
        accepted,
        "in-progress",
        "Halfway there.",
    )
    assert (saved.reported_by, saved.updated_at) == (member, NOW)
    assert trail(accepted) == [
        ("cohort.progress_report", member, {"milestone": milestone.pk, "status": "in-progress"})
    ]


def test_a_second_report_replaces_the_first_in_the_same_row(
    accepted, milestone, member, programme_manager, clock
):
    first = services.progress_report(
        actor=member, milestone=milestone, application=accepted, status="late", report="Stuck."
    )
    clock["now"] = NOW + timedelta(days=2)
    second = services.progress_report(
        actor=programme_manager, milestone=milestone, application=accepted, status="done"
    )
    assert second.pk == first.pk
    saved = MilestoneProgress.objects.get()
    assert (saved.status, saved.report, saved.reported_by, saved.updated_at) == (
        "done",
        "",  # the new report says nothing: the old words do not stay
        programme_manager,
        NOW + timedelta(days=2),
    )
    assert [data["status"] for _action, _actor, data in trail(accepted)] == ["late", "done"]


def test_each_milestone_keeps_its_own_progress(accepted, milestone, member):
    other = MilestoneFactory(call=accepted.call, kind="prototype")
    services.progress_report(actor=member, milestone=milestone, application=accepted, status="done")
    services.progress_report(
        actor=member, milestone=other, application=accepted, status="not-started"
    )
    assert dict(MilestoneProgress.objects.values_list("milestone_id", "status")) == {
        milestone.pk: "done",
        other.pk: "not-started",
    }


@pytest.mark.parametrize("status", ["finished", "", None, "Done"])
def test_progress_takes_a_status_from_the_list(accepted, milestone, member, status):
    with pytest.raises(ValidationError) as caught:
        services.progress_report(
            actor=member, milestone=milestone, application=accepted, status=status
        )
    assert caught.value.message_dict == {"status": ["Choose a status from the list."]}
    assert not MilestoneProgress.objects.exists()
    assert trail(accepted) == []


def test_a_report_may_be_20000_characters_not_more_and_a_refusal_keeps_the_old_one(
    accepted, milestone, member
):
    services.progress_report(
        actor=member, milestone=milestone, application=accepted, status="done", report="r" * 20_000
    )
    assert MilestoneProgress.objects.get().report == "r" * 20_000
    with pytest.raises(ValidationError) as caught:
        services.progress_report(
            actor=member,
            milestone=milestone,
            application=accepted,
            status="late",
            report="r" * 20_001,
        )
    assert caught.value.message_dict == {"report": [TOO_LONG]}
    saved = MilestoneProgress.objects.get()
    assert (saved.status, len(saved.report)) == ("done", 20_000)
    assert len(trail(accepted)) == 1


def test_a_refused_first_report_leaves_no_row(accepted, milestone, member):
    with pytest.raises(ValidationError):
        services.progress_report(
            actor=member,
            milestone=milestone,
            application=accepted,
            status="done",
            report="r" * 20_001,
        )
    assert not MilestoneProgress.objects.exists()


def test_a_milestone_of_another_call_is_refused_even_to_a_planner(
    accepted, member, programme_manager
):
    elsewhere = MilestoneFactory(call=CallFactory())
    for person in (member, programme_manager):
        with pytest.raises(PermissionDenied):
            services.progress_report(
                actor=person, milestone=elsewhere, application=accepted, status="done"
            )
    assert not MilestoneProgress.objects.exists()
    assert trail(accepted) == []


@pytest.mark.parametrize("status", NOT_YET_IN)
def test_a_team_not_accepted_reports_nothing(accepted, milestone, member, status):
    with_status(accepted, status)
    with pytest.raises(PermissionDenied):
        services.progress_report(
            actor=member, milestone=milestone, application=accepted, status="bogus"
        )
    assert not MilestoneProgress.objects.exists()


@pytest.mark.parametrize("who", ["analyst", "outsider", "moderator"])
def test_people_outside_the_team_and_planners_report_nothing(request, accepted, milestone, who):
    with pytest.raises(PermissionDenied):
        services.progress_report(
            actor=request.getfixturevalue(who),
            milestone=milestone,
            application=accepted,
            status="done",
        )
    assert not MilestoneProgress.objects.exists()
    assert trail(accepted) == []


def test_any_member_of_the_team_reports_not_only_its_owner(accepted, milestone):
    colleague = UserFactory()
    Membership.objects.create(organisation=accepted.organisation, user=colleague, role=Role.ADMIN)
    progress = services.progress_report(
        actor=colleague, milestone=milestone, application=accepted, status="done"
    )
    assert progress.reported_by == colleague


# --- mentor notes ------------------------------------------------------------------------------


def test_a_mentor_writes_a_private_note_stamped_and_audited(accepted, programme_manager):
    note = services.mentor_note_add(
        actor=programme_manager, application=accepted, text="  Budget risk.\n"
    )
    saved = MentorNote.objects.get(pk=note.pk)
    assert (saved.application, saved.author, saved.text) == (
        accepted,
        programme_manager,
        "Budget risk.",
    )
    assert (saved.shared_with_team, saved.created_at) == (False, NOW)
    assert trail(accepted) == [("cohort.mentor_note", programme_manager, {"note": note.pk})]


@pytest.mark.parametrize(
    ("given", "stored"), [(True, True), ("yes", True), (0, False), ("", False)]
)
def test_a_note_is_shared_with_the_team_only_when_asked(accepted, programme_manager, given, stored):
    note = services.mentor_note_add(
        actor=programme_manager, application=accepted, text="Cut scope.", shared_with_team=given
    )
    assert MentorNote.objects.get(pk=note.pk).shared_with_team is stored


@pytest.mark.parametrize("text", ["", "   \n ", None])
def test_an_empty_note_is_refused(accepted, programme_manager, text):
    with pytest.raises(ValidationError) as caught:
        services.mentor_note_add(actor=programme_manager, application=accepted, text=text)
    assert caught.value.message_dict == {"text": [REQUIRED]}
    assert not MentorNote.objects.exists()
    assert trail(accepted) == []


def test_a_note_may_be_20000_characters_not_more(accepted, programme_manager):
    services.mentor_note_add(actor=programme_manager, application=accepted, text="n" * 20_000)
    with pytest.raises(ValidationError) as caught:
        services.mentor_note_add(actor=programme_manager, application=accepted, text="n" * 20_001)
    assert caught.value.message_dict == {"text": [TOO_LONG]}
    assert [len(text) for text in MentorNote.objects.values_list("text", flat=True)] == [20_000]


def test_a_mentor_with_only_the_note_permission_writes_notes(accepted):
    mentor = staff_with("add_mentornote")
    assert services.mentor_note_add(actor=mentor, application=accepted, text="Hi").author == mentor


@pytest.mark.parametrize("who", ["member", "analyst", "outsider"])
def test_people_who_are_not_mentors_write_no_notes(request, accepted, who):
    with pytest.raises(PermissionDenied):
        services.mentor_note_add(
            actor=request.getfixturevalue(who), application=accepted, text="My own mentor"
        )
    assert not MentorNote.objects.exists()
    assert trail(accepted) == []


@pytest.mark.parametrize("status", NOT_YET_IN)
def test_no_notes_on_an_application_outside_the_cohort(accepted, programme_manager, status):
    with_status(accepted, status)
    with pytest.raises(PermissionDenied):
        services.mentor_note_add(actor=programme_manager, application=accepted, text="Early")
    assert not MentorNote.objects.exists()


# --- deals -------------------------------------------------------------------------------------


def record(actor, application, **kwargs):
    values = {
        "investor": "Indie GO",
        "amount": "3 000 000",
        "currency": "RUB",
        "kind": "revenue-share",
        "signed_on": SIGNED,
        **kwargs,
    }
    return services.deal_record(actor=actor, application=application, **values)


def test_a_deal_is_recorded_with_its_amount_read_as_a_person_writes_it(accepted, programme_manager):
    deal = record(
        programme_manager, accepted, investor="  Indie GO ", amount="1 500,75", note="  First. "
    )
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.application, saved.investor, saved.amount, saved.currency) == (
        accepted,
        "Indie GO",
        Decimal("1500.75"),
        "RUB",
    )
    assert (saved.kind, saved.signed_on, saved.note) == ("revenue-share", SIGNED, "First.")
    assert (saved.recorded_by, saved.created_at) == (programme_manager, NOW)
    assert trail(accepted) == [
        (
            "cohort.deal_record",
            programme_manager,
            {"deal": deal.pk, "amount": "1500.75", "currency": "RUB"},
        )
    ]


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        ("3 000 000", Decimal("3000000")),
        (Decimal("12.5"), Decimal("12.5")),
        (7, Decimal("7")),
        ("0", Decimal("0")),
        ("999999999999.99", Decimal("999999999999.99")),
    ],
)
def test_an_amount_from_zero_up_to_just_under_a_trillion_is_kept(
    accepted, programme_manager, amount, stored
):
    deal = record(programme_manager, accepted, amount=amount)
    assert Deal.objects.get(pk=deal.pk).amount == stored
    assert trail(accepted)[0][2]["amount"] == str(stored)


@pytest.mark.parametrize("amount", ["1.239", "0,001", Decimal("12.345")])
def test_an_amount_with_a_third_decimal_is_refused_not_rounded_unseen(
    accepted, programme_manager, amount
):
    """The column keeps two decimals; the audit row would have kept the third."""
    with pytest.raises(ValidationError) as caught:
        record(programme_manager, accepted, amount=amount)
    assert caught.value.message_dict == {
        "amount": ["Use at most two digits after the decimal point."]
    }
    assert not Deal.objects.exists()
    assert trail(accepted) == []


@pytest.mark.parametrize(
    "amount", ["-0.01", "-5", "1000000000000", "1e12", "NaN", "Infinity", "abc", "", None]
)
def test_an_amount_below_zero_a_trillion_or_not_a_number_is_refused(
    accepted, programme_manager, amount
):
    with pytest.raises(ValidationError) as caught:
        record(programme_manager, accepted, amount=amount)
    assert caught.value.message_dict == {"amount": ["Enter an amount, zero or more."]}
    assert not Deal.objects.exists()
    assert trail(accepted) == []


@pytest.mark.parametrize("currency", ["RUB", "UZS", "KZT", "USD", "EUR"])
def test_each_listed_currency_is_accepted(accepted, programme_manager, currency):
    assert record(programme_manager, accepted, currency=currency).currency == currency


@pytest.mark.parametrize("kind", ["grant", "revenue-share", "equity", "publishing"])
def test_each_listed_kind_of_deal_is_accepted(accepted, programme_manager, kind):
    assert record(programme_manager, accepted, kind=kind).kind == kind


def test_an_investor_name_may_be_200_characters_not_more(accepted, programme_manager):
    assert record(programme_manager, accepted, investor=" " + "i" * 200 + " ").investor == (
        "i" * 200
    )
    with pytest.raises(ValidationError) as caught:
        record(programme_manager, accepted, investor="i" * 201)
    assert caught.value.message_dict == {"investor": ["Keep it within 200 characters."]}
    assert Deal.objects.count() == 1


def test_every_wrong_field_of_a_deal_is_reported_at_once(accepted, programme_manager):
    with pytest.raises(ValidationError) as caught:
        record(
            programme_manager,
            accepted,
            investor="   ",
            amount="-5",
            currency="rub",
            kind="loan",
            signed_on="2026-05-20",
        )
    assert caught.value.message_dict == {
        "investor": [REQUIRED],
        "amount": ["Enter an amount, zero or more."],
        "currency": ["Choose a currency from the list."],
        "kind": ["Choose a kind of deal from the list."],
        "signed_on": ["Enter a date."],
    }
    assert not Deal.objects.exists()
    assert trail(accepted) == []


def test_a_missing_investor_is_required(accepted, programme_manager):
    with pytest.raises(ValidationError) as caught:
        record(programme_manager, accepted, investor=None)
    assert caught.value.message_dict == {"investor": [REQUIRED]}


def test_a_deal_note_may_be_20000_characters_not_more(accepted, programme_manager):
    assert len(record(programme_manager, accepted, note="n" * 20_000).note) == 20_000
    with pytest.raises(ValidationError) as caught:
        record(programme_manager, accepted, note="n" * 20_001)
    assert caught.value.message_dict == {"note": [TOO_LONG]}
    assert Deal.objects.count() == 1
    assert len(trail(accepted)) == 1


def test_someone_with_only_the_deal_permission_records_deals(accepted):
    recorder = staff_with("add_deal")
    assert record(recorder, accepted).recorded_by == recorder


@pytest.mark.parametrize("who", ["member", "analyst", "outsider"])
def test_people_who_may_not_record_deals_are_refused_before_any_check(request, accepted, who):
    with pytest.raises(PermissionDenied):
        record(request.getfixturevalue(who), accepted, amount="-5", currency="XYZ")
    assert not Deal.objects.exists()
    assert trail(accepted) == []


@pytest.mark.parametrize("status", NOT_YET_IN)
def test_no_deals_for_an_application_outside_the_cohort(accepted, programme_manager, status):
    with_status(accepted, status)
    with pytest.raises(PermissionDenied):
        record(programme_manager, accepted)
    assert not Deal.objects.exists()
