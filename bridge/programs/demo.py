"""Programme demo data, called by `manage.py seed_demo` (build_demo hook): the Video Game Factory.

- Season 6 (closed, Russian studios only): 40 applications from Russian studios (39 created here
  through the accounts services, plus Sirin Interactive), blind review by eight experts (four
  reviews per application), decisions sent through the decision services, and the cohort in
  progress: milestones, progress reports, mentor notes and deals.
- Season 7 (open now): first announced for Russia, then opened to Uzbekistan and Kazakhstan through
  `eligibility_update` (so the change is logged); a few Russian drafts and submissions, and the
  Uzbek studios of the demo (Samarqand Pixel…) free to apply.

Reviews and scores are written as rows (the review services refuse scoring a call whose review
deadline has passed, which a finished season's has). Dates hang on the first day of the current
month, so the open season is always open and the cohort always mid-way: running the command
twice in one month changes nothing.

Deterministic: every number comes from a seeded generator or a fixed table.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from bridge.accounts.demo import (
    Contact,
    DemoOrganisation,
    demo_organisation,
    demo_person,
    inn10,
    inn12,
)
from bridge.core.demo import DemoContext, upsert
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentMethod,
    Call,
    Criterion,
    Deal,
    Decision,
    MentorNote,
    Milestone,
    MilestoneProgress,
    Programme,
    Question,
    Review,
    Reviewer,
    ReviewerStatus,
    Score,
    ScoreLevel,
    Stage,
    TeamMember,
)

MSK = ZoneInfo("Europe/Moscow")
CLOSED_SLUG = "vgf-season-6"
OPEN_SLUG = "vgf-season-7"
EXPERT_DOMAIN = "experts.vgf-demo.example"

PROGRAMME = {
    "name_ru": "Фабрика видеоигр",
    "name_uz": "Videoo‘yinlar fabrikasi",
    "name_en": "Video Game Factory",
    "description_ru": (
        "Акселератор Агентства креативных индустрий Москвы для игровых студий: обучение, "
        "консультации экспертов, публичные плейтесты и питч инвесторам."
    ),
    "description_uz": (
        "Moskva ijodiy industriyalar agentligining o‘yin studiyalari uchun akseleratori: "
        "o‘qitish, ekspert maslahatlari, ommaviy pleytestlar va investorlar oldida pitch."
    ),
    "description_en": (
        "The Moscow Creative Industries Agency's accelerator for game studios: education, expert "
        "consultations, public playtests and a pitch to investors."
    ),
}

SUPPORT = {
    "support_ru": (
        "Онлайн-обучение и консультации экспертов, помощь в доводке демо, публичные плейтесты, "
        "место в коворкинге игрового кластера и питч инвесторам (Indie GO, Московский венчурный фонд)."
    ),
    "support_uz": (
        "Onlayn o‘qitish va ekspert maslahatlari, demoni yakunlashda yordam, ommaviy pleytestlar, "
        "o‘yin klasteri kovorkingida joy va investorlar oldida pitch."
    ),
    "support_en": (
        "Online education and expert consultations, help finishing the demo, public playtests, a "
        "coworking seat in the games cluster and a pitch to investors (Indie GO, Moscow Venture Fund)."
    ),
}

# 39 new Russian studios: (key, name, legal form, city, owner's name)
STUDIOS = [
    ("zhar-ptica", "Жар-птица Геймс", "ru-ooo", "Москва", "Анна Соколова"),
    ("kamenny-cvetok", "Каменный цветок", "ru-ooo", "Екатеринбург", "Павел Широков"),
    ("tridevyatoe", "Тридевятое царство", "ru-ip", "Москва", "Олег Миронов"),
    ("belye-nochi", "Белые ночи", "ru-ooo", "Санкт-Петербург", "Ирина Ветрова"),
    ("kosmos-dev", "Космос Девелопмент", "ru-ooo", "Королёв", "Денис Громов"),
    ("volga-pixel", "Волга Пиксель", "ru-ip", "Казань", "Ринат Галиев"),
    ("sibirskiy-kod", "Сибирский код", "ru-ooo", "Новосибирск", "Максим Кедров"),
    ("ural-games", "Урал Геймс", "ru-ooo", "Челябинск", "Светлана Бажова"),
    ("mayak", "Студия «Маяк»", "ru-ooo", "Калининград", "Артём Балтин"),
    ("kukla", "Кукла и Ко", "ru-ip", "Москва", "Вера Куклина"),
    ("polyarnoe", "Полярное сияние", "ru-ooo", "Мурманск", "Никита Северов"),
    ("samovar", "Самовар Студио", "ru-ip", "Тула", "Глеб Пряников"),
    ("chernila", "Чернила", "ru-ooo", "Москва", "Дарья Перова"),
    ("bereg", "Берег", "ru-ip", "Владивосток", "Юрий Приморский"),
    ("tayga", "Тайга Интерактив", "ru-ooo", "Красноярск", "Степан Енисеев"),
    ("piksel-pech", "Пиксельная печь", "ru-ip", "Нижний Новгород", "Елена Гончарова"),
    ("lis", "Рыжий лис", "ru-ooo", "Ярославль", "Кирилл Лисицын"),
    ("strelka", "Стрелка", "ru-ooo", "Москва", "Алиса Стрельцова"),
    ("dvor", "Двор Геймс", "ru-ip", "Санкт-Петербург", "Фёдор Дворников"),
    ("kometa", "Комета", "ru-ooo", "Самара", "Вадим Звездин"),
    ("matryoshka", "Матрёшка Плей", "ru-ooo", "Сергиев Посад", "Ольга Расписная"),
    ("lampa", "Лампа", "ru-ip", "Пермь", "Тимофей Светлов"),
    ("gorod-n", "Город N", "ru-ooo", "Москва", "Наталья Городецкая"),
    ("shtorm", "Шторм", "ru-ooo", "Новороссийск", "Роман Волнов"),
    ("sova", "Сова Студио", "ru-ip", "Томск", "Евгения Совина"),
    ("kit", "Кит", "ru-ooo", "Архангельск", "Илья Поморов"),
    ("yantar", "Янтарь", "ru-ip", "Калининград", "Марина Янтарёва"),
    ("zvezdopad", "Звездопад", "ru-ooo", "Москва", "Григорий Небесный"),
    ("mekhanika", "Механика", "ru-ooo", "Ижевск", "Андрей Оружейников"),
    ("khokhloma", "Хохлома Геймс", "ru-ip", "Семёнов", "Людмила Узорова"),
    ("rubezh", "Рубеж", "ru-ooo", "Ростов-на-Дону", "Сергей Донской"),
    ("ozero", "Озеро", "ru-ip", "Петрозаводск", "Полина Онежская"),
    ("vektor", "Вектор", "ru-ooo", "Москва", "Константин Векшин"),
    ("domovoy", "Домовой", "ru-ip", "Вологда", "Зоя Печкина"),
    ("krylya", "Крылья", "ru-ooo", "Воронеж", "Антон Летунов"),
    ("sever", "Северный код", "ru-ooo", "Сыктывкар", "Елизавета Комина"),
    ("podval", "Подвал", "ru-ip", "Москва", "Виктор Подвальный"),
    ("parovoz", "Паровоз", "ru-ooo", "Омск", "Борис Машинистов"),
    ("ledokol", "Ледокол", "ru-ooo", "Санкт-Петербург", "Ксения Ледова"),
]

TITLES = [
    "Сказки Сирина", "Жар-птица: Перо", "Каменный цветок", "Тридевятое", "Белая ночь",
    "Орбита", "Волжский экспресс", "Код тайги", "Уральские самоцветы", "Маяк на краю",
    "Кукольный дом", "Северное сияние", "Самоварные войны", "Чернильное сердце", "Берег туманов",
    "Тайга: Выживание", "Печь и пиксели", "Рыжий хвост", "Стрелка: гонки", "Дворовые легенды",
    "Комета-7", "Матрёшка", "Лампа джинна", "Город N", "Шторм", "Совиная почта", "Кит и море",
    "Янтарная комната", "Звездопад", "Механическое сердце", "Хохлома", "Рубеж", "Озёрный край",
    "Вектор атаки", "Домовой", "Крылья", "Полярный код", "Подвал", "Паровоз в облаках", "Ледокол",
]  # fmt: skip
GENRES = ["adventure", "puzzle", "strategy", "rpg", "platformer", "casual", "simulation",
          "action", "horror", "racing", "educational", "shooter"]  # fmt: skip
ENGINES = ["unity", "unity", "godot", "unreal", "defold", "custom", "unity", "gamemaker"]
STAGES = ["concept", "prototype", "prototype", "vertical-slice", "alpha", "beta"]
PLATFORMS = [["pc"], ["pc", "console"], ["mobile"], ["pc", "mobile"], ["web"], ["pc", "vr"]]
ROLES = [
    "Геймдизайнер",
    "Программист",
    "Художник",
    "Продюсер",
    "Композитор",
    "Нарративный дизайнер",
]
FIRST = ["Алексей", "Мария", "Дмитрий", "Анастасия", "Игорь", "Юлия", "Сергей", "Татьяна"]
LAST = ["Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов", "Васильева", "Новиков", "Морозова"]

CRITERIA = [
    ("Идея и геймплей", "G‘oya va geympley", "Idea and gameplay", Decimal("2")),
    ("Визуальный стиль", "Vizual uslub", "Visual style", Decimal("1")),
    ("Команда", "Jamoa", "Team", Decimal("1.5")),
    ("Рынок и монетизация", "Bozor va monetizatsiya", "Market and monetisation", Decimal("1")),
]
LEVELS = {
    1: ("Не проработано", "Ishlab chiqilmagan", "Not worked out"),
    2: ("Слабо", "Zaif", "Weak"),
    3: ("Приемлемо", "Qoniqarli", "Acceptable"),
    4: ("Сильно", "Kuchli", "Strong"),
    5: ("Выдающееся", "Ajoyib", "Outstanding"),
}
EXPERTS = [
    ("Елена Журавлёва", "ru"), ("Михаил Рябов", "ru"), ("Ольга Титова", "ru"),
    ("Азиз Каримов", "uz"), ("Наталья Белова", "ru"), ("Руслан Ахметов", "ru"),
    ("Дина Сафарова", "uz"), ("Павел Ким", "ru"),
]  # fmt: skip


def _anchor() -> date:
    today = timezone.localdate(timezone=MSK)
    return today.replace(day=1)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _msk(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=MSK)


def _programme(ctx, manager) -> Programme:
    from bridge.programs.services.calls import programme_create

    programme = Programme.objects.filter(slug="video-game-factory").first()
    if programme is None:
        programme = programme_create(actor=manager, slug="video-game-factory", **PROGRAMME)
        ctx.count("Programmes", "created")
        return programme
    programme, _outcome = upsert(ctx, Programme, {"slug": "video-game-factory"}, PROGRAMME)
    return programme


def _call(ctx, manager, programme, slug, fields, eligibility) -> Call:
    from bridge.programs.services.calls import call_create, call_publish

    call = Call.objects.filter(slug=slug).first()
    if call is None:
        call = call_create(
            actor=manager, programme=programme, slug=slug, eligibility=eligibility, **fields
        )
        call_publish(actor=manager, call=call)
        ctx.count("Calls", "created")
        return call
    call, _outcome = upsert(ctx, Call, {"slug": slug}, {**fields, "is_published": True})
    return call


def _criteria(ctx, call) -> list[Criterion]:
    result = []
    for position, (ru, uz, en, weight) in enumerate(CRITERIA):
        criterion, _o = upsert(
            ctx, Criterion, {"call": call, "position": position},
            {"name_ru": ru, "name_uz": uz, "name_en": en, "weight": weight},
        )  # fmt: skip
        for value, (d_ru, d_uz, d_en) in LEVELS.items():
            upsert(
                ctx, ScoreLevel, {"criterion": criterion, "value": value},
                {"description_ru": d_ru, "description_uz": d_uz, "description_en": d_en},
            )  # fmt: skip
        result.append(criterion)
    return result


def _studios(ctx) -> list:
    """The 39 extra Russian studios, written through the accounts services (with their owners)."""
    organisations = []
    for index, (key, name, form, city, person) in enumerate(STUDIOS, start=1):
        number = inn10(f"77{index:07d}") if form == "ru-ooo" else inn12(f"50{index:08d}")
        spec = DemoOrganisation(
            key=f"vgf-{key}",
            name=name,
            country="RU",
            legal_form=form,
            registration_number=number,
            sectors=("games",),
            owner=Contact(f"{key}@studios.vgf-demo.example", person, "ru", "Europe/Moscow"),
            description_ru=f"Независимая игровая студия, {city}.",
            description_en="An independent game studio in Russia.",
        )
        organisation = demo_organisation(ctx, spec)
        organisations.append((organisation, ctx.people[spec.owner.email]))
    return organisations


def _application(ctx, call, organisation, owner, index, *, status, submitted_at) -> Application:
    """Create once (with its status); later runs refresh the game fields only, since the status
    moves on through decisions."""
    rng = random.Random(f"{call.slug}-{index}")
    stage = STAGES[index % len(STAGES)]
    fields = {
        "title": TITLES[index % len(TITLES)],
        "summary": (
            f"«{TITLES[index % len(TITLES)]}» — игра в жанре {GENRES[index % len(GENRES)]} "
            "с авторским визуальным стилем и коротким игровым циклом, рассчитанным на "
            "сессии по 15–20 минут."
        ),
        "genre": GENRES[index % len(GENRES)],
        "platforms": PLATFORMS[index % len(PLATFORMS)],
        "engine": ENGINES[index % len(ENGINES)],
        "project_stage": stage,
        "budget": Decimal(rng.randrange(30, 400) * 100_000),
        "currency": "RUB",
        "release_target": _add_months(_anchor(), 6 + index % 12),
        "build_url": f"https://builds.vgf-demo.example/{call.slug}/{index}",
        "video_url": f"https://video.vgf-demo.example/{call.slug}/{index}",
        "company_founded_on": date(2015 + index % 9, 1 + index % 12, 1),
        "language": "ru",
    }
    fields["amount_asked"] = (fields["budget"] * Decimal("0.3")).quantize(Decimal("1"))
    application = (
        Application.objects.filter(call=call, organisation=organisation)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if application is None:
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            created_by=owner,
            eligibility_snapshot=call.eligibility.as_rules(),
            eligibility_version=call.eligibility.version,
            status=status,
            submitted_at=submitted_at,
            **fields,
        )
        ctx.count("Applications", "created")
    else:
        changed = [name for name, value in fields.items() if getattr(application, name) != value]
        for name in changed:
            setattr(application, name, fields[name])
        if changed:
            application.save()
        ctx.count("Applications", "updated" if changed else "unchanged")
    size = 2 + index % 4
    for position in range(size):
        upsert(
            ctx, TeamMember, {"application": application, "position": position},
            {
                "name": f"{FIRST[(index + position) % 8]} {LAST[(index * 3 + position) % 8]}",
                "role": ROLES[position % len(ROLES)],
            },
        )  # fmt: skip
    TeamMember.objects.filter(application=application, position__gte=size).delete()
    return application


def _experts(ctx, call) -> list[Reviewer]:
    reviewers = []
    for index, (name, language) in enumerate(EXPERTS, start=1):
        user = demo_person(
            ctx,
            email=f"expert{index}@{EXPERT_DOMAIN}",
            full_name=name,
            language=language,
            timezone_name="Asia/Tashkent" if language == "uz" else "Europe/Moscow",
        )
        ctx.people[f"expert{index}"] = user
        reviewer, _o = upsert(
            ctx, Reviewer, {"call": call, "user": user},
            {"languages": ["ru", "en"] if language == "ru" else ["ru", "uz", "en"],
             "status": ReviewerStatus.ACCEPTED, "accepted_at": call.closes_at},
        )  # fmt: skip
        reviewers.append(reviewer)
    return reviewers


def _reviews(ctx, call, applications, reviewers, criteria, quality) -> dict[int, float]:
    """Four reviews per application, balanced (each expert reviews 20), with each expert's own
    leniency; returns the weighted mean per application."""
    leniency = [0.6, -0.5, 0.1, 0.3, -0.8, 0.0, 0.4, -0.2]
    total_weight = float(sum(c.weight for c in criteria))
    means = {}
    for index, application in enumerate(applications):
        weighted = []
        for step in range(4):
            slot = (index + step * 2) % len(reviewers)
            reviewer = reviewers[slot]
            assignment, _o = upsert(
                ctx, Assignment, {"reviewer": reviewer, "application": application},
                {"method": AssignmentMethod.AUTOMATIC},
            )  # fmt: skip
            review, _o = upsert(
                ctx, Review, {"assignment": assignment},
                {"comment": "Сильная идея, нужен более ясный план монетизации." if quality[index] > 3.5
                 else "Прототип сыроват; стоит сузить объём до вертикального среза.",
                 "submitted_at": call.closes_at + timedelta(days=3 + slot)},
            )  # fmt: skip
            rng = random.Random(f"score-{call.slug}-{index}-{slot}")
            total = 0.0
            for criterion in criteria:
                raw = quality[index] + leniency[slot] + rng.gauss(0, 0.6)
                value = max(1, min(5, round(raw)))
                upsert(ctx, Score, {"review": review, "criterion": criterion}, {"value": value})
                total += value * float(criterion.weight)
            weighted.append(total / total_weight)
        means[application.pk] = sum(weighted) / len(weighted)
    return means


def _decisions(ctx, manager, applications, means) -> None:
    from bridge.programs.services.decisions import decision_make, decision_send

    ranked = sorted(applications, key=lambda a: (-means[a.pk], a.pk))
    for position, application in enumerate(ranked):
        if Decision.objects.filter(application=application).exists():
            ctx.count("Decisions", "unchanged")
            continue
        outcome = "accept" if position < 20 else "waitlist" if position < 26 else "reject"
        message = {
            "accept": "Поздравляем! Ждём вас на онбординге.",
            "waitlist": "Вы в листе ожидания: мы напишем, если освободится место.",
            "reject": "Спасибо за заявку. Комментарии экспертов помогут в следующем сезоне.",
        }[outcome]
        decision = decision_make(
            actor=manager, application=application, outcome=outcome, message=message
        )
        decision_send(actor=manager, decision=decision)
        ctx.count("Decisions", "created")


MILESTONES = [
    ("onboarding", -3, 5, "Онбординг", "Onboarding", "Onboarding"),
    ("prototype", -2, 10, "Прототип", "Prototip", "Prototype"),
    ("playtest", -1, 15, "Публичный плейтест", "Ommaviy pleytest", "Public playtest"),
    ("demo", 0, 20, "Демо", "Demo", "Demo"),
    ("investor-pitch", 2, 0, "Питч инвесторам", "Investorlar oldida pitch", "Investor pitch"),
]


def _cohort(ctx, manager, call) -> None:
    anchor = _anchor()
    milestones = []
    for kind, months, day, ru, uz, en in MILESTONES:
        due = _add_months(anchor, months) + timedelta(days=day)
        milestone, _o = upsert(
            ctx, Milestone, {"call": call, "kind": kind},
            {"due_on": due, "title_ru": ru, "title_uz": uz, "title_en": en},
        )  # fmt: skip
        milestones.append(milestone)
    accepted = list(
        Application.objects.filter(call=call, status=ApplicationStatus.ACCEPTED).order_by("id")
    )
    reports = {
        "done": "Готово: материалы загружены, обратная связь учтена.",
        "in-progress": "В работе: закрываем основные баги и полируем первый уровень.",
        "late": "Отстаём на неделю: художник на больничном, догоняем.",
    }
    for index, application in enumerate(accepted):
        owner = application.created_by
        for step, milestone in enumerate(milestones):
            if step <= 1:
                status = "done"
            elif step == 2:
                status = "done" if index % 3 else "late"
            elif step == 3:
                status = "in-progress" if index % 2 else "not-started"
            else:
                continue
            upsert(
                ctx, MilestoneProgress, {"milestone": milestone, "application": application},
                {"status": status, "report": reports.get(status, ""), "reported_by": owner},
            )  # fmt: skip
        if index % 4 == 0:
            upsert(
                ctx, MentorNote, {"application": application, "author": manager, "shared_with_team": True},
                {"text": "Сфокусируйте демо на первых десяти минутах и покажите основной цикл."},
            )  # fmt: skip
            upsert(
                ctx, MentorNote, {"application": application, "author": manager, "shared_with_team": False},
                {"text": "Команда сильная, но продюсеру нужен наставник по бюджету."},
            )  # fmt: skip
    deals = [
        (0, "Indie GO", Decimal("3000000"), "RUB", "revenue-share", "Поэтапное финансирование, 50% выручки до окупаемости."),
        (1, "Московский венчурный фонд", Decimal("10000000"), "RUB", "equity", "Доля 15%."),
        (2, "Агентство креативных индустрий", Decimal("1500000"), "RUB", "grant", "Грант на локализацию."),
        (3, "Nord Games Publishing", Decimal("45000"), "USD", "publishing", "Издание на ПК и консолях."),
    ]  # fmt: skip
    for index, investor, amount, currency, kind, note in deals:
        if index >= len(accepted):
            break
        upsert(
            ctx, Deal, {"application": accepted[index], "investor": investor},
            {"amount": amount, "currency": currency, "kind": kind, "note": note,
             "signed_on": anchor - timedelta(days=10 + index * 7), "recorded_by": manager},
        )  # fmt: skip


QUESTIONS = [
    ("text", True, "Почему вам нужен акселератор?", "Nima uchun sizga akselerator kerak?",
     "Why do you need the accelerator?", []),
    ("choice", True, "Модель монетизации", "Monetizatsiya modeli", "Monetisation model",
     [{"value": "premium", "ru": "Премиум", "uz": "Premium", "en": "Premium"},
      {"value": "f2p", "ru": "Free-to-play", "uz": "Free-to-play", "en": "Free-to-play"},
      {"value": "subscription", "ru": "Подписка", "uz": "Obuna", "en": "Subscription"}]),
    ("yes-no", False, "Есть ли у вас издатель?", "Noshiringiz bormi?", "Do you have a publisher?", []),
    ("url", False, "Страница игры в магазине", "Do‘kondagi o‘yin sahifasi", "Store page of the game", []),
]  # fmt: skip


def _questions(ctx, call) -> None:
    for position, (kind, required, ru, uz, en, choices) in enumerate(QUESTIONS):
        upsert(
            ctx, Question, {"call": call, "position": position},
            {"kind": kind, "required": required, "label_ru": ru, "label_uz": uz, "label_en": en,
             "choices": choices},
        )  # fmt: skip


def build_demo(ctx: DemoContext) -> None:
    from bridge.programs.services.calls import eligibility_update

    manager = ctx.people["manager"]
    anchor = _anchor()
    programme = _programme(ctx, manager)
    title = {
        "title_ru": "Фабрика видеоигр — сезон {n}",
        "title_uz": "Videoo‘yinlar fabrikasi — {n}-mavsum",
        "title_en": "Video Game Factory — Season {n}",
    }
    ru_forms = {"RU": ["ru-ip", "ru-ooo", "ru-self"]}
    closed = _call(
        ctx, manager, programme, CLOSED_SLUG,
        {
            **{k: v.format(n=6) for k, v in title.items()},
            "description_ru": "Шестой сезон для студий из России: набор завершён, команды проходят программу.",
            "description_uz": "Rossiya studiyalari uchun oltinchi mavsum: qabul yakunlangan, jamoalar dasturdan o‘tmoqda.",
            "description_en": "The sixth season, for studios from Russia: selection is over and the teams are in the programme.",
            **SUPPORT,
            "places": 20,
            "opens_at": _msk(_add_months(anchor, -4) + timedelta(days=11)),
            "closes_at": _msk(_add_months(anchor, -4) + timedelta(days=27), 23, 59),
            "timezone": "Europe/Moscow",
            "blind_review": True,
            "reviews_per_application": 4,
            "review_deadline": _msk(_add_months(anchor, -3) + timedelta(days=10), 23, 59),
        },
        {"countries": ["RU"], "legal_forms": ru_forms, "verified_required": True},
    )  # fmt: skip
    criteria = _criteria(ctx, closed)
    studios = _studios(ctx)
    sirin = ctx.organisations["sirin"]
    applicants = [(sirin, ctx.people["owner"]), *studios]
    applications = [
        _application(
            ctx,
            closed,
            organisation,
            owner,
            index,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=closed.opens_at + timedelta(hours=7 * index + 3),
        )
        for index, (organisation, owner) in enumerate(applicants)
    ]
    rng = random.Random("vgf-quality")
    quality = [rng.uniform(1.8, 4.6) for _ in applications]
    quality[0] = 4.8  # Sirin Interactive: in the cohort, so the demo owner login sees it.
    reviewers = _experts(ctx, closed)
    means = _reviews(ctx, closed, applications, reviewers, criteria, quality)
    _decisions(ctx, manager, applications, means)
    _cohort(ctx, manager, closed)

    opened = _call(
        ctx, manager, programme, OPEN_SLUG,
        {
            **{k: v.format(n=7) for k, v in title.items()},
            "description_ru": (
                "Седьмой сезон впервые открыт для студий из Узбекистана и Казахстана. Ищем игры "
                "на любой стадии — от концепта до беты — с ясным планом на время программы."
            ),
            "description_uz": (
                "Yettinchi mavsum birinchi marta O‘zbekiston va Qozog‘iston studiyalari uchun "
                "ochiq. Konseptdan betagacha bo‘lgan har qanday bosqichdagi o‘yinlarni kutamiz."
            ),
            "description_en": (
                "Season 7 is the first open to studios from Uzbekistan and Kazakhstan. We look for "
                "games at any stage — from concept to beta — with a clear plan for the programme."
            ),
            **SUPPORT,
            "places": 25,
            "opens_at": _msk(anchor - timedelta(days=15)),
            "closes_at": _msk(_add_months(anchor, 2) - timedelta(days=1), 23, 59),
            "timezone": "Europe/Moscow",
            "blind_review": True,
            "reviews_per_application": 4,
        },
        {"countries": ["RU"], "legal_forms": ru_forms, "verified_required": True},
    )  # fmt: skip
    # Announced for Russia, then opened to Uzbekistan and Kazakhstan: a logged change of rules.
    eligibility_update(
        actor=manager,
        call=opened,
        note="Сезон 7 открыт для студий из Узбекистана и Казахстана.",
        countries=["RU", "UZ", "KZ"],
        legal_forms={**ru_forms, "UZ": ["uz-mchj", "uz-xk", "uz-yatt"]},
    )
    upsert(
        ctx, Stage, {"call": opened, "position": 0},
        {"name_ru": "Заявка", "name_uz": "Ariza", "name_en": "Application"},
    )  # fmt: skip
    _questions(ctx, opened)
    _criteria(ctx, opened)
    for index, (organisation, owner) in enumerate(studios[:8]):
        submitted = index < 5
        _application(
            ctx, opened, organisation, owner, index + 40,
            status=ApplicationStatus.SUBMITTED if submitted else ApplicationStatus.DRAFT,
            submitted_at=opened.opens_at + timedelta(days=index + 1) if submitted else None,
        )  # fmt: skip
    pixel = ctx.people.get("j.abdullaev@sampixel-demo.example")
    if pixel is not None:
        ctx.logins.append((pixel.email, ctx.password, "Uzbek studio owner (Samarqand Pixel)"))
    ctx.logins.append((ctx.people["expert1"].email, ctx.password, "reviewer (Video Game Factory)"))
