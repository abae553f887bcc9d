"""The Uzbek Cyrillic interface, made from the Uzbek Latin catalog by transliteration."""

import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse

from bridge.core import cyrillic_catalog
from bridge.core.uzbek_script import KEEP, latin_to_cyrillic

PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|<[^>]+>|\{[a-z_]+\}")


@pytest.mark.unit
@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Oʻzbekiston", "Ўзбекистон"),
        ("Marg'ilon", "Марғилон"),
        ("gʻoya", "ғоя"),
        ("shahar", "шаҳар"),
        ("choʻntak", "чўнтак"),
        ("Yangiyoʻl", "Янгийўл"),
        ("yoki", "ёки"),
        ("yulduz", "юлдуз"),
        ("yangi", "янги"),
        ("yetkazib", "етказиб"),
        ("ekran", "экран"),
        ("aeroport", "аэропорт"),
        ("kelish", "келиш"),
        ("maʼlumot", "маълумот"),
        ("xalq", "халқ"),
        ("STIR", "СТИР"),
        ("MChJ", "МЧЖ"),
        ("YaTT", "ЯТТ"),
    ],
)
def test_letters_and_words(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.unit
@pytest.mark.parametrize(
    "kept",
    [
        "%(count)s",
        "%(name)s",
        "%s",
        "<strong>",
        '<a href="/x">',
        "https://example.uz/yangi",
        "info@example.uz",
        "IT Park",
        "API",
        "`Authorization: Bearer`",
    ],
)
def test_placeholders_markup_and_names_are_kept(kept):
    assert kept in latin_to_cyrillic(f"Yangi {kept} xabar")


@pytest.fixture(scope="module")
def catalogs():
    cyrillic_catalog.build()
    with cyrillic_catalog.target().open("rb") as handle:
        cyrillic = read_po(handle)
    with (settings.BASE_DIR / "locale" / "uz" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        latin = read_po(handle)
    return latin, cyrillic


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.unit
def test_every_latin_message_has_a_cyrillic_one_with_the_same_placeholders(catalogs):
    latin, cyrillic = catalogs
    for message in latin:
        if not message.id:
            continue
        twin = cyrillic.get(message.id, context=message.context)
        assert twin is not None, message.id
        for source, made in zip(_strings(message), _strings(twin), strict=True):
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(made))
            plain = PLACEHOLDER.sub("", made)
            for kept in KEEP:
                plain = plain.replace(kept, "")
            plain = re.sub(r"`[^`]*`|https?://\S+|[\w.+-]+@[\w.-]+|&[a-z]+;", "", plain)
            assert not re.search(r"[a-z]{2,}", plain), (message.id, made)


@pytest.mark.integration
def test_the_interface_speaks_uzbek_cyrillic(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uz-cyrl"
    response = client.get(reverse("organisations:directory"))
    html = response.content.decode()
    assert '<html lang="uz-cyrl">' in html
    assert "Ташкилотлар" in html


@pytest.mark.integration
def test_a_person_can_choose_it_and_it_is_remembered(client, outsider):
    client.force_login(outsider)
    client.post(reverse("accounts:set_language"), {"language": "uz-cyrl", "next": "/"})
    outsider.refresh_from_db()
    assert outsider.language == "uz-cyrl"
    client.cookies.clear()
    client.force_login(outsider)
    assert '<html lang="uz-cyrl">' in client.get("/").content.decode()


@pytest.mark.unit
def test_dates_are_written_in_cyrillic_too():
    import datetime

    from django.utils import formats, translation

    with translation.override("uz-cyrl"):
        written = formats.date_format(datetime.date(2026, 6, 1), "DATE_FORMAT")
    assert written == "1-Июн, 2026-йил"


@pytest.mark.unit
def test_staff_texts_in_uzbek_latin_are_shown_in_cyrillic_only_to_its_readers():
    from bridge.core.uzbek_script import for_reader

    assert for_reader("Matolar", written_in="uz", language="uz-cyrl") == "Матолар"
    assert for_reader("Matolar", written_in="uz", language="uz") == "Matolar"
    assert for_reader("Ткани", written_in="ru", language="uz-cyrl") == "Ткани"


@pytest.mark.unit
def test_the_made_catalog_has_no_empty_entry(catalogs):
    _latin, cyrillic = catalogs
    assert [m.id for m in cyrillic if m.id and not all(_strings(m))] == []
