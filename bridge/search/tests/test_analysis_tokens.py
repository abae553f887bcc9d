import dataclasses

import pytest

from bridge.search.analysis import (
    MAX_QUERY_TERMS,
    MAX_WORD_LENGTH,
    Token,
    analyse,
    query_terms,
)

pytestmark = pytest.mark.unit


def keys(text, language=None):
    return [token.key for token in analyse(text, language)]


def only(text, language=None):
    [token] = analyse(text, language)
    return token


@pytest.mark.parametrize(
    "spelling",
    ["qogʻoz", "qog'oz", "qog`oz", "qog‘oz", "qog’oz", "qogʼoz", "QOGʻOZ", "қоғоз", "ҚОҒОЗ"],
)
def test_every_spelling_of_qogoz_shares_the_key(spelling):
    token = only(spelling)
    assert token.key == "qogʻoz"
    assert token.loose == "qogoz"


def test_loose_spelling_meets_full_spelling_on_loose_key_and_stem():
    typed, written = only("qogoz"), only("qogʻozlar")
    assert typed.loose == only("qogʻoz").loose
    assert set(typed.stems) & set(written.stems) == {"qogoz"}


def test_margilon_typed_without_apostrophe():
    assert only("Margilon").loose == only("Margʻilon").loose == only("Марғилон").loose


def test_reform_spelling_shares_the_key():
    assert only("Özbek").key == only("oʻzbek").key == only("ўзбек").key


def test_yo_is_folded_in_russian_keys_and_stems():
    assert only("Шёлк").key == only("шелк").key == "шелк"
    assert only("шёлковый").stems[0] == only("шелковый").stems[0] == "шелков"


def test_russian_and_english_snowball_stems():
    assert only("ковров").stems[0] == "ковр"
    assert only("embroidered").stems[0] == "embroid"
    assert only("weaving").stems == ("weav",)
    assert only("cotton's").stems == ("cotton",)


def test_cyrillic_word_without_uzbek_letters_gets_russian_and_uzbek_stems():
    # In a Russian text the key stays Cyrillic; the Uzbek stem still meets Latin "paxta".
    token = only("пахта", "ru")
    assert token.key == "пахта"
    assert token.stems == ("пахт", "paxta")
    assert "paxta" in only("paxta").stems


def test_cyrillic_word_without_uzbek_letters_in_uzbek_text_takes_the_latin_key():
    # "пахта" is an Uzbek word, so on its own it is detected as Uzbek and keyed like "paxta".
    token = only("пахта")
    assert token.key == only("paxta").key == "paxta"
    assert token.stems == ("пахт", "paxta")
    assert keys("ИПАК", "uz") == keys("ИПАК", "uz-Cyrl") == ["ipak"]


def test_cyrillic_word_with_uzbek_letters_is_uzbek_only():
    token = only("тўқилган")
    assert token.key == "toʻqilgan"
    assert token.stems == ("toq",)


def test_uzbek_cyrillic_text_transliterates_every_cyrillic_word():
    assert keys("Хонатлас ва адрас") == ["xonatlas", "va", "adras"]
    assert keys("Хонатлас", "uz-Cyrl") == ["xonatlas"]
    assert keys("Хонатлас", "ru") == ["хонатлас"]


def test_latin_words_stem_by_their_evidence():
    assert only("qoʻlda").stems == ("qol",)  # oʻ is Uzbek
    assert only("weaving").stems == ("weav",)  # w is not in the Uzbek alphabet
    assert set(only("ikatlar").stems) == {"ikat", "ikatlar"}  # could be either
    assert only("ikatlar", "uz").stems[0] == "ikat"  # context orders the guesses


def test_a_suffix_alone_does_not_rule_out_english():
    # -lar ends English words too; "pillar" must still meet "pillars" on a stem.
    assert set(only("pillar", "en").stems) & set(only("pillars", "en").stems) == {"pillar"}
    assert "pillar" in only("pillar").stems


def test_positions_count_tokens_and_hyphens_split():
    tokens = analyse("Hand-woven  silk — ikat")
    assert [(t.key, t.position) for t in tokens] == [
        ("hand", 0),
        ("woven", 1),
        ("silk", 2),
        ("ikat", 3),
    ]


def test_apostrophes_inside_words_stay_and_edges_go():
    assert keys("'maʼno' sanʼat' ‘togʻ’") == ["maʼno", "sanʼat", "togʻ"]


def test_quotes_around_a_word_are_not_read_as_okina():
    assert keys("'maʼno'") == keys("‘maʼno’") == ["maʼno"]
    assert keys("'big' 'dog'", "en") == ["big", "dog"]
    assert keys("'tog''") == keys("tog'") == keys("togʻ") == ["togʻ"]
    assert keys("qo'l o'zbek mo''jiza") == ["qoʻl", "oʻzbek", "moʻʼjiza"]


def test_numbers_percent_and_units():
    assert keys("100% paxta, 200gsm, 1,5 m, 3D, mp3, 1080p") == [
        "100%",
        "paxta",
        "200",
        "gsm",
        "1.5",
        "m",
        "3d",
        "mp3",
        "1080p",
    ]
    assert only("100%").stems == ()
    assert keys("5%gsm 10кг") == ["5%", "gsm", "10", "кг"]


def test_long_tokens_are_truncated():
    [token] = analyse("a" * 500)
    assert token.key == "a" * MAX_WORD_LENGTH
    assert len(only("ш" * 100, "uz-Cyrl").key) == MAX_WORD_LENGTH


@pytest.mark.parametrize(
    "text",
    [
        "",
        "🙂🧵🎨",
        "\x00\x01\x1b[31m",
        '" * NEAR( OR -) AND NOT ^col: {a b}',
        "ипак " * 2_000,
        "\ud800 lone surrogate",
        "ъ ь ʼ ʻ ' ` ´",
        "x" * 10_000,
    ],
)
def test_never_raises_and_emits_only_plain_keys(text):
    for token in analyse(text):
        assert token.key
        assert len(token.key) <= MAX_WORD_LENGTH
        assert not set(token.key) & set(' "*()^:{}-')


def test_fts_syntax_is_only_words():
    assert keys('" * NEAR( OR -)') == ["near", "or"]


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="language"):
        analyse("ipak", "tr")


def test_token_is_frozen():
    token = only("ipak")
    assert isinstance(token, Token)
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.key = "x"


def test_query_terms_deduplicate_by_key_and_keep_first_position():
    terms = query_terms("ipak Ipak ИПАК paxta ipak")
    assert [(t.key, t.position) for t in terms] == [("ipak", 0), ("paxta", 3)]


def test_query_terms_deduplicate_across_scripts_and_apostrophes():
    terms = query_terms("қоғоз qog'oz ҚОҒОЗ qogʻoz")
    assert [(t.key, t.position) for t in terms] == [("qogʻoz", 0)]


def test_query_terms_are_capped():
    terms = query_terms(" ".join(f"w{number}" for number in range(100)))
    assert len(terms) == MAX_QUERY_TERMS == 32
    assert terms[-1].key == "w31"
