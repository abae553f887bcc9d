"""The demo heritage theme pages: a short text in three languages and a drawn image for each."""

THEME_TITLES = {
    "ikat": {"ru": "Абр (икат)", "uz": "Abr (ikat)", "en": "Abr (ikat)"},
    "suzani": {"ru": "Сюзане", "uz": "Soʻzana", "en": "Suzani"},
    "rishton-ceramics": {
        "ru": "Риштанская керамика",
        "uz": "Rishton sopoli",
        "en": "Rishtan ceramics",
    },
    "afandi": {"ru": "Насреддин Афанди", "uz": "Nasriddin Afandi", "en": "Nasreddin Afandi"},
    "alpamysh": {"ru": "Эпос «Алпамыш»", "uz": "«Alpomish» dostoni", "en": "The Alpamysh epic"},
    "zardozi": {"ru": "Зардози — золотое шитьё", "uz": "Zardoʻzi", "en": "Zardozi gold embroidery"},
    "samarkand-architecture": {
        "ru": "Архитектура Самарканда",
        "uz": "Samarqand meʼmorchiligi",
        "en": "Samarkand architecture",
    },
    "samarkand-paper": {
        "ru": "Самаркандская бумага",
        "uz": "Samarqand qogʻozi",
        "en": "Samarkand paper",
    },
    "maqom": {"ru": "Шашмаком", "uz": "Shashmaqom", "en": "Shashmaqom"},
    "khiva-wood-carving": {
        "ru": "Хивинская резьба по дереву",
        "uz": "Xiva yogʻoch oʻymakorligi",
        "en": "Khiva wood carving",
    },
}

THEME_TEXTS = {
    "ikat": {
        "ru": "Абр — «облако» — так в Узбекистане называют икат: нити основы перевязывают и красят "
        "до ткачества, и узор расплывается, как облако. Маргилан — столица абровых тканей: "
        "хан-атласа из чистого шёлка и адраса с хлопковым утком.",
        "uz": "Abr — «bulut»: oʻzbek ikati shunday ataladi. Tanda iplari toʻqishdan oldin bogʻlanib "
        "boʻyaladi va naqsh bulutdek yoyiladi. Margʻilon — abrli matolar poytaxti: sof ipakdan "
        "xonatlas va paxta arqoqli adras.",
        "en": "Abr means “cloud”: Uzbek ikat, whose warp is tied and dyed before weaving so that "
        "the pattern blurs like a cloud. Margilan is its capital: all-silk khan-atlas and adras "
        "with a cotton weft.",
    },
    "suzani": {
        "ru": "Сюзане — вышитые панно, которые готовили в приданое. Каждый регион узнаётся по "
        "узору: бухарские розетки, самаркандские гранаты, ургутские круги.",
        "uz": "Soʻzana — sepga tayyorlanadigan kashta panno. Har bir hudud naqshidan tanib olinadi: "
        "Buxoro rozetkalari, Samarqand anorlari, Urgut doiralari.",
        "en": "Suzani are embroidered hangings once sewn for a dowry. Each region has its "
        "patterns: Bukhara rosettes, Samarkand pomegranates, Urgut circles.",
    },
    "rishton-ceramics": {
        "ru": "Риштан в Ферганской долине славится керамикой с глазурью ишкор из золы растений: "
        "бирюза и кобальт на белом ангобе, ляганы и плитка.",
        "uz": "Fargʻona vodiysidagi Rishton oʻsimlik kulidan olinadigan ishqor siri bilan "
        "mashhur: oq angobdagi feruza va kobalt, lagan va koshinlar.",
        "en": "Rishtan in the Fergana Valley is known for ceramics glazed with ishkor, made from "
        "plant ash: turquoise and cobalt on white slip, lagan platters and tiles.",
    },
    "afandi": {
        "ru": "Насреддин Афанди — мудрец и плут, герой тысяч анекдотов от Балкан до Китая. Для "
        "игр и анимации это готовый персонаж с характером и чувством юмора.",
        "uz": "Nasriddin Afandi — Bolqondan Xitoygacha minglab latifalar qahramoni, donishmand va "
        "hazilkash. Oʻyin va animatsiya uchun tayyor personaj.",
        "en": "Nasreddin Afandi, sage and trickster, is the hero of thousands of tales from the "
        "Balkans to China: a ready-made character for games and animation.",
    },
    "alpamysh": {
        "ru": "«Алпамыш» — героический эпос, который бахши исполняют под домбру. История о "
        "верности и возвращении — основа для сериала, фильма или игры.",
        "uz": "«Alpomish» — baxshilar doʻmbira joʻrligida kuylaydigan qahramonlik dostoni. Sadoqat "
        "va qaytish haqidagi hikoya serial, film yoki oʻyin uchun asos.",
        "en": "Alpamysh is a heroic epic sung by bakhshi storytellers to the dombra: a story of "
        "loyalty and return, ready for a series, a film or a game.",
    },
    "zardozi": {
        "ru": "Зардози — бухарское золотое шитьё: золотая и серебряная нить на бархате. Сегодня — "
        "в капсулах модных брендов и костюмах кино.",
        "uz": "Zardoʻzi — Buxoroning oltin kashtasi: baxmalga tikilgan oltin va kumush ip. Bugun — "
        "moda brendlari kapsulalarida va kino liboslarida.",
        "en": "Zardozi is Bukhara's gold embroidery, gold and silver thread on velvet, found today "
        "in fashion capsules and film costumes.",
    },
    "samarkand-architecture": {
        "ru": "Регистан, Шахи-Зинда, Гур-Эмир: изразцы, купола и порталы Самарканда — локации для "
        "кино и источник узоров для дизайна.",
        "uz": "Registon, Shohi Zinda, Goʻri Amir: Samarqand koshinlari, gumbazlari va peshtoqlari — "
        "kino uchun joy va dizayn uchun naqsh manbai.",
        "en": "The Registan, Shah-i-Zinda, Gur-e-Amir: Samarkand's tiles, domes and portals are "
        "film locations and a source of patterns for design.",
    },
    "samarkand-paper": {
        "ru": "Самаркандская бумага из коры шелковицы: её делали веками, а в Конигиле снова "
        "делают вручную — для книг, упаковки и каллиграфии.",
        "uz": "Tut poʻstlogʻidan Samarqand qogʻozi asrlar davomida yasalgan, Konigilda yana qoʻlda "
        "tayyorlanmoqda — kitoblar, qadoqlash va xattotlik uchun.",
        "en": "Samarkand paper from mulberry bark was made for centuries and is made by hand "
        "again in Konigil, for books, packaging and calligraphy.",
    },
    "maqom": {
        "ru": "Шашмаком — шесть макомов, классическая музыка Бухары и Самарканда, в списке ЮНЕСКО. "
        "Звучит в саундтреках фильмов и игр.",
        "uz": "Shashmaqom — Buxoro va Samarqandning mumtoz musiqasi, YUNESKO roʻyxatida. Film va "
        "oʻyin saundtreklarida yangraydi.",
        "en": "Shashmaqom, the six maqoms of Bukhara and Samarkand, is on UNESCO's list and heard "
        "in film and game soundtracks.",
    },
    "khiva-wood-carving": {
        "ru": "Резные колонны и двери Хивы из карагача: растительный узор ислими, который режут "
        "вручную и сегодня — для интерьеров и декораций.",
        "uz": "Xivaning qayragʻochdan oʻyilgan ustun va eshiklari: islimiy naqsh bugun ham qoʻlda "
        "oʻyiladi — interyer va dekoratsiyalar uchun.",
        "en": "Khiva's carved elm columns and doors: islimi plant ornament still cut by hand, for "
        "interiors and film sets.",
    },
}
