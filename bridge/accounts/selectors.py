"""Reads about people and organisations, shaped for the pages and the API that show them."""

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts import rules
from bridge.accounts.models import Invitation, Membership, Organisation, Role, Sector, User
from bridge.accounts.search_index import OrganisationIndex
from bridge.search.paging import RankedHits


def organisation_list(
    *,
    countries: list[str] | None = None,
    sectors: list[str] | None = None,
    verified: bool | None = None,
    it_park: bool | None = None,
) -> QuerySet[Organisation]:
    """Public directory by name: filters combine with AND; several values of one filter with OR."""
    qs = Organisation.objects.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position"))
    )
    if countries:
        qs = qs.filter(country__in=countries)
    if sectors:
        qs = qs.filter(
            pk__in=Organisation.sectors.through.objects.filter(sector__code__in=sectors).values(
                "organisation_id"
            )
        )
    if verified is not None:
        qs = qs.filter(verification="verified") if verified else qs.exclude(verification="verified")
    if it_park is not None:
        qs = qs.filter(is_it_park_resident=it_park)
    return qs.order_by("name", "pk")


def organisation_directory(
    *,
    q: str = "",
    countries: list[str] | None = None,
    sectors: list[str] | None = None,
    verified: bool | None = None,
    it_park: bool | None = None,
    per_page: int = 20,
) -> QuerySet[Organisation] | RankedHits:
    """The directory as the page and the API list it: by name, or, with a query, the search
    engine's matches best first (any script, apostrophe or case; typos and other languages
    through the thesaurus), under the same filters."""
    if not q.strip():
        return organisation_list(
            countries=countries, sectors=sectors, verified=verified, it_park=it_park
        )
    filters: dict[str, list[str]] = {}
    if countries:
        filters["country"] = list(countries)
    if sectors:
        filters["sector"] = list(sectors)
    if verified is not None:
        filters["verified"] = ["yes" if verified else "no"]
    if it_park is not None:
        filters["it_park"] = ["yes" if it_park else "no"]
    queryset = Organisation.objects.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position"))
    )
    return RankedHits(
        key=OrganisationIndex.key,
        queryset=queryset,
        per_page=per_page,
        q=q,
        filters=filters,
        sort="relevance",
    )


def organisation_country_counts() -> dict[str, int]:
    rows = Organisation.objects.values("country").annotate(n=Count("pk")).order_by()
    return {str(row["country"]): row["n"] for row in rows}


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    # Owner first, then administrators, then members: alphabetical order of the codes would
    # put the owner last.
    rank = Case(
        When(role=Role.OWNER, then=Value(0)),
        When(role=Role.ADMIN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        organisation.memberships.select_related("user")
        .annotate(role_rank=rank)
        .order_by("role_rank", "user__full_name", "user__email")
    )


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations whose link still works: not accepted, not revoked, not expired."""
    fresh_since = timezone.now() - settings.INVITATION_MAX_AGE
    return (
        organisation.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, created_at__gte=fresh_since
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def organisations_for_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisations_awaiting_verification() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(verification="pending")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Role.OWNER).select_related("user"),
                to_attr="owner_memberships",
            )
        )
        .order_by("updated_at")
    )


def second_factor_summary(*, user) -> dict:
    """What the profile page says about the person's second factor."""
    return {
        "enabled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "codes_left": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
        "required": rules.must_use_two_factor(user),
    }
