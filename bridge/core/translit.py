"""Latin spelling of Cyrillic names for URLs (slugs). Search has its own, exact, analyser;
this one only has to give readable ASCII addresses for Russian and Uzbek names."""

_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h", "ʻ": "", "ʼ": "", "‘": "", "’": "",
}  # fmt: skip


def latinise(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        out.append(_TABLE.get(low, ch))
    return "".join(out)
