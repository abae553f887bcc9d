"""The demo's history, called by `manage.py seed_demo` after every other app's builder
(bridge.insights sits last before bridge.site in INSTALLED_APPS).

The other builders create everything "today". Here the history is spread over the last 18
months so the growth charts have a shape: organisations join over the months (more and more of
them), suppliers publish their materials after they join, and members ask suppliers for
samples, more often as the catalog grows, through the sample-request services (with the time
each step happened), while suppliers answer a little faster month by month. Then the rollup
runs, so the dashboard shows the figures at once.

Deterministic: every date comes from a hash of a natural key and the first day of the current
month (as the programmes' demo does). Idempotent: a second run in the same month finds every
date and every request as it left them and writes nothing (and runs no rollup).
"""

import hashlib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Min
from django.utils import timezone

from bridge.accounts.models import Membership, Organisation, Role, Verification
from bridge.core.audit import audit_backdate, audit_log
from bridge.core.demo import DemoContext
from bridge.core.models import AuditEntry
from bridge.materials.models import Material, SampleRequest
from bridge.materials.vocabulary import Status
from bridge.programs.models import Application
from bridge.search.services import search_index_update

MSK = ZoneInfo("Europe/Moscow")
MONTHS = 18
# The operators were there from the first day.
FOUNDERS = ("moscow-agency", "it-park")
# Who asks for samples, and how often (relative weight).
REQUESTERS = {
    "sirin": 3, "severny-veter": 1, "lumen-pixel": 1, "teply-svet": 2, "vostochny-express": 1,
    "dom-ladoga": 5, "kovaleva": 4, "sokolova-textile": 4, "obyom": 3, "zvukovaya-volna": 1,
    "samarqand-pixel": 1, "toshkent-motion": 1, "bulut-soft": 1, "navo-film": 2, "atlas-lab": 3,
}  # fmt: skip
REQUESTS = 240
PURPOSES_RU = [
    "Образцы для капсульной коллекции",
    "Подбираем ткань для костюмов персонажей",
    "Нужны образцы для презентации заказчику",
    "Тестируем материал для упаковки",
    "Ищем фактуру для интерьера шоурума",
    "Образцы для фотосъёмки лукбука",
    "Сравниваем поставщиков для пилотной партии",
    "Материал для реквизита к съёмкам",
]
PURPOSES_UZ = [
    "Kapsula kolleksiyasi uchun namunalar",
    "Personajlar kostyumi uchun mato tanlaymiz",
    "Buyurtmachiga taqdimot uchun namunalar",
    "Qadoqlash uchun materialni sinab koʻramiz",
]
PROJECTS = [
    "весна", "лето", "осень", "зима", "Шёлковый путь", "Самарканд", "Ладога", "Север", "Восток",
    "Бухара", "Хива", "Фергана", "Ташкент", "Москва", "Волга", "Урал", "Сибирь", "Арал",
    "Памир", "Кавказ", "Байкал", "Алтай", "Нева", "Онега", "Амур", "Дон", "Кама", "Ока",
    "Сыр-Дарья", "Аму-Дарья", "Зеравшан",
]  # fmt: skip


def _unit(*parts) -> float:
    """A number in [0, 1) fixed by the key: the same on every machine and every run."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:12], 16) / 16**12


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class Timeline:
    """Maps a position in [0, 1] to an instant between 18 months ago and now."""

    def __init__(self) -> None:
        today = timezone.localdate(timezone=MSK)
        self.start = datetime.combine(
            _add_months(today.replace(day=1), -(MONTHS - 1)), time(9), tzinfo=MSK
        )
        # Yesterday evening: history never reaches past the moment the demo is built.
        self.end = datetime.combine(today - timedelta(days=1), time(18), tzinfo=MSK)

    def at(self, position: float) -> datetime:
        position = min(max(position, 0.0), 1.0)
        seconds = (self.end - self.start).total_seconds() * position
        # Whole minutes, so a second run computes exactly the same instants.
        return (self.start + timedelta(seconds=seconds)).replace(second=0, microsecond=0)

    def position(self, moment: datetime) -> float:
        return (moment - self.start).total_seconds() / (self.end - self.start).total_seconds()


def _growing(u: float) -> float:
    """A position where later months are busier (density grows along the timeline)."""
    return u**0.55


def build_demo(ctx: DemoContext) -> None:
    timeline = Timeline()
    joined = _organisations(ctx, timeline)
    _materials(ctx, timeline, joined)
    _verification_history(ctx)
    _sample_requests(ctx, timeline)
    changed = any(c.get("created") or c.get("updated") for c in ctx.counts.values())
    from bridge.insights.services.rollup import last_run, rollup_run

    if changed or last_run() is None:
        rollup_run(full=True, trigger="demo")


def _write(ctx, model, pk: int, values: dict, label: str) -> bool:
    row = model.objects.filter(pk=pk).values(*values).first()
    if row == values:
        ctx.count(label, "unchanged")
        return False
    # The base manager: the audit log's own refuses updates, and the demo backdates its history.
    model._base_manager.filter(pk=pk).update(**values)
    ctx.count(label, "updated")
    return True


def _organisations(ctx: DemoContext, timeline: Timeline) -> dict[int, datetime]:
    """Each organisation joins on a day of the 18 months; a studio before its first
    application, the operators on the first day."""
    first_application = _first_applications()
    joined: dict[int, datetime] = {}
    moved = []
    for organisation in Organisation.objects.order_by("slug"):
        position = (
            0.0 if organisation.slug in FOUNDERS else _growing(_unit("org", organisation.slug))
        )
        moment = timeline.at(position * 0.96)
        applied = first_application.get(organisation.pk)
        if applied is not None and moment > applied - timedelta(days=10):
            moment = timeline.at(
                timeline.position(applied - timedelta(days=10)) * _unit("early", organisation.slug)
            )
        values = {"created_at": moment, "updated_at": moment}
        if organisation.verification == Verification.VERIFIED:
            values["verified_at"] = moment + timedelta(
                days=1 + int(_unit("v", organisation.slug) * 6), hours=3
            )
            values["updated_at"] = values["verified_at"]
        elif organisation.verification == Verification.PENDING:
            values["updated_at"] = timeline.end - timedelta(
                hours=5 + int(_unit("p", organisation.slug) * 80)
            )
        joined[organisation.pk] = moment
        if _write(ctx, Organisation, organisation.pk, values, "Organisation history"):
            moved.append(organisation)
    if moved:
        search_index_update(
            key="organisations", objects=Organisation.objects.filter(pk__in=[o.pk for o in moved])
        )
    return joined


def _first_applications() -> dict[int, datetime]:
    return dict(
        Application.objects.filter(submitted_at__isnull=False)
        .values("organisation_id")
        .annotate(first=Min("submitted_at"))
        .values_list("organisation_id", "first")
    )


def _materials(ctx: DemoContext, timeline: Timeline, joined: dict[int, datetime]) -> None:
    """A supplier publishes its listings over the months after it joins."""
    moved = []
    for material in Material.objects.select_related("supplier").order_by("supplier__slug", "sku"):
        start = timeline.position(joined.get(material.supplier_id, timeline.start)) + 0.02
        u = _unit("material", material.supplier.slug, material.sku)
        position = start + (1 - start) * u**0.8
        published = timeline.at(position)
        created = published - timedelta(days=1 + int(_unit("draft", material.sku) * 8), hours=2)
        values = {"created_at": created, "updated_at": published}
        if material.status == Status.PUBLISHED:
            values["published_at"] = published
        if _write(ctx, Material, material.pk, values, "Material history"):
            moved.append(material.pk)
    if moved:
        search_index_update(
            key="materials",
            objects=Material.objects.filter(pk__in=moved, status=Status.PUBLISHED),
        )


def _verification_history(ctx: DemoContext) -> None:
    """Each verified organisation asked for verification on the day it joined and a moderator
    agreed when it says: the audit log tells the staff figures how long moderation took."""
    entries = AuditEntry.objects.filter(target_type="accounts.organisation")
    for organisation in Organisation.objects.filter(verification=Verification.VERIFIED).order_by(
        "slug"
    ):
        asked_at = organisation.created_at + timedelta(hours=2)
        verdicts = entries.filter(action="organisation.verify", target_id=str(organisation.pk))
        if not verdicts.exists():
            continue
        verdict = verdicts.order_by("-created_at").first()
        asked = entries.filter(
            action="organisation.verification_requested", target_id=str(organisation.pk)
        )
        if not asked.exists():
            owner = (
                Membership.objects.filter(organisation=organisation, role=Role.OWNER)
                .select_related("user")
                .first()
            )
            entry = audit_log(
                actor=owner.user if owner else None,
                action="organisation.verification_requested",
                target=organisation,
            )
            audit_backdate(AuditEntry.objects.filter(pk=entry.pk), when=asked_at)
            ctx.count("Verification history", "created")
        else:
            _write(
                ctx,
                AuditEntry,
                asked.order_by("created_at").first().pk,
                {"created_at": asked_at},
                "Verification history",
            )
        _write(
            ctx,
            AuditEntry,
            verdict.pk,
            {"created_at": organisation.verified_at or asked_at},
            "Verification history",
        )


# ------------------------------------------------------------------------ sample requests


def _owner(organisation: Organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _plan(timeline: Timeline) -> list[dict]:
    """Who asks which supplier for what, and when: REQUESTS requests, denser as time goes on."""
    requesters = list(Organisation.objects.filter(slug__in=REQUESTERS).order_by("slug"))
    weights = [REQUESTERS[org.slug] for org in requesters]
    materials = list(
        Material.objects.filter(status=Status.PUBLISHED, sample_available=True)
        .select_related("supplier")
        .order_by("supplier__slug", "sku")
    )
    plan = []
    for index in range(REQUESTS):
        u = (index + _unit("jitter", index)) / REQUESTS
        moment = timeline.at(_growing(u) * 0.995)
        pick = _unit("who", index) * sum(weights)
        organisation = requesters[-1]
        for candidate, weight in zip(requesters, weights, strict=True):
            pick -= weight
            if pick < 0:
                organisation = candidate
                break
        # Only what was in the catalog then, never the requester's own listings.
        offered = [
            m
            for m in materials
            if m.published_at and m.published_at < moment and m.supplier_id != organisation.pk
        ]
        if not offered:
            continue
        first = offered[int(_unit("what", index) * len(offered))]
        lines = [first]
        extra = [m for m in offered if m.supplier_id == first.supplier_id and m.pk != first.pk]
        if extra and _unit("more", index) < 0.45:
            lines.append(extra[int(_unit("second", index) * len(extra))])
        texts = PURPOSES_UZ if organisation.country == "UZ" else PURPOSES_RU
        purpose = f"{texts[index % len(texts)]} — {PROJECTS[index // len(texts) % len(PROJECTS)]} #{index + 1}"
        plan.append(
            {
                "index": index,
                "at": moment,
                "organisation": organisation,
                "lines": lines,
                "purpose": purpose,
            }
        )
    return plan


def _sample_requests(ctx: DemoContext, timeline: Timeline) -> None:
    from bridge.materials.services import samples

    suppliers_speed: dict[int, float] = {}
    for item in _plan(timeline):
        organisation = item["organisation"]
        requester = _owner(organisation)
        supplier = item["lines"][0].supplier
        answerer = _owner(supplier)
        if requester is None or answerer is None:
            continue
        existing = SampleRequest.objects.filter(
            requester=requester,
            organisation=organisation,
            supplier=supplier,
            purpose=item["purpose"],
        ).first()
        if existing is not None:
            _shift(ctx, existing, item["at"])
            continue
        created_at = item["at"]
        # Expire what has waited too long by then, as the hourly tick would have.
        samples.sample_requests_tick(now=created_at)
        request = samples.sample_request_create(
            actor=requester, organisation=organisation,
            lines=[(material, 1 + int(_unit("qty", item["index"], material.pk) * 3)) for material in item["lines"]],
            purpose=item["purpose"],
            delivery_address=f"{organisation.name}, {'Ташкент' if organisation.country == 'UZ' else 'Москва'}",
            now=created_at,
        )  # fmt: skip
        ctx.count("Sample requests", "created")
        _answer(request, item, timeline, answerer, requester, suppliers_speed)
    samples.sample_requests_tick(now=timeline.end)


def _answer(request, item, timeline, answerer, requester, speeds) -> None:
    """What happened next: most suppliers accept, some decline, a few never answer; answers get
    quicker over the months, and each supplier has its own pace."""
    from bridge.materials.services import samples

    index = item["index"]
    created_at = item["at"]
    speed = speeds.setdefault(request.supplier_id, 3 + 30 * _unit("pace", request.supplier.slug))
    fate = _unit("fate", index)
    if fate < 0.07:
        return  # never answered: it expires, or still waits if recent
    progress = timeline.position(created_at)
    hours = speed * (0.25 + 2.2 * _unit("hours", index) ** 2) * (1.6 - 1.1 * progress)
    answered_at = created_at + timedelta(hours=min(hours, 150))
    if answered_at >= timeline.end:
        return  # still waiting for the answer
    if fate < 0.17:
        samples.sample_request_decline(
            actor=answerer,
            request=request,
            reason="Нет в наличии / Hozircha mavjud emas",
            now=answered_at,
        )
        return
    ship_on = (answered_at + timedelta(days=2 + int(_unit("ship", index) * 5))).astimezone(MSK)
    samples.sample_request_accept(
        actor=answerer, request=request, shipping_estimate=ship_on.date(), now=answered_at
    )
    if ship_on >= timeline.end or _unit("lost", index) < 0.04:
        return
    samples.sample_request_ship(
        actor=answerer, request=request, tracking_number=f"CB{index:06d}UZ", now=ship_on
    )
    arrived = ship_on + timedelta(days=3 + int(_unit("post", index) * 9), hours=4)
    if arrived >= timeline.end:
        return
    samples.sample_request_receive(actor=requester, request=request, now=arrived)


def _shift(ctx: DemoContext, request: SampleRequest, created_at: datetime) -> None:
    """The month changed since the request was made: move its whole history with the anchor."""
    delta = created_at - request.created_at
    if not delta:
        ctx.count("Sample requests", "unchanged")
        return
    values = {"created_at": created_at}
    for name in (
        "answered_at",
        "accepted_at",
        "shipped_at",
        "received_at",
        "closed_at",
        "reminded_at",
    ):
        if getattr(request, name) is not None:
            values[name] = getattr(request, name) + delta
    SampleRequest.objects.filter(pk=request.pk).update(**values)
    ctx.count("Sample requests", "updated")
