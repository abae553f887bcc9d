import pytest

from bridge.search.analysis import normalise

pytestmark = pytest.mark.unit

OKINA = "\u02bb"
TUTUQ = "\u02bc"


@pytest.mark.parametrize(
    "typed",
    [
        "qogʻoz",
        "qog'oz",
        "qog`oz",
        "qog‘oz",
        "qog’oz",
        "qogʼoz",
        "qog´oz",
        "QOGʻOZ",
        "Qog'oz",
    ],
)
def test_every_apostrophe_after_g_becomes_okina(typed):
    assert normalise(typed) == "qog" + OKINA + "oz"


@pytest.mark.parametrize("typed", ["o'zbek", "O`zbek", "oʼzbek", "o’zbek", "oʻzbek"])
def test_every_apostrophe_after_o_becomes_okina(typed):
    assert normalise(typed) == "o" + OKINA + "zbek"


@pytest.mark.parametrize("typed", ["ma'no", "maʻno", "ma`no", "ma’no", "san'at", "she'r"])
def test_apostrophe_after_other_letters_becomes_tutuq(typed):
    assert OKINA not in normalise(typed)
    assert TUTUQ in normalise(typed)


def test_tutuq_after_okina_stays_tutuq():
    assert normalise("mo''jiza") == "mo" + OKINA + TUTUQ + "jiza"


@pytest.mark.parametrize(
    ("reform", "expected"),
    [
        ("Özbek", "oʻzbek"),
        ("ōzbek", "oʻzbek"),
        ("ŏzbek", "oʻzbek"),
        ("õzbek", "oʻzbek"),
        ("qoğoz", "qogʻoz"),
        ("Şahar", "shahar"),
        ("șahar", "shahar"),
        ("çiroq", "chiroq"),
        ("Çopon", "chopon"),
    ],
)
def test_reform_letters_fold_to_1995_alphabet(reform, expected):
    assert normalise(reform) == expected


def test_reform_letters_written_with_combining_marks_fold_too():
    assert normalise("o\u0306zbek") == "oʻzbek"  # o + combining breve
    assert normalise("s\u0327ahar") == "shahar"  # s + combining cedilla


def test_yo_folds_to_ye_unless_kept():
    assert normalise("Шёлк Ёлка") == "шелк елка"
    assert normalise("Шёлк", keep_yo=True) == "шёлк"


def test_nfc_and_casefold():
    assert normalise("Cafe\u0301 STRASSE Straße") == "café strasse strasse"
    assert normalise("İpak") == "ipak"


def test_control_characters_are_removed_and_line_breaks_separate_words():
    assert normalise("ip\u200bak\x00\x07") == "ipak"
    assert normalise("ipak\npaxta\tjun") == "ipak paxta jun"
    assert normalise("soft\u00adhyphen\ufeff") == "softhyphen"


def test_normalise_is_idempotent_on_samples():
    for text in ["Qog'oz O`zbek mo''jiza", "Шёлк ÖĞŞ", "İstanbul\u200b"]:
        once = normalise(text)
        assert normalise(once) == once


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("'maʼno'", TUTUQ + "ma" + TUTUQ + "no" + TUTUQ),  # no Uzbek word ends in oʻ
        ("'big'", TUTUQ + "big" + TUTUQ),  # a word that opened with a quote closes with one
        ("tog'", "tog" + OKINA),  # but a word-final gʻ is a letter (togʻ, bogʻ)
        ("'tog''", TUTUQ + "tog" + OKINA + TUTUQ),
    ],
)
def test_marks_closing_a_quote_are_not_okina(typed, expected):
    assert normalise(typed) == expected
