import pytest
from django.core.management import CommandError, call_command

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.models import ExchangeRate, Material
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


def test_command_prints_every_error_and_writes_nothing(db, tmp_path, capsys):
    OrganisationFactory(slug="margilon-atlas")
    path = tmp_path / "m.csv"
    path.write_bytes(
        csv_bytes(
            [
                good_row("margilon-atlas", 1, price="-3"),
                good_row("margilon-atlas", 2, currency="GBP"),
            ]
        )
    )
    with pytest.raises(CommandError, match="2 errors"):
        call_command("import_materials", str(path))
    err = capsys.readouterr().err
    assert "row 2, price:" in err and "row 3, currency:" in err
    assert not Material.objects.exists()


def test_command_dry_run_then_publish_for_one_supplier(db, tmp_path, capsys):
    OrganisationFactory(slug="margilon-atlas")
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes([good_row("margilon-atlas", n) for n in range(1, 4)]))
    call_command("import_materials", str(path), "--dry-run", "--supplier", "margilon-atlas")
    assert "Dry run" in capsys.readouterr().out
    assert not Material.objects.exists()
    call_command("import_materials", str(path), "--publish", "--supplier", "margilon-atlas")
    assert Material.objects.filter(status=Status.PUBLISHED).count() == 3
    with pytest.raises(CommandError):
        call_command("import_materials", str(path), "--supplier", "nobody")


def test_seed_demo_builds_the_catalog_once(db):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    published = Material.objects.filter(status=Status.PUBLISHED)
    uzbek = published.filter(supplier__country="UZ")
    assert uzbek.values("supplier").distinct().count() == 9
    assert 65 <= uzbek.count() <= 80
    assert published.filter(supplier__country="RU").count() >= 15
    languages = set(published.values_list("language", flat=True))
    assert {"uz", "uz-Cyrl", "ru", "en"} <= languages
    assert ExchangeRate.objects.exists()
    stamps = dict(published.values_list("pk", "updated_at"))
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert dict(Material.objects.values_list("pk", "updated_at")) == stamps
