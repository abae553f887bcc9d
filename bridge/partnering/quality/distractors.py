"""The judged set's distractors: co-production listings on other topics, in every language and
both kinds, written the way the pairs are (so they share the generic words: studio, series,
partner, co-production) but not their subject. Deterministic."""

from __future__ import annotations

# topic → (sectors, ru, uz, uz-Cyrl, en): a subject as a listing would name it.
TOPICS: list[tuple[tuple[str, ...], str, str, str, str]] = [
    (
        ("animation",),
        "сериал о космических роботах",
        "kosmik robotlar haqida serial",
        "космик роботлар ҳақида сериал",
        "a series about space robots",
    ),
    (
        ("animation",),
        "мультсериал о пингвинах",
        "pingvinlar haqida multserial",
        "пингвинлар ҳақида мультсериал",
        "a cartoon series about penguins",
    ),
    (
        ("animation",),
        "мультфильм о динозаврах",
        "dinozavrlar haqida multfilm",
        "динозаврлар ҳақида мультфильм",
        "an animated film about dinosaurs",
    ),
    (
        ("animation",),
        "мультсериал о пожарных машинах",
        "oʻt oʻchirish mashinalari haqida multserial",
        "ўт ўчириш машиналари ҳақида мультсериал",
        "a cartoon about fire engines",
    ),
    (
        ("animation",),
        "аниме о школьниках-волшебниках",
        "sehrgar oʻquvchilar haqida anime",
        "сеҳргар ўқувчилар ҳақида аниме",
        "an anime about schoolchildren wizards",
    ),
    (
        ("games",),
        "футбольный симулятор",
        "futbol simulyatori",
        "футбол симулятори",
        "a football simulator",
    ),
    (
        ("games",),
        "шутер про зомби",
        "zombilar haqida shuter",
        "зомбилар ҳақида шутер",
        "a zombie shooter",
    ),
    (
        ("games",),
        "фэнтези RPG с драконами",
        "ajdarlar bilan fentezi RPG",
        "аждарлар билан фэнтези RPG",
        "a fantasy RPG with dragons",
    ),
    (("games",), "симулятор фермы", "ferma simulyatori", "ферма симулятори", "a farming simulator"),
    (
        ("games",),
        "градостроительная стратегия о космической колонии",
        "kosmik koloniya qurish strategiyasi",
        "космик колония қуриш стратегияси",
        "a city builder on a space colony",
    ),
    (("games",), "шахматное приложение", "shaxmat ilovasi", "шахмат иловаси", "a chess app"),
    (
        ("games",),
        "игра о рыбалке",
        "baliq ovi haqida oʻyin",
        "балиқ ови ҳақида ўйин",
        "a fishing game",
    ),
    (
        ("film",),
        "детективный триллер",
        "detektiv triller",
        "детектив триллер",
        "a detective thriller",
    ),
    (("film",), "фильм о балете", "balet haqida film", "балет ҳақида фильм", "a film about ballet"),
    (
        ("film",),
        "научно-фантастический фильм о Марсе",
        "Mars haqida ilmiy-fantastik film",
        "Марс ҳақида илмий-фантастик фильм",
        "a science fiction film about Mars",
    ),
    (
        ("film",),
        "документальный фильм о подводном мире",
        "suv osti dunyosi haqida hujjatli film",
        "сув ости дунёси ҳақида ҳужжатли фильм",
        "an underwater documentary",
    ),
    (
        ("film",),
        "фильм о зимних видах спорта",
        "qishki sport turlari haqida film",
        "қишки спорт турлари ҳақида фильм",
        "a film about winter sports",
    ),
    (("film",), "кулинарное шоу", "pazandachilik shousi", "пазандачилик шоуси", "a cooking show"),
    (("music",), "джазовый альбом", "jaz albomi", "жаз альбоми", "a jazz album"),
    (
        ("music",),
        "альбом детских песен",
        "bolalar qoʻshiqlari albomi",
        "болалар қўшиқлари альбоми",
        "an album of children's songs",
    ),
    (
        ("music",),
        "рок-концерт на стадионе",
        "stadionda rok kontsert",
        "стадионда рок концерт",
        "a rock concert in a stadium",
    ),
    (
        ("fashion",),
        "коллекция горнолыжной одежды",
        "togʻ changʻisi kiyimlari kolleksiyasi",
        "тоғ чанғиси кийимлари коллекцияси",
        "a ski wear collection",
    ),
    (
        ("fashion",),
        "свадебные платья",
        "kelinlik liboslari",
        "келинлик либослари",
        "wedding dresses",
    ),
    (("fashion",), "одежда для йоги", "yoga uchun kiyimlar", "йога учун кийимлар", "yoga clothing"),
    (
        ("design",),
        "упаковка для кофейного бренда",
        "qahva brendi uchun qadoq",
        "қаҳва бренди учун қадоқ",
        "packaging for a coffee brand",
    ),
    (
        ("design",),
        "фирменный стиль пекарни",
        "novvoyxona uchun firma uslubi",
        "новвойхона учун фирма услуби",
        "a brand identity for a bakery",
    ),
    (
        ("design",),
        "аксессуары для смартфонов",
        "smartfonlar uchun aksessuarlar",
        "смартфонлар учун аксессуарлар",
        "smartphone accessories",
    ),
    (
        ("publishing",),
        "сборник стихов",
        "sheʼrlar toʻplami",
        "шеърлар тўплами",
        "a poetry collection",
    ),
    (("publishing",), "детективный роман", "detektiv roman", "детектив роман", "a detective novel"),
    (
        ("publishing",),
        "путеводитель по горам",
        "togʻlar boʻyicha yoʻlkoʻrsatkich",
        "тоғлар бўйича йўлкўрсаткич",
        "a mountain guidebook",
    ),
]

TEMPLATES = {
    "request": {
        "ru": (
            "Ищем сопродюсера: {t}",
            "Студия готовит проект «{t}» и ищет партнёра для совместного производства.",
        ),
        "uz": (
            "Hamkor izlaymiz: {t}",
            "Studiyamiz «{t}» loyihasini tayyorlamoqda va birgalikda ishlab chiqarish uchun hamkor izlaydi.",
        ),
        "uz-Cyrl": (
            "Ҳамкор изланмоқда: {t}",
            "Студиямиз «{t}» лойиҳасини тайёрламоқда ва биргаликда ишлаб чиқариш учун ҳамкор излайди.",
        ),
        "en": (
            "Co-producer wanted: {t}",
            "Our studio is preparing {t} and seeks a partner for co-production.",
        ),
    },
    "offer": {
        "ru": (
            "Предлагаем совместное производство: {t}",
            "Наша студия предлагает партнёрам проект «{t}» в копродукции.",
        ),
        "uz": (
            "Birgalikda ishlab chiqarish taklifi: {t}",
            "Studiyamiz hamkorlarga «{t}» loyihasini koprodyuksiyada taklif qiladi.",
        ),
        "uz-Cyrl": (
            "Биргаликда ишлаб чиқариш таклифи: {t}",
            "Студиямиз ҳамкорларга «{t}» лойиҳасини копродукцияда таклиф қилади.",
        ),
        "en": ("Co-production offer: {t}", "Our studio offers partners {t} as a co-production."),
    },
}
LANGUAGES = ("ru", "uz", "uz-Cyrl", "en")
COUNTRIES = {"ru": "RU", "uz": "UZ", "uz-Cyrl": "UZ", "en": "KZ"}


def distractors() -> list[dict]:
    """240 listings: every topic in every language, once as an offer and once as a request."""
    out = []
    for number, (sectors, *phrases) in enumerate(TOPICS, start=1):
        for language, phrase in zip(LANGUAGES, phrases, strict=True):
            for kind in ("offer", "request"):
                title, summary = TEMPLATES[kind][language]
                out.append(
                    {
                        "label": f"d{number:02d}/{language}/{kind}",
                        "kind": kind,
                        "language": language,
                        "country": COUNTRIES[language],
                        "sectors": list(sectors),
                        "title": title.format(t=phrase),
                        "summary": summary.format(t=phrase),
                    }
                )
    return out
