"""`manage.py seed_demo`: deterministic, idempotent, valid, and its printed logins work."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.accounts.validators import is_valid_inn, is_valid_stir
from bridge.core.models import AuditEntry
from bridge.site.demo.people import LOGINS
from bridge.site.management.commands.seed_demo import DEMO_PASSWORD
from bridge.site.tests.worlds import WORLD_SETTINGS, rolled_back_world

pytestmark = pytest.mark.integration

LOGIN_ROW = re.compile(r"^(\S+@\S+)\s+(\S+)\s+(.+)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Argon2 is the production hasher; the seed hashes ~35 passwords (the demo's were hashed
    # so: signing in checks them with it).
    settings.PASSWORD_HASHERS = WORLD_SETTINGS["PASSWORD_HASHERS"]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def project_counts() -> dict[str, int]:
    """Rows of every model of the project's own apps (and groups), so any builder an app adds
    later is held to the same rule."""
    counted = {}
    for model in apps.get_models():
        if model.__module__.startswith("bridge.") or model._meta.label == "auth.Group":
            counted[model._meta.label] = model._default_manager.count()
    return counted


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeded once for the module (20–30 s); each test's writes, a second seed included, roll
    back to it."""
    media = tmp_path_factory.mktemp("demo-media")
    with rolled_back_world(django_db_blocker, media):
        yield media, seed()


@pytest.fixture
def seeded(db, settings, demo):
    """What the seed printed; the demo's files stay where it wrote them."""
    settings.MEDIA_ROOT, printed = demo
    return printed


def test_second_run_changes_nothing(seeded):
    before = project_counts()
    org_state = list(
        Organisation.objects.order_by("slug").values_list(
            "slug", "name", "registration_number", "verification", "updated_at"
        )
    )
    output = seed()
    assert project_counts() == before
    assert (
        list(
            Organisation.objects.order_by("slug").values_list(
                "slug", "name", "registration_number", "verification", "updated_at"
            )
        )
        == org_state
    )
    assert "created" not in output and "updated" not in output


def test_the_data_set_is_the_same_on_a_fresh_database(seeded):
    slugs = sorted(Organisation.objects.values_list("slug", flat=True))
    emails = sorted(User.objects.values_list("email", flat=True))
    # Apps above accounts protect what points at an organisation; a fresh database has none.
    for label in ("programs.Application", "materials.SampleRequest", "knowledge.Practice"):
        if label.split(".")[0] in django_apps.app_configs:
            django_apps.get_model(label).objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()
    seed()
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == slugs
    assert sorted(User.objects.values_list("email", flat=True)) == emails


def test_no_duplicates_by_natural_key(seeded):
    seed()
    names = list(Organisation.objects.values_list("name", flat=True))
    numbers = list(Organisation.objects.values_list("country", "registration_number"))
    assert len(names) == len(set(names))
    assert len(numbers) == len(set(numbers))
    pairs = list(Membership.objects.values_list("organisation_id", "user_id"))
    assert len(pairs) == len(set(pairs))


def test_organisations_of_both_countries_with_valid_numbers(seeded):
    organisations = list(Organisation.objects.prefetch_related("sectors"))
    # Core's ~28, plus the studios the programmes demo adds as applicants.
    assert 25 <= len(organisations) <= 90
    by_country = {"RU": 0, "UZ": 0}
    for organisation in organisations:
        country = str(organisation.country)
        by_country[country] += 1
        number = organisation.registration_number
        if country == "RU":
            assert is_valid_inn(number), (organisation.name, number)
        else:
            assert is_valid_stir(number), (organisation.name, number)
        written = [
            text
            for text in (
                organisation.description_ru,
                organisation.description_uz,
                organisation.description_en,
            )
            if text
        ]
        assert len(written) >= 2, organisation.name
        assert organisation.legal_form, organisation.name
        assert organisation.sectors.all(), organisation.name
        assert organisation.logo, organisation.name
    assert by_country["RU"] >= 10 and by_country["UZ"] >= 10
    suppliers = Organisation.objects.filter(country="UZ", sectors__code="materials-supply")
    assert suppliers.count() >= 9
    assert Organisation.objects.filter(is_it_park_resident=True).count() >= 2


def test_verification_states_are_set_by_the_moderator_and_audited(seeded):
    moderator = User.objects.get(email=LOGINS[0].email)
    verified = Organisation.objects.filter(verification=Verification.VERIFIED)
    assert verified.count() >= 20
    for organisation in verified:
        assert AuditEntry.objects.filter(
            action="organisation.verify", actor=moderator, target_id=str(organisation.pk)
        ).exists()
    assert Organisation.objects.filter(verification=Verification.PENDING).exists()
    rejected = Organisation.objects.get(verification=Verification.REJECTED)
    assert rejected.verification_reason
    assert AuditEntry.objects.filter(
        action="organisation.reject", target_id=str(rejected.pk)
    ).exists()


def test_organisation_roles_are_in_one_studio(seeded):
    owner, admin, member = (
        User.objects.get(email=login.email)
        for login in LOGINS
        if login.key in ("owner", "admin", "member")
    )
    studio = owner.memberships.get(role=Role.OWNER).organisation
    assert studio.memberships.get(user=admin).role == Role.ADMIN
    assert studio.memberships.get(user=member).role == Role.MEMBER
    plain = User.objects.get(email=next(x.email for x in LOGINS if x.key == "user"))
    assert not plain.memberships.exists() and not plain.is_staff


def test_it_prints_every_role_login_and_each_one_signs_in(seeded):
    rows = {email: (password, role) for email, password, role in LOGIN_ROW.findall(seeded)}
    for wanted in ("moderator", "programme manager", "analyst", "owner", "administrator"):
        assert any(wanted in role for _password, role in rows.values()), wanted
    assert any(role.strip().endswith("member (Sirin Interactive)") for _p, role in rows.values())
    # Core's logins, plus those other apps' demo builders add (a studio, a reviewer, …).
    assert {login.email for login in LOGINS} <= set(rows)
    for email, (password, _role) in rows.items():
        assert password == DEMO_PASSWORD
        user = User.objects.get(email=email)
        assert user.email_confirmed and user.is_active
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": email, "password": password}, follow=True
        )
        assert response.wsgi_request.user.is_authenticated, email
        assert response.wsgi_request.user.email == email


def test_staff_logins_carry_their_groups(seeded):
    for login in LOGINS:
        user = User.objects.get(email=login.email)
        if login.group:
            assert user.is_staff
            assert list(user.groups.values_list("name", flat=True)) == [login.group]
    moderator = User.objects.get(email=next(x.email for x in LOGINS if x.key == "moderator"))
    analyst = User.objects.get(email=next(x.email for x in LOGINS if x.key == "analyst"))
    assert moderator.has_perm("accounts.verify_organisation")
    assert not analyst.has_perm("accounts.verify_organisation")


def test_refuses_in_production_without_the_flag(db, settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    before = project_counts()  # the module's demo may be in the database already
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert project_counts() == before
