"""Meeting days of the demo: a past B2B day in Tashkent whose meetings were held (one pair did
not show up) and rated, and an upcoming online round with registration open and a request waiting.
Idempotent: an event found by its address is left as it is."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from bridge.core.demo import DemoContext
from bridge.partnering.models import Event, Meeting, MeetingRequest, Registration
from bridge.partnering.models.events import EventFormat, EventStatus, MeetingStatus, RequestStatus
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as meeting_services
from bridge.partnering.services import ratings as rating_services
from bridge.partnering.services.schedule import agenda_draft

PAST = "tashkent-b2b-autumn"
UPCOMING = "online-animation-round"
# (sender, recipient, held?) among the past event's participants.
PAST_MEETINGS = [
    ("teply-svet", "toshkent-motion", MeetingStatus.HELD),
    ("severny-veter", "samarqand-pixel", MeetingStatus.HELD),
    ("lumen-pixel", "navo-film", MeetingStatus.HELD),
    ("teply-svet", "samarqand-pixel", MeetingStatus.HELD),
    ("severny-veter", "navo-film", MeetingStatus.NO_SHOW),
]
# How each side rated its held meeting the day after: (sender's score, recipient's score).
PAST_RATINGS = {
    ("teply-svet", "toshkent-motion"): (5, 5),
    ("severny-veter", "samarqand-pixel"): (4, 3),
    ("lumen-pixel", "navo-film"): (5, 4),
}
PAST_PEOPLE = [
    "teply-svet",
    "severny-veter",
    "lumen-pixel",
    "toshkent-motion",
    "samarqand-pixel",
    "navo-film",
]
UPCOMING_PEOPLE = ["teply-svet", "toshkent-motion", "bulut-soft", "lumen-pixel"]


def _registration(ctx, event, key, owner_of) -> Registration:
    organisation = ctx.organisations[key]
    person = owner_of(organisation)
    registration = Registration.objects.filter(event=event, person=person).first()
    return registration or Registration.objects.create(
        event=event, person=person, organisation=organisation
    )


@transaction.atomic
def _past(ctx: DemoContext, moderator, owner_of) -> None:
    now = timezone.now()
    day = (now - timedelta(days=45)).date()
    event = event_services.event_create(
        actor=moderator,
        slug=PAST,
        name_ru="Деловые встречи «Креативный мост», Ташкент",
        name_uz="«Kreativ koʻprik» biznes uchrashuvlari, Toshkent",
        name_en="Creative Bridge B2B meetings, Tashkent",
        description_ru="Встречи анимационных и игровых студий России и Узбекистана в IT Park.",
        description_uz="Rossiya va Oʻzbekiston animatsiya va oʻyin studiyalari uchrashuvlari, IT Park.",
        description_en="Animation and games studios of Russia and Uzbekistan meet at IT Park.",
        format=EventFormat.ONSITE,
        venue="IT Park, Tashkent",
        time_zone="Asia/Tashkent",
        first_day=day,
        days=2,
        slot_minutes=30,
        day_start=time(10, 0),
        day_end=time(17, 0),
        breaks=[["13:00", "14:00"]],
        tables=12,
        registration_opens=now - timedelta(days=90),
        registration_closes=now - timedelta(days=47),
        status=EventStatus.PUBLISHED,
    )
    people = {key: _registration(ctx, event, key, owner_of) for key in PAST_PEOPLE}
    # The requests were sent and accepted before the day; the demo writes them as they ended.
    for sender, recipient, _status in PAST_MEETINGS:
        request = MeetingRequest.objects.create(
            event=event,
            sender=people[sender],
            recipient=people[recipient],
            message="Давайте обсудим совместный проект на встрече.",
            status=RequestStatus.ACCEPTED,
            expires_at=event.registration_closes,
            answered_at=event.registration_closes,
        )
        Meeting.objects.create(event=event, request=request)
    agenda_draft(actor=moderator, event=event, seconds=2)
    event_services.agenda_publish(actor=moderator, event=event)
    for sender, recipient, status in PAST_MEETINGS:
        meeting = Meeting.objects.get(
            request__sender=people[sender], request__recipient=people[recipient]
        )
        meeting_services.meeting_status_set(actor=moderator, meeting=meeting, status=status)
        sides = (people[sender], people[recipient])
        for side, score in zip(sides, PAST_RATINGS.get((sender, recipient), ()), strict=False):
            rating_services.meeting_rate(actor=side.person, meeting=meeting, score=score)
    for registration in people.values():
        event_services.registration_check_in(actor=moderator, registration=registration)
    # The invitation to rate went out the day after; the demo does not send it again.
    Registration.objects.filter(event=event).update(rating_invited_at=now)


@transaction.atomic
def _upcoming(ctx: DemoContext, moderator, owner_of) -> None:
    now = timezone.now()
    event = event_services.event_create(
        actor=moderator,
        slug=UPCOMING,
        name_ru="Онлайн-раунд встреч: анимация и игры",
        name_uz="Onlayn uchrashuvlar: animatsiya va oʻyinlar",
        name_en="Online meeting round: animation and games",
        description_ru="Видеовстречи по 20 минут; время показано в вашем часовом поясе.",
        description_uz="20 daqiqalik video uchrashuvlar; vaqt sizning vaqt mintaqangizda.",
        description_en="20-minute video meetings; times are shown in your own time zone.",
        format=EventFormat.ONLINE,
        time_zone="Asia/Tashkent",
        first_day=(now + timedelta(days=30)).date(),
        days=1,
        slot_minutes=20,
        day_start=time(11, 0),
        day_end=time(16, 0),
        breaks=[["13:00", "13:40"]],
        tables=20,
        meeting_link="https://meet.example.org/creative-bridge-{event}-{table}",
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=28),
        request_expiry=timedelta(days=3),
        pending_cap=10,
    )
    event = event_services.event_publish(actor=moderator, event=event)
    people = {}
    for key in UPCOMING_PEOPLE:
        organisation = ctx.organisations[key]
        owner = owner_of(organisation)
        people[key] = event_services.registration_create(
            actor=owner, event=event, organisation=organisation
        )
    meeting_services.meeting_request_send(
        actor=people["teply-svet"].person,
        sender=people["teply-svet"],
        recipient=people["toshkent-motion"],
        message="Здравствуйте! Обсудим сериал по сказкам об Афанди?",
    )


def build_events(ctx: DemoContext, owner_of) -> None:
    moderator = ctx.people["moderator"]
    for slug, build in ((PAST, _past), (UPCOMING, _upcoming)):
        if Event.objects.filter(slug=slug).exists():
            ctx.count("Meeting days", "unchanged")
            continue
        build(ctx, moderator, owner_of)
        ctx.count("Meeting days", "created")
