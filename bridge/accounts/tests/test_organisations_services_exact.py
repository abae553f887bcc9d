"""Organisation services, to the exact value a person sees: which field an error is shown at and
what it says, the limits on both sides of the edge, the address (slug) a new profile gets, when
an edit sends a verified profile back for verification, the stamps each step records, the audit
rows, what the directory is told to re-index, and who is told about a verification decision.
Written for the mutation score of issue 18."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Membership, Organisation, Role, Verification
from bridge.accounts.services import organisations as services
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.accounts.validators import inn_with_check_digits
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

EARLIER = NOW - timedelta(days=10)
STIR = "301234567"  # a well-formed Uzbek STIR
INN = "7707083893"  # a real Russian INN (Sberbank's)
# The slug's random suffix leaves out look-alikes (l, o, 0, 1) so an address can be read aloud.
SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@pytest.fixture
def told(monkeypatch):
    """Each `notify` the services make: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, services)


@pytest.fixture
def reindexed(monkeypatch):
    """What the directory's search is asked to re-index, with the state each object had then:
    (key, [(pk, verification, sector codes)])."""
    calls = []

    def record(*, key, objects):
        calls.append(
            (
                key,
                [
                    (o.pk, o.verification, sorted(o.sectors.values_list("code", flat=True)))
                    for o in objects
                ],
            )
        )

    monkeypatch.setattr(services, "search_index_update", record)
    return calls


@pytest.fixture
def suffixes(monkeypatch):
    """The slug suffixes drawn, in order, with what each draw was asked for."""
    state = {"next": ["aaaa", "bbbb", "cccc"], "asked": []}

    def draw(length, allowed_chars):
        state["asked"].append((length, allowed_chars))
        return state["next"].pop(0)

    monkeypatch.setattr(services, "get_random_string", draw)
    return state


@pytest.fixture
def uz_org(db):
    """A verified Uzbek profile with one owner, one administrator and one member."""
    organisation = OrganisationFactory(
        name="Aurora",
        country="UZ",
        legal_form="uz-mchj",
        registration_number=STIR,
        verification=Verification.VERIFIED,
        verified_at=EARLIER,
    )
    for role in (Role.OWNER, Role.ADMIN, Role.MEMBER):
        Membership.objects.create(organisation=organisation, user=UserFactory(), role=role)
    return organisation


def person(organisation, role):
    return organisation.memberships.get(role=role).user


def stored(organisation) -> Organisation:
    return Organisation.objects.get(pk=organisation.pk)


def create(actor, **fields):
    return services.organisation_create(
        actor=actor, **{"name": "Aurora", "country": "UZ", **fields}
    )


def create_error(actor, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        create(actor, **fields)
    return excinfo.value.message_dict


# --- creating -------------------------------------------------------------------------------


def test_create_stores_the_cleaned_profile_makes_the_actor_owner_audits_and_indexes(
    outsider, clock, reindexed
):
    organisation = create(
        outsider,
        name="Aurora Studio",
        legal_form="uz-mchj",
        registration_number=" 301 234-567 ",
        website="https://aurora.example.uz",
        description_ru="Студия",
        description_uz="Studiya",
        description_en="A studio",
        is_it_park_resident=True,
        sectors=["games", "film", "no-such-sector"],
    )
    row = stored(organisation)
    assert (row.name, row.slug, str(row.country), row.legal_form, row.registration_number) == (
        "Aurora Studio",
        "aurora-studio",
        "UZ",
        "uz-mchj",
        "301234567",  # the spaces and dashes people paste are gone
    )
    assert (row.website, row.description_ru, row.description_uz, row.description_en) == (
        "https://aurora.example.uz",
        "Студия",
        "Studiya",
        "A studio",
    )
    assert row.is_it_park_resident is True
    # A new profile is not verified until a moderator says so.
    assert (row.verification, row.verification_reason, row.verified_at) == (
        Verification.UNVERIFIED,
        "",
        None,
    )
    assert (row.created_at, row.updated_at) == (NOW, NOW)
    assert sorted(row.sectors.values_list("code", flat=True)) == ["film", "games"]
    assert list(row.memberships.values_list("user", "role")) == [(outsider.pk, Role.OWNER)]
    assert trail(row) == [("organisation.create", outsider, {})]
    assert reindexed == [("organisations", [(row.pk, Verification.UNVERIFIED, ["film", "games"])])]


def test_create_without_sectors_has_none(outsider):
    assert list(create(outsider).sectors.all()) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"verification": "verified"}, "unexpected fields: ['verification']"),
        ({"verified_at": NOW, "slug": "mine"}, "unexpected fields: ['slug', 'verified_at']"),
    ],
)
def test_create_takes_only_the_editable_fields(outsider, reindexed, fields, message):
    with pytest.raises(TypeError) as excinfo:
        create(outsider, **fields)
    assert str(excinfo.value) == message
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()
    assert reindexed == []


# --- the address ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ёлка Студия", "yolka-studiya"),  # Cyrillic is spelt in Latin letters
        ("Ўзбек Қўл Ҳунар", "ozbek-qol-hunar"),
        ("Studio & Sons!", "studio-sons"),
        ("!!!", "org"),  # nothing to spell: still an address
        ("x" * 60, "x" * 60),
        ("x" * 61, "x" * 60),
        # Cut at 60 characters, a dash left at the end is trimmed.
        ("a" * 59 + " " + "b" * 10, "a" * 59),
        ("news", "news"),  # only the exact reserved words are avoided
    ],
)
def test_the_address_is_spelt_from_the_name(outsider, suffixes, name, slug):
    assert create(outsider, name=name).slug == slug
    assert suffixes["asked"] == []


@pytest.mark.parametrize("name", ["New", "Legal Forms", "Moderation", "Invitations"])
def test_an_address_never_hides_a_page_under_organisations(outsider, suffixes, name):
    base = {"New": "new"}.get(name, name.lower().replace(" ", "-"))
    assert create(outsider, name=name).slug == f"{base}-aaaa"
    assert suffixes["asked"] == [(4, SUFFIX_ALPHABET)]


def test_a_taken_address_gets_a_suffix_drawn_until_it_is_free(outsider, suffixes):
    OrganisationFactory(slug="aurora", registration_number="")
    OrganisationFactory(slug="aurora-aaaa", registration_number="")
    assert create(outsider).slug == "aurora-bbbb"  # the suffix is on the name's own spelling
    assert suffixes["asked"] == [(4, SUFFIX_ALPHABET)] * 2


def test_the_real_suffix_is_four_readable_characters(outsider):
    create(outsider, name="new")
    slug = Organisation.objects.get().slug
    assert re.fullmatch(rf"new-[{SUFFIX_ALPHABET}]{{4}}", slug), slug


# --- what is checked on create and edit ------------------------------------------------------


def test_a_legal_form_of_another_country_is_refused_and_nothing_is_made(outsider, reindexed):
    assert create_error(outsider, legal_form="ru-ooo") == {
        "legal_form": ["Choose a legal form that exists in the selected country."]
    }
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.exists()
    assert reindexed == []


@pytest.mark.parametrize(
    ("country", "legal_form"),
    [("UZ", "uz-ntt"), ("RU", "ru-fond"), ("KZ", "company"), ("DE", "other"), ("UZ", "")],
)
def test_legal_forms_of_the_country_or_the_general_ones_elsewhere(outsider, country, legal_form):
    assert create(outsider, country=country, legal_form=legal_form).legal_form == legal_form


@pytest.mark.parametrize(("country", "legal_form"), [("KZ", "ru-ooo"), ("RU", "company")])
def test_the_general_forms_are_only_for_other_countries(outsider, country, legal_form):
    assert create_error(outsider, country=country, legal_form=legal_form) == {
        "legal_form": ["Choose a legal form that exists in the selected country."]
    }


RU_LENGTH = "A Russian INN has 10 digits (organisations) or 12 digits (individuals)."
RU_CHECKSUM = "This INN's check digits do not match; please check the number."
UZ_STIR = "An Uzbek STIR (TIN) has exactly 9 digits."
TOO_LONG = "A registration number has at most 32 characters."


@pytest.mark.parametrize(
    ("country", "number", "message"),
    [
        ("RU", "770708389", RU_LENGTH),
        ("RU", "7707083890", RU_CHECKSUM),
        ("UZ", "30123456", UZ_STIR),
        ("UZ", "3012345678", UZ_STIR),
        ("KZ", "x" * 33, TOO_LONG),
    ],
)
def test_a_malformed_registration_number_is_refused_at_its_field(
    outsider, country, number, message
):
    assert create_error(outsider, country=country, registration_number=number) == {
        "registration_number": [message]
    }
    assert not Organisation.objects.exists()


def test_another_number_of_the_same_country_is_no_duplicate(outsider, uz_org):
    assert create(outsider, registration_number="302-000-001").registration_number == "302000001"
    assert Organisation.objects.filter(country="UZ").count() == 2


@pytest.mark.parametrize(
    ("country", "number"),
    [("RU", INN), ("RU", inn_with_check_digits("5003001234")), ("KZ", "x" * 32), ("UZ", "")],
)
def test_a_well_formed_registration_number_is_kept(outsider, country, number):
    assert create(outsider, country=country, registration_number=number).registration_number == (
        number
    )


def test_both_problems_are_shown_at_once(outsider):
    assert create_error(outsider, legal_form="ru-ooo", registration_number="1") == {
        "legal_form": ["Choose a legal form that exists in the selected country."],
        "registration_number": [UZ_STIR],
    }


def test_one_registration_number_is_one_profile_per_country(outsider, uz_org, reindexed):
    assert create_error(outsider, registration_number="301-234-567") == {
        "registration_number": [
            "An organisation with this registration number is already registered. "
            "Ask its owner to invite you."
        ]
    }
    assert Organisation.objects.count() == 1
    assert reindexed == []
    # The same digits in another country belong to someone else.
    assert create(outsider, country="KZ", registration_number=STIR).registration_number == STIR


def test_a_registration_that_races_another_to_its_number_is_refused_at_the_field(
    outsider, monkeypatch, reindexed
):
    """Two people register one company at the same moment: both pass the check, the
    database keeps the first, and the second is told as if the check had caught it. The
    other registration commits between this one's checks and its save."""
    real_unique = services._unique_slug

    def checked_then_the_other_commits(name):
        OrganisationFactory(name="First", country="UZ", registration_number=STIR)
        return real_unique(name)

    monkeypatch.setattr(services, "_unique_slug", checked_then_the_other_commits)
    assert create_error(outsider, registration_number=STIR) == {
        "registration_number": [
            "An organisation with this registration number is already registered. "
            "Ask its owner to invite you."
        ]
    }
    # (The other registration, made inside this test's transaction, is rolled back with it.)
    assert not Organisation.objects.filter(name="Aurora").exists()
    assert not Membership.objects.filter(user=outsider).exists()
    assert not AuditEntry.objects.exists()


def test_an_address_drawn_by_another_registration_at_once_is_drawn_again(
    outsider, monkeypatch, suffixes
):
    OrganisationFactory(name="Aurora", slug="aurora", registration_number="")
    drawn = iter(["aurora"])  # what a registration a moment earlier also drew
    real_unique = services._unique_slug
    monkeypatch.setattr(
        services, "_unique_slug", lambda name: next(drawn, None) or real_unique(name)
    )
    assert create(outsider, registration_number="").slug == "aurora-aaaa"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": ""}, {"name": ["This field cannot be blank."]}),
        ({"name": "n" * 200}, {}),
        (
            {"name": "n" * 201},
            {"name": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
        ({"country": ""}, {"country": ["This field cannot be blank."]}),
        ({"website": "not a site"}, {"website": ["Enter a valid URL."]}),
    ],
)
def test_the_models_own_checks_apply(outsider, fields, errors):
    if not errors:
        assert create(outsider, **fields).name == fields["name"]
        return
    assert create_error(outsider, **fields) == errors
    assert not Organisation.objects.exists()


# --- editing --------------------------------------------------------------------------------


def update(actor, organisation, **fields):
    return services.organisation_update(actor=actor, organisation=organisation, **fields)


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_a_non_identity_edit_keeps_the_verification(uz_org, clock, reindexed, role):
    actor = person(uz_org, role)
    clock["now"] = NOW + timedelta(hours=1)
    returned = update(actor, uz_org, website="https://new.example.uz", description_en="New")
    row = stored(uz_org)
    assert returned == row
    assert (row.website, row.description_en) == ("https://new.example.uz", "New")
    assert (row.verification, row.verified_at) == (Verification.VERIFIED, EARLIER)
    assert row.updated_at == NOW + timedelta(hours=1)
    assert trail(uz_org) == [("organisation.update", actor, {"identity_changed": []})]
    assert reindexed == [("organisations", [(uz_org.pk, Verification.VERIFIED, [])])]


@pytest.mark.parametrize(
    ("fields", "changed"),
    [
        ({"name": "Aurora Two"}, ["name"]),
        ({"legal_form": "uz-aj"}, ["legal_form"]),
        ({"registration_number": "301234568"}, ["registration_number"]),
        (
            {"country": "RU", "legal_form": "ru-ooo", "registration_number": INN},
            ["country", "legal_form", "registration_number"],
        ),
        ({"registration_number": "301234568", "name": "B"}, ["name", "registration_number"]),
    ],
)
def test_an_identity_edit_sends_a_verified_profile_back_for_verification(
    uz_org, reindexed, fields, changed
):
    owner = person(uz_org, Role.OWNER)
    update(owner, uz_org, **fields)
    row = stored(uz_org)
    assert (row.verification, row.verified_at) == (Verification.PENDING, None)
    assert trail(uz_org) == [("organisation.update", owner, {"identity_changed": changed})]
    assert reindexed == [("organisations", [(uz_org.pk, Verification.PENDING, [])])]


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Aurora"},
        {"country": "UZ", "legal_form": "uz-mchj"},
        # The same number typed with spaces is the same number.
        {"registration_number": "301 234 567"},
    ],
)
def test_retyping_the_same_identity_is_no_change(uz_org, fields):
    update(person(uz_org, Role.OWNER), uz_org, **fields)
    row = stored(uz_org)
    assert (row.verification, row.verified_at, row.registration_number) == (
        Verification.VERIFIED,
        EARLIER,
        STIR,
    )
    assert trail(uz_org)[0][2] == {"identity_changed": []}


@pytest.mark.parametrize(
    "state", [Verification.UNVERIFIED, Verification.PENDING, Verification.REJECTED]
)
def test_an_identity_edit_leaves_an_unverified_state_as_it_is(uz_org, state):
    Organisation.objects.filter(pk=uz_org.pk).update(
        verification=state, verification_reason="Old reason", verified_at=None
    )
    uz_org.refresh_from_db()
    update(person(uz_org, Role.OWNER), uz_org, name="Renamed")
    row = stored(uz_org)
    assert (row.name, row.verification, row.verification_reason) == ("Renamed", state, "Old reason")


def test_sectors_are_replaced_only_when_given(uz_org, reindexed):
    owner = person(uz_org, Role.OWNER)
    update(owner, uz_org, sectors=["music", "crafts", "nonsense"])
    assert sorted(stored(uz_org).sectors.values_list("code", flat=True)) == ["crafts", "music"]
    update(owner, uz_org, website="https://aurora.example.uz")
    assert sorted(stored(uz_org).sectors.values_list("code", flat=True)) == ["crafts", "music"]
    update(owner, uz_org, sectors=[])
    assert list(stored(uz_org).sectors.all()) == []
    assert [sectors for _key, [(_pk, _v, sectors)] in reindexed] == [
        ["crafts", "music"],
        ["crafts", "music"],
        [],
    ]


def test_an_edit_keeps_its_own_registration_number(uz_org):
    # The profile's own number is not a duplicate of itself.
    update(person(uz_org, Role.OWNER), uz_org, registration_number=STIR, name="Renamed")
    assert stored(uz_org).name == "Renamed"


def test_an_edit_to_another_profiles_number_is_refused_and_nothing_is_saved(uz_org, reindexed):
    OrganisationFactory(country="UZ", registration_number="301234568", legal_form="")
    with pytest.raises(ValidationError) as excinfo:
        update(person(uz_org, Role.OWNER), uz_org, registration_number="301234568", name="X")
    assert excinfo.value.message_dict == {
        "registration_number": [
            "An organisation with this registration number is already registered. "
            "Ask its owner to invite you."
        ]
    }
    row = stored(uz_org)
    assert (row.name, row.registration_number, row.verification) == (
        "Aurora",
        STIR,
        Verification.VERIFIED,
    )
    assert not AuditEntry.objects.exists()
    assert reindexed == []


def test_an_invalid_edit_is_shown_at_its_field(uz_org):
    with pytest.raises(ValidationError) as excinfo:
        update(person(uz_org, Role.OWNER), uz_org, legal_form="ru-ao")
    assert excinfo.value.message_dict == {
        "legal_form": ["Choose a legal form that exists in the selected country."]
    }
    assert stored(uz_org).legal_form == "uz-mchj"


def test_a_refused_edit_leaves_the_callers_copy_as_it_was(uz_org):
    """The edit form is shown again with the profile: its heading keeps the saved name."""
    with pytest.raises(ValidationError):
        update(person(uz_org, Role.OWNER), uz_org, name="Renamed", legal_form="ru-ao")
    assert (uz_org.name, uz_org.legal_form) == ("Aurora", "uz-mchj")


def test_an_edit_shows_on_the_callers_copy(uz_org):
    returned = update(person(uz_org, Role.OWNER), uz_org, name="Renamed")
    assert (uz_org.name, uz_org.verification, returned.name) == (
        "Renamed",
        Verification.PENDING,
        "Renamed",
    )


def test_an_edit_from_a_page_read_before_verification_keeps_the_moderators_decision(
    uz_org, reindexed
):
    """The owner opened the form while the profile was unverified; a moderator verified it
    since. A description edit must not write the old state back over the decision."""
    Organisation.objects.filter(pk=uz_org.pk).update(
        verification=Verification.UNVERIFIED, verified_at=None
    )
    page = stored(uz_org)
    Organisation.objects.filter(pk=uz_org.pk).update(
        verification=Verification.VERIFIED, verified_at=EARLIER
    )
    update(person(uz_org, Role.OWNER), page, description_en="New")
    row = stored(uz_org)
    assert (row.description_en, row.verification, row.verified_at) == (
        "New",
        Verification.VERIFIED,
        EARLIER,
    )
    assert reindexed == [("organisations", [(uz_org.pk, Verification.VERIFIED, [])])]


@pytest.mark.parametrize("who", ["member", "outsider", "moderator"])
def test_only_the_owner_and_administrators_edit(request, uz_org, reindexed, who):
    actor = person(uz_org, Role.MEMBER) if who == "member" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        update(actor, uz_org, name="Hijacked", sectors=["games"])
    row = stored(uz_org)
    assert (row.name, row.verification) == ("Aurora", Verification.VERIFIED)
    assert list(row.sectors.all()) == []
    assert not AuditEntry.objects.exists()
    assert reindexed == []


def test_an_edit_takes_only_the_editable_fields(uz_org):
    with pytest.raises(TypeError) as excinfo:
        update(person(uz_org, Role.OWNER), uz_org, verification="verified", name="X")
    assert str(excinfo.value) == "unexpected fields: ['verification']"
    assert stored(uz_org).name == "Aurora"


# --- asking for verification -----------------------------------------------------------------


def unverified(organisation, state=Verification.UNVERIFIED, **fields):
    Organisation.objects.filter(pk=organisation.pk).update(
        verification=state, verified_at=None, updated_at=EARLIER, **fields
    )
    organisation.refresh_from_db()
    return organisation


@pytest.mark.parametrize(
    ("state", "role"),
    [
        (Verification.UNVERIFIED, Role.OWNER),
        (Verification.REJECTED, Role.ADMIN),
    ],
)
def test_asking_for_verification_makes_the_profile_pending(uz_org, clock, reindexed, state, role):
    unverified(uz_org, state, verification_reason="Wrong STIR")
    actor = person(uz_org, role)
    uz_org.name = "Not saved by this step"
    assert services.organisation_request_verification(actor=actor, organisation=uz_org) is None
    row = stored(uz_org)
    assert (row.verification, row.updated_at) == (Verification.PENDING, NOW)
    # Only the state is written: the moderator's earlier reason and the name stay as stored.
    assert (row.name, row.verification_reason) == ("Aurora", "Wrong STIR")
    assert trail(uz_org) == [("organisation.verification_requested", actor, {})]
    assert reindexed == [("organisations", [(uz_org.pk, Verification.PENDING, [])])]


@pytest.mark.parametrize("state", [Verification.VERIFIED, Verification.PENDING])
def test_asking_again_or_when_verified_does_nothing(uz_org, reindexed, state):
    unverified(uz_org, state)
    services.organisation_request_verification(
        actor=person(uz_org, Role.OWNER), organisation=uz_org
    )
    row = stored(uz_org)
    assert (row.verification, row.updated_at) == (state, EARLIER)
    assert not AuditEntry.objects.exists()
    assert reindexed == []


def test_verification_needs_a_registration_number(uz_org, reindexed):
    unverified(uz_org, registration_number="")
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_request_verification(
            actor=person(uz_org, Role.OWNER), organisation=uz_org
        )
    assert excinfo.value.message_dict == {
        "registration_number": ["Add the registration number before asking for verification."]
    }
    assert stored(uz_org).verification == Verification.UNVERIFIED
    assert not AuditEntry.objects.exists()
    assert reindexed == []


@pytest.mark.parametrize("who", ["member", "outsider", "moderator"])
def test_only_the_owner_and_administrators_ask_for_verification(request, uz_org, who):
    unverified(uz_org)
    actor = person(uz_org, Role.MEMBER) if who == "member" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.organisation_request_verification(actor=actor, organisation=uz_org)
    assert stored(uz_org).verification == Verification.UNVERIFIED
    assert not AuditEntry.objects.exists()


# --- a moderator's decision ------------------------------------------------------------------


def by_person(told) -> list[tuple]:
    """What each person was told, in the order of their accounts (the order sent is not fixed)."""
    return sorted(told, key=lambda sent: sent[0].pk)


def test_a_moderator_verifies_the_owners_and_administrators_are_told_after_commit(
    uz_org, moderator, clock, told, reindexed, run_on_commit
):
    unverified(uz_org, Verification.PENDING, verification_reason="Earlier refusal")
    uz_org.description_en = "Not saved by this step"
    with run_on_commit():
        services.organisation_verify(actor=moderator, organisation=uz_org)
        assert told == []  # nobody hears of it before it is committed
    row = stored(uz_org)
    assert (row.verification, row.verification_reason, row.verified_at, row.updated_at) == (
        Verification.VERIFIED,
        "",
        NOW,
        NOW,
    )
    assert row.description_en == "A studio that makes games."
    assert trail(uz_org) == [("organisation.verify", moderator, {})]
    assert reindexed == [("organisations", [(uz_org.pk, Verification.VERIFIED, [])])]
    context = {"organisation": "Aurora", "url": f"/organisations/{row.slug}/"}
    assert by_person(told) == [
        (person(uz_org, Role.OWNER), "organisations/email/verified", context, ""),
        (person(uz_org, Role.ADMIN), "organisations/email/verified", context, ""),
    ]


def test_a_moderator_refuses_with_a_reason_the_owners_and_administrators_are_told(
    uz_org, moderator, clock, told, reindexed, run_on_commit
):
    with run_on_commit():
        services.organisation_reject(
            actor=moderator, organisation=uz_org, reason="  The STIR is someone else's.\n"
        )
        assert told == []
    row = stored(uz_org)
    assert (row.verification, row.verification_reason, row.verified_at, row.updated_at) == (
        Verification.REJECTED,
        "The STIR is someone else's.",
        None,
        NOW,
    )
    assert trail(uz_org) == [
        ("organisation.reject", moderator, {"reason": "The STIR is someone else's."})
    ]
    assert reindexed == [("organisations", [(uz_org.pk, Verification.REJECTED, [])])]
    context = {
        "organisation": "Aurora",
        "reason": "The STIR is someone else's.",
        "url": f"/organisations/{row.slug}/",
    }
    assert by_person(told) == [
        (person(uz_org, Role.OWNER), "organisations/email/rejected", context, ""),
        (person(uz_org, Role.ADMIN), "organisations/email/rejected", context, ""),
    ]


@pytest.mark.parametrize("reason", ["", "   \n\t"])
def test_a_refusal_without_a_reason_is_refused(uz_org, moderator, told, reindexed, reason):
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_reject(actor=moderator, organisation=uz_org, reason=reason)
    assert excinfo.value.message_dict == {"reason": ["Tell the owners why, so they can fix it."]}
    row = stored(uz_org)
    assert (row.verification, row.verified_at) == (Verification.VERIFIED, EARLIER)
    assert not AuditEntry.objects.exists()
    assert (told, reindexed) == ([], [])


@pytest.mark.parametrize("who", ["owner", "outsider", "analyst", "programme_manager"])
def test_only_moderators_decide(request, uz_org, told, reindexed, run_on_commit, who):
    actor = person(uz_org, Role.OWNER) if who == "owner" else request.getfixturevalue(who)
    unverified(uz_org, Verification.PENDING)
    with run_on_commit():
        with pytest.raises(PermissionDenied):
            services.organisation_verify(actor=actor, organisation=uz_org)
        with pytest.raises(PermissionDenied):
            services.organisation_reject(actor=actor, organisation=uz_org, reason="No.")
    row = stored(uz_org)
    assert (row.verification, row.verification_reason) == (Verification.PENDING, "")
    assert not AuditEntry.objects.exists()
    assert (told, reindexed) == ([], [])


def test_an_anonymous_visitor_cannot_decide(uz_org):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.organisation_verify(actor=AnonymousUser(), organisation=uz_org)
    with pytest.raises(PermissionDenied):
        services.organisation_reject(actor=AnonymousUser(), organisation=uz_org, reason="No.")
