"""What several programme models share: texts written in ru/uz/en, read in the reader's language."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("ru", "uz", "en")


def translated(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the reader's language, else the first one written (ru, uz, en)."""
    language = (language or get_language() or "ru")[:2]
    preferred = getattr(obj, f"{field}_{language}", "") if language in LANGUAGES else ""
    if preferred:
        return preferred
    for code in LANGUAGES:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


CURRENCIES = [
    ("RUB", _("Russian rouble")),
    ("UZS", _("Uzbek som")),
    ("KZT", _("Kazakh tenge")),
    ("USD", _("US dollar")),
    ("EUR", _("Euro")),
]
