"""The demo practice library: what the organisations of the demo have learnt, each in two or three
languages. Plain data; bridge.knowledge.demo writes it through the services."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Version:
    title: str
    summary: str
    body: str
    chapters: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class DemoPractice:
    key: str  # how the relevance set names it
    organisation: str  # key in bridge.site.demo.organisations
    kind: str
    original: str
    versions: dict[str, Version]
    sectors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    video_url: str = ""
    files: tuple[tuple[str, str], ...] = ()  # (language, file name) made by demo.files
    state: str = "published"  # published, review, returned, draft (of the original version)
    useful: int = 0  # demo people who mark it useful


CO_PRODUCTION = DemoPractice(
    key="co-production",
    organisation="teply-svet",
    kind="guide",
    original="ru",
    sectors=("animation", "film"),
    keywords=("co-production", "intellectual-property", "licensing", "animated-series"),
    themes=("alpamysh",),
    files=(("ru", "co-production-budget.csv"),),
    useful=4,
    versions={
        "ru": Version(
            "Копродукция анимации между Россией и Узбекистаном: права и финансирование",
            "Как мы делили права, бюджет и работу над сериалом по мотивам «Алпамыша» с "
            "ташкентской студией: договор, доли, субсидии двух стран и ошибки, которых можно "
            "избежать.",
            """## Почему копродукция

Сериал по мотивам эпоса «Алпамыш» мы задумали вместе с ташкентской студией: у нас — кукольная
анимация и дистрибуция в России, у партнёров — сценаристы, знающие эпос, и художники по
костюмам. Копродукция дала доступ к господдержке в обеих странах.

## Права

- Исключительные права на сериал принадлежат сторонам **пропорционально вкладу**: у нас 60 %,
  у партнёра 40 %.
- Территории разделены: Россия и СНГ — наша дистрибуция, Узбекистан и страны Персидского
  залива — партнёра; остальной мир — совместно через агента.
- Права на персонажей и мерчандайзинг оформлены отдельным лицензионным договором.

## Финансирование

| Источник | Доля бюджета |
|---|---|
| Субсидия на анимацию (Россия) | 35 % |
| Грант IT Park на креативный контент | 15 % |
| Собственные средства студий | 30 % |
| Предпродажа телеканалу | 20 % |

## Что мы сделали бы иначе

1. Согласовали бы график платежей в одной валюте с самого начала.
2. Записали бы в договоре, чей закон применяется (мы выбрали право России и арбитраж в
   Ташкенте — это работает, но спорили три недели).
3. Заложили бы 10 % бюджета на дубляж на третий язык.
""",
        ),
        "uz": Version(
            "Rossiya va Oʻzbekiston oʻrtasida animatsiya ko-prodyuserligi: huquqlar va moliyalashtirish",
            "«Alpomish» dostoni asosidagi serial ustida Toshkent studiyasi bilan huquqlarni, "
            "byudjetni va ishni qanday taqsimladik: shartnoma, ulushlar, ikki davlatning "
            "subsidiyalari va oldini olish mumkin boʻlgan xatolar.",
            """## Nega ko-prodyuserlik

«Alpomish» dostoni asosidagi serialni Toshkent studiyasi bilan birga oʻylab topdik: bizda —
qoʻgʻirchoq animatsiyasi va Rossiyada distribyutsiya, hamkorlarda — dostonni biladigan
ssenariynavislar va liboslar rassomlari. Ko-prodyuserlik ikki davlatda ham davlat
koʻmagidan foydalanish imkonini berdi.

## Huquqlar

- Serialga mutlaq huquqlar tomonlarga **hissasiga mutanosib** tegishli: bizda 60 %, hamkorda 40 %.
- Hududlar boʻlingan: Rossiya va MDH — bizning distribyutsiya, Oʻzbekiston va Fors koʻrfazi
  davlatlari — hamkorniki; qolgan dunyo — agent orqali birgalikda.
- Personajlar va merchandayzing huquqlari alohida litsenziya shartnomasi bilan rasmiylashtirilgan.

## Moliyalashtirish

| Manba | Byudjetdagi ulush |
|---|---|
| Animatsiya uchun subsidiya (Rossiya) | 35 % |
| IT Parkning ijodiy kontent granti | 15 % |
| Studiyalarning oʻz mablagʻlari | 30 % |
| Telekanalga oldindan sotish | 20 % |

## Nimani boshqacha qilgan boʻlardik

1. Toʻlovlar jadvalini boshidanoq bitta valyutada kelishib olardik.
2. Shartnomada qaysi davlat qonuni qoʻllanishini yozib qoʻyardik.
3. Uchinchi tilga dublyaj uchun byudjetning 10 foizini ajratardik.
""",
        ),
    },
)

VIDEO_GAME_FACTORY = DemoPractice(
    key="video-game-factory",
    organisation="sirin",
    kind="case",
    original="ru",
    sectors=("games",),
    keywords=("accelerator", "pitch", "game-development", "publisher"),
    themes=("afandi",),
    useful=6,
    versions={
        "ru": Version(
            "Как российская студия попала в «Фабрику видеоигр»",
            "Sirin Interactive прошла отбор шестого сезона «Фабрики видеоигр» с приключенческой "
            "игрой по мотивам сказок об Афанди: что было в заявке, как готовились к питчу и что "
            "дала программа за полгода.",
            """## Заявка

Мы подали заявку за две недели до дедлайна: вертикальный срез на 15 минут игры, питч-дек на
12 слайдов и бюджет до релиза. Эксперты оценивали команду, игру и рынок — в заявке мы прямо
написали, каких компетенций нам не хватает (монетизация, издатель в Азии).

## Питч

- 7 минут рассказа и 8 минут вопросов. Мы репетировали с секундомером.
- Показывали не трейлер, а живой геймплей.
- На вопрос «почему Афанди» ответили цифрами: аудитория сказочных игр в Узбекистане и
  Казахстане растёт быстрее мобильного рынка в целом.

## Что дала программа

Наставника по монетизации, две встречи с издателями, грант на локализацию и — главное —
знакомство с художниками из Ташкента, с которыми мы теперь делаем костюмы персонажей.
""",
        ),
        "uz": Version(
            "Rossiya studiyasi «Video oʻyinlar fabrikasi»ga qanday kirdi",
            "Sirin Interactive Afandi haqidagi ertaklar asosidagi sarguzasht oʻyini bilan "
            "«Video oʻyinlar fabrikasi»ning oltinchi mavsumi tanlovidan oʻtdi: arizada nima "
            "bor edi, pitchga qanday tayyorlandik va dastur yarim yilda nima berdi.",
            """## Ariza

Arizani muddatdan ikki hafta oldin topshirdik: oʻyinning 15 daqiqalik vertikal kesimi,
12 slayddan iborat pitch-dek va relizgacha byudjet. Ekspertlar jamoani, oʻyinni va bozorni
baholadi — arizada bizga qaysi kompetensiyalar yetishmasligini ochiq yozdik.

## Pitch

- 7 daqiqa taqdimot va 8 daqiqa savollar.
- Treyler emas, jonli geympley koʻrsatdik.
- «Nega Afandi» degan savolga raqamlar bilan javob berdik.

## Dastur nima berdi

Monetizatsiya boʻyicha mentor, noshirlar bilan ikki uchrashuv, lokalizatsiya uchun grant va
Toshkentlik rassomlar bilan tanishuv.
""",
        ),
        "en": Version(
            "How a Russian studio joined the Video Game Factory",
            "Sirin Interactive was selected for season six of the Video Game Factory with an "
            "adventure game based on the Afandi tales: what was in the application, how we "
            "prepared the pitch and what the programme gave us in six months.",
            """## The application

We applied two weeks before the deadline: a 15-minute vertical slice, a 12-slide pitch deck and
a budget to release. The experts scored team, game and market, and we said plainly which skills
we lacked (monetisation, a publisher in Asia).

## The pitch

- Seven minutes of talk and eight of questions, rehearsed with a stopwatch.
- Live gameplay rather than a trailer.
- "Why Afandi?" was answered with figures on the audience for fairy-tale games in Central Asia.

## What the programme gave

A monetisation mentor, two publisher meetings, a localisation grant and, above all, the
Tashkent artists who now design our characters' costumes.
""",
        ),
    },
)

IT_PARK_RESIDENCY = DemoPractice(
    key="it-park-residency",
    organisation="it-park",
    kind="guide",
    original="uz",
    sectors=("digital-it", "games", "animation"),
    keywords=("residency", "startup", "export"),
    useful=5,
    versions={
        "uz": Version(
            "Ijodiy kompaniyalar uchun IT Park rezidentligi",
            "Oʻyin, animatsiya va dizayn studiyalari IT Park rezidenti boʻlish uchun nima qilishi "
            "kerak: talablar, hujjatlar, muddatlar va soliq imtiyozlari.",
            """## Kim rezident boʻla oladi

Faqat yuridik shaxslar: oʻyin, animatsiya, dizayn va dasturiy taʼminot ishlab chiquvchi
studiyalar. Daromadning asosiy qismi IT xizmatlari va ijodiy kontentdan boʻlishi kerak.

## Qadamlar

1. Onlayn ariza va biznes-reja.
2. Ekspert koʻrigi — taxminan 15 ish kuni.
3. Shartnoma imzolash va rezidentlar reyestriga kiritish.

## Imtiyozlar va majburiyatlar

- Rezidentlar 2028-yilgacha asosiy soliqlardan ozod.
- IT Parkga tushumning 1 foizi toʻlanadi.
- Har chorakda hisobot va yillik audit talab qilinadi.
""",
        ),
        "ru": Version(
            "Резидентство IT Park для креативных компаний",
            "Что нужно студиям игр, анимации и дизайна, чтобы стать резидентом IT Park: "
            "требования, документы, сроки и налоговые льготы.",
            """## Кто может стать резидентом

Только юридические лица: студии игр, анимации, дизайна и разработчики программ. Основная часть
выручки должна приходиться на IT-услуги и креативный контент.

## Шаги

1. Онлайн-заявка и бизнес-план.
2. Экспертиза — около 15 рабочих дней.
3. Договор и внесение в реестр резидентов.

## Льготы и обязанности

- До 2028 года резиденты освобождены от основных налогов.
- IT Park получает 1 % выручки.
- Нужны ежеквартальная отчётность и ежегодный аудит.
""",
        ),
        "en": Version(
            "IT Park residency for creative companies",
            "What game, animation and design studios need to become IT Park residents: "
            "requirements, documents, timing and tax benefits.",
            """## Who can apply

Legal entities only: game, animation and design studios and software developers, with most of
their revenue from IT services and creative content.

## Steps

1. An online application with a business plan.
2. Expert review, about 15 working days.
3. An agreement and entry in the register of residents.

## Benefits and duties

- Residents are exempt from the main taxes until 2028.
- IT Park receives 1% of revenue.
- Quarterly reports and a yearly audit are required.
""",
        ),
    },
)

NATURAL_DYES = DemoPractice(
    key="natural-dyes",
    organisation="tabiiy-boyoq",
    kind="case",
    original="uz",
    sectors=("fashion", "crafts", "materials-supply"),
    keywords=("natural-dyes", "silk", "margilan", "capsule-collection"),
    themes=("ikat", "khan-atlas"),
    useful=3,
    versions={
        "uz": Version(
            "Moda brendlari uchun Margʻilonning tabiiy boʻyoqlari",
            "Roʻyan, indigo va anor poʻsti: Margʻilon ustalari ipakni qanday boʻyaydi va moda "
            "brendi tabiiy boʻyoqli abr matoga buyurtma berganda nimani bilishi kerak.",
            """## Boʻyoqlar

- **Roʻyan** (marena ildizi) — qizildan pushtigacha.
- **Indigo** — koʻkning barcha tuslari.
- **Anor poʻsti** va **isparak** — sariq va jigarrang.

## Buyurtma berishdan oldin

1. Namunani soʻrang: bir partiyadagi rang ikkinchisidan biroz farq qiladi — bu qoʻl
   mehnatining belgisi.
2. Partiya hajmi: tabiiy boʻyoq bilan 50 metrdan boshlab ishlash maqsadga muvofiq.
3. Muddat: boʻyash va abrband bilan birga 4–6 hafta.

## Parvarish

Tabiiy boʻyalgan ipak sovuq suvda, yumshoq vosita bilan yuviladi; quyoshda quritilmaydi.
""",
        ),
        "ru": Version(
            "Натуральные красители Маргилана для модных брендов",
            "Марена, индиго и кожура граната: как мастера Маргилана красят шёлк и что "
            "нужно знать бренду, заказывая абровую ткань на натуральных красителях.",
            """## Красители

- **Марена** (рўян) — от красного до розового.
- **Индиго** — все оттенки синего.
- **Кожура граната** и **живокость** — жёлтый и коричневый.

## Перед заказом

1. Попросите образец: цвет в разных партиях немного различается — это признак ручной работы.
2. Объём партии: с натуральными красителями разумно работать от 50 метров.
3. Срок: 4–6 недель вместе с окрашиванием и абрбандом.

## Уход

Шёлк натурального крашения стирают в холодной воде мягким средством и не сушат на солнце.
""",
        ),
        "en": Version(
            "Natural dyes of Margilan for fashion brands",
            "Madder, indigo and pomegranate peel: how Margilan's masters dye silk, and what a "
            "fashion brand should know before ordering naturally dyed ikat.",
            """## The dyes

- **Madder** root: from red to pink.
- **Indigo**: every shade of blue.
- **Pomegranate peel** and **larkspur**: yellow and brown.

## Before you order

1. Ask for a sample: colour varies a little between batches, the mark of handwork.
2. Batch size: from 50 metres with natural dyes.
3. Lead time: 4 to 6 weeks including dyeing and abrband tying.

## Care

Wash naturally dyed silk cold with a mild detergent; never dry it in the sun.
""",
        ),
    },
)

AGREEMENT_TEMPLATE = DemoPractice(
    key="agreement-template",
    organisation="moscow-agency",
    kind="template",
    original="ru",
    sectors=("film", "animation", "games"),
    keywords=("co-production", "intellectual-property", "licensing"),
    files=(
        ("ru", "co-production-agreement-outline.csv"),
        ("en", "co-production-agreement-outline.csv"),
    ),
    useful=7,
    versions={
        "ru": Version(
            "Шаблон договора о совместном производстве",
            "Структура договора копродукции для студий России и Узбекистана: стороны, "
            "вклады, права, территории, применимое право и разрешение споров.",
            """## Как пользоваться шаблоном

Шаблон — это оглавление договора с комментариями юристов агентства. Он не заменяет
консультацию, но помогает не забыть важное.

## Разделы

1. Стороны и проект (рабочее название, формат, хронометраж).
2. Вклады сторон: деньги, работы, права на исходный материал.
3. Распределение исключительных прав и доходов.
4. Территории и окна дистрибуции.
5. Бюджет, график платежей, валюта.
6. Кредиты и упоминания.
7. Применимое право и арбитраж.

Файл с разделами и вопросами к каждому — ниже.
""",
        ),
        "uz": Version(
            "Hamkorlikda ishlab chiqarish shartnomasi namunasi",
            "Rossiya va Oʻzbekiston studiyalari uchun ko-prodyuserlik shartnomasining tuzilishi: "
            "tomonlar, hissalar, huquqlar, hududlar, qoʻllaniladigan huquq va nizolarni hal qilish.",
            """## Namunadan qanday foydalanish

Namuna — agentlik yuristlarining izohlari bilan shartnoma mundarijasi.

## Boʻlimlar

1. Tomonlar va loyiha.
2. Tomonlarning hissalari.
3. Mutlaq huquqlar va daromadlarni taqsimlash.
4. Hududlar va distribyutsiya.
5. Byudjet, toʻlovlar jadvali, valyuta.
6. Titrlar.
7. Qoʻllaniladigan huquq va arbitraj.
""",
        ),
        "en": Version(
            "Co-production agreement outline",
            "The structure of a co-production agreement for studios of Russia and Uzbekistan: "
            "parties, contributions, rights, territories, governing law and disputes.",
            """## How to use it

An outline of the agreement with the agency lawyers' notes: not a substitute for advice, but a
list of what must not be forgotten.

## Sections

1. Parties and project.
2. Contributions: money, work, rights in the source material.
3. Sharing of exclusive rights and revenue.
4. Territories and release windows.
5. Budget, payment schedule, currency.
6. Credits.
7. Governing law and arbitration.
""",
        ),
    },
)

RESIDENCY_CHECKLIST = DemoPractice(
    key="residency-checklist",
    organisation="it-park",
    kind="template",
    original="uz",
    sectors=("digital-it",),
    keywords=("residency", "startup"),
    files=(("uz", "it-park-residency-checklist.csv"), ("ru", "it-park-residency-checklist.csv")),
    useful=2,
    versions={
        "uz": Version(
            "IT Park rezidentligi uchun nazorat roʻyxati",
            "Arizani topshirishdan oldin tekshiriladigan 12 ta band: hujjatlar, biznes-reja, "
            "daromad tarkibi va hisobot.",
            """Nazorat roʻyxati CSV faylida: har bir band, masʼul shaxs va muddat.

- Taʼsis hujjatlari va STIR.
- Uch yillik biznes-reja.
- Daromad tarkibi: IT xizmatlari va ijodiy kontent ulushi.
- Xodimlar roʻyxati.
""",
        ),
        "ru": Version(
            "Чек-лист резидентства IT Park",
            "12 пунктов, которые стоит проверить перед подачей заявки: документы, "
            "бизнес-план, структура выручки и отчётность.",
            """Чек-лист — в файле CSV: пункт, ответственный и срок.

- Учредительные документы и СТИР.
- Бизнес-план на три года.
- Структура выручки: доля IT-услуг и креативного контента.
- Список сотрудников.
""",
        ),
    },
)

VAT_ANSWER = DemoPractice(
    key="vat-answer",
    organisation="moscow-agency",
    kind="answer",
    original="ru",
    sectors=("animation", "games"),
    keywords=("export",),
    useful=3,
    versions={
        "ru": Version(
            "Нужен ли НДС, когда узбекская студия делает анимацию для российского заказчика?",
            "Короткий ответ юристов агентства: место реализации услуг, кто платит налог и "
            "какие документы нужны.",
            """Услуги по созданию анимации, оказанные узбекской студией российскому заказчику,
считаются оказанными в России. НДС исчисляет и уплачивает **российский заказчик как налоговый
агент**. Студии нужны договор, акт и счёт; при резидентстве IT Park студия освобождена от
налога на прибыль в Узбекистане.
""",
        ),
        "uz": Version(
            "Oʻzbek studiyasi rossiyalik buyurtmachi uchun animatsiya qilganda QQS kerakmi?",
            "Agentlik yuristlarining qisqa javobi: xizmatlarni amalga oshirish joyi, soliqni kim "
            "toʻlaydi va qanday hujjatlar kerak.",
            """Oʻzbek studiyasi rossiyalik buyurtmachiga koʻrsatgan animatsiya xizmatlari Rossiyada
koʻrsatilgan hisoblanadi. QQSni **rossiyalik buyurtmachi soliq agenti sifatida** hisoblaydi
va toʻlaydi. Studiyaga shartnoma, dalolatnoma va hisob-faktura kerak.
""",
        ),
    },
)

SUZANI_COSTUMES = DemoPractice(
    key="suzani-costumes",
    organisation="buxoro-suzani",
    kind="case",
    original="uz",
    sectors=("crafts", "animation"),
    keywords=("embroidery", "character-design", "stop-motion"),
    themes=("suzani",),
    useful=2,
    versions={
        "uz": Version(
            "Animatsion serial liboslarida soʻzana",
            "Buxoro kashtachilari qoʻgʻirchoq animatsiyasi uchun miniatyura soʻzanalarni qanday "
            "tikdi: masshtab, iplar va muddatlar.",
            """## Vazifa

Moskva studiyasi qoʻgʻirchoq serial qahramonlari uchun 1:6 masshtabdagi soʻzanalarni
buyurtma qildi: toʻn, doʻppi va uy ichidagi devoriy soʻzana.

## Qanday qildik

- Naqshni kichraytirib, choklarni ikki barobar mayda qildik.
- Ipak iplarni tabiiy boʻyoqlar bilan ingichka qilib boʻyadik.
- Har bir libos uchun ikki nusxa: suratga olish va zaxira.

## Natija

Bir libos — 9 ish kuni. Studiya kadrda naqsh aniq koʻrinishini tasdiqladi.
""",
        ),
        "ru": Version(
            "Сюзане в костюмах анимационного сериала",
            "Как бухарские вышивальщицы сшили миниатюрные сюзане для кукольной анимации: "
            "масштаб, нити и сроки.",
            """## Задача

Московская студия заказала сюзане в масштабе 1:6 для героев кукольного сериала: халат,
тюбетейку и настенное сюзане для интерьера.

## Как сделали

- Уменьшили узор и сделали стежки вдвое мельче.
- Тонко окрасили шёлковые нити натуральными красителями.
- По два экземпляра каждого костюма: для съёмок и запасной.

## Результат

Один костюм — 9 рабочих дней. Студия подтвердила, что узор чётко читается в кадре.
""",
        ),
    },
)

RISHTAN_RESTAURANT = DemoPractice(
    key="rishtan-restaurant",
    organisation="obyom",
    kind="case",
    original="ru",
    sectors=("design", "crafts"),
    keywords=("interior-design", "tiles", "tableware", "custom-order"),
    themes=("rishton-ceramics",),
    useful=4,
    versions={
        "ru": Version(
            "Риштанская керамика в интерьере московского ресторана",
            "Плитка и посуда с глазурью ишкор для ресторана на 80 мест: эскизы, образцы, "
            "логистика и бой при перевозке.",
            """## Проект

Ресторан центральноазиатской кухни в Москве: 240 плиток для барной стойки и 600 предметов
посуды от семейной мастерской в Риштане.

## Как работали

1. Эскизы согласовали по видеосвязи; мастер сделал три пробные плитки.
2. Глазурь ишкор даёт бирюзу, которая меняется от партии к партии — заказчик принял это
   как достоинство.
3. Посуду упаковали в гофрокартон и солому; бой при доставке — 2 %.

## Сроки и деньги

Полный цикл — 11 недель. Доставка до Москвы — 9 дней автотранспортом.
""",
        ),
        "uz": Version(
            "Moskva restorani interyerida Rishton sopoli",
            "80 oʻrinli restoran uchun ishqor sirli koshin va idishlar: eskizlar, namunalar, "
            "logistika va tashishdagi sinishlar.",
            """## Loyiha

Moskvadagi Markaziy Osiyo oshxonasi restorani: bar peshtaxtasi uchun 240 ta koshin va
Rishtondagi oilaviy ustaxonadan 600 ta idish.

## Qanday ishladik

1. Eskizlar videoaloqa orqali kelishildi; usta uchta sinov koshinini yasadi.
2. Ishqor siri partiyadan partiyaga oʻzgaradigan feruza rang beradi.
3. Idishlar gofrokarton va somonga oʻraldi; yetkazishda sinish — 2 %.

## Muddat

Toʻliq sikl — 11 hafta.
""",
        ),
    },
)

SAMARKAND_FILMING = DemoPractice(
    key="samarkand-filming",
    organisation="navo-film",
    kind="guide",
    original="uz",
    sectors=("film",),
    keywords=("film-location", "film-producer"),
    themes=("samarkand-architecture",),
    useful=3,
    versions={
        "uz": Version(
            "Samarqandda suratga olish: yodgorliklar yonida ruxsatnomalar",
            "Registon, Shohi Zinda va Goʻri Amir yonida film suratga olish uchun qaysi "
            "ruxsatnomalar kerak, qancha vaqt oladi va nimalarga eʼtibor berish lozim.",
            """## Ruxsatnomalar

1. Madaniy meros agentligidan yodgorlik hududida suratga olishga ruxsat.
2. Shahar hokimligidan koʻchalarni yopish uchun ruxsat.
3. Dron uchun alohida ruxsatnoma.

## Muddatlar

Hujjatlar toʻliq boʻlsa, 10–15 ish kuni.

## Maslahatlar

- Erta tongda suratga oling: sayyohlar kam, yorugʻlik yumshoq.
- Mahalliy prodyuser bilan ishlang — u hokimlik bilan tez kelishadi.
""",
        ),
        "ru": Version(
            "Как снимать в Самарканде: разрешения на съёмку у памятников",
            "Какие разрешения нужны для съёмок у Регистана, Шахи-Зинды и Гур-Эмира, сколько "
            "ждать и на что обратить внимание.",
            """## Разрешения

1. Агентство культурного наследия — съёмка на территории памятника.
2. Хокимият города — перекрытие улиц.
3. Отдельное разрешение на дрон.

## Сроки

10–15 рабочих дней при полном пакете документов.

## Советы

- Снимайте рано утром: мало туристов, мягкий свет.
- Работайте с местным продюсером — он быстрее договорится с хокимиятом.
""",
        ),
        "en": Version(
            "Filming in Samarkand: permits at the monuments",
            "The permits needed to film at the Registan, Shah-i-Zinda and Gur-e-Amir, how long "
            "they take and what to watch for.",
            """## Permits

1. The Cultural Heritage Agency, for filming at a monument.
2. The city administration (hokimiyat), for closing streets.
3. A separate permit for drones.

## Timing

10 to 15 working days with a complete file.

## Advice

- Film early in the morning: few tourists, soft light.
- Work with a local producer, who agrees things with the hokimiyat faster.
""",
        ),
    },
)

ALPAMYSH_GAME = DemoPractice(
    key="alpamysh-game",
    organisation="samarqand-pixel",
    kind="case",
    original="uz",
    sectors=("games",),
    keywords=("narrative-design", "game-art", "mobile-game"),
    themes=("alpamysh",),
    useful=2,
    versions={
        "uz": Version(
            "«Alpomish» dostoni asosida oʻyin: doston bilan qanday ishlash kerak",
            "Samarqand Pixel mobil oʻyin uchun dostonni qanday moslashtirdi: syujet, "
            "qahramonlar va folklorshunoslar bilan maslahatlar.",
            """## Syujet

Dostonni beshta bobga boʻldik: har bob — bitta sinov. Baxshilar ijrosidagi matnni
folklorshunos bilan birga oʻqib chiqdik.

## Qahramonlar

Alpomish va Barchinning tashqi koʻrinishi XIX asr liboslari asosida chizildi.

## Saboq

Dostonni soddalashtirish mumkin, lekin uning qadriyatlarini oʻzgartirib boʻlmaydi — buni
oʻyinchilar darhol sezadi.
""",
        ),
        "ru": Version(
            "Игра по мотивам эпоса «Алпамыш»: как работать с эпосом",
            "Как Samarqand Pixel адаптировала дастан для мобильной игры: сюжет, персонажи и "
            "консультации фольклористов.",
            """## Сюжет

Разбили эпос на пять глав: каждая глава — одно испытание. Текст в исполнении бахши читали
вместе с фольклористом.

## Персонажи

Облик Алпамыша и Барчин нарисован по костюмам XIX века.

## Урок

Эпос можно упростить, но нельзя менять его ценности — игроки сразу это замечают.
""",
        ),
    },
)

MAQOM_LICENSING = DemoPractice(
    key="maqom-licensing",
    organisation="toshkent-motion",
    kind="guide",
    original="uz",
    sectors=("music", "animation"),
    keywords=("soundtrack", "music-licensing", "folk-music"),
    themes=("maqom",),
    useful=1,
    versions={
        "uz": Version(
            "Saundtrekda maqomlar: anʼanaviy musiqani litsenziyalash",
            "Animatsion film uchun Shashmaqom yozuvlaridan foydalanish: mualliflik huquqi, "
            "ijrochilar va yozuv egalari bilan shartnomalar.",
            """## Kimning huquqlari

Maqomning oʻzi xalq merosi, lekin har bir **ijro** va **yozuv** — ijrochilar va yozuv
egasining huquqi.

## Qadamlar

1. Yozuv egasini aniqlang (radio fondi, studiya yoki ijrochi).
2. Sinxronizatsiya litsenziyasini oling: hudud, muddat, ommaviy axborot vositalari.
3. Yangi ijroni buyurtma qilish koʻpincha arzonroq va erkinroq.
""",
        ),
        "en": Version(
            "Maqom in a soundtrack: licensing traditional music",
            "Using Shashmaqom recordings in an animated film: copyright, performers and the "
            "owners of recordings.",
            """## Whose rights

Maqom itself is shared heritage, but each **performance** and **recording** belongs to its
performers and the recording's owner.

## Steps

1. Find the owner of the recording (a radio archive, a studio or the performers).
2. License the synchronisation: territory, term, media.
3. Commissioning a new performance is often cheaper and gives more freedom.
""",
        ),
    },
)

ZARDOZI_CAPSULE = DemoPractice(
    key="zardozi-capsule",
    organisation="dom-ladoga",
    kind="case",
    original="ru",
    sectors=("fashion",),
    keywords=("capsule-collection", "gold-thread", "embroidery"),
    themes=("zardozi",),
    useful=2,
    versions={
        "ru": Version(
            "Золотое шитьё зардози в капсульной коллекции",
            "Петербургский бренд и бухарские мастерицы золотого шитья: шесть моделей, "
            "эскизы, образцы и цена ручной работы.",
            """## Капсула

Шесть моделей из шерсти и шёлка с отделкой зардози: жакет, два жилета, платье, сумка и пояс.

## Как договорились

- Эскизы отправили в Бухару, мастерицы предложили упростить узор на поясе.
- Образцы вышивки — за 10 дней.
- Ручная работа — треть себестоимости; мы указали это на бирке.

## Продажи

Капсула распродана за шесть недель; повторили жакет и сумку.
""",
        ),
        "uz": Version(
            "Kapsula kolleksiyasida zardoʻzi",
            "Sankt-Peterburg brendi va Buxoroning zardoʻz ustalari: oltita model, eskizlar, "
            "namunalar va qoʻl mehnati narxi.",
            """## Kapsula

Zardoʻzi bezakli jun va ipakdan oltita model: kurtka, ikki nimcha, koʻylak, sumka va kamar.

## Qanday kelishdik

- Eskizlar Buxoroga yuborildi, ustalar kamardagi naqshni soddalashtirishni taklif qildi.
- Kashta namunalari — 10 kunda.
- Qoʻl mehnati — tannarxning uchdan bir qismi.
""",
        ),
    },
)

SAMARKAND_PAPER = DemoPractice(
    key="samarkand-paper",
    organisation="konigil-qogoz",
    kind="guide",
    original="uz",
    sectors=("crafts", "design"),
    keywords=("packaging", "bookbinding", "handmade-paper"),
    themes=("samarkand-paper",),
    useful=3,
    versions={
        "uz": Version(
            "Qadoqlash va kitoblar uchun Samarqand qogʻozi",
            "Tut poʻstlogʻidan qoʻlda yasalgan qogʻoz: xususiyatlari, formatlar va dizaynerlar "
            "buyurtma berganda nimalarni hisobga olish kerak.",
            """## Xususiyatlari

Samarqand qogʻozi tut poʻstlogʻidan qoʻlda yasaladi va silliqlanadi: mustahkam, yorugʻlikda
sargʻaymaydi, siyohni tarqatmaydi.

## Formatlar

A4 va A3 varaqlar, 60–120 g/m². Katta formatlar oldindan buyurtma qilinadi.

## Qadoqlash uchun

Choy va shirinliklar qutilari uchun qogʻozni kartonga yopishtirish mumkin; namlikdan saqlang.
""",
        ),
        "ru": Version(
            "Самаркандская бумага для упаковки и книг",
            "Бумага ручной работы из коры шелковицы: свойства, форматы и что учесть дизайнеру "
            "при заказе.",
            """## Свойства

Самаркандскую бумагу делают вручную из коры шелковицы и полируют: она прочная, не желтеет
на свету и не даёт чернилам растекаться.

## Форматы

Листы A4 и A3, 60–120 г/м². Большие форматы — под заказ.

## Для упаковки

Для коробок чая и сладостей бумагу кашируют на картон; храните её в сухом месте.
""",
        ),
        "en": Version(
            "Samarkand paper for packaging and books",
            "Handmade paper from mulberry bark: its qualities, formats and what designers should "
            "consider when ordering.",
            """## Qualities

Samarkand paper is made by hand from mulberry bark and burnished: strong, it does not yellow in
light and holds ink without bleeding.

## Formats

A4 and A3 sheets, 60 to 120 g/m²; larger sizes to order.

## For packaging

For tea and sweet boxes the paper is laminated onto board; keep it dry.
""",
        ),
    },
)

KHIVA_SETS = DemoPractice(
    key="khiva-sets",
    organisation="vostochny-express",
    kind="case",
    original="ru",
    sectors=("film",),
    keywords=("wood-carving", "film-location"),
    themes=("khiva-wood-carving",),
    useful=1,
    versions={
        "ru": Version(
            "Хивинская резьба по дереву в декорациях к фильму",
            "Резные колонны и двери для исторического фильма: как мы работали с мастерами "
            "Хивы и сколько это стоило.",
            """## Что нужно было

Четыре резные колонны и две двери для павильонных съёмок дворца XVIII века.

## Как сделали

- Мастера из Хивы вырезали детали из карагача по нашим чертежам.
- Детали разобрали, упаковали и отправили в Москву; сборка — 3 дня.
- После съёмок колонны купил музей.

## Что важно

Договаривайтесь о сушке древесины заранее: сырой карагач трескается в павильоне.
""",
        ),
        "uz": Version(
            "Film dekoratsiyalarida Xiva yogʻoch oʻymakorligi",
            "Tarixiy film uchun oʻymakor ustunlar va eshiklar: Xiva ustalari bilan qanday "
            "ishladik va bu qancha turdi.",
            """## Nima kerak edi

XVIII asr saroyi uchun toʻrtta oʻymakor ustun va ikkita eshik.

## Qanday qildik

- Xivalik ustalar chizmalarimiz boʻyicha qayragʻochdan detallarni oʻydi.
- Detallar qismlarga ajratilib Moskvaga joʻnatildi; yigʻish — 3 kun.
- Suratga olishdan keyin ustunlarni muzey sotib oldi.
""",
        ),
    },
)

GAME_EXPORT = DemoPractice(
    key="game-export",
    organisation="severny-veter",
    kind="guide",
    original="ru",
    sectors=("games",),
    keywords=("export", "publisher", "monetisation", "localisation"),
    useful=2,
    versions={
        "ru": Version(
            "Как экспортировать игру: магазины, платежи и локализация",
            "Что нужно мобильной игре студии из России или Узбекистана, чтобы выйти на рынки "
            "Азии и Ближнего Востока: издатель или сам, платежи, налоги, языки.",
            """## Издатель или сами

Издатель берёт 30–50 % выручки, но даёт маркетинг и локальные платёжные методы. Без
бюджета на закупку трафика лучше с издателем.

## Платежи

Подключите локальные методы оплаты: в Узбекистане — карты Uzcard и Humo, на Ближнем Востоке —
операторские платежи.

## Локализация

Арабский и турецкий дают больше всего новых игроков; переводите не только текст, но и
интерфейс справа налево.
""",
        ),
        "en": Version(
            "How to export a game: stores, payments and localisation",
            "What a mobile game from a Russian or Uzbek studio needs for Asian and Middle "
            "Eastern markets: a publisher or self-publishing, payments, taxes, languages.",
            """## Publisher or yourself

A publisher takes 30–50% of revenue but brings marketing and local payment methods.
Without a user-acquisition budget, go with a publisher.

## Payments

Add local methods: Uzcard and Humo cards in Uzbekistan, carrier billing in the Middle East.

## Localisation

Arabic and Turkish bring the most new players; localise the right-to-left interface as well
as the text.
""",
        ),
    },
)

AFANDI_HUMOUR = DemoPractice(
    key="afandi-humour",
    organisation="bulut-soft",
    kind="case",
    original="uz",
    sectors=("games",),
    keywords=("localisation", "mobile-game"),
    themes=("afandi",),
    state="review",
    versions={
        "uz": Version(
            "Mobil oʻyinda Afandi: hazilni lokalizatsiya qilish",
            "Afandi latifalari asosidagi boshqotirma oʻyinini rus va ingliz tillariga "
            "tarjima qilishda hazilni qanday saqladik.",
            """## Muammo

Soʻz oʻyinlari tarjimada yoʻqoladi: 40 ta latifadan 12 tasi toʻgʻridan-toʻgʻri tarjima
qilinmadi.

## Yechim

Har bir til uchun ona tilida soʻzlashuvchi yozuvchi latifani qayta yozdi; mazmun va
Afandining xarakteri saqlandi.
""",
        ),
        "ru": Version(
            "Афанди в мобильной игре: как локализовать юмор",
            "Как при переводе головоломки по анекдотам об Афанди на русский и английский мы "
            "сохранили юмор.",
            """## Проблема

Игра слов теряется при переводе: 12 из 40 анекдотов нельзя было перевести напрямую.

## Решение

Для каждого языка анекдот переписывал автор — носитель языка; смысл и характер Афанди
сохранялись.
""",
        ),
    },
)

PRACTICES = [
    CO_PRODUCTION,
    VIDEO_GAME_FACTORY,
    IT_PARK_RESIDENCY,
    NATURAL_DYES,
    AGREEMENT_TEMPLATE,
    RESIDENCY_CHECKLIST,
    VAT_ANSWER,
    SUZANI_COSTUMES,
    RISHTAN_RESTAURANT,
    SAMARKAND_FILMING,
    ALPAMYSH_GAME,
    MAQOM_LICENSING,
    ZARDOZI_CAPSULE,
    SAMARKAND_PAPER,
    KHIVA_SETS,
    GAME_EXPORT,
    AFANDI_HUMOUR,
]
