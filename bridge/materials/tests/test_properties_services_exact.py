"""A material's template properties, to the exact value a person sees: the message a value
outside a definition's bounds gets (between, at least, at most, with the bounds written as
people write numbers), both edges of each bound and of the largest number kept, the whole
numbers and digits after the point each definition allows, which code an error is at and that
nothing is saved then, who may change the values, which rows are created, changed, kept or
removed, what is returned, and the audit row naming the codes that changed (none when nothing
did). Written for the mutation score of issue 18. The template is one written here (a parent
category and its child), so each bound is chosen by the test."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import trail
from bridge.materials.models import Category, MaterialPropertyValue, PropertyDefinition
from bridge.materials.services import properties as services
from bridge.materials.tests.factories import MaterialFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

REFUSED = "You cannot change the listings of this supplier."
NOT_HERE = "This property does not belong to the material's category."
NUMBER = "Enter a number."


def category(code, parent=None) -> Category:
    return Category.objects.create(
        code=code, parent=parent, name_ru=code, name_uz=code, name_en=code.title()
    )


def definition(code, label, *, on, places=1, low=None, high=None, position=0):
    made = PropertyDefinition.objects.create(
        code=code,
        label_ru=f"{label} (ru)",
        label_uz=f"{label} (uz)",
        label_en=label,
        unit="mm",
        decimal_places=places,
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
        position=position,
    )
    made.categories.add(*on)
    return made


@pytest.fixture
def template(db):
    """The child category's template, in position order: depth, score, reach, free."""
    parent = category("fx-crafts")
    child = category("fx-pottery", parent)
    other = category("fx-other")
    return {
        "parent": parent,
        "child": child,
        "score": definition("score", "Score", on=[parent], places=0, low="1", high="8", position=2),
        "depth": definition("depth", "Depth", on=[child], places=2, low="0.5", position=1),
        "reach": definition("reach", "Reach", on=[child], high="1500.5", position=3),
        "free": definition("free", "Free", on=[child], places=4, position=4),
        "foreign": definition("foreign", "Foreign", on=[other], position=0),
    }


@pytest.fixture
def pot(template, organisation):
    return MaterialFactory(supplier=organisation, category=template["child"])


def stored(material) -> dict:
    return dict(
        MaterialPropertyValue.objects.filter(material=material).values_list(
            "definition__code", "value"
        )
    )


def set_values(material, actor=None, **values):
    return services.material_properties_set(actor=actor, material=material, values=values)


def refused(material, actor=None, **values) -> dict:
    with pytest.raises(ValidationError) as raised:
        set_values(material, actor, **values)
    return raised.value.message_dict


# --- the message for one value -------------------------------------------------------------------


def error(template, code, value):
    return services.property_value_error(template[code], Decimal(value))


def test_both_edges_of_both_bounds_are_allowed(template):
    assert error(template, "score", "1") is None
    assert error(template, "score", "8") is None
    assert error(template, "depth", "0.5") is None
    assert error(template, "reach", "1500.5") is None


def test_a_value_outside_two_bounds_is_told_both(template):
    between = "Score must be between 1 and 8."
    assert error(template, "score", "0") == between
    assert error(template, "score", "9") == between
    assert error(template, "score", "0.9999") == between
    assert error(template, "score", "8.0001") == between


def test_a_value_below_the_lowest_is_told_the_lowest(template):
    assert error(template, "depth", "0.49") == "Depth must be at least 0.5."
    assert error(template, "depth", "-3") == "Depth must be at least 0.5."


def test_a_value_above_the_highest_is_told_the_highest(template):
    assert error(template, "reach", "1500.6") == "Reach must be at most 1,500.5."
    assert error(template, "reach", "-3") is None


def test_bounds_are_written_without_trailing_zeros_or_exponents(template):
    tens = definition(
        "tens", "Tens", on=[template["child"]], places=0, low="10", high="2000", position=9
    )
    assert services.property_value_error(tens, Decimal(9)) == "Tens must be between 10 and 2,000."
    tens.min_value = None
    assert services.property_value_error(tens, Decimal(2001)) == "Tens must be at most 2,000."
    tens.min_value, tens.max_value = Decimal("10.0000"), None
    assert services.property_value_error(tens, Decimal(9)) == "Tens must be at least 10."


def test_the_bounds_come_before_size_and_precision(template):
    assert error(template, "reach", "20000000000") == "Reach must be at most 1,500.5."
    assert error(template, "score", "0.5") == "Score must be between 1 and 8."
    assert error(template, "depth", "0.125") == "Depth must be at least 0.5."


def test_the_largest_number_kept_has_ten_digits_before_the_point(template):
    assert error(template, "free", "9999999999.9999") is None
    assert error(template, "free", "-9999999999.9999") is None
    assert error(template, "free", "10000000000") == "Free is too large."
    assert error(template, "free", "-10000000000") == "Free is too large."
    assert error(template, "reach", "-10000000000") == "Reach is too large."


def test_whole_numbers_only_where_no_digits_are_allowed_after_the_point(template):
    assert error(template, "score", "3.5") == "Score must be a whole number."
    assert error(template, "score", "3.0") is None


def test_no_more_digits_after_the_point_than_the_definition_allows(template):
    message = "Depth allows at most 2 digits after the decimal point."
    assert error(template, "depth", "0.555") == message
    assert error(template, "depth", "0.55") is None
    assert error(template, "depth", "0.550") is None
    assert error(template, "reach", "1.25") == (
        "Reach allows at most 1 digits after the decimal point."
    )
    assert error(template, "free", "1.2345") is None
    assert error(template, "free", "1.23456") == (
        "Free allows at most 4 digits after the decimal point."
    )


# --- who may change the values -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "outsider", "programme_manager", "analyst"])
def test_others_may_not_change_the_values(pot, who, request):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as raised:
        set_values(pot, person, score="3")
    assert str(raised.value) == REFUSED
    assert stored(pot) == {}
    assert not AuditEntry.objects.exists()


def test_nobody_signed_in_may_change_the_values(pot):
    with pytest.raises(PermissionDenied) as raised:
        set_values(pot, AnonymousUser(), score="3")
    assert str(raised.value) == REFUSED
    assert stored(pot) == {}


@pytest.mark.parametrize("who", ["owner", "org_admin", "moderator"])
def test_the_supplier_s_owner_and_admins_and_moderators_may(pot, who, request):
    person = request.getfixturevalue(who)
    set_values(pot, person, score="3")
    assert stored(pot) == {"score": Decimal(3)}
    assert trail(pot) == [("material.properties", person, {"properties": ["score"]})]


def test_the_platform_itself_may_and_is_audited_as_nobody(pot):
    set_values(pot, None, depth="1.25")
    assert stored(pot) == {"depth": Decimal("1.25")}
    assert trail(pot) == [("material.properties", None, {"properties": ["depth"]})]


# --- errors ------------------------------------------------------------------------------------


def test_every_error_is_at_its_code_and_nothing_is_saved(pot, owner):
    set_values(pot, owner, score="2")
    errors = refused(
        pot,
        owner,
        score="9",
        depth="abc",
        reach="NaN",
        free="Infinity",
        foreign="1",
        unknown="2",
    )
    assert errors == {
        "score": ["Score must be between 1 and 8."],
        "depth": [NUMBER],
        "reach": [NUMBER],
        "free": [NUMBER],
        "foreign": [NOT_HERE],
        "unknown": [NOT_HERE],
    }
    assert stored(pot) == {"score": Decimal(2)}
    assert len(trail(pot)) == 1


def test_one_bad_value_keeps_the_good_ones_from_being_saved(pot, owner):
    errors = refused(pot, owner, score="4", depth="0.125")
    assert errors == {"depth": ["Depth must be at least 0.5."]}
    assert stored(pot) == {}
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("raw", ["-Infinity", "sNaN", "1,5", "one"])
def test_what_is_not_a_finite_number_is_refused(pot, raw):
    assert refused(pot, free=raw) == {"free": [NUMBER]}


def test_a_parent_category_s_property_applies_and_a_child_s_does_not_apply_upwards(
    template, organisation
):
    vase = MaterialFactory(supplier=organisation, category=template["parent"])
    assert refused(vase, depth="1") == {"depth": [NOT_HERE]}
    set_values(vase, score="5")
    assert stored(vase) == {"score": Decimal(5)}


def test_empty_values_clear_even_for_codes_outside_the_template(pot):
    assert set_values(pot, foreign=None, unknown="", score=None) == []
    assert stored(pot) == {}
    assert not AuditEntry.objects.exists()


# --- writes ------------------------------------------------------------------------------------


def test_numbers_of_each_kind_are_kept_exactly(pot, owner):
    kept = set_values(pot, owner, free=0.1, score=7, depth=Decimal("0.75"), reach="-12.5")
    assert stored(pot) == {
        "free": Decimal("0.1"),
        "score": Decimal(7),
        "depth": Decimal("0.75"),
        "reach": Decimal("-12.5"),
    }
    # In the order given, each the row now stored.
    assert [(v.definition.code, v.value) for v in kept] == [
        ("free", Decimal("0.1")),
        ("score", Decimal(7)),
        ("depth", Decimal("0.75")),
        ("reach", Decimal("-12.5")),
    ]
    assert all(v.pk and v.material == pot for v in kept)
    assert trail(pot) == [
        ("material.properties", owner, {"properties": ["depth", "free", "reach", "score"]})
    ]


def test_a_float_is_read_as_written_not_as_its_binary_value(pot):
    set_values(pot, depth=0.55)
    assert stored(pot) == {"depth": Decimal("0.55")}


def test_changed_values_are_updated_in_place_and_missing_ones_removed(pot, owner):
    set_values(pot, owner, score="3", depth="1.5", reach="10", free="2")
    rows = dict(
        MaterialPropertyValue.objects.filter(material=pot).values_list("definition__code", "pk")
    )
    kept = set_values(pot, owner, depth="1.75", score="3.0", free=None)
    assert stored(pot) == {"score": Decimal(3), "depth": Decimal("1.75")}
    assert dict(
        MaterialPropertyValue.objects.filter(material=pot).values_list("definition__code", "pk")
    ) == {"score": rows["score"], "depth": rows["depth"]}
    assert [(v.pk, v.value) for v in kept] == [
        (rows["depth"], Decimal("1.75")),
        (rows["score"], Decimal(3)),
    ]
    assert trail(pot)[1] == (
        "material.properties",
        owner,
        {"properties": ["depth", "free", "reach"]},
    )
    assert len(trail(pot)) == 2


def test_the_same_numbers_again_change_nothing_and_log_nothing(pot, owner):
    set_values(pot, owner, reach="12.5", score="3", depth="0.5")
    kept = set_values(pot, owner, score=3, depth="0.50", reach=Decimal("12.50"))
    # Nothing changed: the stored rows in the template's order.
    assert [(v.definition.code, v.value) for v in kept] == [
        ("depth", Decimal("0.5")),
        ("score", Decimal(3)),
        ("reach", Decimal("12.5")),
    ]
    assert len(trail(pot)) == 1


def test_a_new_value_beside_the_same_ones_is_the_only_code_logged(pot, owner):
    set_values(pot, owner, score="3")
    set_values(pot, owner, score="3", free="0.0001")
    assert stored(pot) == {"score": Decimal(3), "free": Decimal("0.0001")}
    assert trail(pot)[1] == ("material.properties", owner, {"properties": ["free"]})


def test_values_outside_a_new_category_s_template_are_removed(pot, template, owner):
    set_values(pot, owner, score="3", depth="2")
    pot.category = template["parent"]
    pot.save()
    kept = set_values(pot, owner, score="3")
    assert stored(pot) == {"score": Decimal(3)}
    assert [v.definition.code for v in kept] == ["score"]
    assert trail(pot)[1] == ("material.properties", owner, {"properties": ["depth"]})


def test_another_material_s_values_are_left_alone(pot, organisation, template):
    other = MaterialFactory(supplier=organisation, category=template["child"])
    set_values(other, score="6", depth="2")
    set_values(pot, score="3")
    set_values(pot)
    assert stored(pot) == {}
    assert stored(other) == {"score": Decimal(6), "depth": Decimal(2)}
