import pytest

from bridge.search.analysis import detect_language

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Шёлк ручной работы из Маргилана", "ru"),
        ("Натуральный хлопок, 100%", "ru"),
        ("Ковёр ручной работы", "ru"),
        ("Керамика с бирюзовой глазурью", "ru"),
        ("Qoʻl toʻqima adras", "uz"),
        ("Paxtadan tayyorlangan mato", "uz"),
        ("Margʻilon ipagi va atlas", "uz"),
        ("Buxoro zardoʻzi kashtasi", "uz"),
        ("qog'oz", "uz"),
        ("Хонатлас ва адрас", "uz-Cyrl"),
        ("Қўл тўқима адрас", "uz-Cyrl"),
        ("Марғилон ипаги", "uz-Cyrl"),
        ("Бухоро зардўзи каштаси", "uz-Cyrl"),
        ("Сифатли пахта мато билан", "uz-Cyrl"),
        ("Hand-woven silk ikat from Margilan", "en"),
        ("Organic cotton yarn, 200 gsm", "en"),
        ("Handmade ceramics with turquoise glaze", "en"),
        ("Gold embroidery on velvet", "en"),
    ],
)
def test_samples(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12345", "🙂🙂", '" * NEAR( OR -)'])
def test_texts_without_signals_fall_back_to_english(text):
    assert detect_language(text) == "en"


def test_uzbek_cyrillic_letters_decide_for_a_mostly_cyrillic_text():
    assert detect_language("Натуральный шёлк, Марғилон") == "uz-Cyrl"
