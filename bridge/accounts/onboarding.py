"""A new organisation's first steps: the checklist on its page, ticked by what it has done.

Accounts sits below the domain apps, so it cannot ask them whether an organisation has a
material, a listing or an application. Each app registers its "first piece of work" here from
its AppConfig.ready(), the way it registers its search index and its navigation section.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Invitation, Membership, Organisation, Verification


@dataclass(frozen=True)
class FirstWork:
    """One kind of work an organisation can start with: a material, a listing, an application."""

    key: str
    action: str  # the link's text: "Add a material"
    exists: Callable[[int], bool]  # given the organisation's id
    url: Callable[[Organisation], str]
    position: int = 50


_first_work: dict[str, FirstWork] = {}


def register_first_work(work: FirstWork) -> None:
    _first_work[work.key] = work


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done: bool
    links: tuple[Link, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return self.done_count == self.total


def _verification_step(organisation: Organisation) -> Step:
    note = ""
    links: tuple[Link, ...] = ()
    if organisation.verification == Verification.PENDING:
        note = str(_("Asked for: the moderators are checking it."))
    elif not organisation.registration_number:
        links = (
            Link(
                str(_("Add the registration number")),
                reverse("organisations:edit", args=[organisation.slug]),
            ),
        )
    elif not organisation.is_verified:
        links = (Link(str(_("Request verification")), "#verification-title"),)
    return Step(
        "verify",
        str(_("Get verified by the agency")),
        organisation.is_verified,
        links,
        note,
    )


def _profile_step(organisation: Organisation) -> Step:
    has_description = any(
        (organisation.description_ru, organisation.description_uz, organisation.description_en)
    )
    done = bool(organisation.logo) and has_description
    if done:
        note = ""
    elif not organisation.logo and not has_description:
        note = str(_("Still missing: a logo and a description."))
    elif not organisation.logo:
        note = str(_("Still missing: a logo."))
    else:
        note = str(_("Still missing: a description."))
    return Step(
        "profile",
        str(_("Add a logo and a description")),
        done,
        () if done else (Link(str(_("Edit the organisation")), _edit_url(organisation)),),
        note,
    )


def _edit_url(organisation: Organisation) -> str:
    return reverse("organisations:edit", args=[organisation.slug])


def _first_work_step(organisation: Organisation) -> Step:
    works = sorted(_first_work.values(), key=lambda work: (work.position, work.key))
    done = any(work.exists(organisation.pk) for work in works)
    links = () if done else tuple(Link(str(work.action), work.url(organisation)) for work in works)
    return Step(
        "first-work",
        str(_("Add your first material, listing or application")),
        done,
        links,
    )


def _colleague_step(organisation: Organisation) -> Step:
    # An invitation sent counts: the step is about reaching out, not about the answer.
    done = (
        Membership.objects.filter(organisation=organisation).count() > 1
        or Invitation.objects.filter(organisation=organisation, revoked_at__isnull=True).exists()
    )
    members_url = reverse("organisations:members", args=[organisation.slug])
    return Step(
        "colleague",
        str(_("Invite a colleague to join you")),
        done,
        () if done else (Link(str(_("Invite a colleague")), f"{members_url}#invite-title"),),
    )


def onboarding_checklist(*, organisation: Organisation) -> Checklist:
    """The first steps, each ticked from the organisation's data: nothing is stored."""
    return Checklist(
        (
            _verification_step(organisation),
            _profile_step(organisation),
            _first_work_step(organisation),
            _colleague_step(organisation),
        )
    )
