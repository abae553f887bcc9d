"""Joint-project services, to the exact value a person sees: which field an error is shown at and
what it says, both sides of every limit (title, description, twelve partners), the dates and
people each answer records, the audit rows, what is indexed, and who is told what. Written for
the mutation score of issue 18."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import Notification
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import JointProject, ProjectPartner
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.search_index_projects import PROJECTS_INDEX
from bridge.partnering.services import projects as services
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.tests.factories_projects import FIELDS, published_project
from bridge.partnering.vocabulary import InterestStatus
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
TODAY = date(2026, 6, 1)
REQUIRED = "This field is required."
DESCRIBED = {"ru": "Сериал.", "uz": "Serial."}


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(services.timezone, "now", lambda: NOW)
    return NOW


def create(actor, organisation, partners, **fields):
    return services.project_create(
        actor=actor, organisation=organisation, partners=partners, **{**FIELDS, **fields}
    )


def told(template) -> list[tuple]:
    return [
        (n.recipient, n.context)
        for n in Notification.objects.filter(template=template).order_by("id")
    ]


def place(project, organisation) -> ProjectPartner:
    return ProjectPartner.objects.get(project=project, organisation=organisation)


def indexed() -> list[int]:
    return search(key=PROJECTS_INDEX, q="Afandi").ids


def url(project) -> str:
    return f"/partnering/projects/{project.pk}/"


def test_the_project_url_is_the_one_the_notifications_carry(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org])
    assert project.get_absolute_url() == url(project)


# --- the fields -----------------------------------------------------------------------------


def test_the_fields_are_cleaned(db):
    cleaned = services.project_fields_clean(
        {
            "title": "  Afandi\x00 series  ",
            "type": "co-production",
            "sector": "animation",
            "heritage": [" afandi ", "", "afandi"],
            "descriptions": {"uz-Cyrl": " Сериал. ", "en": "   ", "ru": None},
        }
    )
    assert cleaned == {
        "title": "Afandi series",
        "type": "co-production",
        "sector": "animation",
        "heritage": ["afandi"],
        "descriptions": {"uz": "Сериал."},
    }


def test_every_bad_field_is_named_with_its_message(db):
    with pytest.raises(ValidationError) as refused:
        services.project_fields_clean(
            {
                "title": " \x00 ",
                "heritage": ["silk", "afandi", "ikat-x"],
                "descriptions": {"fr": "Bonjour"},
            }
        )
    assert refused.value.message_dict == {
        "title": [REQUIRED],
        "type": ["Choose a type from the list."],
        "sector": ["Choose a sector from the list."],
        "heritage": ["Not a heritage theme: silk, ikat-x."],
        "descriptions": ["Choose ru, uz, uz-Cyrl or en."],
    }


def test_only_the_first_five_unknown_themes_are_named(db):
    with pytest.raises(ValidationError) as refused:
        services.project_fields_clean({**FIELDS, "heritage": [f"t{n}" for n in range(7)]})
    assert refused.value.message_dict["heritage"] == ["Not a heritage theme: t0, t1, t2, t3, t4."]


def test_a_title_of_200_characters_passes_and_201_do_not(db):
    assert len(services.project_fields_clean({**FIELDS, "title": "x" * 200})["title"]) == 200
    with pytest.raises(ValidationError) as refused:
        services.project_fields_clean({**FIELDS, "title": "x" * 201})
    assert refused.value.message_dict == {"title": ["At most 200 characters (now 201)."]}


def test_a_description_of_4000_characters_passes_and_4001_do_not(db):
    fields = {**FIELDS, "descriptions": {"ru": "x" * 4000}}
    assert services.project_fields_clean(fields)["descriptions"] == {"ru": "x" * 4000}
    with pytest.raises(ValidationError) as refused:
        services.project_fields_clean({**FIELDS, "descriptions": {"en": "x" * 4001}})
    assert refused.value.message_dict == {"descriptions": ["At most 4000 characters (now 4001)."]}


def test_a_partners_language_comes_from_its_country():
    assert [
        services.language_of(OrganisationFactory.build(country=country))
        for country in ("RU", "UZ", "KZ")
    ] == ["ru", "uz", "en"]
    assert [services.description_key(code) for code in ("uz-Cyrl", "uz", "ru", "en")] == [
        "uz",
        "uz",
        "ru",
        "en",
    ]


@pytest.mark.parametrize("value", [None, ""])
def test_talks_start_today_unless_told(clock, value):
    assert services.started_on_clean(value) == TODAY


def test_talks_may_start_today_or_earlier_but_not_tomorrow(clock):
    assert services.started_on_clean(TODAY) == TODAY
    assert services.started_on_clean(date(2025, 1, 2)) == date(2025, 1, 2)
    with pytest.raises(ValidationError) as refused:
        services.started_on_clean(date(2026, 6, 2))
    assert refused.value.message_dict == {"started_on": ["The date cannot be in the future."]}
    with pytest.raises(ValidationError) as refused:
        services.started_on_clean("2026-05-01")
    assert refused.value.message_dict == {"started_on": ["Enter a valid date."]}


# --- create ---------------------------------------------------------------------------------


def test_created_by_hand_with_its_places_history_audit_and_invitations(
    ru_org, uz_org, ru_owner, uz_owner, clock, run_on_commit
):
    kz_org = OrganisationFactory(country="KZ", name="Nomad")
    kz_owner = member_of(kz_org, Role.OWNER)
    with run_on_commit():
        project = create(
            ru_owner, ru_org, [uz_org, kz_org, uz_org, ru_org], started_on=date(2026, 5, 1)
        )
    project = JointProject.objects.get(pk=project.pk)
    assert (project.created_by, project.status, project.published_at) == (
        ru_owner,
        ProjectStatus.TALKS,
        None,
    )
    rows = [
        (p.organisation, p.language, p.invited_by, p.confirmed_at, p.confirmed_by)
        for p in project.partners.order_by("id")
    ]
    assert rows == [
        (ru_org, "ru", ru_owner, NOW, ru_owner),
        (uz_org, "uz", ru_owner, None, None),
        (kz_org, "en", ru_owner, None, None),
    ]
    assert [(h.status, h.happened_on, h.created_by) for h in project.history.all()] == [
        (ProjectStatus.TALKS, date(2026, 5, 1), ru_owner)
    ]
    assert trail(project) == [
        ("project.create", ru_owner, {"partners": [ru_org.pk, uz_org.pk, kz_org.pk]})
    ]
    context = {"title": FIELDS["title"], "url": url(project)}
    assert told("partnering/email/project_invited") == [
        (uz_owner, {**context, "name": uz_owner.display_name}),
        (kz_owner, {**context, "name": kz_owner.display_name}),
    ]
    assert indexed() == []


def test_the_creator_may_say_which_language_it_writes_in(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org], language="en")
    assert place(project, ru_org).language == "en"
    with pytest.raises(ValidationError) as refused:
        create(ru_owner, ru_org, [uz_org], language="fr")
    assert refused.value.message_dict == {"language": ["Choose ru, uz, uz-Cyrl or en."]}
    assert JointProject.objects.count() == 1


def test_a_project_needs_another_organisation(ru_org, ru_owner):
    for partners in ([], [ru_org]):
        with pytest.raises(ValidationError) as refused:
            create(ru_owner, ru_org, partners)
        assert refused.value.message_dict == {
            "partners": ["A joint project needs at least one other partner organisation."]
        }
    assert not JointProject.objects.exists()


def test_eleven_others_are_allowed_and_twelve_refused(ru_org, ru_owner):
    others = [OrganisationFactory() for _ in range(12)]
    with pytest.raises(ValidationError) as refused:
        create(ru_owner, ru_org, others)
    assert refused.value.message_dict == {"partners": ["At most 12 partners."]}
    assert not JointProject.objects.exists()
    project = create(ru_owner, ru_org, others[:11])
    assert project.partners.count() == 12


def test_an_outsider_may_not_create_a_project_for_an_organisation(ru_org, uz_org, uz_owner):
    with pytest.raises(PermissionDenied):
        create(uz_owner, ru_org, [uz_org])
    assert not JointProject.objects.exists()


# --- from an accepted interest --------------------------------------------------------------


@pytest.fixture
def accepted(ru_org, uz_org, ru_owner):
    listing = ListingFactory(
        organisation=ru_org,
        title="Afandi tales",
        type="co-production",
        sectors=["animation", "games"],
        heritage=["afandi"],
        language="ru",
        summary="Сериал об Афанди.",
    )
    return InterestFactory(
        listing=listing,
        organisation=uz_org,
        status=InterestStatus.ACCEPTED,
        answered_at=datetime(2026, 5, 20, 22, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("side", ["owner", "sender"])
def test_from_an_interest_the_listing_gives_the_fields_and_the_actor_side_confirms(
    accepted, ru_org, uz_org, ru_owner, uz_owner, clock, side, run_on_commit
):
    actor = ru_owner if side == "owner" else uz_owner
    with run_on_commit():
        project = services.project_create_from_interest(actor=actor, interest=accepted)
    project = JointProject.objects.get(pk=project.pk)
    assert (project.title, project.type, project.sector, project.heritage) == (
        "Afandi tales",
        "co-production",
        "animation",
        ["afandi"],
    )
    assert (project.descriptions, project.interest, project.created_by) == (
        {"ru": "Сериал об Афанди."},
        accepted,
        actor,
    )
    # The listing's language is the listing owner's, whichever side creates.
    ru, uz = place(project, ru_org), place(project, uz_org)
    assert (ru.language, uz.language) == ("ru", "uz")
    assert (ru.confirmed, uz.confirmed) == (side == "owner", side == "sender")
    mine, other = (ru, uz) if side == "owner" else (uz, ru)
    assert (mine.confirmed_at, mine.confirmed_by, other.invited_by) == (NOW, actor, actor)
    # The day the interest was accepted, in the local time zone (Tashkent: the 21st).
    assert [h.happened_on for h in project.history.all()] == [date(2026, 5, 21)]
    assert trail(project) == [
        ("project.create", actor, {"partners": [mine.organisation_id, other.organisation_id]})
    ]
    invited_side = uz_owner if side == "owner" else ru_owner
    assert [r for r, _ in told("partnering/email/project_invited")] == [invited_side]


def test_fields_given_win_over_the_listings_and_an_empty_one_does_not(accepted, ru_owner, clock):
    project = services.project_create_from_interest(
        actor=ru_owner,
        interest=accepted,
        title="Our own title",
        sector="",
        started_on=date(2026, 4, 1),
    )
    assert (project.title, project.sector) == ("Our own title", "animation")
    assert [h.happened_on for h in project.history.all()] == [date(2026, 4, 1)]


def test_an_interest_never_answered_starts_today(accepted, ru_owner, clock):
    accepted.answered_at = None
    accepted.save()
    project = services.project_create_from_interest(actor=ru_owner, interest=accepted)
    assert [h.happened_on for h in project.history.all()] == [TODAY]


def test_a_listing_without_sectors_gives_no_sector(accepted, ru_owner):
    accepted.listing.sectors = []
    accepted.listing.save()
    with pytest.raises(ValidationError) as refused:
        services.project_create_from_interest(actor=ru_owner, interest=accepted)
    assert refused.value.message_dict == {"sector": ["Choose a sector from the list."]}


@pytest.mark.parametrize("status", [InterestStatus.SENT, InterestStatus.DECLINED])
def test_only_an_accepted_interest_starts_a_project(accepted, ru_owner, status):
    accepted.status = status
    accepted.save()
    with pytest.raises(ValidationError) as refused:
        services.project_create_from_interest(actor=ru_owner, interest=accepted)
    assert refused.value.messages == [
        "A joint project can be created from an accepted expression of interest only."
    ]
    assert not JointProject.objects.exists()


def test_an_interest_starts_one_project_only(accepted, ru_owner, uz_owner):
    services.project_create_from_interest(actor=ru_owner, interest=accepted)
    with pytest.raises(ValidationError) as refused:
        services.project_create_from_interest(actor=uz_owner, interest=accepted)
    assert refused.value.messages == [
        "A joint project was already created from this expression of interest."
    ]
    assert JointProject.objects.count() == 1


def test_a_third_organisation_may_not_start_a_project_from_an_interest(accepted):
    with pytest.raises(PermissionDenied):
        services.project_create_from_interest(
            actor=member_of(OrganisationFactory()), interest=accepted
        )
    assert not JointProject.objects.exists()


# --- edit -----------------------------------------------------------------------------------


def test_an_edit_records_the_changed_fields(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org])
    services.project_update(
        actor=ru_owner, project=project, sector="games", title="Afandi, season 2"
    )
    project = JointProject.objects.get(pk=project.pk)
    assert (project.title, project.sector, project.type) == (
        "Afandi, season 2",
        "games",
        "co-production",
    )
    assert trail(project)[-1] == ("project.update", ru_owner, {"fields": ["title", "sector"]})


def test_an_invited_partner_may_not_edit_until_it_confirms(ru_org, uz_org, ru_owner, uz_owner):
    project = create(ru_owner, ru_org, [uz_org])
    with pytest.raises(PermissionDenied):
        services.project_update(actor=uz_owner, project=project, title="Ours")
    assert JointProject.objects.get(pk=project.pk).title == FIELDS["title"]


def test_a_public_project_keeps_a_description_in_every_partners_language(ru_org, uz_org, ru_owner):
    project = published_project(ru_org, uz_org)
    assert indexed() == [project.pk]
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            actor=ru_owner, project=project, descriptions={"ru": "Сериал.", "en": "A series."}
        )
    assert refused.value.message_dict == {
        "descriptions": [
            "Describe the project in every partner's language; missing: Uzbek (Latin)."
        ]
    }
    services.project_update(actor=ru_owner, project=project, title="Afandi again")
    assert indexed() == [project.pk]
    assert JointProject.objects.get(pk=project.pk).title == "Afandi again"


# --- invite ---------------------------------------------------------------------------------


def test_an_invitation_is_audited_and_told_and_makes_a_public_project_private(
    ru_org, uz_org, ru_owner, run_on_commit
):
    project = published_project(ru_org, uz_org)
    kz_org = OrganisationFactory(country="KZ")
    kz_owner = member_of(kz_org, Role.OWNER)
    with run_on_commit():
        partner = services.project_partner_invite(
            actor=ru_owner, project=project, organisation=kz_org, language="uz-Cyrl"
        )
    assert (partner.language, partner.invited_by, partner.confirmed) == (
        "uz-Cyrl",
        ru_owner,
        False,
    )
    assert JointProject.objects.get(pk=project.pk).published_at is None
    assert trail(project)[-1] == ("project.invite", ru_owner, {"organisation": kz_org.pk})
    assert told("partnering/email/project_invited")[-1] == (
        kz_owner,
        {"title": FIELDS["title"], "url": url(project), "name": kz_owner.display_name},
    )
    assert indexed() == []


def test_an_invitation_to_a_private_project_keeps_it_private(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org])
    partner = services.project_partner_invite(
        actor=ru_owner, project=project, organisation=OrganisationFactory(country="UZ")
    )
    assert partner.language == "uz"
    assert JointProject.objects.get(pk=project.pk).published_at is None


def test_an_invitation_is_refused_for_a_partner_a_bad_language_or_the_thirteenth(
    ru_org, uz_org, ru_owner
):
    project = create(ru_owner, ru_org, [uz_org])
    with pytest.raises(ValidationError) as refused:
        services.project_partner_invite(actor=ru_owner, project=project, organisation=uz_org)
    assert refused.value.message_dict == {
        "organisation": ["This organisation is already a partner of the project."]
    }
    with pytest.raises(ValidationError) as refused:
        services.project_partner_invite(
            actor=ru_owner, project=project, organisation=OrganisationFactory(), language="fr"
        )
    assert refused.value.message_dict == {"language": ["Choose ru, uz, uz-Cyrl or en."]}
    for _ in range(10):
        services.project_partner_invite(
            actor=ru_owner, project=project, organisation=OrganisationFactory()
        )
    assert project.partners.count() == 12
    with pytest.raises(ValidationError) as refused:
        services.project_partner_invite(
            actor=ru_owner, project=project, organisation=OrganisationFactory()
        )
    assert refused.value.message_dict == {"organisation": ["At most 12 partners."]}
    assert project.partners.count() == 12


def test_an_invited_partner_may_not_invite(ru_org, uz_org, ru_owner, uz_owner):
    project = create(ru_owner, ru_org, [uz_org])
    with pytest.raises(PermissionDenied):
        services.project_partner_invite(
            actor=uz_owner, project=project, organisation=OrganisationFactory()
        )
    assert project.partners.count() == 2


# --- confirm, decline -----------------------------------------------------------------------


def test_a_confirmation_records_who_and_when(ru_org, uz_org, ru_owner, uz_owner, clock):
    project = create(ru_owner, ru_org, [uz_org])
    services.project_partner_confirm(actor=uz_owner, partner=place(project, uz_org))
    partner = place(project, uz_org)
    assert (partner.confirmed_at, partner.confirmed_by) == (NOW, uz_owner)
    assert trail(project)[-1] == ("project.confirm", uz_owner, {"partner": partner.pk})
    with pytest.raises(ValidationError) as refused:
        services.project_partner_confirm(actor=uz_owner, partner=partner)
    assert refused.value.messages == ["Your organisation has already confirmed its part."]
    with pytest.raises(ValidationError) as refused:
        services.project_partner_decline(actor=uz_owner, partner=partner)
    assert refused.value.messages == ["Your organisation has already confirmed its part."]
    assert place(project, uz_org).confirmed


def test_another_organisation_may_not_answer_for_a_partner(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org])
    partner = place(project, uz_org)
    for answer in (services.project_partner_confirm, services.project_partner_decline):
        with pytest.raises(PermissionDenied):
            answer(actor=ru_owner, partner=partner)
    with pytest.raises(PermissionDenied):
        services.project_consent(actor=ru_owner, partner=partner)
    assert place(project, uz_org).confirmed_at is None


def test_a_decline_removes_the_place_and_publishes_when_the_rest_agreed(
    ru_org, uz_org, ru_owner, uz_owner, run_on_commit
):
    project = published_project(ru_org, uz_org)
    kz_org = OrganisationFactory(country="KZ")
    kz_owner = member_of(kz_org, Role.OWNER)
    services.project_partner_invite(actor=ru_owner, project=project, organisation=kz_org)
    with run_on_commit():
        services.project_partner_decline(actor=kz_owner, partner=place(project, kz_org))
    assert not ProjectPartner.objects.filter(project=project, organisation=kz_org).exists()
    assert [a for a, _actor, _data in trail(project)][-2:] == ["project.decline", "project.publish"]
    assert trail(project)[-2] == ("project.decline", kz_owner, {"organisation": kz_org.pk})
    assert JointProject.objects.get(pk=project.pk).published_at is not None
    assert indexed() == [project.pk]


# --- consent and publication ----------------------------------------------------------------


def test_what_stands_in_the_way_of_publication(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org], descriptions={"en": "A series."})
    assert services.publication_problems(project) == [
        "Not every partner has confirmed its part in the project yet (waiting for "
        f"{uz_org.name}); it can be published only when every partner has confirmed.",
        "Describe the project in every partner's language; missing: Russian, Uzbek (Latin).",
    ]
    place(project, uz_org).delete()
    assert services.publication_problems(project) == [
        "A joint project needs at least two partner organisations.",
        "Describe the project in every partner's language; missing: Russian.",
    ]


def test_consent_before_everyone_confirmed_is_refused_with_the_reasons(ru_org, uz_org, ru_owner):
    project = create(ru_owner, ru_org, [uz_org], descriptions=DESCRIBED)
    with pytest.raises(ValidationError) as refused:
        services.project_consent(actor=ru_owner, partner=place(project, ru_org))
    assert [(e.message, e.code) for e in refused.value.error_list] == [
        (
            "Not every partner has confirmed its part in the project yet (waiting for "
            f"{uz_org.name}); it can be published only when every partner has confirmed.",
            "not_ready",
        )
    ]
    assert place(project, ru_org).consented_at is None


def test_the_last_consent_publishes_tells_every_partner_and_a_withdrawal_unpublishes(
    ru_org, uz_org, ru_owner, uz_owner, clock, run_on_commit
):
    project = create(ru_owner, ru_org, [uz_org], descriptions=DESCRIBED)
    services.project_partner_confirm(actor=uz_owner, partner=place(project, uz_org))
    services.project_consent(actor=ru_owner, partner=place(project, ru_org))
    assert JointProject.objects.get(pk=project.pk).published_at is None
    assert (place(project, ru_org).consented_at, place(project, ru_org).consented_by) == (
        NOW,
        ru_owner,
    )
    with run_on_commit():
        services.project_consent(actor=uz_owner, partner=place(project, uz_org))
    assert JointProject.objects.get(pk=project.pk).published_at == NOW
    assert indexed() == [project.pk]
    context = {"title": FIELDS["title"], "url": url(project)}
    assert sorted(told("partnering/email/project_published"), key=lambda t: t[0].pk) == sorted(
        [
            (ru_owner, {**context, "name": ru_owner.display_name}),
            (uz_owner, {**context, "name": uz_owner.display_name}),
        ],
        key=lambda t: t[0].pk,
    )
    services.project_consent(actor=uz_owner, partner=place(project, uz_org), consent=False)
    assert JointProject.objects.get(pk=project.pk).published_at is None
    assert (place(project, uz_org).consented_at, place(project, uz_org).consented_by) == (
        None,
        None,
    )
    assert indexed() == []
    partner_ids = {o: place(project, o).pk for o in (ru_org, uz_org)}
    assert trail(project)[-6:] == [
        ("project.confirm", uz_owner, {"partner": partner_ids[uz_org]}),
        ("project.consent", ru_owner, {"partner": partner_ids[ru_org]}),
        ("project.consent", uz_owner, {"partner": partner_ids[uz_org]}),
        ("project.publish", uz_owner, {}),
        ("project.withdraw", uz_owner, {"partner": partner_ids[uz_org]}),
        ("project.unpublish", uz_owner, {}),
    ]


def test_consenting_again_to_a_public_project_does_not_publish_it_again(
    ru_org, uz_org, ru_owner, run_on_commit
):
    project = published_project(ru_org, uz_org)
    published_at = JointProject.objects.get(pk=project.pk).published_at
    with run_on_commit():
        services.project_consent(actor=ru_owner, partner=place(project, ru_org))
    assert JointProject.objects.get(pk=project.pk).published_at == published_at
    assert [a for a, _actor, _data in trail(project)].count("project.publish") == 1
