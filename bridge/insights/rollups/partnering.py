"""Partnering: live offers and requests by type, sector and the owner's country; the
expression-of-interest funnel (sent, answered, accepted, turned into a joint project) by the
sender's country; joint projects by status, walked back through their dated status history;
meetings held at B2B days, on the day of their slot, by the event's format.

Approximations, said here so nobody reads more into them: a listing that left the public list
(archived, rejected after a change) counts as leaving on its last edit, an expired one on its
expiry day. Private joint projects count too (a number names no partner); the public pages hide
groups under 5 as everywhere."""

from collections import Counter
from datetime import date

from django.db.models import Count, Min, Q
from django.utils import timezone

from bridge.insights.rollups.dates import as_day, day_start, local_day
from bridge.insights.rollups.registry import (
    FLOW,
    STOCK,
    Output,
    Source,
    Stat,
    Window,
    flow_rows,
    stock_series,
)
from bridge.partnering.models import (
    Interest,
    JointProject,
    Listing,
    Meeting,
    ProjectStatusChange,
)
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.vocabulary import Status

COUNTRY_TYPE = ("country", "segment")
COUNTRY_SECTOR = ("country", "sector")
COUNTRY = ("country",)
STATUS = ("segment",)


def _live(now) -> Q:
    return Q(status=Status.PUBLISHED) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def _leaving_day(listing: dict, now) -> date:
    if (
        listing["status"] == Status.PUBLISHED
        and listing["expires_at"]
        and listing["expires_at"] <= now
    ):
        return as_day(listing["expires_at"])
    return as_day(listing["updated_at"])


class PartneringSource(Source):
    key = "partnering"
    stats = (
        Stat("listings.live", STOCK, COUNTRY_TYPE),
        # A listing of several sectors counts once in each: do not add sectors up.
        Stat("listings.by_sector", STOCK, COUNTRY_SECTOR),
        Stat("listings.published", FLOW, COUNTRY_TYPE),
        # Each interest on the day it was sent, under the status it has now.
        Stat("interests.sent", FLOW, ("country", "segment")),
        Stat("interests.to_project", FLOW, COUNTRY),
        Stat("projects.by_status", STOCK, STATUS),
        # On the day of the meeting's slot, under the event's format (on-site, online, both).
        Stat("meetings.held", FLOW, STATUS),
    )

    def compute(self, window: Window) -> Output:
        start = self._start(window)
        since = day_start(start)
        rows = [*self._listings(window, since, start), *self._interests(since)]
        rows += self._projects(window, start)
        rows += self._meetings(since)
        return Output(start=start, rows=rows)

    def _start(self, window: Window) -> date:
        """Changes since the last run may move older days: start from the oldest they touch."""
        start = window.start
        if window.changed_since is None:
            return start
        changed = window.changed_since
        candidates = [
            Interest.objects.filter(answered_at__gte=changed).aggregate(d=Min("created_at"))["d"],
            JointProject.objects.filter(created_at__gte=changed, interest__isnull=False).aggregate(
                d=Min("interest__created_at")
            )["d"],
        ]
        days = [as_day(d) for d in candidates if d is not None]
        # A meeting marked held (or not) after the last run moves the day of its slot.
        marked = Meeting.objects.filter(updated_at__gte=changed, slot__isnull=False).aggregate(
            d=Min("slot__starts_at")
        )["d"]
        if marked is not None:
            days.append(as_day(marked))
        step = ProjectStatusChange.objects.filter(created_at__gte=changed).aggregate(
            d=Min("happened_on")
        )["d"]
        if step is not None:
            days.append(step)
        return min([start, *days])

    def _listings(self, window: Window, since, start: date) -> list:
        now = window.now
        once = Listing.objects.filter(first_published_at__isnull=False).select_related(
            "organisation"
        )
        present_type: Counter = Counter()
        present_sector: Counter = Counter()
        in_type: Counter = Counter()
        in_sector: Counter = Counter()
        out_type: Counter = Counter()
        out_sector: Counter = Counter()
        live_ids = set(Listing.objects.filter(_live(now)).values_list("pk", flat=True))
        fields = ("pk", "type", "sectors", "status", "expires_at", "updated_at")
        for row in once.values(*fields, "organisation__country", "first_published_at"):
            country = str(row["organisation__country"])
            first = as_day(row["first_published_at"])
            live = row["pk"] in live_ids
            sectors = list(dict.fromkeys(row["sectors"] or []))
            if live:
                present_type[(country, row["type"])] += 1
                for sector in sectors:
                    present_sector[(country, sector)] += 1
            if first >= start:
                in_type[(first, (country, row["type"]))] += 1
                for sector in sectors:
                    in_sector[(first, (country, sector))] += 1
            if not live:
                left = max(_leaving_day(row, now), first)
                if left >= start:
                    out_type[(left, (country, row["type"]))] += 1
                    for sector in sectors:
                        out_sector[(left, (country, sector))] += 1
        return [
            *flow_rows("listings.published", in_type, COUNTRY_TYPE),
            *stock_series(
                stat="listings.live",
                present=present_type,
                ins=in_type,
                outs=out_type,
                window=window,
                dims=COUNTRY_TYPE,
                start=start,
            ),
            *stock_series(
                stat="listings.by_sector",
                present=present_sector,
                ins=in_sector,
                outs=out_sector,
                window=window,
                dims=COUNTRY_SECTOR,
                start=start,
            ),
        ]

    def _interests(self, since) -> list:
        recent = Interest.objects.filter(created_at__gte=since).annotate(
            day=local_day("created_at")
        )
        sent = Counter(
            {
                (r["day"], (str(r["organisation__country"]), r["status"])): r["n"]
                for r in recent.values("day", "organisation__country", "status").annotate(
                    n=Count("id")
                )
            }
        )
        to_project = Counter(
            {
                (r["day"], (str(r["organisation__country"]),)): r["n"]
                for r in recent.filter(joint_project__isnull=False)
                .values("day", "organisation__country")
                .annotate(n=Count("id"))
            }
        )
        return [
            *flow_rows("interests.sent", sent, ("country", "segment")),
            *flow_rows("interests.to_project", to_project, COUNTRY),
        ]

    def _projects(self, window: Window, start: date) -> list:
        present = Counter(
            {
                (r["status"],): r["n"]
                for r in JointProject.objects.values("status").annotate(n=Count("id"))
            }
        )
        ins: Counter = Counter()
        outs: Counter = Counter()
        previous: dict[int, str] = {}
        steps = ProjectStatusChange.objects.order_by("project_id", "happened_on", "id")
        for project_id, status, day in steps.values_list("project_id", "status", "happened_on"):
            before = previous.get(project_id)
            previous[project_id] = status
            if before == status or day < start:
                continue
            ins[(day, (status,))] += 1
            if before is not None:
                outs[(day, (before,))] += 1
        return stock_series(
            stat="projects.by_status",
            present=present,
            ins=ins,
            outs=outs,
            window=window,
            dims=STATUS,
            start=start,
        )

    def _meetings(self, since) -> list:
        held = Meeting.objects.filter(
            status=MeetingStatus.HELD, slot__starts_at__gte=since
        ).annotate(day=local_day("slot__starts_at"))
        counts = Counter(
            {
                (r["day"], (r["event__format"],)): r["n"]
                for r in held.values("day", "event__format").annotate(n=Count("id"))
            }
        )
        return flow_rows("meetings.held", counts, STATUS)

    def first_day(self):
        firsts = [
            Listing.objects.aggregate(d=Min("first_published_at"))["d"],
            Interest.objects.aggregate(d=Min("created_at"))["d"],
            Meeting.objects.filter(status=MeetingStatus.HELD).aggregate(d=Min("slot__starts_at"))[
                "d"
            ],
        ]
        days = [as_day(d) for d in firsts if d is not None]
        step = ProjectStatusChange.objects.aggregate(d=Min("happened_on"))["d"]
        if step is not None:
            days.append(min(step, timezone.localdate()))
        return min(days) if days else None


SOURCE = PartneringSource()
