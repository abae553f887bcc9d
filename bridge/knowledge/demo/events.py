"""The demo events calendar: three upcoming events and two past ones with recordings, hung on the
Monday of the current week so that a second `seed_demo` in the same week changes nothing."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoEvent:
    key: str  # how the builder finds it again: the slug's first part
    kind: str
    organisation: str
    language: str
    days: int  # from this week's Monday
    hour: int  # local time in `timezone`
    minutes: int  # length
    timezone: str
    capacity: int
    titles: dict[str, str]
    descriptions: dict[str, str]
    online: bool = True
    venue: str = ""
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    recording_url: str = ""
    registered: tuple[str, ...] = ()  # demo logins with a place
    to_library: bool = False


EVENTS = [
    DemoEvent(
        key="co-production-briefing",
        kind="briefing",
        organisation="moscow-agency",
        language="ru",
        days=8,
        hour=11,
        minutes=90,
        timezone="Europe/Moscow",
        capacity=120,
        titles={
            "ru": "Брифинг: копродукция анимации и кино с Узбекистаном",
            "uz": "Brifing: Oʻzbekiston bilan animatsiya va kino ko-prodyuserligi",
            "en": "Briefing: co-producing animation and film with Uzbekistan",
        },
        descriptions={
            "ru": "Юристы агентства и продюсеры двух стран расскажут, как оформить права, "
            "получить субсидии и разделить территории. Вопросы — в чате.",
            "uz": "Agentlik yuristlari va ikki davlat prodyuserlari huquqlarni rasmiylashtirish, "
            "subsidiyalar olish va hududlarni boʻlish haqida gapirib beradi.",
            "en": "The agency's lawyers and producers of both countries on rights, subsidies and "
            "territories. Questions in the chat.",
        },
        sectors=("film", "animation"),
        registered=("owner", "member"),
    ),
    DemoEvent(
        key="natural-dyes-workshop",
        kind="workshop",
        organisation="margilan-atlas",
        language="uz",
        days=15,
        hour=10,
        minutes=240,
        timezone="Asia/Tashkent",
        capacity=12,
        online=False,
        venue="Yodgorlik ipak fabrikasi, Margʻilon",
        titles={
            "uz": "Ustaxona: abrband va tabiiy boʻyoqlar",
            "ru": "Мастерская: абрбанд и натуральные красители",
            "en": "Workshop: abrband tying and natural dyes",
        },
        descriptions={
            "uz": "Ustalar bilan birga ipni bogʻlab, roʻyan va indigoda boʻyaymiz. Dizaynerlar va "
            "moda brendlari uchun.",
            "ru": "Вместе с мастерами перевяжем нити и окрасим их мареной и индиго. Для "
            "дизайнеров и модных брендов.",
            "en": "With the masters, we tie warp threads and dye them with madder and indigo. For "
            "designers and fashion brands.",
        },
        themes=("ikat",),
        sectors=("fashion", "crafts"),
        registered=("supplier",),
    ),
    DemoEvent(
        key="game-export-webinar",
        kind="webinar",
        organisation="it-park",
        language="uz",
        days=22,
        hour=15,
        minutes=60,
        timezone="Asia/Tashkent",
        capacity=3,
        titles={
            "uz": "Vebinar: oʻyinlarni eksport qilish va Osiyo noshirlari",
            "ru": "Вебинар: экспорт игр и издатели Азии",
            "en": "Webinar: exporting games and Asian publishers",
        },
        descriptions={
            "uz": "IT Park mutaxassislari va noshirlar oʻyinni xorijga chiqarish, toʻlovlar va "
            "lokalizatsiya haqida. Joylar soni cheklangan: savol-javob jonli efirda.",
            "ru": "Специалисты IT Park и издатели о выходе игры за рубеж, платежах и локализации. "
            "Мест мало: вопросы и ответы в прямом эфире.",
            "en": "IT Park's specialists and publishers on taking a game abroad, payments and "
            "localisation. Few places: live questions and answers.",
        },
        sectors=("games",),
        registered=("owner", "admin", "member"),
    ),
    DemoEvent(
        key="it-park-residency-webinar",
        kind="webinar",
        organisation="it-park",
        language="ru",
        days=-12,
        hour=14,
        minutes=75,
        timezone="Asia/Tashkent",
        capacity=200,
        recording_url="https://video.example/it-park/residency-for-creative-companies",
        titles={
            "ru": "Вебинар: резидентство IT Park для креативных компаний",
            "uz": "Vebinar: ijodiy kompaniyalar uchun IT Park rezidentligi",
        },
        descriptions={
            "ru": "Как студии игр и анимации становятся резидентами IT Park: требования, "
            "документы, льготы и отчётность. Запись и презентация.\n\nЗапись вебинара и "
            "презентация — в библиотеке практик.",
            "uz": "Oʻyin va animatsiya studiyalari IT Park rezidentiga qanday aylanadi: talablar, "
            "hujjatlar, imtiyozlar va hisobot.\n\nVebinar yozuvi va taqdimot — tajriba "
            "kutubxonasida.",
        },
        sectors=("games", "animation", "digital-it"),
        to_library=True,
    ),
    DemoEvent(
        key="suzani-masterclass",
        kind="masterclass",
        organisation="buxoro-suzani",
        language="uz",
        days=-30,
        hour=16,
        minutes=120,
        timezone="Asia/Tashkent",
        capacity=25,
        recording_url="https://video.example/buxoro-suzani/masterclass",
        titles={
            "uz": "Mahorat darsi: soʻzana naqshlari personajlar dizaynida",
            "ru": "Мастер-класс: узоры сюзане в дизайне персонажей",
            "en": "Masterclass: suzani patterns in character design",
        },
        descriptions={
            "uz": "Buxorolik kashtachi soʻzana naqshlarining maʼnosini va ularni animatsiya "
            "qahramonlari liboslarida qanday qoʻllashni koʻrsatadi.",
            "ru": "Бухарская вышивальщица о значении узоров сюзане и о том, как использовать их "
            "в костюмах анимационных героев.",
            "en": "A Bukhara embroiderer on what suzani patterns mean and how to use them in the "
            "costumes of animated characters.",
        },
        themes=("suzani",),
        sectors=("animation", "crafts"),
    ),
]
