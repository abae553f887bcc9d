"""The languages entries are written in, and texts in ru/uz/en read in the reader's language."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.core.uzbek_script import for_reader

# Entries are written in these; Uzbek in Latin script (Cyrillic readers get it transliterated).
LANGUAGES = [("ru", _("Russian")), ("uz", _("Uzbek")), ("en", _("English"))]
LANGUAGE_CODES = tuple(code for code, _label in LANGUAGES)
# Each language named in itself, for "also in …" links that a reader of any language finds.
NATIVE_NAMES = {"ru": "Русский", "uz": "Oʻzbekcha", "en": "English"}


def reader_language(language: str | None = None) -> str:
    """The interface language in use: ru, uz, uz-cyrl or en."""
    return (language or get_language() or settings.LANGUAGE_CODE).lower()


def written_language(reader: str) -> str:
    """The language a reader reads entries in: Uzbek Cyrillic readers read the Uzbek one."""
    return reader[:2] if reader[:2] in LANGUAGE_CODES else "ru"


def translated(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the reader's language, else the first one written (ru, uz, en);
    Uzbek Latin shown in Cyrillic to Uzbek Cyrillic readers."""
    reader = reader_language(language)
    order = [written_language(reader), *LANGUAGE_CODES]
    for code in dict.fromkeys(order):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return for_reader(value, written_in=code, language=reader)
    return ""
