"""Loading the YAML thesaurus into the staff-edited table, to the exact row: what a first load
creates (kind, the labels in each language, the heritage flag, the broader links, also to a
concept further down the files), the (created, updated) pair it returns, that a second load
leaves staff edits alone unless told to overwrite (then the YAML's kind, labels, flag and links
win), that concepts staff added stay, and that every load tells the processes to rebuild their
thesaurus. Written for the mutation score of issue 18. The YAML is a small list given here,
except in one test that loads the real files once."""

import pytest

from bridge.search import thesaurus_services as services
from bridge.search.models import Concept
from bridge.search.thesaurus import yaml_concepts

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]


def concept(id, kind="craft", broader=(), heritage=False, **labels):
    return {
        "id": id,
        "kind": kind,
        "broader": list(broader),
        "heritage": heritage,
        "ru": labels.get("ru", [f"{id} ru"]),
        "uz": labels.get("uz", [f"{id} uz"]),
        "en": labels.get("en", [f"{id} en"]),
    }


# The child comes before its parent, as it may across files.
YAML = [
    concept("ikat", kind="technique", broader=["weaving"], ru=["икат"], uz=["abr"], en=["ikat"]),
    concept("weaving", kind="craft", heritage=True, ru=["ткачество"], uz=[], en=["weaving"]),
    concept("silk", kind="fibre", ru=["шёлк"], uz=["ipak"], en=["silk"]),
]


@pytest.fixture
def invalidated(monkeypatch):
    """How many times a load told the processes to rebuild their thesaurus."""
    calls = []
    monkeypatch.setattr(services, "thesaurus_invalidate", lambda: calls.append(1))
    return calls


@pytest.fixture
def yaml(monkeypatch):
    concepts = [dict(c, broader=list(c["broader"])) for c in YAML]
    monkeypatch.setattr(services, "yaml_concepts", lambda: concepts)
    return concepts


def table() -> dict:
    return {
        row.id: (
            row.kind,
            row.ru,
            row.uz,
            row.en,
            row.heritage,
            sorted(row.broader.values_list("id", flat=True)),
        )
        for row in Concept.objects.prefetch_related("broader")
    }


LOADED = {
    "ikat": ("technique", ["икат"], ["abr"], ["ikat"], False, ["weaving"]),
    "weaving": ("craft", ["ткачество"], [], ["weaving"], True, []),
    "silk": ("fibre", ["шёлк"], ["ipak"], ["silk"], False, []),
}


def staff_edit():
    """What staff do in the admin: relabel, reclassify, flag and relink a loaded concept."""
    ikat = Concept.objects.get(id="ikat")
    Concept.objects.filter(id="ikat").update(
        kind="pattern", ru=["икат (узор)"], uz=["abr naqsh"], en=["ikat pattern"], heritage=True
    )
    ikat.broader.set(["silk"])


def test_a_first_load_creates_every_concept_with_its_links(yaml, invalidated):
    assert services.thesaurus_load() == (3, 0)
    assert table() == LOADED
    assert invalidated == [1]


def test_a_second_load_changes_nothing_and_keeps_staff_edits(yaml, invalidated):
    services.thesaurus_load()
    staff_edit()
    assert services.thesaurus_load() == (0, 0)
    assert table() == {
        **LOADED,
        "ikat": ("pattern", ["икат (узор)"], ["abr naqsh"], ["ikat pattern"], True, ["silk"]),
    }
    assert invalidated == [1, 1]


def test_overwrite_lets_the_yaml_win_over_staff_edits(yaml, invalidated):
    services.thesaurus_load()
    staff_edit()
    Concept.objects.filter(id="weaving").update(heritage=False, kind="design")
    assert services.thesaurus_load(overwrite=True) == (0, 3)
    assert table() == LOADED
    assert invalidated == [1, 1]


def test_a_concept_new_in_the_yaml_is_created_beside_edited_ones(yaml, invalidated):
    services.thesaurus_load()
    staff_edit()
    yaml.append(concept("adras", kind="fabric", broader=["ikat", "silk"], en=["adras"]))
    assert services.thesaurus_load() == (1, 0)
    assert table()["adras"] == (
        "fabric",
        ["adras ru"],
        ["adras uz"],
        ["adras"],
        False,
        sorted(["ikat", "silk"]),
    )
    # The edited concept keeps the staff's link, the load does not relink it.
    assert table()["ikat"][5] == ["silk"]


def test_overwrite_counts_created_and_updated_apart(yaml, invalidated):
    services.thesaurus_load()
    yaml.append(concept("adras", kind="fabric", broader=["silk"]))
    assert services.thesaurus_load(overwrite=True) == (1, 3)
    assert table()["adras"][5] == ["silk"]


def test_concepts_staff_added_stay_with_their_links(yaml, invalidated):
    services.thesaurus_load()
    suzani = Concept.objects.create(id="suzani", kind="product", en=["suzani"], heritage=True)
    suzani.broader.set(["silk"])
    for overwrite in (False, True):
        services.thesaurus_load(overwrite=overwrite)
        assert table()["suzani"] == ("product", [], [], ["suzani"], True, ["silk"])
    assert len(table()) == 4


def test_an_empty_yaml_creates_nothing_but_still_invalidates(monkeypatch, invalidated):
    monkeypatch.setattr(services, "yaml_concepts", list)
    assert services.thesaurus_load(overwrite=True) == (0, 0)
    assert not Concept.objects.exists()
    assert invalidated == [1]


def test_the_real_files_load_whole(invalidated):
    concepts = yaml_concepts()
    assert services.thesaurus_load() == (len(concepts), 0)
    assert table() == {
        c["id"]: (c["kind"], c["ru"], c["uz"], c["en"], c["heritage"], sorted(c["broader"]))
        for c in concepts
    }
