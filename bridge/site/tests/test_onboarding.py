"""A new organisation's first steps on its page: four steps that tick themselves from its data."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import Invitation, Membership, Role, Verification
from bridge.accounts.onboarding import onboarding_checklist
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.tests.factories import MaterialFactory
from bridge.partnering.tests.factories import ListingFactory
from bridge.programs.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder():
    return UserFactory()


@pytest.fixture
def new_organisation(founder):
    return OrganisationFactory(
        owner=founder, verification=Verification.UNVERIFIED, description_en="", logo=""
    )


def done_steps(organisation) -> set[str]:
    return {step.key for step in onboarding_checklist(organisation=organisation).steps if step.done}


def page(client, organisation) -> str:
    return client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()


def test_the_owner_of_a_new_organisation_sees_four_steps_with_where_to_take_them(
    client, founder, new_organisation
):
    client.force_login(founder)
    html = page(client, new_organisation)
    assert "First steps" in html
    assert "0 of 4 done" in html
    assert '<progress class="onboarding-bar" value="0" max="4"' in html
    for title in (
        "Get verified by the agency",
        "Add a logo and a description",
        "Add your first material, listing or application",
        "Invite a colleague to join you",
    ):
        assert title in html
    slug = new_organisation.slug
    assert reverse("materials_supplier:new", args=[slug]) in html
    assert reverse("partnering:listing_new") in html
    assert reverse("programs:programme_list") in html
    assert reverse("organisations:members", args=[slug]) + "#invite-title" in html
    assert reverse("organisations:edit", args=[slug]) in html
    assert "Still missing: a logo and a description." in html


def test_nothing_is_done_for_a_new_organisation(new_organisation):
    checklist = onboarding_checklist(organisation=new_organisation)
    assert [step.key for step in checklist.steps] == [
        "verify",
        "profile",
        "first-work",
        "colleague",
    ]
    assert checklist.done_count == 0
    assert not checklist.complete


def test_verification_ticks_only_once_the_agency_has_verified(new_organisation):
    new_organisation.verification = Verification.PENDING
    new_organisation.save()
    step = onboarding_checklist(organisation=new_organisation).steps[0]
    assert not step.done
    assert step.note == "Asked for: the moderators are checking it."
    new_organisation.verification = Verification.VERIFIED
    new_organisation.save()
    assert done_steps(new_organisation) == {"verify"}


def test_without_a_registration_number_the_step_points_to_the_edit_form(new_organisation):
    new_organisation.registration_number = ""
    new_organisation.save()
    step = onboarding_checklist(organisation=new_organisation).steps[0]
    assert [link.text for link in step.links] == ["Add the registration number"]


def test_the_profile_needs_both_a_logo_and_a_description(new_organisation):
    new_organisation.description_uz = "Oʻyinlar studiyasi"
    new_organisation.save()
    profile = onboarding_checklist(organisation=new_organisation).steps[1]
    assert not profile.done
    assert profile.note == "Still missing: a logo."
    new_organisation.logo = "logos/2026/studio.png"
    new_organisation.save()
    assert done_steps(new_organisation) == {"profile"}


@pytest.mark.parametrize("make_work", ["material", "listing", "application"])
def test_any_first_material_listing_or_application_ticks_the_third_step(
    new_organisation, make_work
):
    if make_work == "material":
        MaterialFactory(supplier=new_organisation)
    elif make_work == "listing":
        ListingFactory(organisation=new_organisation)
    else:
        ApplicationFactory(organisation=new_organisation)
    assert done_steps(new_organisation) == {"first-work"}
    assert onboarding_checklist(organisation=new_organisation).steps[2].links == ()


def test_another_organisations_work_does_not_count(new_organisation):
    MaterialFactory()
    ListingFactory()
    ApplicationFactory()
    assert done_steps(new_organisation) == set()


def test_an_invitation_sent_or_a_second_member_ticks_the_colleague_step(new_organisation):
    revoked = Invitation.objects.create(
        organisation=new_organisation, email="old@example.com", revoked_at="2026-01-01T00:00Z"
    )
    assert done_steps(new_organisation) == set()
    revoked.delete()
    Invitation.objects.create(organisation=new_organisation, email="colleague@example.com")
    assert done_steps(new_organisation) == {"colleague"}
    Invitation.objects.all().delete()
    Membership.objects.create(organisation=new_organisation, user=UserFactory(), role=Role.MEMBER)
    assert done_steps(new_organisation) == {"colleague"}


def test_a_step_done_shows_ticked_and_the_count_moves(client, founder, new_organisation):
    MaterialFactory(supplier=new_organisation)
    client.force_login(founder)
    html = page(client, new_organisation)
    assert "1 of 4 done" in html
    assert 'class="checklist-step is-done" data-step="first-work"' in html
    assert "Done:" in html


def test_the_checklist_goes_away_when_every_step_is_done(client, founder, new_organisation):
    new_organisation.verification = Verification.VERIFIED
    new_organisation.description_ru = "Студия игр"
    new_organisation.logo = "logos/2026/studio.png"
    new_organisation.save()
    ListingFactory(organisation=new_organisation)
    Invitation.objects.create(organisation=new_organisation, email="colleague@example.com")
    assert onboarding_checklist(organisation=new_organisation).complete
    client.force_login(founder)
    html = page(client, new_organisation)
    assert "First steps" not in html
    assert "onboarding" not in html


def test_an_administrator_sees_it_too(client, new_organisation):
    admin = UserFactory()
    Membership.objects.create(organisation=new_organisation, user=admin, role=Role.ADMIN)
    client.force_login(admin)
    assert "First steps" in page(client, new_organisation)


@pytest.mark.parametrize("who", ["anonymous", "member", "outsider", "superuser"])
def test_people_who_do_not_run_the_organisation_do_not_see_it(client, new_organisation, who):
    if who == "member":
        member = UserFactory()
        Membership.objects.create(organisation=new_organisation, user=member, role=Role.MEMBER)
        client.force_login(member)
    elif who == "outsider":
        client.force_login(UserFactory())
    elif who == "superuser":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("organisations:detail", args=[new_organisation.slug]))
    assert response.status_code == 200
    assert "First steps" not in response.content.decode()


def count_queries(client, organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        page(client, organisation)
    return len(queries)


def test_the_checklist_costs_a_fixed_handful_of_queries(client, founder, new_organisation):
    member = UserFactory()
    Membership.objects.create(organisation=new_organisation, user=member, role=Role.MEMBER)
    client.force_login(member)
    page(client, new_organisation)  # a first visit warms the session
    without = count_queries(client, new_organisation)
    client.force_login(founder)
    page(client, new_organisation)
    with_checklist = count_queries(client, new_organisation)
    # Two for the colleague step, one per kind of first work (material, listing, application).
    assert with_checklist - without <= 5
    for _ in range(3):
        MaterialFactory(supplier=new_organisation)
        Invitation.objects.create(organisation=new_organisation, email=f"c{_}@example.com")
    assert count_queries(client, new_organisation) <= with_checklist


@pytest.mark.parametrize(
    ("language", "heading", "step"),
    [
        ("ru", "Первые шаги", "Пригласите коллегу в команду"),
        ("uz", "Birinchi qadamlar", "Hamkasbingizni jamoaga taklif qiling"),
        ("en", "First steps", "Invite a colleague to join you"),
    ],
)
def test_the_checklist_speaks_three_languages(
    client, founder, new_organisation, language, heading, step
):
    client.force_login(founder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = page(client, new_organisation)
    assert heading in html
    assert step in html
