"""Writes of joint projects: create (from an accepted expression of interest, or by hand), edit,
invite and confirm partners, consent to publication. Every action checks its permission, changes
the rows and writes the audit entry in one transaction, and keeps the search index (published
projects only) in step. Status steps and milestones are in services/project_status.py."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.audit import audit_log
from bridge.partnering import rules, rules_projects
from bridge.partnering.models import Interest, JointProject, ProjectPartner, ProjectStatusChange
from bridge.partnering.models.projects import (
    PROJECT_DESCRIPTION_MAX,
    PROJECT_TITLE_MAX,
    ProjectStatus,
)
from bridge.partnering.notifications import notify_organisation
from bridge.partnering.search_index_projects import PROJECTS_INDEX
from bridge.partnering.services.project_meeting import meeting_partners
from bridge.partnering.vocabulary import (
    LANGUAGE_CODES,
    LANGUAGES,
    InterestStatus,
    ListingType,
    Sector,
)
from bridge.search.services import search_index_update
from bridge.search.thesaurus import current

EDITABLE = ("title", "type", "sector", "heritage", "descriptions")
MAX_PARTNERS = 12


def language_of(organisation: Organisation) -> str:
    """The language a partner most likely writes in, until it says otherwise."""
    return {"RU": "ru", "UZ": "uz"}.get(str(organisation.country), "en")


def description_key(language: str) -> str:
    """Uzbek in either script shares one description: readers get it in their script."""
    return "uz" if language == "uz-Cyrl" else language


def project_fields_clean(fields: dict) -> dict:
    """The cleaned editable fields, or a ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    out: dict = {}
    title = (fields.get("title") or "").replace("\x00", "").strip()
    if not title:
        errors["title"] = _("This field is required.")
    elif len(title) > PROJECT_TITLE_MAX:
        errors["title"] = _("At most %(limit)d characters (now %(count)d).") % {
            "limit": PROJECT_TITLE_MAX,
            "count": len(title),
        }
    out["title"] = title
    out["type"] = fields.get("type") or ""
    if out["type"] not in ListingType.values:
        errors["type"] = _("Choose a type from the list.")
    out["sector"] = fields.get("sector") or ""
    if out["sector"] not in Sector.values:
        errors["sector"] = _("Choose a sector from the list.")
    heritage = [str(v).strip() for v in (fields.get("heritage") or []) if str(v).strip()]
    unknown = [v for v in heritage if v not in current().heritage_ids]
    if unknown:
        errors["heritage"] = _("Not a heritage theme: %(values)s.") % {
            "values": ", ".join(unknown[:5])
        }
    out["heritage"] = list(dict.fromkeys(heritage))
    descriptions = {}
    for language, text in (fields.get("descriptions") or {}).items():
        if language not in LANGUAGE_CODES:
            errors["descriptions"] = _("Choose ru, uz, uz-Cyrl or en.")
            continue
        text = (text or "").replace("\x00", "").strip()
        if len(text) > PROJECT_DESCRIPTION_MAX:
            errors["descriptions"] = _("At most %(limit)d characters (now %(count)d).") % {
                "limit": PROJECT_DESCRIPTION_MAX,
                "count": len(text),
            }
        if text:
            descriptions[description_key(language)] = text
    out["descriptions"] = descriptions
    if errors:
        raise ValidationError(errors)
    return out


def after_change(project: JointProject) -> None:
    """Published projects are in the search index; private ones are not."""
    search_index_update(key=PROJECTS_INDEX, objects=[project])


def _locked(project: JointProject) -> JointProject:
    return JointProject.objects.select_for_update().get(pk=project.pk)


def _partners(project: JointProject) -> list[ProjectPartner]:
    return list(project.partners.select_related("organisation").order_by("invited_at", "id"))


def _add_partner(project, organisation, *, actor, language="", confirmed=False) -> ProjectPartner:
    now = timezone.now()
    return ProjectPartner.objects.create(
        project=project,
        organisation=organisation,
        language=language or language_of(organisation),
        invited_by=actor,
        confirmed_at=now if confirmed else None,
        confirmed_by=actor if confirmed else None,
    )


def started_on_clean(value) -> date:
    """When the talks began: today unless told, never in the future."""
    today = timezone.localdate()
    if value in (None, ""):
        return today
    if not isinstance(value, date):
        raise ValidationError({"started_on": _("Enter a valid date.")})
    if value > today:
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    return value


def _start(project: JointProject, actor, partners, invited, started_on) -> JointProject:
    ProjectStatusChange.objects.create(
        project=project,
        status=ProjectStatus.TALKS,
        happened_on=started_on,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="project.create",
        target=project,
        partners=[p.organisation_id for p in partners],
    )
    for partner in invited:
        _invitation_sent(project, partner)
    return project


def _invitation_sent(project: JointProject, partner: ProjectPartner) -> None:
    notify_organisation(
        partner.organisation,
        template="partnering/email/project_invited",
        context={"title": project.title, "url": project.get_absolute_url()},
    )


@transaction.atomic
def project_create(
    *,
    actor,
    organisation: Organisation,
    partners: list[Organisation],
    started_on: date | None = None,
    meeting=None,
    **fields,
) -> JointProject:
    """By hand or from a held meeting (whose other side joins); the others are invited."""
    if not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    if meeting is not None:
        partners = [*partners, *meeting_partners(meeting=meeting, organisation=organisation)]
    others = list({o.pk: o for o in partners if o.pk != organisation.pk}.values())
    if not others:
        raise ValidationError(
            {"partners": _("A joint project needs at least one other partner organisation.")}
        )
    if len(others) >= MAX_PARTNERS:
        raise ValidationError(
            {"partners": _("At most %(count)d partners.") % {"count": MAX_PARTNERS}}
        )
    language = fields.pop("language", "") or ""
    if language and language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose ru, uz, uz-Cyrl or en.")})
    cleaned = project_fields_clean(fields)
    started_on = started_on_clean(started_on)
    project = JointProject.objects.create(created_by=actor, meeting=meeting, **cleaned)
    own = _add_partner(project, organisation, actor=actor, language=language, confirmed=True)
    invited = [_add_partner(project, other, actor=actor) for other in others]
    return _start(project, actor, [own, *invited], invited, started_on)


@transaction.atomic
def project_create_from_interest(
    *, actor, interest: Interest, started_on: date | None = None, **fields
) -> JointProject:
    """From an accepted expression of interest: both sides are partners; the actor's side is
    confirmed, the other is invited. Fields not given come from the listing."""
    interest = (
        Interest.objects.select_for_update()
        .select_related("listing", "listing__organisation", "organisation")
        .get(pk=interest.pk)
    )
    owner, sender = interest.listing.organisation, interest.organisation
    mine = set(rules.user_organisation_ids(actor))
    if owner.pk not in mine and sender.pk not in mine:
        raise PermissionDenied
    if interest.status != InterestStatus.ACCEPTED:
        raise ValidationError(
            _("A joint project can be created from an accepted expression of interest only.")
        )
    if JointProject.objects.filter(interest=interest).exists():
        raise ValidationError(
            _("A joint project was already created from this expression of interest.")
        )
    listing = interest.listing
    defaults = {
        "title": listing.title,
        "type": listing.type,
        "sector": (listing.sectors or [""])[0],
        "heritage": list(listing.heritage),
        "descriptions": {listing.language: listing.summary},
    }
    cleaned = project_fields_clean({**defaults, **{k: v for k, v in fields.items() if v}})
    if started_on is None and interest.answered_at:
        started_on = timezone.localdate(interest.answered_at)
    started_on = started_on_clean(started_on)
    project = JointProject.objects.create(created_by=actor, interest=interest, **cleaned)
    own, other = (owner, sender) if owner.pk in mine else (sender, owner)
    own_language = listing.language if own.pk == owner.pk else ""
    other_language = listing.language if other.pk == owner.pk else ""
    mine_row = _add_partner(project, own, actor=actor, language=own_language, confirmed=True)
    other_row = _add_partner(project, other, actor=actor, language=other_language)
    return _start(project, actor, [mine_row, other_row], [other_row], started_on)


@transaction.atomic
def project_update(*, actor, project: JointProject, **fields) -> JointProject:
    project = _locked(project)
    if not rules_projects.can_edit_project(actor, project):
        raise PermissionDenied
    current_values = {name: getattr(project, name) for name in EDITABLE}
    cleaned = project_fields_clean({**current_values, **fields})
    if project.is_public:
        missing = _missing_descriptions(project, cleaned["descriptions"])
        if missing:
            raise ValidationError({"descriptions": _missing_message(missing)})
    changed = [name for name in EDITABLE if cleaned[name] != current_values[name]]
    for name in changed:
        setattr(project, name, cleaned[name])
    project.save()
    audit_log(actor=actor, action="project.update", target=project, fields=changed)
    after_change(project)
    return project


def _missing_descriptions(project: JointProject, descriptions: dict) -> list[str]:
    """The partners' languages the project is not described in yet, as labels."""
    labels = dict(LANGUAGES)
    needed = dict.fromkeys(description_key(p.language) for p in _partners(project))
    return [str(labels[code]) for code in needed if not descriptions.get(code)]


def _missing_message(missing: list[str]) -> str:
    return _("Describe the project in every partner's language; missing: %(languages)s.") % {
        "languages": ", ".join(missing)
    }


@transaction.atomic
def project_partner_invite(
    *, actor, project: JointProject, organisation: Organisation, language: str = ""
) -> ProjectPartner:
    project = _locked(project)
    if not rules_projects.can_edit_project(actor, project):
        raise PermissionDenied
    if language and language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose ru, uz, uz-Cyrl or en.")})
    partners = _partners(project)
    if any(p.organisation_id == organisation.pk for p in partners):
        raise ValidationError(
            {"organisation": _("This organisation is already a partner of the project.")}
        )
    if len(partners) >= MAX_PARTNERS:
        raise ValidationError(
            {"organisation": _("At most %(count)d partners.") % {"count": MAX_PARTNERS}}
        )
    partner = _add_partner(project, organisation, actor=actor, language=language)
    # A newcomer has not consented: the project is private again until it does.
    if project.published_at:
        project.published_at = None
        project.save(update_fields=["published_at", "updated_at"])
    audit_log(actor=actor, action="project.invite", target=project, organisation=organisation.pk)
    _invitation_sent(project, partner)
    after_change(project)
    return partner


def _locked_partner(partner: ProjectPartner) -> tuple[JointProject, ProjectPartner]:
    project = JointProject.objects.select_for_update().get(pk=partner.project_id)
    partner = ProjectPartner.objects.select_related("organisation").get(pk=partner.pk)
    return project, partner


@transaction.atomic
def project_partner_confirm(*, actor, partner: ProjectPartner) -> ProjectPartner:
    project, partner = _locked_partner(partner)
    if not rules_projects.can_answer_for(actor, partner):
        raise PermissionDenied
    if partner.confirmed:
        raise ValidationError(_("Your organisation has already confirmed its part."))
    partner.confirmed_at, partner.confirmed_by = timezone.now(), actor
    partner.save(update_fields=["confirmed_at", "confirmed_by"])
    audit_log(actor=actor, action="project.confirm", target=project, partner=partner.pk)
    return partner


@transaction.atomic
def project_partner_decline(*, actor, partner: ProjectPartner) -> None:
    """An invited organisation says it is not part of the project; its place goes."""
    project, partner = _locked_partner(partner)
    if not rules_projects.can_answer_for(actor, partner):
        raise PermissionDenied
    if partner.confirmed:
        raise ValidationError(_("Your organisation has already confirmed its part."))
    audit_log(
        actor=actor, action="project.decline", target=project, organisation=partner.organisation_id
    )
    partner.delete()
    _publish_if_agreed(project, actor)


def publication_problems(project: JointProject) -> list[str]:
    """Why the project cannot be published yet, in the reader's language (empty: it can)."""
    partners = _partners(project)
    problems = []
    if len(partners) < 2:
        problems.append(_("A joint project needs at least two partner organisations."))
    waiting = [p.organisation.name for p in partners if not p.confirmed]
    if waiting:
        problems.append(
            _(
                "Not every partner has confirmed its part in the project yet (waiting for "
                "%(names)s); it can be published only when every partner has confirmed."
            )
            % {"names": ", ".join(waiting)}
        )
    missing = _missing_descriptions(project, project.descriptions)
    if missing:
        problems.append(_missing_message(missing))
    return problems


def _publish_if_agreed(project: JointProject, actor) -> None:
    partners = _partners(project)
    agreed = len(partners) >= 2 and all(p.confirmed and p.consented for p in partners)
    if agreed and not project.published_at:
        project.published_at = timezone.now()
        project.save(update_fields=["published_at", "updated_at"])
        audit_log(actor=actor, action="project.publish", target=project)
        for partner in partners:
            notify_organisation(
                partner.organisation,
                template="partnering/email/project_published",
                context={"title": project.title, "url": project.get_absolute_url()},
            )
    elif not agreed and project.published_at:
        project.published_at = None
        project.save(update_fields=["published_at", "updated_at"])
        audit_log(actor=actor, action="project.unpublish", target=project)
    after_change(project)


@transaction.atomic
def project_consent(*, actor, partner: ProjectPartner, consent: bool = True) -> JointProject:
    """A partner agrees to publication (or takes it back). Offering a project for publication
    before every partner has confirmed is refused with the reason; the project goes public
    when the last partner consents, and private again when one withdraws."""
    project, partner = _locked_partner(partner)
    if not rules_projects.can_answer_for(actor, partner):
        raise PermissionDenied
    if consent:
        problems = publication_problems(project)
        if problems:
            raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
        partner.consented_at, partner.consented_by = timezone.now(), actor
    else:
        partner.consented_at, partner.consented_by = None, None
    partner.save(update_fields=["consented_at", "consented_by"])
    audit_log(
        actor=actor,
        action="project.consent" if consent else "project.withdraw",
        target=project,
        partner=partner.pk,
    )
    _publish_if_agreed(project, actor)
    return project
