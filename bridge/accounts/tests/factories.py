import factory
from django.utils import timezone

from bridge.accounts.models import ApiToken, Membership, Organisation, Role, User, Verification
from bridge.accounts.models.tokens import hash_token
from bridge.accounts.search_index import OrganisationIndex
from bridge.accounts.validators import inn_with_check_digits
from bridge.search.services import search_index_update

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            if extracted:
                from django.contrib.auth.models import Group

                for name in extracted:
                    self.groups.add(Group.objects.get(name=name))
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")
    country = "RU"
    legal_form = "ru-ooo"
    # Valid 10-digit INNs, one per organisation (the database holds one profile per number);
    # the stems start at 1000…, far from the demo's.
    registration_number = factory.Sequence(lambda n: inn_with_check_digits(f"{100000000 + n}"))
    description_en = "A studio that makes games."
    verification = Verification.VERIFIED

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(organisation=self, user=extracted, role=Role.OWNER)

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        # What the services do, so that directory search finds factory rows too.
        if create:
            search_index_update(key=OrganisationIndex.key, objects=[self])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """Build with `raw=...` to know the secret: ApiTokenFactory(user=u, raw="cb_x")."""

    class Meta:
        model = ApiToken
        exclude = ["raw"]

    user = factory.SubFactory(UserFactory)
    name = "script"
    raw = factory.Sequence(lambda n: f"cb_test_token_{n:06d}")
    prefix = factory.LazyAttribute(lambda o: o.raw[:10])
    key_hash = factory.LazyAttribute(lambda o: hash_token(o.raw))
