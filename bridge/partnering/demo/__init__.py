"""Partnering's part of `seed_demo`: the organisations' kind and size, offers and requests in
every language (through the services, so they are validated, audited and indexed as in the UI),
their matches, and expressions of interest in every state. Idempotent: listings are found by
organisation and reference, interests by listing and organisation."""

from datetime import timedelta

from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.core.demo import DemoContext
from bridge.partnering.demo.data import INTERESTS, LISTINGS, PROFILES, DemoListing
from bridge.partnering.demo.events import build_events
from bridge.partnering.demo.projects import build_projects
from bridge.partnering.models import Interest, Listing, Match, PartnerProfile
from bridge.partnering.services import interest as interests
from bridge.partnering.services import listings as services
from bridge.partnering.services.matching import matches_recompute
from bridge.partnering.services.profiles import partner_profile_set
from bridge.partnering.vocabulary import Status

REPLIES = {
    "accepted": "Отлично, давайте созвонимся на следующей неделе.",
    "declined": "Спасибо, но мы уже выбрали партнёра для этих съёмок.",
}


def _owner(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _fields(spec: DemoListing) -> dict:
    return {
        "kind": spec.kind,
        "type": spec.type,
        "sectors": list(spec.sectors),
        "title": spec.title,
        "summary": spec.summary,
        "description": spec.description,
        "language": spec.language,
        "keywords": list(spec.keywords),
        "heritage": list(spec.heritage),
        "countries_sought": list(spec.countries_sought),
        "partner_kinds": list(spec.partner_kinds),
        "partner_sizes": [],
        "stage": spec.stage,
        "budget_min": spec.budget[0] if spec.budget else None,
        "budget_max": spec.budget[1] if spec.budget else None,
        "currency": spec.currency,
        "anonymous": spec.anonymous,
        "open_for_interest": True,
    }


def _listing(ctx: DemoContext, spec: DemoListing, moderator) -> Listing:
    organisation = ctx.organisations[spec.org]
    owner = _owner(organisation)
    listing = Listing.objects.filter(organisation=organisation, ref=spec.ref).first()
    if listing is not None:
        before = listing.updated_at
        if listing.status in (Status.DRAFT, Status.RETURNED, Status.PUBLISHED):
            listing = services.listing_update(actor=owner, listing=listing, **_fields(spec))
        ctx.count("Partnering listings", "updated" if listing.updated_at != before else "unchanged")
        return listing
    listing = services.listing_create(
        actor=owner, organisation=organisation, ref=spec.ref, **_fields(spec)
    )
    if spec.status != "draft":
        services.listing_submit(actor=owner, listing=listing)
    if spec.status == "published":
        services.listing_validate(actor=moderator, listing=listing, decision="publish")
    elif spec.status == "returned":
        services.listing_validate(
            actor=moderator, listing=listing, decision="return", reason=spec.reason
        )
    ctx.count("Partnering listings", "created")
    return Listing.objects.get(pk=listing.pk)


def _interest(ctx: DemoContext, sender_key, ref, owner_key, state) -> None:
    listing = Listing.objects.get(organisation=ctx.organisations[owner_key], ref=ref)
    sender_org = ctx.organisations[sender_key]
    if Interest.objects.filter(listing=listing, organisation=sender_org).exists():
        ctx.count("Expressions of interest", "unchanged")
        return
    sender = _owner(sender_org)
    interest = interests.interest_send(
        actor=sender,
        listing=listing,
        organisation=sender_org,
        message="Здравствуйте! Нам интересно ваше предложение, расскажем о себе подробнее.",
        brings="Команда из 20 художников и опыт совместных проектов с российскими студиями.",
        expects="Совместное производство и выход на рынок России и СНГ.",
        timing="С марта, на 12 месяцев.",
    )
    owner = _owner(listing.organisation)
    if state == "accepted":
        interest = interests.interest_accept(actor=owner, interest=interest)
        interests.interest_message_post(actor=owner, interest=interest, body=REPLIES["accepted"])
    elif state == "declined":
        interests.interest_decline(actor=owner, interest=interest, reason=REPLIES["declined"])
    elif state == "expired":
        # Sent fifteen days ago and never answered: the clock expires it, as in production.
        Interest.objects.filter(pk=interest.pk).update(
            created_at=timezone.now() - timedelta(days=15)
        )
        interests.interests_tick()
    ctx.count("Expressions of interest", "created")


def build_demo(ctx: DemoContext) -> None:
    moderator = ctx.people["moderator"]
    for key, (kind, size) in PROFILES.items():
        organisation = ctx.organisations[key]
        exists = PartnerProfile.objects.filter(organisation=organisation, kind=kind, size=size)
        if not exists.exists():
            partner_profile_set(actor=None, organisation=organisation, kind=kind, size=size)
    ids = [_listing(ctx, spec, moderator).pk for spec in LISTINGS]
    matches_recompute(listing_ids=ids)
    for sender, ref, owner, state in INTERESTS:
        _interest(ctx, sender, ref, owner, state)
    # Matches already announced: the first weekly digest reports only what comes after the demo.
    Match.objects.filter(notified_at__isnull=True).update(notified_at=timezone.now())
    build_projects(ctx)
    build_events(ctx, _owner)
