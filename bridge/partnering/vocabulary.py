"""The fixed vocabularies of partnering (the import contract in docs/DESIGN.md names the codes),
with labels for people. Codes never change; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


def opposite(kind: str) -> str:
    return Kind.REQUEST if kind == Kind.OFFER else Kind.OFFER


class ListingType(models.TextChoices):
    CO_PRODUCTION = "co-production", _("Co-production")
    PRODUCTION_SERVICES = "production-services", _("Production services")
    OUTSOURCING = "outsourcing", _("Outsourcing")
    PUBLISHING = "publishing", pgettext_lazy("partnering type", "Publishing")
    LICENSING = "licensing", _("Licensing")
    SUPPLY = "supply", _("Supply")
    COLLABORATION = "collaboration", _("Collaboration")
    INVESTMENT = "investment", _("Investment")
    DISTRIBUTION = "distribution", _("Distribution")
    EDUCATION = "education", _("Education")


# The types whose listings say how far the project is and what it costs (issue 10, point 1).
STAGED_TYPES = frozenset(
    {ListingType.CO_PRODUCTION, ListingType.PUBLISHING, ListingType.INVESTMENT}
)


class Sector(models.TextChoices):
    FILM = "film", _("Film")
    ANIMATION = "animation", _("Animation")
    GAMES = "games", _("Games")
    FASHION = "fashion", _("Fashion")
    DESIGN = "design", _("Design")
    CRAFTS = "crafts", _("Crafts")
    MUSIC = "music", _("Music")
    PUBLISHING = "publishing", pgettext_lazy("sector", "Publishing")


class Stage(models.TextChoices):
    """How far the project is; ordered, so neighbouring stages fit partly."""

    IDEA = "idea", _("Idea")
    DEVELOPMENT = "development", _("Development")
    PRE_PRODUCTION = "pre-production", _("Pre-production")
    PRODUCTION = "production", _("Production")
    POST_PRODUCTION = "post-production", _("Post-production")
    RELEASED = "released", _("Released")


STAGE_ORDER = {code: n for n, code in enumerate(Stage.values)}


class OrganisationKind(models.TextChoices):
    STUDIO = "studio", _("Studio")
    PRODUCER = "producer", _("Producer")
    PUBLISHER = "publisher", _("Publisher or distributor")
    BROADCASTER = "broadcaster", _("Broadcaster or platform")
    BRAND = "brand", _("Brand")
    DESIGNER = "designer", _("Designer or artist")
    MANUFACTURER = "manufacturer", _("Manufacturer or supplier")
    INVESTOR = "investor", _("Investor or fund")
    EDUCATION = "education", _("School or university")
    AGENCY = "agency", _("Agency or public body")
    OTHER = "other", _("Other")


class OrganisationSize(models.TextChoices):
    MICRO = "1-9", _("1–9 people")
    SMALL = "10-49", _("10–49 people")
    MEDIUM = "50-249", _("50–249 people")
    LARGE = "250+", _("250 people or more")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for validation")
    PUBLISHED = "published", pgettext_lazy("listing status", "Published")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", pgettext_lazy("listing status", "Rejected")
    ARCHIVED = "archived", _("Archived")


# What the owner may still edit (a published listing stays published when edited).
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED, Status.PUBLISHED})


class InterestStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("interest status", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("interest status", "Accepted")
    DECLINED = "declined", pgettext_lazy("interest status", "Declined")
    EXPIRED = "expired", pgettext_lazy("interest status", "Expired")


LANGUAGES = (
    ("ru", _("Russian")),
    ("uz", _("Uzbek (Latin)")),
    ("uz-Cyrl", _("Uzbek (Cyrillic)")),
    ("en", _("English")),
)
LANGUAGE_CODES = tuple(code for code, _label in LANGUAGES)

CURRENCIES = ("RUB", "UZS", "USD", "EUR")

MAX_KEYWORDS = 5
TITLE_MAX, SUMMARY_MAX, DESCRIPTION_MAX = 200, 1_000, 8_000
