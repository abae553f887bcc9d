"""The demo organisations and the people who run them: plain data, built by bridge.site.demo.

Names, numbers and addresses are invented (websites under the reserved `.example` domain) except
the two operators of the platform. Russian INNs get their check digits computed from a stem, so
every number passes the same validation as a number typed into the form.
"""

from bridge.accounts.demo import Contact, DemoOrganisation, inn10, inn12


def _ru(email: str, name: str) -> Contact:
    return Contact(email, name, "ru", "Europe/Moscow")


def _uz(email: str, name: str, language: str = "uz") -> Contact:
    return Contact(email, name, language, "Asia/Tashkent")


ORGANISATIONS: list[DemoOrganisation] = [
    # --- The two operators -----------------------------------------------------------------
    DemoOrganisation(
        key="moscow-agency",
        name="Агентство креативных индустрий Москвы",
        country="RU",
        legal_form="ru-gbu",
        registration_number=inn10("770412583"),
        sectors=("design", "fashion", "games", "film", "animation", "music"),
        owner=_ru("e.smirnova@agency-demo.example", "Елена Смирнова"),
        description_ru=(
            "Городское агентство, которое поддерживает дизайнеров, модные бренды, студии игр, "
            "кино и анимации: акселераторы, гранты, выставки и выход на новые рынки."
        ),
        description_uz=(
            "Moskva shahrining ijodiy industriyalarni qoʻllab-quvvatlash agentligi: dizaynerlar, "
            "moda brendlari, oʻyin, kino va animatsiya studiyalari uchun akseleratorlar va grantlar."
        ),
        description_en=(
            "The city agency that supports designers, fashion brands, game, film and animation "
            "studios with accelerators, grants, fairs and access to new markets."
        ),
    ),
    DemoOrganisation(
        key="it-park",
        name="IT Park Uzbekistan",
        country="UZ",
        legal_form="uz-dm",
        registration_number="305417286",
        sectors=("digital-it", "games", "animation"),
        owner=_uz("b.yusupov@itpark-demo.example", "Bobur Yusupov"),
        website="https://it-park.uz",
        description_ru=(
            "Технологический парк Узбекистана: налоговые льготы для резидентов, инкубация "
            "стартапов, поддержка студий игр и анимации и экспорта IT-услуг."
        ),
        description_uz=(
            "Oʻzbekiston texnologik parki: rezidentlar uchun soliq imtiyozlari, startaplar "
            "inkubatsiyasi, oʻyin va animatsiya studiyalarini hamda IT xizmatlari eksportini "
            "qoʻllab-quvvatlash."
        ),
        description_en=(
            "Uzbekistan's technology park: tax benefits for residents, start-up incubation, "
            "support for game and animation studios and for exports of IT services."
        ),
    ),
    # --- Russian game studios ----------------------------------------------------------------
    DemoOrganisation(
        key="sirin",
        name="Sirin Interactive",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("772834610"),
        sectors=("games", "digital-it"),
        owner="owner",
        website="https://sirin-interactive.example",
        description_ru=(
            "Московская студия, которая делает приключенческие игры по мотивам славянских и "
            "среднеазиатских сказок. Ищем художников по костюмам и партнёров в Ташкенте."
        ),
        description_en=(
            "A Moscow studio making adventure games inspired by Slavic and Central Asian tales. "
            "Looking for costume artists and partners in Tashkent."
        ),
    ),
    DemoOrganisation(
        key="severny-veter",
        name="Студия «Северный ветер»",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("781045927"),
        sectors=("games",),
        owner=_ru("a.volkov@nordwind-demo.example", "Алексей Волков"),
        website="https://nordwind-games.example",
        description_ru=(
            "Петербургская команда из 40 человек: мобильные стратегии и головоломки, "
            "собственный движок, локализация на 12 языков."
        ),
        description_en=(
            "A 40-person team from Saint Petersburg: mobile strategy and puzzle games, an "
            "in-house engine, localisation into 12 languages."
        ),
    ),
    DemoOrganisation(
        key="lumen-pixel",
        name="Lumen Pixel",
        country="RU",
        legal_form="ru-ip",
        registration_number=inn12("5003172846"),
        sectors=("games",),
        owner=_ru("i.orlov@lumenpixel-demo.example", "Иван Орлов"),
        verification="pending",
        description_ru="Инди-разработчик из Подмосковья: пиксельные платформеры для ПК и консолей.",
        description_en="An indie developer near Moscow: pixel-art platformers for PC and consoles.",
    ),
    # --- Russian animation and film ----------------------------------------------------------
    DemoOrganisation(
        key="teply-svet",
        name="Анимационная студия «Тёплый свет»",
        country="RU",
        legal_form="ru-ao",
        registration_number=inn10("771539204"),
        sectors=("animation", "film"),
        owner=_ru("m.lebedeva@teplysvet-demo.example", "Мария Лебедева"),
        website="https://teplysvet.example",
        description_ru=(
            "Сериалы и полнометражная анимация для детей: кукольная и 3D-анимация, "
            "собственная мастерская по пошиву костюмов для кукол."
        ),
        description_uz=(
            "Bolalar uchun animatsion seriallar va toʻliq metrajli filmlar: qoʻgʻirchoq va 3D "
            "animatsiya, qoʻgʻirchoq liboslari ustaxonasi."
        ),
        description_en=(
            "Series and feature animation for children: stop-motion and 3D, with its own "
            "workshop sewing costumes for puppets."
        ),
    ),
    DemoOrganisation(
        key="vostochny-express",
        name="Кинокомпания «Восточный экспресс»",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("770926318"),
        sectors=("film",),
        owner=_ru("d.kuznetsov@vostok-demo.example", "Дмитрий Кузнецов"),
        description_ru=(
            "Продюсирует игровое и документальное кино, в том числе совместные проекты со "
            "студиями Узбекистана; ищет реквизит и ткани для исторических костюмов."
        ),
        description_en=(
            "Produces feature and documentary films, including co-productions with Uzbek "
            "studios; sources props and fabrics for period costumes."
        ),
    ),
    # --- Russian fashion and design ----------------------------------------------------------
    DemoOrganisation(
        key="dom-ladoga",
        name="Модный дом «Ладога»",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("781316452"),
        sectors=("fashion", "design"),
        owner=_ru("o.petrova@ladoga-demo.example", "Ольга Петрова"),
        website="https://ladoga-fashion.example",
        description_ru=(
            "Женская одежда из натуральных тканей: лён, шерсть и шёлк, капсулы с "
            "узбекским икатом, собственное производство в Петербурге."
        ),
        description_uz=(
            "Tabiiy matolardan ayollar kiyimi: zigʻir, jun va ipak, oʻzbek ikati bilan "
            "kapsula kolleksiyalar, Sankt-Peterburgda oʻz ishlab chiqarishi."
        ),
        description_en=(
            "Womenswear in natural fabrics — linen, wool and silk — with Uzbek ikat capsules, "
            "made in its own workshop in Saint Petersburg."
        ),
    ),
    DemoOrganisation(
        key="kovaleva",
        name="Варвара Ковалёва",
        country="RU",
        legal_form="ru-ip",
        registration_number=inn12("7725049318"),
        sectors=("fashion",),
        owner=_ru("v.kovaleva@kovaleva-demo.example", "Варвара Ковалёва"),
        description_ru="Авторский бренд аксессуаров из кожи и войлока ручной работы.",
        description_en="A designer brand of handmade leather and felt accessories.",
    ),
    DemoOrganisation(
        key="sokolova-textile",
        name="Анна Соколова — дизайн текстиля",
        country="RU",
        legal_form="ru-self",
        registration_number=inn12("7734185206"),
        sectors=("design", "crafts"),
        owner=_ru("a.sokolova@sokolova-demo.example", "Анна Соколова"),
        verification="unverified",
        description_ru="Самозанятый дизайнер: принты для тканей и обоев, ручная набойка.",
        description_en="A self-employed designer: prints for fabrics and wallpaper, hand block printing.",
    ),
    DemoOrganisation(
        key="obyom",
        name="Бюро «Объём»",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("770517639"),
        sectors=("design",),
        owner=_ru("p.grigoriev@obyom-demo.example", "Павел Григорьев"),
        description_ru=(
            "Дизайн интерьеров ресторанов и гостиниц с керамикой, деревом и текстилем "
            "мастеров Центральной Азии."
        ),
        description_en=(
            "Interior design for restaurants and hotels, with ceramics, wood and textiles by "
            "Central Asian craftspeople."
        ),
    ),
    DemoOrganisation(
        key="zvukovaya-volna",
        name="Лейбл «Звуковая волна»",
        country="RU",
        legal_form="ru-ooo",
        registration_number=inn10("772218405"),
        sectors=("music",),
        owner=_ru("s.nikolaev@volna-demo.example", "Сергей Николаев"),
        verification="rejected",
        reason=(
            "Название в заявке не совпадает с выпиской ЕГРЮЛ для этого ИНН. Проверьте номер "
            "или загрузите свежую выписку и отправьте заявку снова."
        ),
        description_ru="Независимый лейбл: электронная и этническая музыка, саундтреки для игр.",
        description_en="An independent label: electronic and ethnic music, soundtracks for games.",
    ),
    # --- Russian suppliers ---------------------------------------------------------------------
    DemoOrganisation(
        key="ivanovo-textile",
        name="Ивановская текстильная мануфактура",
        country="RU",
        legal_form="ru-ao",
        registration_number=inn10("370218546"),
        sectors=("materials-supply",),
        owner=_ru("t.belova@ivtex-demo.example", "Татьяна Белова"),
        supplier=True,
        description_ru=(
            "Хлопковые и льняные ткани из Иванова: бязь, сатин, лён с печатью по рисункам "
            "заказчика от 300 метров."
        ),
        description_en=(
            "Cotton and linen fabrics from Ivanovo: calico, sateen and linen printed to the "
            "customer's design from 300 metres."
        ),
    ),
    DemoOrganisation(
        key="vologda-lace",
        name="Мастерская «Вологодское кружево»",
        country="RU",
        legal_form="ru-ip",
        registration_number=inn12("3525064817"),
        sectors=("materials-supply", "crafts"),
        owner=_ru("n.popova@lace-demo.example", "Наталья Попова"),
        supplier=True,
        description_ru="Кружево на коклюшках: тесьма, воротники и мерное кружево по образцам.",
        description_en="Bobbin lace from Vologda: trims, collars and lace by the metre to sample.",
    ),
    # --- The nine Uzbek material suppliers -----------------------------------------------------
    DemoOrganisation(
        key="margilan-atlas",
        name="Margʻilon Atlas",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="302184576",
        sectors=("materials-supply", "crafts"),
        owner="supplier",
        supplier=True,
        website="https://margilon-atlas.example",
        description_ru=(
            "Шёлк и икат из Маргилана: хан-атлас и адрас ручного ткачества, натуральные "
            "красители, образцы за 5 дней."
        ),
        description_uz=(
            "Margʻilon ipagi va abri: qoʻlda toʻqilgan xon atlas va adras, tabiiy boʻyoqlar, "
            "namunalar 5 kunda."
        ),
        description_en=(
            "Silk and ikat from Margilan: hand-woven khan-atlas and adras, natural dyes, "
            "samples in 5 days."
        ),
    ),
    DemoOrganisation(
        key="rishton-sopol",
        name="Rishton Sopol",
        country="UZ",
        legal_form="uz-ok",
        registration_number="304256817",
        sectors=("materials-supply", "crafts"),
        owner=_uz("a.nazirov@rishton-demo.example", "Alisher Nazirov"),
        supplier=True,
        description_ru=(
            "Семейная мастерская в Риштане: керамика с глазурью ишкор, плитка и посуда "
            "для ресторанов по эскизам дизайнеров."
        ),
        description_uz=(
            "Rishtondagi oilaviy ustaxona: ishqor sirli sopol, dizaynerlar eskizi boʻyicha "
            "restoranlar uchun koshin va idishlar."
        ),
        description_en=(
            "A family workshop in Rishtan: ishkor-glazed ceramics, tiles and tableware for "
            "restaurants to designers' sketches."
        ),
    ),
    DemoOrganisation(
        key="buxoro-suzani",
        name="Buxoro Soʻzana Uyi",
        country="UZ",
        legal_form="uz-xk",
        registration_number="301947285",
        sectors=("materials-supply", "crafts"),
        owner=_uz("g.rahimova@suzani-demo.example", "Gulnora Rahimova"),
        supplier=True,
        description_ru=(
            "Вышивка сюзане из Бухары: панно, вставки для одежды и интерьера, "
            "шёлковые нити, окрашенные вручную."
        ),
        description_uz=(
            "Buxoro soʻzanasi: panno, kiyim va interyer uchun qoʻshimchalar, qoʻlda "
            "boʻyalgan ipak iplar."
        ),
        description_en=(
            "Suzani embroidery from Bukhara: panels, inserts for garments and interiors, "
            "hand-dyed silk threads."
        ),
    ),
    DemoOrganisation(
        key="toshkent-charm",
        name="Toshkent Charm",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="303615924",
        sectors=("materials-supply",),
        owner=_uz("r.karimov@charm-demo.example", "Rustam Karimov", "ru"),
        supplier=True,
        description_ru=(
            "Кожевенное производство в Ташкенте: растительное дубление, кожа для обуви, "
            "сумок и переплётов, от 20 м²."
        ),
        description_uz=(
            "Toshkentdagi charm ishlab chiqarish: oʻsimlik oshlovi, poyabzal, sumka va "
            "muqovalar uchun charm, 20 m² dan."
        ),
        description_en=(
            "Tannery in Tashkent: vegetable-tanned leather for shoes, bags and bookbinding, "
            "from 20 m²."
        ),
    ),
    DemoOrganisation(
        key="konigil-qogoz",
        name="Konigil Qogʻoz",
        country="UZ",
        legal_form="uz-ok",
        registration_number="304718263",
        sectors=("materials-supply", "crafts"),
        owner=_uz("z.mukhtarov@konigil-demo.example", "Zarif Muxtorov"),
        supplier=True,
        description_ru=(
            "Самаркандская бумага из коры шелковицы, сделанная вручную в Конигиле: "
            "для книг, упаковки и реставрации."
        ),
        description_uz=(
            "Konigilda qoʻlda tayyorlanadigan tut poʻstlogʻidan Samarqand qogʻozi: kitoblar, "
            "qadoqlash va restavratsiya uchun."
        ),
        description_en=(
            "Samarkand mulberry-bark paper, handmade in Konigil: for books, packaging and "
            "restoration."
        ),
    ),
    DemoOrganisation(
        key="xiva-naqsh",
        name="Xiva Naqsh",
        country="UZ",
        legal_form="uz-yatt",
        registration_number="412683059",
        sectors=("materials-supply", "crafts"),
        owner=_uz("o.sapaev@xiva-demo.example", "Odilbek Sapayev"),
        supplier=True,
        description_ru=(
            "Резьба по дереву из Хивы: колонны, двери, панели из карагача и ореха по "
            "традиционным орнаментам."
        ),
        description_uz=(
            "Xiva yogʻoch oʻymakorligi: qayragʻoch va yongʻoqdan ustunlar, eshiklar va "
            "panellar anʼanaviy naqshlar bilan."
        ),
        description_en=(
            "Wood carving from Khiva: columns, doors and panels in elm and walnut with "
            "traditional ornaments."
        ),
    ),
    DemoOrganisation(
        key="tabiiy-boyoq",
        name="Tabiiy Boʻyoq",
        country="UZ",
        legal_form="uz-xk",
        registration_number="302567419",
        sectors=("materials-supply",),
        owner=_uz("m.tursunova@boyoq-demo.example", "Malika Tursunova"),
        supplier=True,
        description_ru=(
            "Натуральные красители из Ферганской долины: марена, гранат, индиго и "
            "луковая шелуха, порошки и экстракты."
        ),
        description_uz=(
            "Fargʻona vodiysidan tabiiy boʻyoqlar: roʻyan, anor, indigo va piyoz poʻsti, "
            "kukun va ekstraktlar."
        ),
        description_en=(
            "Natural dyes from the Fergana valley: madder, pomegranate, indigo and onion skin, "
            "as powders and extracts."
        ),
    ),
    DemoOrganisation(
        key="fargona-paxta",
        name="Fargʻona Paxta Tolasi",
        country="UZ",
        legal_form="uz-aj",
        registration_number="201835746",
        sectors=("materials-supply",),
        owner=_uz("s.ergashev@paxta-demo.example", "Sardor Ergashev"),
        supplier=True,
        description_ru=(
            "Хлопок полного цикла: волокно, пряжа и трикотажное полотно из "
            "сертифицированного органического хлопка."
        ),
        description_uz=(
            "Toʻliq siklli paxta: sertifikatlangan organik paxtadan tola, ip va trikotaj mato."
        ),
        description_en=(
            "Cotton, from fibre to fabric: fibre, yarn and jersey in certified organic cotton."
        ),
    ),
    DemoOrganisation(
        key="nukus-kigiz",
        name="Nukus Kigiz",
        country="UZ",
        legal_form="uz-ok",
        registration_number="305129684",
        sectors=("materials-supply", "crafts"),
        owner=_uz("a.utepov@kigiz-demo.example", "Aybek Utepov"),
        supplier=True,
        verification="pending",
        description_ru=(
            "Каракалпакский войлок ручной валки: ковры, панели для акустики и войлок "
            "для аксессуаров."
        ),
        description_uz=(
            "Qoʻlda bosilgan qoraqalpoq kigizi: gilamlar, akustik panellar va "
            "aksessuarlar uchun kigiz."
        ),
        description_en=(
            "Hand-rolled Karakalpak felt: rugs, acoustic panels and felt for accessories."
        ),
    ),
    # --- Uzbek studios, IT Park residents, brands ----------------------------------------------
    DemoOrganisation(
        key="samarqand-pixel",
        name="Samarqand Pixel",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="306284157",
        sectors=("games", "digital-it"),
        owner=_uz("j.abdullaev@sampixel-demo.example", "Jasur Abdullayev"),
        it_park=True,
        website="https://samarqand-pixel.example",
        description_ru=(
            "Студия мобильных игр в Самарканде, резидент IT Park: казуальные игры и "
            "аутсорс 2D-графики для издателей из России."
        ),
        description_uz=(
            "Samarqanddagi mobil oʻyinlar studiyasi, IT Park rezidenti: kazual oʻyinlar va "
            "Rossiya noshirlari uchun 2D grafika autsorsingi."
        ),
        description_en=(
            "A mobile game studio in Samarkand, IT Park resident: casual games and 2D art "
            "outsourcing for Russian publishers."
        ),
    ),
    DemoOrganisation(
        key="toshkent-motion",
        name="Toshkent Motion",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="306517238",
        sectors=("animation", "film"),
        owner=_uz("n.hasanova@motion-demo.example", "Nilufar Hasanova"),
        it_park=True,
        description_ru=(
            "Анимационная студия, резидент IT Park: 2D-сериалы на узбекском и русском, "
            "моушн-дизайн для рекламы."
        ),
        description_uz=(
            "IT Park rezidenti boʻlgan animatsiya studiyasi: oʻzbek va rus tillarida 2D "
            "seriallar, reklama uchun motion-dizayn."
        ),
        description_en=(
            "An animation studio, IT Park resident: 2D series in Uzbek and Russian, motion "
            "design for advertising."
        ),
    ),
    DemoOrganisation(
        key="bulut-soft",
        name="Bulut Soft",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="307154926",
        sectors=("digital-it",),
        owner=_uz("t.olimov@bulut-demo.example", "Timur Olimov", "en"),
        it_park=True,
        description_uz=(
            "IT Park rezidenti: ijodiy industriyalar uchun veb va mobil ilovalar, AR "
            "koʻrgazmalar va onlayn doʻkonlar."
        ),
        description_en=(
            "IT Park resident: web and mobile apps for the creative industries, AR exhibitions "
            "and online shops."
        ),
    ),
    DemoOrganisation(
        key="navo-film",
        name="Navo Film",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="303842671",
        sectors=("film", "music"),
        owner=_uz("k.sodiqov@navo-demo.example", "Kamol Sodiqov"),
        description_ru=(
            "Продюсерская компания из Ташкента: игровое кино, клипы, организация съёмок "
            "в Самарканде, Бухаре и Хиве для зарубежных групп."
        ),
        description_uz=(
            "Toshkentlik prodyuserlik kompaniyasi: badiiy filmlar, kliplar, xorijiy guruhlar "
            "uchun Samarqand, Buxoro va Xivada suratga olishlarni tashkil etish."
        ),
        description_en=(
            "A Tashkent production company: feature films, music videos, and location services "
            "in Samarkand, Bukhara and Khiva for visiting crews."
        ),
    ),
    DemoOrganisation(
        key="atlas-lab",
        name="Atlas Lab",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="308265193",
        sectors=("fashion", "design"),
        owner=_uz("d.yuldasheva@atlaslab-demo.example", "Dilnoza Yoʻldosheva"),
        website="https://atlas-lab.example",
        description_ru=(
            "Ташкентский бренд одежды: современный крой из атласа и адраса, "
            "коллаборации с мастерами Маргилана."
        ),
        description_uz=(
            "Toshkent kiyim brendi: atlas va adrasdan zamonaviy bichim, Margʻilon "
            "ustalari bilan hamkorlik."
        ),
        description_en=(
            "A Tashkent clothing brand: contemporary cuts in atlas and adras, collaborations "
            "with Margilan weavers."
        ),
    ),
]
