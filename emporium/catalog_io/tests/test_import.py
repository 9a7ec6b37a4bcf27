"""Importing a valid file: what it creates, changes, leaves alone and books."""

from decimal import Decimal

import pytest

from emporium.catalog.constants import OFFER_PRICE_CHANGED
from emporium.catalog.models import AttributeValue, Offer, Product
from emporium.catalog_io.errors import InvalidCatalogFile
from emporium.catalog_io.services import import_catalog
from emporium.catalog_io.tests.conftest import HEADER, csv_file, line
from emporium.core.models import OutboxEvent
from emporium.inventory.constants import MovementReason
from emporium.inventory.errors import InsufficientStock
from emporium.inventory.models import Stock, StockMovement

pytestmark = pytest.mark.django_db

TWO_SIZES = [line(), line(sku="TEE-M", option_size="M", barcode="", stock_main="3")]


def test_import_creates_product_variants_offers_stock_and_attributes(catalog, clerk):
    result = import_catalog(file=csv_file(TWO_SIZES), actor=clerk)

    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    product = Product.objects.get()
    assert (product.slug, product.title, product.status) == (
        "classic-tee",
        "Classic Tee",
        "active",
    )
    assert (product.shop, product.category, product.brand) == (
        catalog.shop,
        catalog.category,
        catalog.brand,
    )
    assert product.description == "<p>Soft cotton.</p>"
    variants = list(product.variants.order_by("position"))
    # The default variant made with the product takes the first line's size.
    assert [(v.name, v.is_default, v.weight_grams) for v in variants] == [
        ("S", True, 180),
        ("M", False, 180),
    ]
    assert variants[0].barcode == "4006381333931"
    offers = {o.sku: o for o in Offer.objects.all()}
    assert offers["TEE-S"].price_amount == Decimal("19.99")
    assert offers["TEE-M"].variant == variants[1]
    stock = {s.offer.sku: s.quantity_on_hand for s in Stock.objects.all()}
    assert stock == {"TEE-S": 10, "TEE-M": 3}
    values = AttributeValue.objects.select_related("attribute", "choice")
    assert {(v.attribute.code, str(v.value)) for v in values} == {
        ("material", "Cotton"),
        ("waterproof", "False"),
    }


def test_new_stock_is_booked_in_the_ledger_with_reason_import(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)

    movements = StockMovement.objects.select_related("stock__offer")
    assert {
        (m.stock.offer.sku, m.delta, m.quantity_after, m.reason, m.actor)
        for m in movements
    } == {
        ("TEE-S", 10, 10, MovementReason.IMPORT, clerk),
        ("TEE-M", 3, 3, MovementReason.IMPORT, clerk),
    }


def test_importing_the_same_file_again_writes_nothing(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)
    events = OutboxEvent.objects.count()
    movements = StockMovement.objects.count()
    stamps = list(Offer.objects.values_list("updated_at", flat=True))

    result = import_catalog(file=csv_file(TWO_SIZES), actor=clerk)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert OutboxEvent.objects.count() == events
    assert StockMovement.objects.count() == movements
    assert list(Offer.objects.values_list("updated_at", flat=True)) == stamps


def test_changed_price_updates_that_offer_only(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)
    events_before = set(OutboxEvent.objects.values_list("pk", flat=True))
    rows = [line(price="17.50"), TWO_SIZES[1]]

    result = import_catalog(file=csv_file(rows), actor=clerk)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Offer.objects.get(sku="TEE-S").price_amount == Decimal("17.50")
    new_events = OutboxEvent.objects.exclude(pk__in=events_before)
    assert [(e.name, e.payload["from"], e.payload["to"]) for e in new_events] == [
        (OFFER_PRICE_CHANGED, "19.990", "17.50")
    ]


def test_target_quantity_is_reached_by_booking_the_difference(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)

    import_catalog(file=csv_file([line(stock_main="4")]), actor=clerk)

    stock = Stock.objects.get(offer__sku="TEE-S")
    assert stock.quantity_on_hand == 4
    last = stock.movements.order_by("-pk").first()
    assert (last.delta, last.quantity_after, last.reason, last.actor) == (
        -6,
        4,
        MovementReason.IMPORT,
        clerk,
    )


def test_product_field_change_counts_every_line_of_the_product(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)
    rows = [{**row, "title": "Classic Tee 2"} for row in TWO_SIZES]

    result = import_catalog(file=csv_file(rows), actor=clerk)

    assert (result.created, result.updated, result.unchanged) == (0, 2, 0)
    assert Product.objects.get().title == "Classic Tee 2"


def test_columns_left_out_leave_their_fields_as_they_are(catalog, clerk):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)
    header = [c for c in HEADER if c not in ("brand", "description", "stock:main")]

    result = import_catalog(
        file=csv_file([line(price="9.99")], header=header), actor=clerk
    )

    assert (result.updated, result.unchanged) == (1, 0)
    product = Product.objects.get()
    assert product.brand == catalog.brand
    assert product.description == "<p>Soft cotton.</p>"
    assert Stock.objects.get(offer__sku="TEE-S").quantity_on_hand == 10


def test_attribute_columns_replace_only_their_own_attributes(catalog, clerk):
    header = [*HEADER, "attr:care"]
    import_catalog(file=csv_file([line(attr_care="Wash cold")], header), actor=clerk)

    import_catalog(file=csv_file([line(attr_material="cotton|wool")]), actor=clerk)

    values = AttributeValue.objects.select_related("attribute", "choice")
    assert sorted((v.attribute.code, str(v.value)) for v in values) == [
        ("care", "Wash cold"),
        ("material", "Cotton"),
        ("material", "Wool"),
        ("waterproof", "False"),
    ]


def test_blank_cells_clear_brand_compare_at_and_attributes(catalog, clerk):
    import_catalog(file=csv_file([line(compare_at_price="25.00")]), actor=clerk)

    import_catalog(
        file=csv_file([line(brand="", compare_at_price="", attr_material="")]),
        actor=clerk,
    )

    product = Product.objects.get()
    assert product.brand is None
    assert Offer.objects.get().compare_at_amount is None
    assert not product.attribute_values.filter(attribute__code="material").exists()


def test_inactive_offer_is_created_inactive(catalog, clerk):
    import_catalog(file=csv_file([line(offer_active="no")]), actor=clerk)

    assert Offer.objects.get().is_active is False


def test_dry_run_counts_and_writes_nothing(catalog, clerk):
    events = OutboxEvent.objects.count()

    result = import_catalog(file=csv_file(TWO_SIZES), actor=clerk, dry_run=True)

    assert (result.created, result.is_dry_run) == (2, True)
    assert not Product.objects.exists()
    assert OutboxEvent.objects.count() == events


def test_other_shop_offers_an_open_product_on_the_same_variant(catalog, clerk):
    import_catalog(file=csv_file([line()]), actor=clerk)
    Product.objects.update(is_open_to_other_sellers=True)
    rows = [line(), line(shop="globex", sku="G-S", price="18.00", stock_main="2")]

    result = import_catalog(file=csv_file(rows), actor=clerk, shop=None)

    assert (result.created, result.unchanged) == (1, 1)
    ours, theirs = Offer.objects.order_by("pk")
    assert theirs.shop == catalog.other_shop
    assert theirs.variant == ours.variant
    assert Stock.objects.get(offer=theirs).warehouse == catalog.other_main


def test_import_limited_to_a_shop_accepts_its_lines(catalog, clerk):
    result = import_catalog(file=csv_file(TWO_SIZES), actor=clerk, shop=catalog.shop)

    assert result.created == 2


def test_refusal_by_a_service_rolls_everything_back_naming_the_line(
    catalog, clerk, monkeypatch
):
    import_catalog(file=csv_file(TWO_SIZES), actor=clerk)

    def sold_meanwhile(**kwargs):
        raise InsufficientStock("Only 2 available; cannot remove 8.")

    monkeypatch.setattr(
        "emporium.catalog_io.services.set_stock_on_hand", sold_meanwhile
    )
    rows = [line(price="1.00"), {**TWO_SIZES[1], "stock:main": "1"}]

    with pytest.raises(InvalidCatalogFile) as caught:
        import_catalog(file=csv_file(rows), actor=clerk)

    assert [str(e) for e in caught.value.errors] == [
        "line 3: Only 2 available; cannot remove 8."
    ]
    assert Offer.objects.get(sku="TEE-S").price_amount == Decimal("19.99")
