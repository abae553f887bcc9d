"""The demo's joint projects: two that came out of the Tashkent B2B day, built through the
services as the partners would (created, confirmed, consented, advanced step by step), then
dated back to when they happened. Idempotent: a project is found by its title and first partner.

- Sirin (Moscow) and Samarqand Pixel: the Silk Road RPG, from the accepted expression of interest
  of the partnering demo; in production, with milestones.
- Tyoply Svet (Moscow) and Toshkent Motion: the Afandi animated series, released and selected
  for an international festival.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.core.demo import DemoContext
from bridge.partnering.models import Interest, JointProject, Listing
from bridge.partnering.services import project_status as course
from bridge.partnering.services import projects as services


@dataclass(frozen=True)
class Step:
    status: str
    days_ago: int
    evidence_url: str = ""
    recognition: str = ""
    note: str = ""


RPG = {
    "title": "Караваны Шёлкового пути / Ipak yoʻli karvonlari",
    "type": "co-production",
    "sector": "games",
    "heritage": ["samarkand-architecture", "maqom"],
    "descriptions": {
        "ru": "Приключенческая RPG о караванах Великого шёлкового пути. Московская студия Сирин "
        "отвечает за геймдизайн и программирование, Samarqand Pixel — за окружение, архитектуру "
        "Самарканда и музыку макома. Партнёры познакомились на B2B-дне в Ташкенте.",
        "uz": "Buyuk ipak yoʻli karvonlari haqidagi sarguzasht RPG. Moskvadagi Sirin studiyasi "
        "oʻyin dizayni va dasturlash uchun, Samarqand Pixel esa muhit, Samarqand meʼmorchiligi va "
        "maqom musiqasi uchun javob beradi. Hamkorlar Toshkentdagi B2B kunida tanishgan.",
    },
}
RPG_STEPS = (
    Step("agreement-signed", 200, note="Co-development agreement, revenue split 60/40"),
    Step("in-production", 150, note="Vertical slice in progress"),
)
RPG_MILESTONES = (("Vertical slice", -120, True), ("Steam page", 30, False), ("Beta", 200, False))

AFANDI = {
    "title": "Афанди / Afandi — 2D animated series",
    "type": "co-production",
    "sector": "animation",
    "heritage": ["afandi"],
    "descriptions": {
        "ru": "Анимационный сериал (26 серий по 11 минут) по сказкам о Ходже Насреддине. "
        "Тёплый свет делает сценарий и анимацию, Toshkent Motion — фоны с узбекским орнаментом, "
        "часть анимации и озвучание на узбекском. Договорились на B2B-дне в Ташкенте.",
        "uz": "Xoʻja Nasriddin Afandi haqidagi ertaklar asosida animatsion serial (11 daqiqalik "
        "26 qism). Tyoply Svet ssenariy va animatsiyani, Toshkent Motion esa oʻzbek naqshli "
        "fonlarni, animatsiyaning bir qismini va oʻzbekcha ovoz berishni bajaradi.",
        "en": "An animated series (26 × 11 min) from the tales of Nasreddin Afandi, co-produced "
        "in Moscow and Tashkent after the partners met at the Tashkent B2B day.",
    },
}
AFANDI_STEPS = (
    Step("agreement-signed", 280, note="Co-production agreement signed in Tashkent"),
    Step("in-production", 250),
    Step("released", 60, "https://teply-svet.example/afandi", note="Premiere on national TV"),
    Step(
        "international",
        20,
        "https://festival.example.org/2026/selection",
        "festival",
        "Selected for an international animation festival, TV series competition",
    ),
)


def _owner(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _existing(title: str, organisation) -> JointProject | None:
    return JointProject.objects.filter(title=title, partners__organisation=organisation).first()


def _agree(project: JointProject) -> None:
    """Every partner confirms its part and consents to publication, as on the project page."""
    places = list(project.partners.select_related("organisation"))
    for place in places:
        if not place.confirmed:
            services.project_partner_confirm(actor=_owner(place.organisation), partner=place)
    for place in places:
        place.refresh_from_db()
        services.project_consent(actor=_owner(place.organisation), partner=place)


def _course(project: JointProject, steps, actor) -> None:
    today = timezone.localdate()
    for step in steps:
        course.project_status_advance(
            actor=actor,
            project=project,
            status=step.status,
            happened_on=today - timedelta(days=step.days_ago),
            evidence_url=step.evidence_url,
            recognition=step.recognition,
            note=step.note,
        )


def _dated(project: JointProject, days_ago: int) -> None:
    """Back to when it happened, so the registry and the insights show the demo's history (the
    outcome reminder of a project older than six months has gone out)."""
    created = timezone.now() - timedelta(days=days_ago)
    reminded = created + course.outcome_after()
    JointProject.objects.filter(pk=project.pk).update(
        created_at=created,
        published_at=timezone.now() - timedelta(days=min(days_ago, 15)),
        outcome_reminded_at=reminded if reminded <= timezone.now() else None,
    )
    services.after_change(JointProject.objects.get(pk=project.pk))


def build_projects(ctx: DemoContext) -> None:
    sirin, samarqand = ctx.organisations["sirin"], ctx.organisations["samarqand-pixel"]
    teply, toshkent = ctx.organisations["teply-svet"], ctx.organisations["toshkent-motion"]
    today = timezone.localdate()
    if _existing(RPG["title"], sirin) is None:
        interest = Interest.objects.get(
            listing=Listing.objects.get(organisation=sirin, ref="silk-road-rpg"),
            organisation=samarqand,
        )
        project = services.project_create_from_interest(
            actor=_owner(samarqand),
            interest=interest,
            started_on=today - timedelta(days=230),
            **RPG,
        )
        _agree(project)
        _course(project, RPG_STEPS, _owner(samarqand))
        for title, due_in, done in RPG_MILESTONES:
            milestone = course.milestone_add(
                actor=_owner(sirin),
                project=project,
                title=title,
                due_on=today + timedelta(days=due_in),
            )
            if done:
                course.milestone_done(
                    actor=_owner(sirin), milestone=milestone, done_on=milestone.due_on
                )
        _dated(project, 230)
        ctx.count("Joint projects", "created")
    else:
        ctx.count("Joint projects", "unchanged")
    if _existing(AFANDI["title"], teply) is None:
        project = services.project_create(
            actor=_owner(teply),
            organisation=teply,
            partners=[toshkent],
            language="ru",
            started_on=today - timedelta(days=300),
            **AFANDI,
        )
        _agree(project)
        _course(project, AFANDI_STEPS, _owner(teply))
        _dated(project, 300)
        ctx.count("Joint projects", "created")
    else:
        ctx.count("Joint projects", "unchanged")
