"""Knowledge demo data, called by `manage.py seed_demo` (build_demo hook): the practice library
(17 practices in two or three languages, one waiting for review), the events calendar (three
upcoming events, two past ones with recordings, one of them turned into a library entry) and the
heritage theme pages (text and a drawn image for ten themes).

Everything is written through the services as staff and members would, so reviews, search
entries and audit entries are real. Idempotent: practices are found by their address, events by
theirs, theme pages by concept; a second run changes nothing.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from bridge.accounts.models import Membership, Role, Sector
from bridge.core.demo import DemoContext
from bridge.core.translit import latinise
from bridge.knowledge.demo.events import EVENTS, DemoEvent
from bridge.knowledge.demo.images import demo_file, theme_picture
from bridge.knowledge.demo.practices import PRACTICES, DemoPractice
from bridge.knowledge.demo.themes import THEME_TEXTS, THEME_TITLES
from bridge.knowledge.models import (
    Event,
    EventMaterial,
    EventStatus,
    Practice,
    Question,
    Registration,
    RegistrationStatus,
    Status,
    ThemePage,
    TranslationRequest,
)
from bridge.knowledge.services import engagement, events, practices, review, themes
from bridge.knowledge.services.recordings import event_to_practice

MSK = ZoneInfo("Europe/Moscow")
# Readers who mark practices useful, in this order (demo logins without an authoring role there).
VOTERS = ("user", "member", "admin", "owner", "supplier", "analyst", "manager", "moderator")


def _owner(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    return membership.user


def _slug(title: str) -> str:
    return slugify(latinise(title))[:80].strip("-")


def _version(spec: DemoPractice, language: str) -> dict:
    version = spec.versions[language]
    return {
        "title": version.title,
        "summary": version.summary,
        "body": version.body,
        "chapters": [{"at": at, "title": title} for at, title in version.chapters],
    }


def _practice(ctx: DemoContext, spec: DemoPractice) -> Practice:
    organisation = ctx.organisations[spec.organisation]
    author = _owner(organisation)
    moderator = ctx.people["moderator"]
    found = Practice.objects.filter(slug=_slug(spec.versions[spec.original].title)).first()
    if found is not None:
        ctx.count("Practices", "unchanged")
        return found
    practice = practices.practice_create(
        actor=author,
        organisation=organisation,
        kind=spec.kind,
        language=spec.original,
        sectors=spec.sectors,
        keywords=spec.keywords,
        themes=spec.themes,
        video_url=spec.video_url,
        **_version(spec, spec.original),
    )
    for language in spec.versions:
        if language != spec.original:
            practices.entry_create(
                actor=author, practice=practice, language=language, **_version(spec, language)
            )
    for language, name in spec.files:
        entry = practice.entries.get(language=language)
        practices.attachment_add(
            actor=author, entry=entry, upload=ContentFile(demo_file(name), name=name)
        )
    for entry in practice.entries.all():
        review.entry_submit(actor=author, entry=entry)
        if spec.state == "published":
            review.entry_publish(actor=moderator, entry=entry)
    ctx.count("Practices", "created")
    return practice


def _readers(ctx: DemoContext, practice: Practice, spec: DemoPractice) -> None:
    if not practice.entries.filter(status=Status.PUBLISHED).exists():
        return
    voters = [ctx.people[key] for key in VOTERS if key in ctx.people]
    for person in voters[: spec.useful]:
        if not practice.votes.filter(user=person).exists():
            try:
                engagement.practice_vote(actor=person, practice=practice, useful=True)
            except ValidationError:  # the organisation's own people do not vote for it
                continue


def _conversation(ctx: DemoContext, by_key: dict[str, Practice]) -> None:
    """A published and answered question, a pending one, and a request for a translation."""
    guide = by_key["co-production"]
    if Question.objects.filter(practice=guide).exists():
        return
    asker, moderator = ctx.people["member"], ctx.people["moderator"]
    question = engagement.question_ask(
        actor=asker,
        practice=guide,
        text="Which arbitration did you choose, and did the Uzbek partner accept Russian law?",
    )
    engagement.question_publish(actor=moderator, question=question)
    engagement.question_answer(
        actor=_owner(guide.organisation),
        question=question,
        answer="Russian law with arbitration in Tashkent: each side plays on its partner's ground.",
    )
    engagement.question_ask(
        actor=ctx.people["user"],
        practice=by_key["natural-dyes"],
        text="Можно ли заказать образцы 10 оттенков индиго до основной партии?",
    )
    if not TranslationRequest.objects.filter(practice=guide, language="en").exists():
        engagement.translation_request(actor=ctx.people["member"], practice=guide, language="en")


def _monday() -> datetime:
    today = timezone.localdate(timezone=MSK)
    return datetime.combine(today - timedelta(days=today.weekday()), time())


def _event(ctx: DemoContext, spec: DemoEvent) -> Event:
    zone = ZoneInfo(spec.timezone)
    day = (_monday() + timedelta(days=spec.days)).date()
    starts = datetime.combine(day, time(spec.hour), tzinfo=zone)
    found = Event.objects.filter(slug__startswith=f"{spec.key}-").first()
    fields = {
        "kind": spec.kind,
        **{f"title_{code}": spec.titles.get(code, "") for code in ("ru", "uz", "en")},
        **{f"description_{code}": spec.descriptions.get(code, "") for code in ("ru", "uz", "en")},
        "organisation": ctx.organisations[spec.organisation],
        "language": spec.language,
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=spec.minutes),
        "timezone": spec.timezone,
        "online": spec.online,
        "venue": spec.venue,
        "join_url": f"https://meet.example/{spec.key}" if spec.online else "",
        "capacity": spec.capacity,
        "recording_url": spec.recording_url,
        "themes": list(spec.themes),
    }
    unchanged = found is not None and all(getattr(found, k) == v for k, v in fields.items())
    if unchanged:
        ctx.count("Events", "unchanged")
        return found
    manager = ctx.people["manager"]
    event = events.event_save(
        actor=manager,
        event=found,
        sectors=list(Sector.objects.filter(code__in=spec.sectors)),
        **fields,
    )
    if found is None:
        # The address says what the event is, whatever its title: found again next run.
        Event.objects.filter(pk=event.pk).update(slug=f"{spec.key}-{day:%Y}")
        event.refresh_from_db()
        event = events.event_publish(actor=manager, event=event)
    ctx.count("Events", "created" if found is None else "updated")
    return event


def _registrations(ctx: DemoContext, event: Event, spec: DemoEvent) -> None:
    upcoming = event.starts_at > timezone.now()
    for key in spec.registered:
        person = ctx.people[key]
        if event.registrations.filter(user=person).exists():
            continue
        if upcoming:
            events.registration_create(actor=person, event=event)
        else:
            Registration.objects.create(
                event=event, user=person, status=RegistrationStatus.CONFIRMED
            )


def _past_event_entry(ctx: DemoContext, event: Event) -> None:
    if event.practice_id or event.ends_at > timezone.now():
        return
    if not event.materials.exists():
        material = EventMaterial(event=event, name="slides.pdf", kind="pdf", size=0)
        content = demo_file("slides.pdf")
        material.size = len(content)
        material.file.save("slides.pdf", ContentFile(content), save=False)
        material.save()
    event_to_practice(actor=ctx.people["moderator"], event=event)


def _theme_pages(ctx: DemoContext) -> None:
    moderator = ctx.people["moderator"]
    for concept_id, texts in THEME_TEXTS.items():
        page = ThemePage.objects.filter(concept_id=concept_id).first()
        wanted = {f"text_{code}": text for code, text in texts.items()}
        wanted |= {f"title_{code}": title for code, title in THEME_TITLES[concept_id].items()}
        if page is None or any(getattr(page, k) != v for k, v in wanted.items()):
            themes.theme_update(actor=moderator, concept_id=concept_id, **wanted)
            ctx.count("Heritage theme pages", "created" if page is None else "updated")
        else:
            ctx.count("Heritage theme pages", "unchanged")
        if not ThemePage.objects.get(concept_id=concept_id).images.exists():
            themes.theme_image_add(
                actor=moderator,
                concept_id=concept_id,
                upload=ContentFile(theme_picture(concept_id), name=f"{concept_id}.png"),
                credit="Creative Bridge",
            )


def build_demo(ctx: DemoContext) -> None:
    by_key = {}
    for spec in PRACTICES:
        practice = _practice(ctx, spec)
        _readers(ctx, practice, spec)
        by_key[spec.key] = practice
    _conversation(ctx, by_key)
    for spec in EVENTS:
        event = _event(ctx, spec)
        if event.status == EventStatus.PUBLISHED:
            _registrations(ctx, event, spec)
        if spec.to_library:
            _past_event_entry(ctx, event)
    _theme_pages(ctx)
