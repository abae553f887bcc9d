import pytest

from bridge.search.analysis import uzbek_stem

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        # case
        ("ipakdan", "ipak"),
        ("qoʻlda", "qoʻl"),
        ("margʻilonda", "margʻilon"),
        ("atlasdan", "atlas"),
        ("toshkentgacha", "toshkent"),
        ("buxorodagi", "buxoro"),
        ("oltindek", "oltin"),
        ("oʻyinning", "oʻyin"),
        ("paxtani", "paxta"),
        ("ipakka", "ipak"),
        ("qishloqqa", "qishloq"),
        ("bogʻqa", "bogʻ"),
        ("gilamga", "gilam"),
        # plural, possessive and case stacked
        ("gilamlar", "gilam"),
        ("qogʻozlar", "qogʻoz"),
        ("kitoblarimizdan", "kitob"),
        ("paxtalarning", "paxta"),
        ("bolalarga", "bola"),
        ("kitobini", "kitob"),
        ("kitoblari", "kitob"),
        ("kitobimiz", "kitob"),
        ("onamizga", "ona"),
        ("kashtasi", "kashta"),
        ("gilami", "gilam"),
        ("rangi", "rang"),
        # k/q voiced before a vowel suffix come back
        ("ipagi", "ipak"),
        ("qishlogʻi", "qishloq"),
        ("zargarligi", "zargar"),
        # derivation
        ("paxtali", "paxta"),
        ("ipakli", "ipak"),
        ("suvsiz", "suv"),
        ("kashtachi", "kashta"),
        ("oʻyinchi", "oʻyin"),
        ("kulolchilik", "kulol"),
        ("paxtachilik", "paxta"),
        ("hunarmandchilik", "hunarmand"),
        ("toʻqimachilik", "toʻqima"),
        # verbs: participles, infinitive, gerund, agent noun
        ("toʻqilgan", "toʻq"),
        ("toʻqilganlar", "toʻq"),
        ("toʻqimoq", "toʻq"),
        ("toʻqish", "toʻq"),
        ("toʻquvchi", "toʻq"),
        ("yozilgan", "yoz"),
        ("yozish", "yoz"),
        ("yozuvchi", "yoz"),
        ("oʻqilgan", "oʻqi"),
        ("ishlangan", "ishla"),
        ("boʻyalgan", "boʻya"),
        ("tikkan", "tik"),
        ("chiqqan", "chiq"),
        ("ishlaydigan", "ishla"),
        ("yozadigan", "yoz"),
        ("ishlayotgan", "ishla"),
    ],
)
def test_inflected_forms(word, stem):
    assert uzbek_stem(word) == stem


@pytest.mark.parametrize(
    "word",
    [
        # roots that merely end in suffix-like letters
        "paxta",
        "ipak",
        "kashta",
        "gilam",
        "ikki",
        "bola",
        "dala",
        "shoyi",
        "zardoʻzi",
        "zardozi",
        "suzani",
        "doʻppi",
        "parda",
        "manga",
        "dollar",
        "qaychi",
        "qamish",
        "tarmoq",
        "namangan",
        "marketing",
        "yangi",
        "kiyim",
        "bilim",
        "taʼlim",
        # -gi/-ki/-qi adjectives are left whole rather than cut wrongly
        "ichki",
        "tashqi",
        "bugungi",
        # too short to strip without leaving fewer than three letters
        "ishi",
        "bogʻi",
        "moda",
        "yoga",
        "organ",
        "oʻqish",
    ],
)
def test_words_left_alone(word):
    assert uzbek_stem(word) == word


def test_protected_word_stops_stripping_of_its_inflections():
    assert uzbek_stem("kiyimlar") == "kiyim"
    assert uzbek_stem("shoyidan") == "shoyi"
    assert uzbek_stem("suzanilar") == "suzani"


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("chinni", ["chinnidan", "chinnilar", "chinnini"]),
        ("sabzi", ["sabzini", "sabzilar"]),
        ("shohi", ["shohidan", "shohilar"]),
        ("tanga", ["tangalar", "tangada"]),
        ("pushti", ["pushtilar"]),
        ("qarshi", ["qarshida", "qarshidan"]),
    ],
)
def test_lemmas_ending_like_a_suffix_share_the_stem_of_their_inflections(lemma, forms):
    # Cutting -ni/-i/-ga off the lemma (chin, sabz, shoh, tan) would merge it with other roots
    # and part it from its own inflected forms.
    assert {uzbek_stem(word) for word in [lemma, *forms]} == {lemma}


def test_loose_spelling_stems_like_the_full_one_without_apostrophes():
    assert uzbek_stem("qogozlar") == "qogoz"
    assert uzbek_stem("toqilgan") == "toq"


def test_never_shorter_than_three_letters():
    for word in ["uyda", "ishi", "oʻqqa", "ilgan", "lar", "ni", "gan", ""]:
        stem = uzbek_stem(word)
        assert stem == word or len(stem.replace("ʻ", "").replace("ʼ", "")) >= 3
