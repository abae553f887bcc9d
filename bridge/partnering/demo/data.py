"""The demo's offers and requests: plain data, written by bridge.partnering.demo through the
services. Texts are in Russian, Uzbek (Latin and Cyrillic) and English, as members write them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoListing:
    org: str  # key in bridge/site/demo/organisations.py
    ref: str
    kind: str
    type: str
    sectors: tuple[str, ...]
    language: str
    title: str
    summary: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    heritage: tuple[str, ...] = ()
    countries_sought: tuple[str, ...] = ()
    partner_kinds: tuple[str, ...] = ()
    stage: str = ""
    budget: tuple[int, int] | None = None
    currency: str = ""
    anonymous: bool = False
    status: str = "published"  # published, pending, draft, returned
    reason: str = ""
    extra: dict = field(default_factory=dict)


# Kind and size of the demo organisations as partnering shows them.
PROFILES = {
    "sirin": ("studio", "10-49"),
    "severny-veter": ("studio", "10-49"),
    "lumen-pixel": ("studio", "1-9"),
    "teply-svet": ("studio", "50-249"),
    "vostochny-express": ("producer", "10-49"),
    "dom-ladoga": ("brand", "50-249"),
    "kovaleva": ("designer", "1-9"),
    "sokolova-textile": ("designer", "1-9"),
    "obyom": ("designer", "10-49"),
    "zvukovaya-volna": ("publisher", "10-49"),
    "margilan-atlas": ("manufacturer", "10-49"),
    "rishton-sopol": ("manufacturer", "10-49"),
    "buxoro-suzani": ("manufacturer", "1-9"),
    "xiva-naqsh": ("manufacturer", "1-9"),
    "konigil-qogoz": ("manufacturer", "1-9"),
    "samarqand-pixel": ("studio", "10-49"),
    "toshkent-motion": ("studio", "10-49"),
    "bulut-soft": ("studio", "10-49"),
    "navo-film": ("producer", "10-49"),
    "atlas-lab": ("brand", "10-49"),
}

LISTINGS: list[DemoListing] = [
    # --- The matched pair of issue 10, point 6 ---------------------------------------------------
    DemoListing(
        "teply-svet",
        "afandi-series",
        "request",
        "co-production",
        ("animation",),
        "ru",
        "Ищем сопродюсера анимационного сериала о Ходже Насреддине",
        "Московская студия готовит анимационный сериал (26 серий по 11 минут) по сказкам о "
        "Ходже Насреддине для семейной аудитории. Ищем студию в Узбекистане для совместного "
        "производства: фоны и костюмы с узбекским орнаментом, озвучание на узбекском.",
        "Готовы сценарии пяти серий, дизайн персонажей и аниматик пилота. Ищем партнёра, "
        "который возьмёт на себя фоны, часть анимации и локализацию, и подаст проект на "
        "поддержку в Узбекистане.",
        keywords=("animated-series", "co-production"),
        heritage=("afandi",),
        countries_sought=("UZ",),
        partner_kinds=("studio",),
        stage="development",
        budget=(30_000_000, 60_000_000),
        currency="RUB",
    ),
    DemoListing(
        "toshkent-motion",
        "afandi-2d",
        "offer",
        "co-production",
        ("animation",),
        "uz",
        "Nasriddin Afandi latifalari asosida 2D animatsion serial: hamkorlikda ishlab chiqarish",
        "Toshkentdagi studiyamiz Afandi latifalari asosida bolalar uchun 2D animatsion serial "
        "tayyorlashda hamkor prodyuserni taklif qiladi: milliy naqsh va liboslar bilan fonlar, "
        "animatsiya, oʻzbek va rus tillarida ovoz berish.",
        "Jamoamizda 25 nafar rassom va animator bor. Rossiya studiyalari bilan birgalikda "
        "ishlash tajribamiz bor; IT Park rezidenti sifatida soliq imtiyozlaridan foydalanamiz.",
        keywords=("animated-series", "co-production"),
        heritage=("afandi",),
        countries_sought=("RU", "KZ"),
        stage="development",
        budget=(200_000, 600_000),
        currency="USD",
    ),
    # --- Animation and film ----------------------------------------------------------------------
    DemoListing(
        "toshkent-motion",
        "alpomish-feature",
        "request",
        "co-production",
        ("animation", "film"),
        "uz-Cyrl",
        "«Алпомиш» достони асосида тўлиқ метражли анимацион фильм учун ҳамкор",
        "Алпомиш достони асосида тўлиқ метражли анимацион фильм учун ҳамкор студия ва "
        "продюсер изланмоқда. Сценарий ва персонажлар эскизи тайёр.",
        heritage=("alpamysh",),
        stage="idea",
        currency="USD",
    ),
    DemoListing(
        "teply-svet",
        "puppets-costumes",
        "offer",
        "production-services",
        ("animation",),
        "ru",
        "Пошив костюмов для кукольной анимации",
        "Наша мастерская шьёт костюмы для кукол в кукольной анимации: национальные костюмы, "
        "вышивка, миниатюрные ткани. Работаем по эскизам заказчика.",
        keywords=("embroidery",),
    ),
    DemoListing(
        "vostochny-express",
        "samarkand-shoot",
        "request",
        "production-services",
        ("film",),
        "ru",
        "Нужна съёмочная группа в Самарканде и Бухаре",
        "Кинокомпания ищет сервисную компанию для организации съёмок исторической драмы в "
        "Самарканде и Бухаре: разрешения на съёмку у Регистана, техника, массовка, транспорт.",
        heritage=("samarkand-architecture",),
        countries_sought=("UZ",),
        partner_kinds=("producer",),
    ),
    DemoListing(
        "navo-film",
        "location-services",
        "offer",
        "production-services",
        ("film", "music"),
        "uz",
        "Samarqand, Buxoro va Xivada suratga olish xizmatlari",
        "Xorijiy kino guruhlari uchun Samarqand, Buxoro va Xivada suratga olishni tashkil "
        "etamiz: ruxsatnomalar, texnika, transport, tarjimonlar va ommaviy sahnalar.",
        heritage=("samarkand-architecture",),
        countries_sought=("RU", "KZ", "TR"),
    ),
    DemoListing(
        "vostochny-express",
        "doc-distribution",
        "offer",
        "distribution",
        ("film",),
        "en",
        "Distribution of documentaries on Central Asian crafts in Russia",
        "We distribute documentaries to Russian streaming services and festivals. Looking for "
        "finished films about crafts, ceramics, silk and the cities of the Silk Road.",
        keywords=("documentary",),
    ),
    DemoListing(
        "navo-film",
        "rishton-doc",
        "request",
        "distribution",
        ("film",),
        "uz",
        "Rishton kulolchiligi haqidagi hujjatli film uchun distribyutor",
        "Rishton sopol ustalari haqida 52 daqiqalik hujjatli filmimiz tayyor. Rossiya va MDH "
        "strimingi hamda festivallari uchun distribyutor qidirmoqdamiz.",
        heritage=("rishton-ceramics",),
    ),
    DemoListing(
        "teply-svet",
        "dubbing-uz",
        "request",
        "outsourcing",
        ("animation",),
        "ru",
        "Озвучание детского мультсериала на узбекский язык",
        "Ищем студию звукозаписи в Ташкенте для дубляжа 52 серий детского мультсериала на "
        "узбекский язык: актёры, режиссёр дубляжа, сведение.",
        countries_sought=("UZ",),
    ),
    DemoListing(
        "toshkent-motion",
        "motion-outsource",
        "offer",
        "outsourcing",
        ("animation", "design"),
        "uz",
        "Motion-dizayn va 2D animatsiya autsorsingi",
        "Reklama va seriallar uchun 2D animatsiya, motion-dizayn va titrlar. Rus va ingliz "
        "tillarida ishlaymiz, tez muddatlarda.",
    ),
    # --- Games -----------------------------------------------------------------------------------
    DemoListing(
        "sirin",
        "silk-road-rpg",
        "request",
        "co-production",
        ("games",),
        "ru",
        "Совместная разработка приключенческой игры о Великом шёлковом пути",
        "Ищем студию в Узбекистане для совместной разработки приключенческой RPG о караванах "
        "Великого шёлкового пути: художники окружения, архитектура Самарканда, музыка макома.",
        heritage=("samarkand-architecture", "maqom"),
        countries_sought=("UZ",),
        stage="pre-production",
        budget=(15_000_000, 40_000_000),
        currency="RUB",
    ),
    DemoListing(
        "samarqand-pixel",
        "silk-road-art",
        "offer",
        "co-production",
        ("games",),
        "uz",
        "Ipak yoʻli haqidagi oʻyin uchun hamkorlikda ishlab chiqarish: 2D grafika va dizayn",
        "Samarqanddagi studiya Buyuk ipak yoʻli va Samarqand meʼmorchiligi mavzusidagi sarguzasht "
        "oʻyinini birgalikda yaratishni taklif qiladi: 2D rassomlar, UI, lokalizatsiya.",
        heritage=("samarkand-architecture",),
        stage="pre-production",
        budget=(150_000, 500_000),
        currency="USD",
    ),
    DemoListing(
        "severny-veter",
        "publisher-cis",
        "offer",
        "publishing",
        ("games",),
        "ru",
        "Издание мобильных игр в России и СНГ",
        "Издаём мобильные головоломки и стратегии: локализация на 12 языков, маркетинг, "
        "продвижение в магазинах приложений России и СНГ. Ищем готовые проекты.",
        stage="released",
    ),
    DemoListing(
        "samarqand-pixel",
        "casual-publisher",
        "request",
        "publishing",
        ("games",),
        "en",
        "Publisher wanted for a casual puzzle game with Uzbek ornaments",
        "Our match-3 puzzle game built around suzani and ikat patterns is in beta. We look for "
        "a publisher for Russia and the CIS: localisation, marketing, store featuring.",
        heritage=("suzani", "ikat"),
        stage="post-production",
    ),
    DemoListing(
        "sirin",
        "art-outsourcing",
        "request",
        "outsourcing",
        ("games",),
        "ru",
        "Аутсорс 2D-графики для мобильной игры",
        "Нужны художники по 2D-персонажам и интерфейсу для мобильной игры в восточном стиле. "
        "Объём — 120 иллюстраций за три месяца.",
        countries_sought=("UZ", "KZ"),
    ),
    DemoListing(
        "bulut-soft",
        "ar-exhibitions",
        "offer",
        "outsourcing",
        ("design", "crafts"),
        "en",
        "AR apps for museums and craft exhibitions",
        "We build augmented reality guides for museums and exhibitions of crafts: 3D scans of "
        "ceramics and textiles, multilingual audio, analytics.",
    ),
    DemoListing(
        "lumen-pixel",
        "platformer-invest",
        "request",
        "investment",
        ("games",),
        "ru",
        "Инвестиции в пиксельный платформер",
        "Ищем инвестора для завершения пиксельного платформера для ПК и консолей: готов "
        "вертикальный срез, нужна доля финансирования на производство.",
        stage="production",
        budget=(5_000_000, 12_000_000),
        currency="RUB",
        status="pending",
    ),
    # --- Fashion, design, crafts -----------------------------------------------------------------
    DemoListing(
        "dom-ladoga",
        "atlas-collab",
        "request",
        "collaboration",
        ("fashion",),
        "ru",
        "Капсульная коллекция из маргиланского атласа",
        "Модный дом ищет партнёров для капсульной коллекции из ханатласа и адраса: ткачей "
        "Маргилана и дизайнеров из Ташкента.",
        heritage=("khan-atlas",),
        countries_sought=("UZ",),
    ),
    DemoListing(
        "atlas-lab",
        "atlas-capsule",
        "offer",
        "collaboration",
        ("fashion", "design"),
        "uz",
        "Xon atlas va adrasdan kapsula kolleksiyasi boʻyicha hamkorlik",
        "Toshkent brendi Margʻilon ustalari bilan birga xon atlas va adrasdan zamonaviy "
        "kolleksiya yaratishda moda uylari bilan hamkorlik qiladi.",
        heritage=("khan-atlas", "ikat"),
    ),
    DemoListing(
        "margilan-atlas",
        "atlas-supply",
        "offer",
        "supply",
        ("fashion", "crafts"),
        "uz",
        "Margʻilon xon atlasi va adrasini ulgurji yetkazib berish",
        "Qoʻlda toʻqilgan xon atlas va adras, tabiiy boʻyoqlar bilan. Dizaynerlar uchun "
        "namunalar, kichik partiyalar.",
        heritage=("khan-atlas", "ikat"),
    ),
    DemoListing(
        "kovaleva",
        "suzani-licence",
        "request",
        "licensing",
        ("fashion", "design"),
        "ru",
        "Лицензия на орнаменты сюзане для принтов",
        "Дизайнер одежды ищет мастерскую, которая предоставит лицензию на узоры бухарских "
        "сюзане для принтов на шёлке.",
        heritage=("suzani",),
    ),
    DemoListing(
        "buxoro-suzani",
        "suzani-patterns",
        "offer",
        "licensing",
        ("crafts", "design"),
        "uz-Cyrl",
        "Бухоро сўзана нақшларига лицензия",
        "Устахонамиз Бухоро сўзаналарининг анъанавий нақшларидан газлама ва кийим учун "
        "фойдаланишга лицензия беради.",
        heritage=("suzani",),
    ),
    DemoListing(
        "sokolova-textile",
        "ceramics-tiles",
        "request",
        "supply",
        ("design", "crafts"),
        "ru",
        "Керамическая плитка ручной работы для интерьеров",
        "Дизайнер интерьеров ищет мастерскую риштанской керамики для серии плитки с "
        "традиционной росписью для ресторана в Москве.",
        heritage=("rishton-ceramics",),
        countries_sought=("UZ",),
    ),
    DemoListing(
        "rishton-sopol",
        "rishton-tiles",
        "offer",
        "supply",
        ("crafts", "design"),
        "uz",
        "Rishton sopol koshinlari va idishlari buyurtma asosida",
        "Rishton ustalari qoʻlda chizilgan ishqor sirli sopol koshinlar va idishlar tayyorlaydi: "
        "interyer loyihalari uchun kichik va oʻrta partiyalar.",
        heritage=("rishton-ceramics",),
    ),
    DemoListing(
        "xiva-naqsh",
        "wood-carving",
        "offer",
        "supply",
        ("crafts", "design"),
        "uz",
        "Xiva yogʻoch oʻymakorligi: eshiklar, ustunlar, panellar",
        "Xiva ustalari yogʻoch oʻymakorligi: naqshinkor eshiklar, ustunlar va devor panellari "
        "mehmonxona va restoranlar uchun.",
        heritage=("khiva-wood-carving",),
    ),
    DemoListing(
        "obyom",
        "carved-interiors",
        "request",
        "supply",
        ("design",),
        "en",
        "Carved wooden panels for a hotel lobby",
        "A Moscow design bureau seeks a workshop for carved wooden doors and wall panels in the "
        "Khiva tradition for a boutique hotel.",
        heritage=("khiva-wood-carving",),
        anonymous=True,
    ),
    DemoListing(
        "konigil-qogoz",
        "paper-workshops",
        "offer",
        "education",
        ("crafts", "design"),
        "uz",
        "Samarqand qogʻozi boʻyicha mahorat darslari",
        "Konigildagi ustaxonamiz tut poʻstlogʻidan Samarqand qogʻozi tayyorlash boʻyicha "
        "dizaynerlar va talabalar uchun mahorat darslari oʻtkazadi.",
        heritage=("samarkand-paper",),
    ),
    DemoListing(
        "obyom",
        "paper-course",
        "request",
        "education",
        ("design",),
        "ru",
        "Мастер-класс по самаркандской бумаге для студентов-дизайнеров",
        "Ищем мастеров, которые проведут курс по изготовлению самаркандской бумаги из шелковицы "
        "для студентов нашего бюро.",
        heritage=("samarkand-paper",),
        status="returned",
        reason="Укажите сроки и формат курса (очно или онлайн), чтобы партнёры могли ответить.",
    ),
    # --- Music -----------------------------------------------------------------------------------
    DemoListing(
        "zvukovaya-volna",
        "maqom-album",
        "request",
        "co-production",
        ("music",),
        "ru",
        "Совместный альбом с исполнителями макома",
        "Лейбл ищет ансамбль шашмакома для совместного альбома с электронными аранжировками и "
        "концертов в Москве и Ташкенте.",
        heritage=("maqom",),
        stage="idea",
    ),
    DemoListing(
        "navo-film",
        "maqom-ensemble",
        "offer",
        "co-production",
        ("music",),
        "uz",
        "Shashmaqom ansambli bilan birgalikda albom va kontsertlar",
        "Prodyuserlik markazimiz shashmaqom ijrochilari bilan xorijiy leybllar uchun birgalikda "
        "albom yozish va kontsertlar tashkil qilishni taklif etadi.",
        heritage=("maqom",),
        stage="idea",
    ),
    DemoListing(
        "sirin",
        "game-music-draft",
        "request",
        "outsourcing",
        ("games", "music"),
        "en",
        "Composer for an adventure game soundtrack",
        "Draft: we need a composer familiar with Central Asian instruments for a 40-minute "
        "soundtrack.",
        status="draft",
    ),
    DemoListing(
        "bulut-soft",
        "edu-gamedev",
        "offer",
        "education",
        ("games",),
        "en",
        "Game development bootcamp for Uzbek students",
        "A twelve-week Unity bootcamp in Tashkent with mentors from Russian studios; we look "
        "for studios to host interns.",
        status="pending",
    ),
]

# Expressions of interest in every state: (sender org, listing ref of the owner, owner org, state).
INTERESTS = [
    ("samarqand-pixel", "silk-road-rpg", "sirin", "accepted"),
    ("sirin", "casual-publisher", "samarqand-pixel", "sent"),
    ("navo-film", "samarkand-shoot", "vostochny-express", "declined"),
    ("atlas-lab", "atlas-collab", "dom-ladoga", "expired"),
    ("rishton-sopol", "ceramics-tiles", "sokolova-textile", "sent"),
]
