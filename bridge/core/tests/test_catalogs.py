"""The three interface languages are complete: no string of the code lacks a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

pytestmark = pytest.mark.unit

# Written by hand; Uzbek Cyrillic is made from Uzbek Latin (see test_uzbek_cyrillic.py).
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "uz-cyrl"]
ROOT = Path(settings.BASE_DIR)


def _catalog(language: str):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages` and translate"
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set[tuple[str, str | None]]:
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalog = _catalog(language)
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    empty = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert fuzzy == []
    assert empty == []
    assert len(catalog) > 50


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogs_hold_every_string_of_the_code(tmp_path):
    """Re-extract the strings into a scratch copy and compare with the committed catalogs."""
    copy = tmp_path / "project"
    for name in ("bridge", "config", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "-l",
            "ru",
            "-i",
            "*/tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path / "var")},
    )
    with (copy / "locale/ru/LC_MESSAGES/django.po").open("rb") as handle:
        extracted = _ids(read_po(handle))
    missing = extracted - _ids(_catalog("ru"))
    assert sorted(missing, key=str) == []
