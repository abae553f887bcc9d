"""The Uzbek Cyrillic interface: its catalog is made from the Uzbek Latin ones, never by hand.

Sources, first one wins for a message: the project's catalog, the Uzbek country names, then
Django's own Uzbek catalogs (form errors, dates, admin). Everything is transliterated by
bridge.core.uzbek_script; the result is written next to the project's catalogs as uz_Cyrl.
"""

from pathlib import Path

import django
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings

from bridge.core.uzbek_script import latin_to_cyrillic

LOCALE = "uz_Cyrl"
_DJANGO_DOMAINS = (
    "conf",
    "contrib/auth",
    "contrib/admin",
    "contrib/contenttypes",
    "contrib/humanize",
)


def sources() -> list[Path]:
    own = [Path(p) / "uz" / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    django_root = Path(django.__file__).parent
    shipped = [
        django_root / d / "locale" / "uz" / "LC_MESSAGES" / "django.po" for d in _DJANGO_DOMAINS
    ]
    return [p for p in (*own, *shipped) if p.exists()]


def target() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LOCALE / "LC_MESSAGES" / "django.po"


def is_stale() -> bool:
    mo = target().with_suffix(".mo")
    if not mo.exists():
        return True
    built = mo.stat().st_mtime
    return any(p.stat().st_mtime > built for p in sources())


def _transliterated(string):
    if isinstance(string, tuple | list):
        return tuple(latin_to_cyrillic(s) for s in string)
    return latin_to_cyrillic(string)


def build() -> Path:
    paths = sources()
    with paths[0].open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    for message in list(catalog):
        if message.id and message.string:
            message.string = _transliterated(message.string)
    for path in paths[1:]:
        with path.open("rb") as handle:
            extra = read_po(handle)
        for message in extra:
            forms = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            if not message.id or not all(forms) or message.fuzzy:
                continue
            if catalog.get(message.id, context=message.context) is not None:
                continue
            string = message.string
            if isinstance(message.id, tuple | list) and isinstance(string, tuple | list):
                # Uzbek has one plural form: keep the catalog's single form.
                string = tuple(string[: catalog.num_plurals])
            catalog.add(message.id, _transliterated(string), context=message.context)
    out = target()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, width=0)
    with out.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return out
