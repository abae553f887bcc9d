"""The partnering rollup: live listings by type, sector and country (and their history), the
expression-of-interest funnel, joint projects by status walked back through their dated steps;
the dashboard's partnering charts and the summary API read them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.insights.models import DailyCount
from bridge.insights.rollups.dates import as_day
from bridge.insights.services.rollup import rollup_run
from bridge.partnering.models import Listing, Meeting, Slot
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.services import meetings
from bridge.partnering.services import project_status as course
from bridge.partnering.tests.factories import (
    InterestFactory,
    ListingFactory,
    event_made,
    registered,
)
from bridge.partnering.tests.factories_projects import project_between, speaker
from bridge.partnering.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def value(stat: str, day=None, **where) -> int:
    day = day or as_day(timezone.now())
    return sum(r.value for r in DailyCount.objects.filter(stat=stat, day=day, **where))


def listings(count, *, country, days_ago=0, **fields):
    organisation = OrganisationFactory(country=country)
    made = [ListingFactory(organisation=organisation, **fields) for _ in range(count)]
    when = timezone.now() - timedelta(days=days_ago)
    Listing.objects.filter(pk__in=[x.pk for x in made]).update(
        published_at=when, first_published_at=when, updated_at=when
    )
    return made


@pytest.fixture
def partnering_world():
    now = timezone.now()
    listings(6, country="RU", days_ago=30, type="co-production", sectors=["animation", "film"])
    listings(5, country="UZ", days_ago=5, type="licensing", sectors=["games"])
    expired = listings(1, country="UZ", days_ago=20, type="licensing", sectors=["games"])[0]
    Listing.objects.filter(pk=expired.pk).update(expires_at=now - timedelta(days=2))
    ListingFactory(status=Status.DRAFT, first_published_at=None, published_at=None)
    target = ListingFactory(
        organisation=OrganisationFactory(country="RU"), type="education", sectors=["music"]
    )
    senders = [OrganisationFactory(country="UZ") for _ in range(8)]
    statuses = ["accepted"] * 6 + ["declined", "sent"]
    interests = [
        InterestFactory(listing=target, organisation=org, status=status)
        for org, status in zip(senders, statuses, strict=True)
    ]
    ru = target.organisation
    today = timezone.localdate()
    projects = []
    for n, interest in enumerate(interests[:5]):
        project = project_between(
            ru, interest.organisation, started_on=today - timedelta(days=60), title=f"P{n}"
        )
        project.interest = interest
        project.save(update_fields=["interest"])
        projects.append(project)
    for project in projects[:3]:
        course.project_status_advance(
            actor=speaker(ru),
            project=project,
            status="agreement-signed",
            happened_on=today - timedelta(days=10),
        )
    return projects


def test_listings_interests_and_projects_are_counted(partnering_world):
    rollup_run(full=True)
    assert value("listings.live") == 12
    assert value("listings.live", country="RU", segment="co-production") == 6
    assert value("listings.by_sector", sector="animation") == 6
    assert value("listings.by_sector", sector="games") == 5
    ten_days_ago = as_day(timezone.now() - timedelta(days=10))
    # Ten days ago the Uzbek licensing offers were not out yet; the expired one still was.
    assert value("listings.live", ten_days_ago, segment="licensing") == 1
    assert value("interests.sent", country="UZ") == 8  # sent today, by the sender's country
    assert value("interests.sent", segment="accepted") == 6
    assert sum(r.value for r in DailyCount.objects.filter(stat="interests.to_project")) == 5
    assert value("projects.by_status", segment="talks") == 2
    assert value("projects.by_status", segment="agreement-signed") == 3
    assert value("projects.by_status", ten_days_ago - timedelta(days=1), segment="talks") == 5
    before_start = ten_days_ago - timedelta(days=55)
    assert value("projects.by_status", before_start) == 0


def test_the_dashboard_and_the_summary_api_show_partnering(partnering_world):
    rollup_run(full=True)
    client = Client()
    response = client.get("/insights/", {"period": "all"}, HTTP_ACCEPT_LANGUAGE="en")
    sections = {s.key: s for s in response.context["sections"]}
    charts = {c.dataset.key: c for c in sections["partnering"].charts}
    by_type = {
        (r["type"], r["country"]): r["listings"]
        for r in charts["partnering-listings-by-type"].table.rows
    }
    assert by_type == {("co-production", "RU"): 6, ("licensing", "UZ"): 5}
    funnel = {r["stage"]: r["interests"] for r in charts["partnering-interest-funnel"].table.rows}
    assert (funnel["sent"], funnel["accepted"], funnel["project"]) == (8, 6, 5)
    assert funnel["declined"] is None  # one: a group under 5 is hidden
    meeting_charts = {c.dataset.key: c for c in sections["meetings"].charts}
    projects = meeting_charts["joint-projects-by-status"].table.rows
    assert {r["status"]: r["projects"] for r in projects}["talks"] is None
    assert "Co-production" in response.content.decode()
    summary = client.get("/api/v1/insights/summary").json()["partnering"]
    assert summary["in_use"] is True and summary["listings"] == 12
    assert summary["listings_by_type"] == {"co-production": 6, "licensing": 5}
    assert summary["joint_projects"] == 5
    assert summary["interest_funnel"]["accepted"] == 6
    assert summary["joint_projects_by_status"]["agreement-signed"] is None
    download = client.get("/insights/data/partnering-interest-funnel.csv")
    lines = b"".join(download.streaming_content if download.streaming else [download.content])
    rows = lines.decode("utf-8-sig").splitlines()
    assert rows[0] == "stage,interests,share" and rows[1].startswith("sent,8,")


def test_an_incremental_run_sees_a_step_dated_in_the_past(partnering_world):
    rollup_run(full=True)
    project = partnering_world[3]
    today = timezone.localdate()
    course.project_status_advance(
        actor=speaker(project.partners.first().organisation),
        project=project,
        status="in-production",
        happened_on=today - timedelta(days=20),
    )
    run = rollup_run()
    assert not run.full
    twenty = as_day(timezone.now() - timedelta(days=20))
    assert value("projects.by_status", twenty, segment="in-production") == 1
    assert value("projects.by_status", twenty - timedelta(days=1), segment="in-production") == 0


def held_meetings(count: int, *, days_ago: int) -> list:
    """`count` meetings between Russian and Uzbek participants of one B2B day, held
    `days_ago` days ago (the grid is moved back after the meetings were placed)."""
    event = event_made(tables=count + 1)
    slot = event.slots.order_by("starts_at").first()
    made = []
    for _n in range(count):
        ru = registered(event, OrganisationFactory(country="RU"))
        uz = registered(event, OrganisationFactory(country="UZ"))
        request = meetings.meeting_request_send(
            actor=ru.person, sender=ru, recipient=uz, message="Обсудим сериал про Афанди?"
        )
        made.append(
            meetings.meeting_request_accept(actor=uz.person, request=request, slot_id=slot.pk)
        )
    Meeting.objects.filter(pk__in=[m.pk for m in made]).update(status=MeetingStatus.HELD)
    shift = slot.starts_at - (timezone.now() - timedelta(days=days_ago))
    for moved in event.slots.order_by("starts_at"):
        Slot.objects.filter(pk=moved.pk).update(
            starts_at=moved.starts_at - shift, ends_at=moved.ends_at - shift
        )
    return made


def test_meetings_held_are_counted_on_their_day_and_shown_by_month(db):
    made = held_meetings(6, days_ago=3)
    Meeting.objects.filter(pk=made[0].pk).update(status=MeetingStatus.NO_SHOW)
    rollup_run(full=True)
    three_days_ago = as_day(timezone.now() - timedelta(days=3))
    assert value("meetings.held", three_days_ago, segment="onsite") == 5
    assert sum(r.value for r in DailyCount.objects.filter(stat="meetings.held")) == 5
    client = Client()
    response = client.get("/insights/", {"period": "all"}, HTTP_ACCEPT_LANGUAGE="en")
    sections = {s.key: s for s in response.context["sections"]}
    chart = {c.dataset.key: c for c in sections["meetings"].charts}["meetings-held-by-month"]
    month = three_days_ago.strftime("%Y-%m")
    assert {r["month"]: r["meetings"] for r in chart.table.rows}[month] == 5
    assert client.get("/api/v1/insights/summary").json()["partnering"]["meetings"] == 5


def test_a_meeting_marked_held_late_reaches_its_own_day(db):
    made = held_meetings(5, days_ago=4)
    Meeting.objects.filter(pk__in=[m.pk for m in made]).update(status=MeetingStatus.SCHEDULED)
    rollup_run(full=True)
    four_days_ago = as_day(timezone.now() - timedelta(days=4))
    assert value("meetings.held", four_days_ago) == 0
    for meeting in Meeting.objects.filter(pk__in=[m.pk for m in made]):
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status", "updated_at"])
    run = rollup_run()
    assert not run.full
    assert value("meetings.held", four_days_ago) == 5
