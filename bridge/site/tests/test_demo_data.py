"""The demo data set and the copies of it that apps keep for their own measurements agree."""

import pytest

from bridge.materials.demo.materials import SUPPLIERS as PLACES
from bridge.materials.quality.catalog import SUPPLIERS
from bridge.site.demo.organisations import ORGANISATIONS

pytestmark = pytest.mark.unit


def test_the_relevance_sets_suppliers_are_the_demo_suppliers():
    specs = {spec.key: spec for spec in ORGANISATIONS}
    assert set(SUPPLIERS) == set(PLACES)
    for key, (_slug, name) in SUPPLIERS.items():
        assert (specs[key].name, specs[key].country) == (name, PLACES[key][0]), key
