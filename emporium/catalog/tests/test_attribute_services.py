"""Setting a product's attribute values: typed, checked, all or nothing."""

from decimal import Decimal

import pytest

from emporium.catalog.constants import AttributeType
from emporium.catalog.errors import InvalidAttributeValue, ProductNotFound
from emporium.catalog.models import Attribute, AttributeChoice, Product
from emporium.catalog.services import AttributeInput, set_product_attributes
from emporium.catalog.tests.factories import ProductFactory
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def _attribute(code: str, kind: AttributeType, choices=()) -> Attribute:
    attribute = Attribute.objects.create(code=code, name=code.title(), type=kind)
    for value, slug in choices:
        AttributeChoice.objects.create(attribute=attribute, value=value, slug=slug)
    return attribute


@pytest.fixture(autouse=True)
def attributes() -> None:
    _attribute(
        "colour",
        AttributeType.CHOICE,
        [("Red", "red"), ("Navy Blue", "navy-blue"), ("Green", "green")],
    )
    _attribute("length", AttributeType.NUMBER)
    _attribute("waterproof", AttributeType.BOOL)
    _attribute("note", AttributeType.TEXT)


def _set(product: Product, **values) -> None:
    set_product_attributes(
        product_id=product.pk,
        values=[AttributeInput(code, value) for code, value in values.items()],
    )


def _stored(product: Product) -> list[tuple]:
    rows = product.attribute_values.select_related("attribute", "choice")
    return sorted((row.attribute.code, row.value) for row in rows)


def _refusal(product: Product, **values) -> InvalidAttributeValue:
    with pytest.raises(InvalidAttributeValue) as caught:
        _set(product, **values)
    assert caught.value.code == "invalid_attribute_value"
    assert caught.value.status_code == 400
    return caught.value


# -- storing and replacing ----------------------------------------------------


def test_set_product_attributes_stores_typed_values():
    product = ProductFactory()

    _set(product, colour="red", length="12.5", waterproof="yes", note="  Hand wash ")

    assert _stored(product) == [
        ("colour", "Red"),
        ("length", Decimal("12.5")),
        ("note", "Hand wash"),
        ("waterproof", True),
    ]


def test_set_product_attributes_replaces_the_previous_values():
    product = ProductFactory()
    _set(product, colour="red", note="Old note")

    _set(product, length="3")

    assert _stored(product) == [("length", Decimal("3"))]


def test_set_product_attributes_with_no_values_clears_them():
    product = ProductFactory()
    _set(product, colour="red")

    set_product_attributes(product_id=product.pk, values=[])

    assert _stored(product) == []


def test_set_product_attributes_leaves_other_products_alone():
    product, other = ProductFactory(), ProductFactory()
    _set(other, note="Keep me")

    _set(product, note="Mine")

    assert _stored(other) == [("note", "Keep me")]


def test_set_product_attributes_publishes_product_updated():
    product = ProductFactory()

    _set(product, note="Hand wash")

    assert [e.payload for e in OutboxEvent.objects.filter(name="product.updated")] == [
        {"product_id": product.pk, "fields": ["attributes"]}
    ]


# -- choices ------------------------------------------------------------------


@pytest.mark.parametrize("given", ["navy-blue", "Navy Blue", "  NAVY blue "])
def test_a_choice_is_found_by_slug_or_by_value_ignoring_case(given):
    product = ProductFactory()

    _set(product, colour=given)

    assert _stored(product) == [("colour", "Navy Blue")]


def test_a_list_of_choices_holds_each_of_them():
    product = ProductFactory()

    _set(product, colour=["red", "Green"])

    assert _stored(product) == [("colour", "Green"), ("colour", "Red")]


def test_a_choice_named_twice_in_a_list_is_stored_once():
    product = ProductFactory()

    _set(product, colour=["red", "Red"])

    assert _stored(product) == [("colour", "Red")]


def test_an_unknown_choice_is_refused_naming_the_choices():
    error = _refusal(ProductFactory(), colour="purple")

    assert error.fields == {"colour": ["Choose from: Green, Navy Blue, Red."]}


def test_a_list_with_one_unknown_choice_is_refused():
    error = _refusal(ProductFactory(), colour=["red", "purple"])

    assert list(error.fields) == ["colour"]


def test_an_empty_list_of_choices_is_refused():
    error = _refusal(ProductFactory(), colour=[])

    assert list(error.fields) == ["colour"]


# -- numbers, yes/no and text -------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("12.5", Decimal("12.5")),
        (" -0.25 ", Decimal("-0.25")),
        (3, Decimal("3")),
        (Decimal("7.10"), Decimal("7.1")),
        ("12.345678", Decimal("12.3457")),
        ("9999999999.9999", Decimal("9999999999.9999")),
    ],
)
def test_a_number_is_stored_as_a_decimal_of_four_places(given, stored):
    product = ProductFactory()

    _set(product, length=given)

    assert _stored(product) == [("length", stored)]


@pytest.mark.parametrize(
    "given", ["abc", "", "NaN", "sNaN", "inf", "-Infinity", None, True, [1]]
)
def test_something_that_is_not_a_finite_number_is_refused(given):
    error = _refusal(ProductFactory(), length=given)

    assert error.fields == {"length": ["Enter a number."]}


@pytest.mark.parametrize("given", ["1e10", "-10000000000", "9999999999.99995"])
def test_a_number_too_large_for_the_column_is_refused(given):
    error = _refusal(ProductFactory(), length=given)

    assert error.fields == {"length": ["Enter a number between -10^10 and 10^10."]}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (True, True),
        ("yes", True),
        (" Y ", True),
        ("on", True),
        ("TRUE", True),
        ("1", True),
        (1, True),
        (False, False),
        ("no", False),
        ("N", False),
        ("off", False),
        ("false", False),
        ("0", False),
        (0, False),
    ],
)
def test_yes_no_words_are_stored_as_bools(given, stored):
    product = ProductFactory()

    _set(product, waterproof=given)

    assert _stored(product) == [("waterproof", stored)]


@pytest.mark.parametrize("given", ["maybe", "", None, 2])
def test_a_word_that_is_not_yes_or_no_is_refused(given):
    error = _refusal(ProductFactory(), waterproof=given)

    assert error.fields == {"waterproof": ["Enter yes or no."]}


@pytest.mark.parametrize("given", ["   ", "x" * 256, None])
def test_text_must_be_1_to_255_characters(given):
    error = _refusal(ProductFactory(), note=given)

    assert error.fields == {"note": ["Enter 1 to 255 characters."]}


def test_text_of_255_characters_is_stored():
    product = ProductFactory()

    _set(product, note="x" * 255)

    assert _stored(product) == [("note", "x" * 255)]


# -- refusals -----------------------------------------------------------------


def test_an_unknown_attribute_code_is_refused():
    error = _refusal(ProductFactory(), size="M")

    assert error.fields == {"size": ["Unknown attribute."]}


def test_an_attribute_given_twice_is_refused():
    product = ProductFactory()

    with pytest.raises(InvalidAttributeValue) as caught:
        set_product_attributes(
            product_id=product.pk,
            values=[AttributeInput("note", "a"), AttributeInput("note", "b")],
        )

    assert caught.value.code == "invalid_attribute_value"
    assert list(caught.value.fields) == ["note"]
    assert _stored(product) == []


def test_every_bad_value_is_reported_together_and_nothing_changes():
    product = ProductFactory()
    _set(product, colour="red", note="Old note")

    error = _refusal(product, note="New note", length="abc", colour="purple", size="M")

    assert set(error.fields) == {"length", "colour", "size"}
    assert _stored(product) == [("colour", "Red"), ("note", "Old note")]
    assert OutboxEvent.objects.filter(name="product.updated").count() == 1


def test_set_product_attributes_refuses_an_unknown_product():
    with pytest.raises(ProductNotFound) as caught:
        set_product_attributes(
            product_id=999_999, values=[AttributeInput("note", "Hand wash")]
        )

    assert caught.value.code == "product_not_found"
    assert caught.value.status_code == 404
    assert not OutboxEvent.objects.exists()
