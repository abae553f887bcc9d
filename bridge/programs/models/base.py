"""What several programme models share: texts written in ru/uz/en, read in the reader's language."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.core.uzbek_script import for_reader

LANGUAGES = ("ru", "uz", "en")


def translated(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the reader's language, else the first one written (ru, uz, en)."""
    active = language or get_language() or "ru"
    language = active[:2]
    preferred = getattr(obj, f"{field}_{language}", "") if language in LANGUAGES else ""
    if preferred:
        return for_reader(preferred, written_in=language, language=active)
    for code in LANGUAGES:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return for_reader(value, written_in=code, language=active)
    return ""


CURRENCIES = [
    ("RUB", _("Russian rouble")),
    ("UZS", _("Uzbek som")),
    ("KZT", _("Kazakh tenge")),
    ("USD", _("US dollar")),
    ("EUR", _("Euro")),
]
