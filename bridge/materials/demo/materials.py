"""The demo catalog: plain data, loaded through the importer (demo/__init__.py).

Written as the suppliers would write it: the Uzbek workshops in Uzbek, some in Latin script and
some in Cyrillic (often both within one supplier), the Russian mills in Russian, and a few export
listings in English. Prices are in each supplier's own currency. Names and numbers are invented.
"""

# Supplier key (bridge/site/demo/organisations.py) → (country, region)
SUPPLIERS = {
    "margilan-atlas": ("UZ", "Fargʻona viloyati, Margʻilon"),
    "rishton-sopol": ("UZ", "Fargʻona viloyati, Rishton"),
    "buxoro-suzani": ("UZ", "Buxoro"),
    "toshkent-charm": ("UZ", "Toshkent"),
    "konigil-qogoz": ("UZ", "Samarqand, Konigil"),
    "xiva-naqsh": ("UZ", "Xorazm viloyati, Xiva"),
    "tabiiy-boyoq": ("UZ", "Fargʻona vodiysi"),
    "fargona-paxta": ("UZ", "Fargʻona viloyati"),
    "nukus-kigiz": ("UZ", "Qoraqalpogʻiston, Nukus"),
    "ivanovo-textile": ("RU", "Ивановская область"),
    "vologda-lace": ("RU", "Вологодская область"),
}

COLUMNS = (
    "sku", "language", "name", "description", "category", "price", "currency", "unit", "moq",
    "lead_time_days", "composition", "technique", "colors", "width_cm", "weight_gsm",
    "certifications", "sample_available", "name_ru", "name_en",
)  # fmt: skip

# fmt: off
MATERIALS: dict[str, list[tuple]] = {
    "margilan-atlas": [
        ("MA-XA-01", "uz", "Xon atlas «Qirmizi lola»", "Qoʻlda toʻqilgan tabiiy ipak atlas, abr usulida boʻyalgan. Yorqin qizil va sariq naqshlar, koʻylak va chopon uchun.", "ikat", "245000", "UZS", "m", "5", "21", "ipak 100%", "abr; qoʻl toʻquv", "qizil; sariq; oq", "40", "95", "unesco-craft", "yes", "Хан-атлас «Красный тюльпан»", "Khan-atlas “Red Tulip”"),
        ("MA-XA-02", "uz", "Xon atlas «Tovus patı»", "Klassik Margʻilon xon atlasi: koʻk, yashil va oltin rangli tovus pati naqshi. Har bir toʻp 6 metr.", "ikat", "260000", "UZS", "m", "6", "21", "ipak 100%", "abr; qoʻl toʻquv", "koʻk; yashil; oltin", "40", "95", "unesco-craft", "yes", "Хан-атлас «Павлинье перо»", "Khan-atlas “Peacock Feather”"),
        ("MA-AD-03", "uz", "Adras «Anor»", "Ipak va paxtadan toʻqilgan adras, tabiiy anor poʻsti bilan boʻyalgan. Zich, kiyim va interyer uchun.", "ikat", "135000", "UZS", "m", "10", "14", "ipak 50%; paxta 50%", "abr; dastgoh", "toʻq qizil; jigarrang", "45", "160", "", "yes", "Адрас «Гранат»", "Adras “Pomegranate”"),
        ("MA-AD-04", "uz", "Adras «Bodom»", "Bodom naqshli adras, indigo va roʻyan bilan boʻyalgan. Kostyum va ustki kiyim uchun qalin mato.", "ikat", "128000", "UZS", "m", "10", "14", "ipak 40%; paxta 60%", "abr; dastgoh", "indigo; qizil", "45", "175", "", "yes", "Адрас «Миндаль»", "Adras “Almond”"),
        ("MA-BK-05", "uz", "Bekasam yoʻl-yoʻl", "Yoʻl-yoʻl bekasam: ipak tanda, paxta arqoq. Chopon va yostiq jildlari uchun anʼanaviy mato.", "silk", "98000", "UZS", "m", "15", "14", "ipak 30%; paxta 70%", "dastgoh", "binafsha; yashil; qizil", "50", "210", "", "yes", "Бекасам полосатый", "Striped bekasam"),
        ("MA-SH-06", "uz", "Shohi ipak, oq", "Yupqa tabiiy ipak shohi, boʻyalmagan. Oʻz naqshingizni bosish yoki boʻyash uchun asos.", "silk", "155000", "UZS", "m", "20", "10", "ipak 100%", "dastgoh", "oq", "90", "45", "oeko-tex-100", "yes", "Шёлк шохи, белый", "Shohi silk, white"),
        ("MA-KD-07", "uz", "Kanaus ipak, tabiiy boʻyoq", "Kanaus — silliq, yaltiroq ipak. Roʻyan, isparak va indigo bilan boʻyalgan 12 rang.", "silk", "185000", "UZS", "m", "10", "18", "ipak 100%", "tabiiy boʻyash", "12 rang", "60", "70", "", "yes", "Канаус, натуральные красители", "Kanaus silk, natural dyes"),
        ("MA-IP-08", "uz", "Xom ipak kalava", "Margʻilon pillasidan qoʻlda chuvilgan xom ipak kalava, 100 g. Toʻquvchilar va kashtachilar uchun.", "yarn-fibres", "95000", "UZS", "kg", "2", "7", "ipak 100%", "qoʻlda chuvish", "tabiiy oq", "", "", "", "yes", "Шёлк-сырец в мотках", "Raw silk skeins"),
        ("MA-VL-09", "uz", "Ipak baxmal «Abr»", "Abr naqshli ipak baxmal — eng qimmatbaho Margʻilon matosi. Buyurtma boʻyicha, 30 kunda.", "ikat", "1450000", "UZS", "m", "2", "30", "ipak 100%", "abr; baxmal toʻquv", "qizil; sariq; yashil", "35", "320", "unesco-craft", "no", "Шёлковый бархат с икатом", "Ikat silk velvet"),
        ("MA-EX-10", "en", "Ikat silk scarf panel, 50 × 180 cm", "Hand-woven ikat panels cut from khan-atlas, hemmed by hand. Sold by the piece for scarves and accessories; natural-dye colourways.", "ikat", "38", "USD", "piece", "10", "21", "silk 100%", "ikat; hand weaving", "red; gold; indigo", "50", "95", "unesco-craft", "yes", "Панно из шёлкового иката 50×180 см", ""),
    ],
    "rishton-sopol": [
        ("RS-KS-01", "uz", "Ishqor sirli koshin, 20×20", "Qoʻlda chizilgan Rishton koshini, ishqor siri bilan. Moviy va feruza rang, restoran devorlari uchun.", "tiles", "1150000", "UZS", "m2", "5", "30", "", "ishqor sir; qoʻlda chizish", "moviy; feruza", "", "", "", "yes", "Плитка с глазурью ишкор, 20×20", "Ishkor-glazed tiles, 20×20"),
        ("RS-LG-02", "uz", "Lagan «Anor» Ø 42 sm", "Katta lagan, anor naqshi, ishqor siri. Interyer va dasturxon uchun.", "tableware", "420000", "UZS", "piece", "2", "21", "", "ishqor sir; kulolchilik charxi", "feruza; jigarrang", "", "", "", "yes", "Ляган «Гранат» Ø 42 см", "Lagan platter “Pomegranate”, 42 cm"),
        ("RS-KS-03", "uz-Cyrl", "Косалар тўплами, 6 дона", "Риштон косалари: қўлда чизилган, ишқор сирли, 350 мл. Ресторан ва кафелар учун.", "tableware", "360000", "UZS", "piece", "10", "21", "", "ишқор сир; чарх", "мовий; оқ", "", "", "", "yes", "Набор пиал, 6 штук", "Set of six bowls"),
        ("RS-CH-04", "uz-Cyrl", "Чойнак «Пахта гули»", "Пахта гули нақшли чойнак, 1,2 л. Анъанавий Риштон шакли.", "tableware", "185000", "UZS", "piece", "6", "21", "", "ишқор сир; чарх", "кўк; оқ", "", "", "", "yes", "Чайник «Хлопковый цветок»", "Teapot “Cotton Flower”"),
        ("RS-PN-05", "uz", "Sopol panno, buyurtma boʻyicha", "Dizayner eskizi boʻyicha koshin panno: 1 m² dan, ishqor va qoʻrgʻoshinsiz sir.", "tiles", "2400000", "UZS", "m2", "1", "45", "", "qoʻlda chizish; ishqor sir", "dizayner tanlovi", "", "", "", "no", "Керамическое панно на заказ", "Custom ceramic panel"),
        ("RS-GL-06", "uz", "Ishqor sir kukuni", "Oʻsimlik kulidan tayyorlangan ishqor sir kukuni, 1 kg. Kulollar va studiyalar uchun.", "ceramics", "95000", "UZS", "kg", "5", "10", "", "ishqor sir", "feruza", "", "", "", "yes", "Порошок глазури ишкор", "Ishkor glaze powder"),
        ("RS-LY-07", "uz", "Qizil loy, Rishton", "Rishtonning mashhur qizil loyi, tozalangan, 25 kg qopda. Charx va qoʻlda qoliplash uchun.", "ceramics", "60000", "UZS", "kg", "25", "7", "", "", "qizil", "", "", "", "yes", "Красная глина Риштана", "Rishtan red clay"),
        ("RS-VZ-08", "uz-Cyrl", "Гулдон «Шафтоли»", "Баланд гулдон, 45 см, шафтоли ранги, қўлда чизилган.", "ceramics", "540000", "UZS", "piece", "2", "30", "", "ишқор сир", "шафтоли; мовий", "", "", "", "no", "Ваза «Персик»", "Vase “Peach”"),
    ],
    "buxoro-suzani": [
        ("BS-SZ-01", "uz-Cyrl", "Сўзана «Бухоро гуллари»", "Қўлда тикилган сўзана, 180×240 см, пахта асосда ипак ип билан. Девор ва интерьер учун.", "embroidery", "9800000", "UZS", "piece", "1", "60", "пахта 60%; ипак 40%", "сўзана; басма чок", "қизил; сариқ; яшил", "180", "", "unesco-craft", "no", "Сюзане «Бухарские цветы»", "Suzani “Flowers of Bukhara”"),
        ("BS-ZR-02", "uz-Cyrl", "Зардўзи тасма, тилла ип", "Зардўзи тасма: бахмал устида тилла ип билан тикилган, эни 6 см. Кийим ва аксессуарлар учун.", "gold-embroidery", "420000", "UZS", "m", "3", "30", "ипак 70%; тилла ип 30%", "зардўзлик", "тўқ кўк; олтин", "6", "", "", "yes", "Золотошвейная тесьма", "Gold-embroidered trim"),
        ("BS-SZ-03", "uz", "Soʻzana yostiq jildi, 45×45", "Qoʻlda tikilgan soʻzana yostiq jildi, ipak iplar bilan. Mehmonxonalar uchun seriya.", "embroidery", "650000", "UZS", "piece", "4", "30", "paxta 70%; ipak 30%", "soʻzana; basma", "qizil; krem", "", "", "", "yes", "Наволочка сюзане 45×45", "Suzani cushion cover, 45×45"),
        ("BS-IP-04", "uz-Cyrl", "Кашта учун ипак ип", "Қўлда бўялган ипак ип, 40 рангли палитра, 50 г ўрам.", "yarn-fibres", "1200000", "UZS", "kg", "1", "10", "ипак 100%", "табиий бўяш", "40 ранг", "", "", "", "yes", "Шёлковая нить для вышивки", "Silk embroidery thread"),
        ("BS-ZR-05", "uz-Cyrl", "Зардўзи дўппи қўшимчаси", "Дўппи ва сумкалар учун зардўзи қўшимча, 12×12 см.", "gold-embroidery", "310000", "UZS", "piece", "5", "30", "", "зардўзлик", "бордо; олтин", "", "", "", "yes", "Золотошвейная вставка", "Gold-embroidered appliqué"),
        ("BS-SZ-06", "uz", "Soʻzana panno, kichik", "Kichik soʻzana panno 60×80 sm: kiyim qoʻshimchasi yoki ramka uchun.", "embroidery", "1900000", "UZS", "piece", "1", "30", "paxta 60%; ipak 40%", "soʻzana", "toʻq qizil; yashil", "60", "", "", "yes", "Малое панно сюзане", "Small suzani panel"),
        ("BS-KS-07", "uz-Cyrl", "Каштали матолар, метрлаб", "Машина ва қўл кашта аралаш, пахта асос, кийим учун метрлаб сотилади.", "embroidery", "280000", "UZS", "m", "5", "21", "пахта 100%", "кашта", "оқ; кўк", "140", "220", "", "yes", "Ткань с вышивкой, на метраж", "Embroidered fabric by the metre"),
        ("BS-GL-08", "uz", "Ipak gulkashta lentasi", "Ipak gulkashta lentasi, eni 3 sm, kiyim chetlari uchun.", "embroidery-trims", "85000", "UZS", "m", "10", "14", "ipak 100%", "gulkashta", "turli ranglar", "3", "", "", "yes", "Шёлковая вышитая лента", "Embroidered silk ribbon"),
    ],
    "toshkent-charm": [
        ("TC-VG-01", "ru", "Кожа растительного дубления, 2 мм", "Кожа КРС растительного дубления, толщина 1,8–2,0 мм, для сумок, ремней и переплётов. Натуральный цвет, темнеет со временем.", "leather", "520000", "UZS", "m2", "20", "14", "", "растительное дубление", "натуральный; коньяк", "", "", "lwg", "yes", "", "Vegetable-tanned leather, 2 mm"),
        ("TC-NP-02", "ru", "Наппа для обуви", "Мягкая наппа хромового дубления для обуви и перчаток, 1,0–1,2 мм.", "leather", "390000", "UZS", "m2", "20", "10", "", "хромовое дубление", "чёрный; бежевый; бордо", "", "", "lwg", "yes", "", "Shoe nappa"),
        ("TC-KR-03", "uz", "Qorakoʻl teri, Sur", "Sur qorakoʻl terisi — oltin-jigarrang jingalak. Bosh kiyim va yoqalar uchun.", "karakul", "1850000", "UZS", "piece", "5", "30", "", "qorakoʻl ishlov", "oltin; jigarrang", "", "", "", "yes", "Каракуль сур", "Sur karakul pelt"),
        ("TC-KR-04", "uz-Cyrl", "Қоракўл тери, қора", "Қора қоракўл териси, Бухоро зоти, ялтироқ жингалак.", "karakul", "1450000", "UZS", "piece", "5", "30", "", "қоракўл ишлов", "қора", "", "", "", "yes", "Каракуль чёрный", "Black karakul pelt"),
        ("TC-SD-05", "ru", "Замша для сумок", "Замша из спилка, 1,4 мм, шлифованная, 12 цветов.", "leather", "310000", "UZS", "m2", "15", "10", "", "шлифовка", "12 цветов", "", "", "", "yes", "", "Suede for bags"),
        ("TC-BB-06", "ru", "Кожа для переплёта, козлина", "Козья кожа растительного дубления для реставрации и переплёта книг, 0,6–0,8 мм.", "leather", "45", "USD", "m2", "5", "14", "", "растительное дубление", "красный; зелёный; натуральный", "", "", "", "yes", "", "Goatskin for bookbinding"),
        ("TC-EX-07", "en", "Vegetable-tanned shoulder, 3.5 mm", "Firm shoulders for belts and straps, hand-finished in Tashkent. Consistent thickness, sold per square metre.", "leather", "38", "USD", "m2", "10", "14", "", "vegetable tanning", "natural; dark brown", "", "", "lwg", "yes", "Чепрак растительного дубления 3,5 мм", ""),
        ("TC-EM-08", "uz", "Boʻrtma naqshli charm", "Milliy naqsh bosilgan charm: sumka va muqovalar uchun, 1,6 mm.", "leather", "610000", "UZS", "m2", "10", "21", "", "boʻrtma bosish", "jigarrang; qora", "", "", "", "yes", "Кожа с тиснением", "Embossed leather"),
    ],
    "konigil-qogoz": [
        ("KQ-SQ-01", "uz", "Samarqand qogʻozi, A4, silliqlangan", "Tut poʻstlogʻidan qoʻlda tayyorlangan qogʻoz, sadaf bilan silliqlangan. Xattotlik va kitoblar uchun.", "handmade-paper", "25000", "UZS", "piece", "50", "14", "tut poʻstlogʻi 100%", "qoʻlda quyish; silliqlash", "krem", "21", "120", "unesco-craft", "yes", "Самаркандская бумага A4, лощёная", "Samarkand paper A4, burnished"),
        ("KQ-SQ-02", "uz", "Samarqand qogʻozi, katta varaq 60×80", "Katta format tut qogʻozi, silliqlanmagan, tabiiy tolali yuza.", "handmade-paper", "85000", "UZS", "piece", "20", "21", "tut poʻstlogʻi 100%", "qoʻlda quyish", "tabiiy", "60", "140", "unesco-craft", "yes", "Самаркандская бумага, большой лист", "Samarkand paper, large sheet"),
        ("KQ-QD-03", "uz", "Qadoqlash uchun tut qogʻozi", "Yupqa tut qogʻozi: sovgʻa va choy qadoqlash uchun, 50×70 sm.", "handmade-paper", "32000", "UZS", "piece", "100", "14", "tut poʻstlogʻi 100%", "qoʻlda quyish", "krem; oq", "50", "60", "", "yes", "Упаковочная тутовая бумага", "Mulberry wrapping paper"),
        ("KQ-RS-04", "uz", "Restavratsiya qogʻozi", "Juda yupqa (18 g/m²) tut qogʻozi, kislotasiz — kitob va hujjatlarni taʼmirlash uchun.", "handmade-paper", "48000", "UZS", "piece", "50", "21", "tut poʻstlogʻi 100%", "qoʻlda quyish", "tabiiy", "50", "18", "", "yes", "Реставрационная бумага", "Restoration paper"),
        ("KQ-BY-05", "uz-Cyrl", "Бўялган тут қоғози", "Табиий бўёқлар билан бўялган тут қоғози, 8 ранг, A3.", "handmade-paper", "38000", "UZS", "piece", "50", "21", "тут пўстлоғи 100%", "табиий бўяш", "8 ранг", "30", "110", "", "yes", "Окрашенная тутовая бумага", "Dyed mulberry paper"),
        ("KQ-DF-06", "uz", "Qoʻlda tikilgan daftar", "Samarqand qogʻozidan daftar, charm muqova, 96 varaq.", "paper", "210000", "UZS", "piece", "10", "30", "tut poʻstlogʻi 100%", "qoʻlda tikish", "jigarrang", "", "", "", "yes", "Блокнот ручной работы", "Hand-bound notebook"),
        ("KQ-TL-07", "uz", "Tut poʻstlogʻi tolasi", "Qogʻoz ustaxonalari uchun tozalangan tut poʻstlogʻi tolasi.", "yarn-fibres", "70000", "UZS", "kg", "5", "14", "tut poʻstlogʻi 100%", "", "tabiiy", "", "", "", "yes", "Волокно коры шелковицы", "Mulberry bark fibre"),
    ],
    "xiva-naqsh": [
        ("XN-US-01", "uz-Cyrl", "Ўймакор устун, қайрағоч", "Хива услубидаги ўймакор устун, қайрағоч ёғочидан, баландлиги 3 м гача. Буюртма бўйича.", "carved-wood", "38000000", "UZS", "piece", "1", "90", "", "ёғоч ўймакорлиги", "табиий", "", "", "", "no", "Резная колонна из карагача", "Carved elm column"),
        ("XN-ES-02", "uz-Cyrl", "Ўймакор эшик, ёнғоқ", "Икки табақали эшик, ёнғоқ ёғочи, гирих нақши.", "carved-wood", "52000000", "UZS", "piece", "1", "120", "", "ёғоч ўймакорлиги; гирих", "тўқ жигарранг", "", "", "", "no", "Резная дверь из ореха", "Carved walnut door"),
        ("XN-PN-03", "uz", "Oʻymakor panel 60×60", "Devor va mebel uchun oʻymakor panel, yongʻoq yoki qayragʻoch.", "carved-wood", "2600000", "UZS", "piece", "2", "45", "", "oʻymakorlik", "tabiiy", "", "", "fsc", "yes", "Резная панель 60×60", "Carved panel 60×60"),
        ("XN-LV-04", "uz-Cyrl", "Лавҳ (китоб қўйгич)", "Йиғма лавҳ, ёнғоқ, ўймакор нақш билан.", "carved-wood", "650000", "UZS", "piece", "5", "30", "", "ўймакорлик", "табиий", "", "", "", "yes", "Лаух — подставка для книг", "Lauh book stand"),
        ("XN-QY-05", "uz", "Qayragʻoch taxta, quritilgan", "Tabiiy quritilgan qayragʻoch taxta, 50 mm, duradgorlar uchun.", "wood", "9500000", "UZS", "m2", "2", "21", "", "tabiiy quritish", "tabiiy", "", "", "", "no", "Доска карагача, сухая", "Dried elm boards"),
        ("XN-NQ-06", "uz-Cyrl", "Ўймакор ромлар", "Ойна ва расм учун ўймакор ромлар, 40×60 см.", "carved-wood", "1200000", "UZS", "piece", "3", "30", "", "ўймакорлик", "табиий; ёнғоқ", "", "", "", "yes", "Резные рамы", "Carved frames"),
        ("XN-QT-07", "uz", "Oʻymakor quti", "Zargarlik buyumlari uchun oʻymakor quti, 20×14 sm.", "carved-wood", "380000", "UZS", "piece", "10", "21", "", "oʻymakorlik", "tabiiy", "", "", "", "yes", "Резная шкатулка", "Carved box"),
    ],
    "tabiiy-boyoq": [
        ("TB-RY-01", "uz", "Roʻyan ildizi kukuni", "Maydalangan roʻyan (marena) ildizi: qizildan pushtigacha ranglar, ipak va jun uchun.", "natural-dyes", "180000", "UZS", "kg", "1", "7", "", "", "qizil; pushti", "", "", "", "yes", "Корень марены, порошок", "Madder root powder"),
        ("TB-AN-02", "uz", "Anor poʻsti kukuni", "Anor poʻstidan sariq va xaki ranglar; temir bilan qora rang.", "natural-dyes", "120000", "UZS", "kg", "1", "7", "", "", "sariq; xaki", "", "", "", "yes", "Кожура граната, порошок", "Pomegranate rind powder"),
        ("TB-IN-03", "uz", "Indigo pastasi", "Tabiiy indigo pastasi, fermentlangan; koʻk va moviy ranglar uchun.", "natural-dyes", "390000", "UZS", "kg", "1", "10", "", "fermentlash", "koʻk", "", "", "", "yes", "Паста индиго", "Indigo paste"),
        ("TB-IS-04", "uz-Cyrl", "Испарак гули", "Испарак (живокость) гули — ипак учун ёрқин сариқ ранг.", "natural-dyes", "210000", "UZS", "kg", "1", "7", "", "", "сариқ", "", "", "", "yes", "Живокость (испарак)", "Isparak (larkspur) flowers"),
        ("TB-PY-05", "uz", "Piyoz poʻsti", "Quritilgan piyoz poʻsti: toʻq sariq va jigarrang ranglar.", "natural-dyes", "45000", "UZS", "kg", "2", "5", "", "", "toʻq sariq; jigarrang", "", "", "", "yes", "Луковая шелуха", "Onion skins"),
        ("TB-YN-06", "uz", "Yongʻoq poʻsti ekstrakti", "Yongʻoq poʻstidan suyuq ekstrakt, 1 l: jigarrang va kulrang.", "natural-dyes", "150000", "UZS", "piece", "5", "10", "", "ekstraksiya", "jigarrang", "", "", "", "yes", "Экстракт скорлупы ореха", "Walnut hull extract"),
        ("TB-NB-07", "uz-Cyrl", "Бўёқ тўплами, 6 ранг", "Бошловчилар учун тўплам: 6 та табиий бўёқ ва аччиқтош, кўрсатма билан.", "natural-dyes", "340000", "UZS", "piece", "3", "7", "", "", "6 ранг", "", "", "", "yes", "Набор натуральных красителей", "Natural dye starter kit"),
        ("TB-AL-08", "uz", "Achchiqtosh (alyumokaliy)", "Tabiiy boʻyashda rangni mahkamlash uchun achchiqtosh.", "natural-dyes", "40000", "UZS", "kg", "2", "5", "", "", "oq", "", "", "", "yes", "Квасцы алюмокалиевые", "Potassium alum mordant"),
    ],
    "fargona-paxta": [
        ("FP-YR-01", "uz", "Organik paxta ipi Ne 30/1", "Taralgan organik paxta ipi, Ne 30/1, trikotaj uchun. GOTS sertifikati.", "yarn-fibres", "4.8", "USD", "kg", "500", "21", "organik paxta 100%", "tarash; yigirish", "tabiiy oq", "", "", "gots; oeko-tex-100", "yes", "Пряжа из органического хлопка Ne 30/1", "Organic cotton yarn Ne 30/1"),
        ("FP-SJ-02", "uz", "Kulirka, organik paxta", "Organik paxtadan kulirka (single jersey), 160 g/m², 180 sm, boʻyalgan.", "knitted", "68000", "UZS", "kg", "100", "21", "organik paxta 100%", "trikotaj", "oq; qora; kulrang", "180", "160", "gots", "yes", "Кулирка из органического хлопка", "Organic cotton single jersey"),
        ("FP-FT-03", "uz", "Futer uch ipli", "Uch ipli futer, ichi tukli, 320 g/m², xudi va sport kiyim uchun.", "knitted", "85000", "UZS", "kg", "100", "21", "paxta 80%; poliester 20%", "trikotaj; tuklash", "kulrang melanj; qora", "185", "320", "oeko-tex-100", "yes", "Футер трёхнитка", "Three-thread fleece"),
        ("FP-RB-04", "uz", "Ribana 1×1", "Ribana 1×1 yoqa va manjetlar uchun, elastan bilan.", "knitted", "79000", "UZS", "kg", "50", "14", "paxta 95%; elastan 5%", "trikotaj", "oq; qora", "100", "220", "oeko-tex-100", "yes", "Кашкорсе / рибана 1×1", "1×1 rib"),
        ("FP-FB-05", "uz", "Paxta tolasi, 1-nav", "Fargʻona oʻrta tolali paxta, 1-nav, toyda.", "yarn-fibres", "1.9", "USD", "kg", "1000", "30", "paxta 100%", "", "oq", "", "", "bci", "no", "Хлопковое волокно, 1 сорт", "Raw cotton fibre, grade 1"),
        ("FP-DN-06", "uz", "Denim 12 oz", "Paxta denim 12 oz, indigo, kiyim brendlari uchun.", "cotton-fabrics", "4.2", "USD", "m", "300", "30", "paxta 98%; elastan 2%", "twill toʻquv; indigo boʻyash", "indigo", "150", "405", "oeko-tex-100", "yes", "Деним 12 унций", "Denim 12 oz"),
        ("FP-EN-07", "en", "Organic cotton poplin, 120 g/m²", "Combed organic cotton poplin, 150 cm wide, PFD or dyed to Pantone. GOTS certified from fibre to fabric.", "cotton-fabrics", "3.6", "USD", "m", "300", "28", "organic cotton 100%", "plain weave", "white; PFD", "150", "120", "gots", "yes", "Поплин из органического хлопка", ""),
        ("FP-EN-08", "en", "Organic cotton terry, 380 g/m²", "Loop terry for towels and bathrobes, woven in Fergana from our own organic yarn.", "cotton-fabrics", "5.9", "USD", "m", "200", "30", "organic cotton 100%", "terry weaving", "white; sand", "160", "380", "gots; oeko-tex-100", "yes", "Махровая ткань из органического хлопка", ""),
        ("FP-EN-09", "en", "Recycled cotton blend jersey", "Jersey knitted from 50% post-industrial recycled cotton and 50% recycled polyester; GRS certified.", "knitted", "6.4", "USD", "kg", "300", "28", "cotton 50%; recycled polyester 50%", "knitting", "heather grey; navy", "180", "180", "grs", "yes", "Джерси из переработанного хлопка", ""),
    ],
    "nukus-kigiz": [
        ("NK-GL-01", "uz-Cyrl", "Қорақалпоқ кигиз гилам", "Қўлда босилган кигиз гилам, 150×200 см, қўчқор шохи нақши.", "felt", "3400000", "UZS", "piece", "1", "45", "жун 100%", "кигиз босиш", "қизил; қора; оқ", "150", "", "", "no", "Каракалпакский войлочный ковёр", "Karakalpak felt rug"),
        ("NK-AK-02", "uz", "Akustik kigiz panel", "Jun kigiz panel, 10 mm, ofis va studiyalar uchun ovoz yutuvchi.", "felt", "780000", "UZS", "m2", "10", "30", "jun 100%", "kigiz bosish", "kulrang; qum rang", "100", "", "", "yes", "Акустическая войлочная панель", "Acoustic felt panel"),
        ("NK-KG-03", "uz-Cyrl", "Аксессуарлар учун кигиз, 3 мм", "Юпқа кигиз, 3 мм, сумка ва аксессуарлар учун, 12 ранг.", "felt", "240000", "UZS", "m2", "5", "14", "жун 100%", "кигиз босиш", "12 ранг", "100", "", "", "yes", "Войлок для аксессуаров, 3 мм", "Felt for accessories, 3 mm"),
        ("NK-JN-04", "uz-Cyrl", "Тараланган қўй жуни", "Қорақалпоқ қўй жуни, ювилган ва таралган, кигиз учун.", "yarn-fibres", "95000", "UZS", "kg", "5", "10", "жун 100%", "тараш", "табиий", "", "", "", "yes", "Чёсаная овечья шерсть", "Carded sheep wool"),
        ("NK-TY-05", "uz", "Tuya juni ipi", "Qoʻlda yigirilgan tuya juni ipi, tabiiy rang.", "yarn-fibres", "620000", "UZS", "kg", "1", "21", "tuya juni 100%", "qoʻlda yigirish", "tabiiy jigarrang", "", "", "", "yes", "Пряжа из верблюжьей шерсти", "Camel hair yarn"),
        ("NK-GL-06", "uz-Cyrl", "Жулхирс гилам", "Қорақалпоқ жулхирс гилами, 120×180 см, қўлда тўқилган.", "carpets", "5200000", "UZS", "piece", "1", "60", "жун 100%", "қўл тўқув", "қизил; тўқ кўк", "120", "", "", "no", "Ковёр жулхирс", "Julkhirs rug"),
        ("NK-TS-07", "uz", "Kigiz toʻshama, kichik", "Kigiz toʻshama 60×90 sm, bolalar xonasi va mehmonxonalar uchun.", "felt", "650000", "UZS", "piece", "3", "30", "jun 100%", "kigiz bosish", "oq; kulrang", "60", "", "", "yes", "Войлочный коврик, малый", "Small felt mat"),
    ],
    "ivanovo-textile": [
        ("IT-BZ-01", "ru", "Бязь отбелённая ГОСТ, 142 г/м²", "Бязь из 100% хлопка, отбелённая, ширина 150 см. Для постельного белья, подкладки и печати.", "cotton-fabrics", "185", "RUB", "m", "300", "10", "хлопок 100%", "полотняное переплетение", "белый", "150", "142", "oeko-tex-100", "yes", "", "Bleached calico, 142 g/m²"),
        ("IT-ST-02", "ru", "Сатин набивной", "Сатин 100% хлопок, 120 г/м², печать по рисункам заказчика от 300 м.", "cotton-fabrics", "320", "RUB", "m", "300", "21", "хлопок 100%", "сатиновое переплетение; набивка", "по рисунку заказчика", "220", "120", "oeko-tex-100", "yes", "", "Printed sateen"),
        ("IT-LN-03", "ru", "Лён костюмный умягчённый", "Костюмный лён 100%, 210 г/м², умягчённый, 14 цветов в наличии.", "linen-fabrics", "690", "RUB", "m", "50", "7", "лён 100%", "умягчение", "14 цветов", "150", "210", "", "yes", "", "Softened linen suiting"),
        ("IT-LN-04", "ru", "Полульняная ткань для скатертей", "Полулён (лён 50%, хлопок 50%), жаккард, ширина 155 см.", "linen-fabrics", "540", "RUB", "m", "100", "14", "лён 50%; хлопок 50%", "жаккард", "белый; серый; натуральный", "155", "230", "", "yes", "", "Half-linen jacquard for table linen"),
        ("IT-FL-05", "ru", "Фланель детская", "Фланель 100% хлопок, 170 г/м², пастельная печать.", "cotton-fabrics", "260", "RUB", "m", "300", "14", "хлопок 100%", "начёс; печать", "пастельные", "150", "170", "oeko-tex-100", "yes", "", "Children's flannel"),
        ("IT-MK-06", "ru", "Миткаль суровый", "Суровый миткаль для крашения и печати, 95 г/м².", "cotton-fabrics", "120", "RUB", "m", "500", "10", "хлопок 100%", "полотняное переплетение", "суровый", "90", "95", "", "yes", "", "Greige cambric"),
        ("IT-VF-07", "ru", "Вафельное полотно", "Вафельное полотно 100% хлопок, 160 г/м², для полотенец.", "cotton-fabrics", "150", "RUB", "m", "300", "10", "хлопок 100%", "вафельное переплетение", "белый; цветной", "150", "160", "", "yes", "", "Waffle weave"),
        ("IT-PP-08", "ru", "Поплин с вискозой", "Поплин, хлопок с вискозой, мягкий блеск, для рубашек и платьев.", "cotton-fabrics", "410", "RUB", "m", "200", "21", "хлопок 65%; вискоза 35%", "полотняное переплетение", "однотонные", "145", "115", "", "yes", "", "Cotton-viscose poplin"),
        ("IT-TK-09", "ru", "Тик матрасный", "Тик 100% хлопок, 200 г/м², для матрасов и подушек.", "cotton-fabrics", "230", "RUB", "m", "300", "14", "хлопок 100%", "саржевое переплетение", "полоска", "220", "200", "", "yes", "", "Mattress ticking"),
        ("IT-KN-10", "ru", "Канвас хлопковый", "Плотный канвас для сумок и интерьера, 340 г/м², водоотталкивающая пропитка по запросу.", "cotton-fabrics", "480", "RUB", "m", "100", "14", "хлопок 100%", "полотняное переплетение", "натуральный; хаки; чёрный", "150", "340", "", "yes", "", "Cotton canvas"),
    ],
    "vologda-lace": [
        ("VL-KR-01", "ru", "Кружево на коклюшках «Снежинка»", "Мерное кружево ручного плетения на коклюшках, ширина 4 см, лён.", "lace", "1800", "RUB", "m", "5", "30", "лён 100%", "коклюшечное плетение", "белый; льняной", "4", "", "", "yes", "", "Bobbin lace “Snowflake”"),
        ("VL-VR-02", "ru", "Кружевной воротник", "Воротник ручного плетения по вологодским образцам, хлопок.", "lace", "6500", "RUB", "piece", "1", "30", "хлопок 100%", "коклюшечное плетение", "белый; чёрный", "", "", "", "yes", "", "Lace collar"),
        ("VL-TS-03", "ru", "Тесьма кружевная узкая", "Узкая кружевная тесьма, 1,5 см, для отделки одежды и кукольных костюмов.", "lace", "450", "RUB", "m", "10", "21", "хлопок 100%", "коклюшечное плетение", "белый; экрю", "1.5", "", "", "yes", "", "Narrow lace trim"),
        ("VL-SL-04", "ru", "Салфетка кружевная", "Салфетка ручной работы, диаметр 30 см, лён.", "lace", "4200", "RUB", "piece", "1", "21", "лён 100%", "коклюшечное плетение", "льняной", "", "", "", "yes", "", "Lace doily"),
        ("VL-NT-05", "ru", "Льняная нить для плетения", "Льняная нить №24 для коклюшечного кружева, катушка 100 г.", "yarn-fibres", "3500", "RUB", "kg", "1", "7", "лён 100%", "", "белый; серый", "", "", "", "yes", "", "Linen lace thread"),
    ],
}
# fmt: on

# Demo exchange rates: US dollars for one unit of the currency, on these dates.
EXCHANGE_RATES = [
    ("2025-01-01", "RUB", "0.0098"),
    ("2025-01-01", "UZS", "0.0000775"),
    ("2025-01-01", "EUR", "1.04"),
    ("2025-06-01", "RUB", "0.0127"),
    ("2025-06-01", "UZS", "0.0000790"),
    ("2025-06-01", "EUR", "1.13"),
    ("2025-06-01", "KZT", "0.00196"),
    ("2025-06-01", "CNY", "0.139"),
]
