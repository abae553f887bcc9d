"""Moderation, read from the audit log (staff figures, never public): listings and
organisations submitted for review, the decisions taken and how long each waited, the backlog,
and the queue as it stands (who waits, since when)."""

from collections import Counter

from django.db.models import Count, Min

from bridge.accounts.models import Organisation, Verification
from bridge.core.models import AuditEntry
from bridge.insights.histogram import bucket_of
from bridge.insights.rollups.dates import as_day, day_start
from bridge.insights.rollups.registry import (
    FLOW,
    STOCK,
    Output,
    Row,
    Source,
    Stat,
    Window,
    flow_rows,
    stock_series,
)
from bridge.materials.models import Material
from bridge.materials.vocabulary import Status

# category: what waits ("material", "organisation"); segment: the outcome or bucket of hours.
KINDS = {
    "material": {
        "type": "materials.material",
        "submit": "material.submit",
        "decisions": {"material.publish": "published", "material.reject": "rejected"},
    },
    "organisation": {
        "type": "accounts.organisation",
        "submit": "organisation.verification_requested",
        "decisions": {"organisation.verify": "verified", "organisation.reject": "refused"},
    },
}
CHUNK = 500


class ModerationSource(Source):
    key = "moderation"
    stats = (
        Stat("moderation.submitted", FLOW, ("category",), public=False),
        Stat("moderation.decided", FLOW, ("category", "segment"), public=False),
        Stat("moderation.hours", FLOW, ("category", "segment"), public=False),
        Stat("moderation.pending", STOCK, ("category",), public=False),
    )

    def compute(self, window: Window) -> Output:
        since = day_start(window.start)
        rows: list[Row] = []
        submitted: Counter = Counter()
        decided: Counter = Counter()
        for kind, spec in KINDS.items():
            entries = AuditEntry.objects.filter(target_type=spec["type"], created_at__gte=since)
            for created_at in entries.filter(action=spec["submit"]).values_list(
                "created_at", flat=True
            ):
                submitted[(as_day(created_at), (kind,))] += 1
            decisions = list(
                entries.filter(action__in=spec["decisions"]).values_list(
                    "action", "target_id", "created_at"
                )
            )
            waits = _waits(spec, decisions)
            hours: Counter = Counter()
            for action, target_id, created_at in decisions:
                decided[(as_day(created_at), (kind,))] += 1
                rows.append(
                    Row(
                        "moderation.decided",
                        as_day(created_at),
                        1,
                        category=kind,
                        segment=spec["decisions"][action],
                    )
                )
                asked = waits.get((target_id, created_at))
                if asked is not None:
                    waited = (created_at - asked).total_seconds() / 3600
                    hours[(as_day(created_at), bucket_of(waited))] += 1
            rows += [
                Row("moderation.hours", day, n, category=kind, segment=bucket)
                for (day, bucket), n in hours.items()
            ]
        rows = _merge(rows)
        present = Counter(
            {
                ("material",): Material.objects.filter(status=Status.PENDING).count(),
                ("organisation",): Organisation.objects.filter(
                    verification=Verification.PENDING
                ).count(),
            }
        )
        rows += flow_rows("moderation.submitted", submitted, ("category",))
        # Walked back from the queue as it is: waiting yesterday = today - submitted + decided.
        rows += stock_series(
            stat="moderation.pending",
            present=present,
            ins=submitted,
            outs=decided,
            window=window,
            dims=("category",),
        )
        return Output(
            start=window.start,
            rows=rows,
            staff={"moderation_queue": moderation_queue(window)},
        )

    def first_day(self):
        types = [spec["type"] for spec in KINDS.values()]
        first = AuditEntry.objects.filter(target_type__in=types).aggregate(first=Min("created_at"))
        return as_day(first["first"]) if first["first"] else None


def _waits(spec: dict, decisions: list) -> dict:
    """(target id, decision time) → when it was last submitted before that decision."""
    ids = sorted({target_id for _action, target_id, _at in decisions})
    submits: dict[str, list] = {}
    for offset in range(0, len(ids), CHUNK):
        for target_id, created_at in AuditEntry.objects.filter(
            target_type=spec["type"],
            action=spec["submit"],
            target_id__in=ids[offset : offset + CHUNK],
        ).values_list("target_id", "created_at"):
            submits.setdefault(target_id, []).append(created_at)
    result = {}
    for _action, target_id, decided_at in decisions:
        before = [at for at in submits.get(target_id, ()) if at <= decided_at]
        if before:
            result[(target_id, decided_at)] = max(before)
    return result


def _merge(rows: list[Row]) -> list[Row]:
    """One row per key: decisions were appended one by one."""
    merged: Counter = Counter()
    for row in rows:
        merged[row.key()] += row.value
    return [
        Row(stat, day, value, country, category, sector, segment)
        for (stat, day, country, category, sector, segment), value in merged.items()
    ]


def moderation_queue(window: Window) -> list[dict]:
    """Who waits for a moderator now: suppliers with listings to review, organisations to
    verify, the oldest first (at most 200 of each)."""
    result = []
    suppliers = (
        Material.objects.filter(status=Status.PENDING)
        .values("supplier__name", "supplier__slug", "supplier__country")
        .annotate(waiting=Count("id"), oldest=Min("updated_at"))
        .order_by("oldest")[:200]
    )
    for row in suppliers:
        result.append(
            {
                "kind": "material",
                "name": row["supplier__name"],
                "slug": row["supplier__slug"],
                "country": str(row["supplier__country"]),
                "waiting": row["waiting"],
                "waiting_hours": round((window.now - row["oldest"]).total_seconds() / 3600, 1),
            }
        )
    organisations = Organisation.objects.filter(verification=Verification.PENDING).order_by(
        "updated_at"
    )[:200]
    for organisation in organisations:
        result.append(
            {
                "kind": "organisation",
                "name": organisation.name,
                "slug": organisation.slug,
                "country": str(organisation.country),
                "waiting": 1,
                "waiting_hours": round(
                    (window.now - organisation.updated_at).total_seconds() / 3600, 1
                ),
            }
        )
    return result


SOURCE = ModerationSource()
