"""Writing variants: options by code, names from option values, GTINs."""

import pytest

from emporium.catalog.errors import (
    DuplicateVariant,
    InvalidVariant,
    ProductNotFound,
    VariantNotFound,
)
from emporium.catalog.models import Option, OptionValue, ProductVariant
from emporium.catalog.services import create_product, create_variant, update_variant
from emporium.catalog.tests.factories import (
    CategoryFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

WEIGHT_ERROR = ["Enter a whole number of grams, 0 or more."]


@pytest.fixture
def options() -> dict[str, Option]:
    """Size first, then colour, then material (by position, not by name)."""
    return {
        "material": Option.objects.create(code="material", name="A", position=2),
        "colour": Option.objects.create(code="colour", name="B", position=1),
        "size": Option.objects.create(code="size", name="C", position=0),
    }


def _payloads(name: str) -> list[dict]:
    return [event.payload for event in OutboxEvent.objects.filter(name=name)]


# -- create_variant -----------------------------------------------------------


def test_create_variant_names_it_from_option_values_in_option_position_order(
    options,
):
    product = ProductFactory()

    variant = create_variant(
        product_id=product.pk,
        options={"material": "Wool", "colour": "Blue", "size": "M"},
    )

    assert variant.name == "M / Blue / Wool"
    assert [v.value for v in variant.option_values.all()] == ["M", "Blue", "Wool"]


def test_create_variant_keeps_a_given_name(options):
    product = ProductFactory()

    variant = create_variant(
        product_id=product.pk, options={"size": "M"}, name="  Medium "
    )

    assert variant.name == "Medium"


def test_create_variant_reuses_a_known_option_value(options):
    known = OptionValue.objects.create(option=options["size"], value="M")

    variant = create_variant(product_id=ProductFactory().pk, options={"size": " M "})

    assert list(variant.option_values.all()) == [known]
    assert OptionValue.objects.filter(option=options["size"]).count() == 1


def test_create_variant_adds_a_new_value_to_a_known_option(options):
    OptionValue.objects.create(option=options["size"], value="M")

    variant = create_variant(product_id=ProductFactory().pk, options={"size": "XL"})

    [value] = variant.option_values.all()
    assert (value.option, value.value) == (options["size"], "XL")
    assert sorted(options["size"].values.values_list("value", flat=True)) == [
        "M",
        "XL",
    ]


def test_create_variant_stores_its_fields_and_publishes_variant_created(options):
    product = ProductFactory()

    variant = create_variant(
        product_id=product.pk,
        options={"size": "M"},
        weight_grams=250,
        barcode=" 4006381333931 ",
        position=3,
    )

    variant.refresh_from_db()
    assert (variant.weight_grams, variant.barcode, variant.position) == (
        250,
        "4006381333931",
        3,
    )
    assert not variant.is_default
    assert _payloads("variant.created") == [
        {"variant_id": variant.pk, "product_id": product.pk}
    ]


def test_create_variant_refuses_an_unknown_option_and_creates_nothing(options):
    product = ProductFactory()

    with pytest.raises(InvalidVariant) as caught:
        create_variant(product_id=product.pk, options={"size": "M", "fit": "Slim"})

    assert caught.value.code == "invalid_variant"
    assert caught.value.fields == {"fit": ["Unknown option."]}
    assert "fit" in caught.value.message
    assert not ProductVariant.objects.exists()
    assert not OptionValue.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_create_variant_refuses_an_empty_option_value(options):
    with pytest.raises(InvalidVariant) as caught:
        create_variant(product_id=ProductFactory().pk, options={"size": "  "})

    assert caught.value.code == "invalid_variant"
    assert caught.value.fields == {"size": ["Enter a value."]}
    assert not ProductVariant.objects.exists()


def test_create_variant_refuses_a_second_variant_with_the_same_options(options):
    product = ProductFactory()
    first = create_variant(
        product_id=product.pk, options={"size": "M", "colour": "Blue"}
    )

    with pytest.raises(DuplicateVariant) as caught:
        create_variant(product_id=product.pk, options={"colour": " Blue ", "size": "M"})

    assert caught.value.code == "duplicate_variant"
    assert caught.value.status_code == 409
    assert caught.value.extra == {"variant_id": first.pk}
    assert list(product.variants.all()) == [first]
    assert len(_payloads("variant.created")) == 1


def test_create_variant_without_options_duplicates_the_default_variant():
    product = create_product(
        shop=ShopFactory(), title="Mug", category=CategoryFactory()
    )

    with pytest.raises(DuplicateVariant) as caught:
        create_variant(product_id=product.pk)

    assert caught.value.code == "duplicate_variant"
    assert product.variants.count() == 1


def test_the_same_options_may_be_used_on_another_product(options):
    create_variant(product_id=ProductFactory().pk, options={"size": "M"})
    other = ProductFactory()

    variant = create_variant(product_id=other.pk, options={"size": "M"})

    assert variant.product == other
    assert OptionValue.objects.count() == 1


@pytest.mark.parametrize("weight", [-1, True, "5", 2.5, 2**31], ids=repr)
def test_create_variant_refuses_a_weight_that_is_not_whole_grams(options, weight):
    with pytest.raises(InvalidVariant) as caught:
        create_variant(
            product_id=ProductFactory().pk, options={"size": "M"}, weight_grams=weight
        )

    assert caught.value.code == "invalid_variant"
    assert caught.value.fields == {"weight_grams": WEIGHT_ERROR}
    assert not ProductVariant.objects.exists()


def test_create_variant_accepts_a_weight_of_zero(options):
    variant = create_variant(
        product_id=ProductFactory().pk, options={"size": "M"}, weight_grams=0
    )

    assert ProductVariant.objects.get(pk=variant.pk).weight_grams == 0


@pytest.mark.parametrize(
    ("barcode", "message"),
    [
        ("4006381333932", "The check digit is wrong."),
        ("400638133393", "The check digit is wrong."),
        ("12345", "Enter 8, 12, 13 or 14 digits."),
        ("40063813339AB", "Enter 8, 12, 13 or 14 digits."),
        ("4006-381-333", "Enter 8, 12, 13 or 14 digits."),
    ],
)
def test_create_variant_refuses_a_bad_gtin(options, barcode, message):
    with pytest.raises(InvalidVariant) as caught:
        create_variant(
            product_id=ProductFactory().pk, options={"size": "M"}, barcode=barcode
        )

    assert caught.value.code == "invalid_variant"
    assert caught.value.fields == {"barcode": [message]}
    assert not ProductVariant.objects.exists()


@pytest.mark.parametrize(
    "barcode", ["96385074", "036000291452", "4006381333931", "14006381333938"]
)
def test_create_variant_accepts_gtin_8_12_13_and_14(options, barcode):
    variant = create_variant(
        product_id=ProductFactory().pk, options={"size": "M"}, barcode=barcode
    )

    assert ProductVariant.objects.get(pk=variant.pk).barcode == barcode


def test_create_variant_reports_a_bad_weight_and_a_bad_barcode_together(options):
    with pytest.raises(InvalidVariant) as caught:
        create_variant(
            product_id=ProductFactory().pk,
            options={"size": "M"},
            weight_grams=-5,
            barcode="12345",
        )

    assert set(caught.value.fields) == {"weight_grams", "barcode"}


def test_create_variant_refuses_a_negative_position(options):
    with pytest.raises(InvalidVariant) as caught:
        create_variant(
            product_id=ProductFactory().pk, options={"size": "M"}, position=-1
        )

    assert caught.value.code == "invalid_variant"
    assert caught.value.fields == {"position": ["Enter a whole number, 0 or more."]}


def test_create_variant_refuses_an_unknown_product(options):
    with pytest.raises(ProductNotFound) as caught:
        create_variant(product_id=999_999, options={"size": "M"})

    assert caught.value.code == "product_not_found"
    assert not OptionValue.objects.exists()


# -- update_variant -----------------------------------------------------------


VARIANT_COLUMNS = ("name", "weight_grams", "barcode", "position", "product_id")


def _columns(variant: ProductVariant) -> dict:
    variant.refresh_from_db()
    return {name: getattr(variant, name) for name in VARIANT_COLUMNS}


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("name", "  Large ", "Large"),
        ("weight_grams", 900, 900),
        ("barcode", " 96385074 ", "96385074"),
        ("position", 7, 7),
    ],
)
def test_update_variant_changes_the_given_field_and_keeps_the_others(
    field, value, stored
):
    variant = VariantFactory(
        name="Small", weight_grams=100, barcode="4006381333931", position=1
    )
    before = _columns(variant)

    update_variant(variant_id=variant.pk, **{field: value})

    after = _columns(variant)
    assert before[field] != stored
    assert after == {**before, field: stored}
    assert _payloads("variant.updated") == [
        {"variant_id": variant.pk, "product_id": variant.product_id, "fields": [field]}
    ]


def test_update_variant_clears_the_weight_with_none():
    variant = VariantFactory(weight_grams=100)

    update_variant(variant_id=variant.pk, weight_grams=None)

    assert ProductVariant.objects.get(pk=variant.pk).weight_grams is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weight_grams": -1}, "weight_grams"),
        ({"weight_grams": True}, "weight_grams"),
        ({"weight_grams": "5"}, "weight_grams"),
        ({"barcode": "4006381333932"}, "barcode"),
        ({"position": -1}, "position"),
    ],
    ids=["weight-negative", "weight-bool", "weight-str", "barcode", "position"],
)
def test_update_variant_refuses_bad_values_and_changes_nothing(changes, field):
    variant = VariantFactory(weight_grams=100, barcode="4006381333931", position=1)
    before = _columns(variant)

    with pytest.raises(InvalidVariant) as caught:
        update_variant(variant_id=variant.pk, name="Changed", **changes)

    assert caught.value.code == "invalid_variant"
    assert list(caught.value.fields) == [field]
    assert _columns(variant) == before
    assert not OutboxEvent.objects.exists()


def test_update_variant_refuses_an_unknown_variant():
    with pytest.raises(VariantNotFound) as caught:
        update_variant(variant_id=999_999, name="Large")

    assert caught.value.code == "variant_not_found"
    assert caught.value.status_code == 404
    assert not OutboxEvent.objects.exists()
