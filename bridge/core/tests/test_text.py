import pytest

from bridge.core.text import fold

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("АТЛАС", "atlas"),
        ("Шёлк", "shelk"),
        ("Margʻilon", "margilon"),
        ("Marg'ilon", "margilon"),
        ("Хива", "xiva"),
        ("Xiva", "xiva"),
        ("Қўқон", "qoqon"),
        ("  two\n\twords ", "two words"),
        ("ＦＵＬＬ", "full"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded
