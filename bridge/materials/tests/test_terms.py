"""One vocabulary for fibres, techniques and colours: the thesaurus. The import accepts any fibre
it knows, in any language and script; an unknown word is kept as written with a warning; pages
show all three in the reader's language."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.importer import import_materials
from bridge.materials.models import Material, MaterialImport
from bridge.materials.services.materials import composition_errors
from bridge.materials.terms import OTHER, term
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


@pytest.fixture
def supplier(db):
    return OrganisationFactory(name="Margʻilon Atlas", slug="margilon-atlas", country="UZ")


def run(rows, **kwargs):
    return import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", **kwargs)


@pytest.mark.parametrize(
    ("written", "concept"),
    [
        ("ipak", "silk"), ("шёлк", "silk"), ("ипак", "silk"), ("silk", "silk"),
        ("polipropilen", "polypropylene-fibre"), ("полипропилен", "polypropylene-fibre"),
        ("tuya juni", "camel-hair"), ("акрил", "acrylic-fibre"), ("tut poʻstlogʻi", "mulberry-bark"),
        ("organic cotton", "organic-cotton"), ("boshqa", OTHER), ("другое", OTHER),
        ("camel-hair", "camel-hair"), ("unobtainium", ""),
    ],
)  # fmt: skip
def test_a_fibre_is_the_thesaurus_concept_whatever_the_language(db, written, concept):
    assert term(written, "fibre").concept == concept


def test_the_issue_file_imports_with_a_warning_instead_of_being_refused(supplier):
    rows = [good_row("margilon-atlas", n, technique="", colors="") for n in (1, 2)]
    rows[0]["composition"] = "polipropilen 100%"
    rows[1]["composition"] = "unobtainium 60%; paxta 40%"
    rows[1]["technique"] = "abr; zigzagoo"
    rows[1]["colors"] = "koʻk; blorange"
    result = run(rows, dry_run=True)
    assert result.errors == []
    assert [(w.row, w.column) for w in result.warnings] == [
        (3, "composition"),
        (3, "technique"),
        (3, "colors"),
    ]
    assert "unobtainium" in result.warnings[0].message
    report = MaterialImport.objects.get()
    assert [w["column"] for w in report.warnings] == ["composition", "technique", "colors"]
    assert Material.objects.count() == 0  # a dry run writes nothing

    result = run(rows, publish=True)
    assert (result.created, len(result.warnings)) == (2, 3)
    first, second = Material.objects.order_by("sku")
    assert [(f.fibre, f.written) for f in first.fibres.all()] == [("polypropylene-fibre", "")]
    assert [(f.fibre, f.written, int(f.percent)) for f in second.fibres.all()] == [
        ("", "unobtainium", 60),
        ("cotton", "", 40),
    ]


def test_reimporting_the_same_words_changes_nothing(supplier):
    rows = [good_row("margilon-atlas", 1, composition="unobtainium 60%; ipak 40%")]
    run(rows, publish=True)
    again = run(rows, publish=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_fibre_named_twice_in_two_languages_is_refused(db):
    assert composition_errors([("ipak", 50), ("шёлк", 50)]) == ["silk is listed twice."]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["Техники", "икат, ручное ткачество", "Цвета", "синий, зелёный, золотистый", "шёлк 100"]),
        ("en", ["ikat, hand weaving", "blue, green, golden", "silk 100"]),
    ],
)  # fmt: skip
def test_the_material_page_speaks_the_readers_language(client, supplier, language, expected):
    rows = [good_row("margilon-atlas", 1, composition="ipak 100%", technique="abr; qoʻl toʻquv",
                     colors="koʻk; yashil; oltin")]  # fmt: skip
    run(rows, publish=True)
    material = Material.objects.get(status=Status.PUBLISHED)
    url = reverse("materials_catalog:material", args=[supplier.slug, material.sku])
    client.cookies["django_language"] = language
    text = " ".join(client.get(url).text.split())
    for fragment in expected:
        assert fragment in text, fragment


def test_unknown_words_are_shown_as_written_and_faceted_by_concept(supplier):
    run([good_row("margilon-atlas", 1, composition="unobtainium 100%", technique="abr")],
        publish=True)  # fmt: skip
    material = Material.objects.get()
    with translation.override("ru"):
        assert [str(f) for f in material.fibres.all()] == ["unobtainium 100%"]
        assert [t.label() for t in material.technique_terms()] == ["икат"]


def test_the_report_and_the_suppliers_dashboard_show_the_words_kept_as_written(client, supplier):
    from bridge.accounts.models import Membership, Role
    from bridge.accounts.tests.factories import UserFactory

    owner = UserFactory()
    Membership.objects.create(organisation=supplier, user=owner, role=Role.OWNER)
    rows = [good_row("margilon-atlas", 1, composition="unobtainium 100%", technique="zigzagoo")]
    result = import_materials(
        file=io.BytesIO(csv_bytes(rows)), filename="m.csv", actor=owner, supplier=supplier
    )
    client.force_login(owner)
    report = " ".join(
        client.get(
            reverse("materials_supplier:import_report", args=[result.report.pk])
        ).text.split()
    )
    assert "Warnings" in report and "unobtainium" in report and "zigzagoo" in report
    dashboard = client.get(reverse("materials_supplier:dashboard", args=[supplier.slug]))
    assert dashboard.context["unknown"][0] == 2
    text = " ".join(dashboard.text.split())
    assert "Words kept as written" in text and "«unobtainium»" in text and "«zigzagoo»" in text


def test_the_command_prints_the_warnings(supplier, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes([good_row("margilon-atlas", 1, composition="unobtainium 100%")]))
    out = StringIO()
    call_command("import_materials", str(path), "--dry-run", stdout=out)
    assert "row 2, composition:" in out.getvalue() and "unobtainium" in out.getvalue()


@pytest.mark.parametrize(
    ("written", "language", "label"),
    [
        ("12 rang", "ru", "12 цветов"),
        ("40 ранг", "en", "40 colours"),
        ("1 colour", "en", "1 colour"),
    ],
)
def test_a_number_of_colours_is_no_unknown_colour(db, written, language, label):
    with translation.override(language):
        word = term(written, "colour")
        assert (word.known, word.label()) == (True, label)


def test_a_concept_s_names_follow_the_thesaurus_they_were_read_from(db):
    from bridge.materials.terms import names_in_every_language
    from bridge.search.thesaurus import thesaurus_override

    concept = {"id": "qz", "kind": "material", "ru": ["кварц"], "uz": ["kvars"], "en": ["quartz"]}
    with thesaurus_override([concept]):
        assert names_in_every_language("qz") == ["кварц", "kvars", "quartz", "кварс"]
        names_in_every_language("qz").append("mutated")  # a copy: the remembered list stays
        assert names_in_every_language("qz") == ["кварц", "kvars", "quartz", "кварс"]
    with thesaurus_override([{**concept, "en": ["rock crystal"]}]):
        assert "rock crystal" in names_in_every_language("qz")
    with thesaurus_override([]):
        assert names_in_every_language("qz") == []
