"""A shop's own warehouses, stock rows and ledger: what its people may read
and change, and that another shop's are "not found"."""

from decimal import Decimal

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.errors import OfferNotFound, VariantAlreadyOffered
from emporium.catalog.models import Offer
from emporium.catalog.tests.factories import OfferFactory, VariantFactory
from emporium.core.money import Money
from emporium.inventory.errors import (
    InsufficientStock,
    InvalidMovementReason,
    InvalidQuantity,
    InvalidWarehouse,
    StockExists,
    StockNotFound,
    WarehouseCodeTaken,
    WarehouseNotFound,
)
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.shop_selectors import (
    get_shop_offer,
    get_shop_stock,
    get_shop_warehouse,
    list_shop_offers,
    list_shop_stock,
    list_shop_stock_movements,
    list_shop_warehouses,
)
from emporium.inventory.shop_stock import (
    adjust_shop_stock,
    create_shop_stock,
    create_stocked_offer,
    update_shop_stock_settings,
)
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.inventory.warehouses import create_warehouse, update_warehouse
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def theirs():
    """A stock row of another shop: 10 on hand."""
    return StockFactory(quantity_on_hand=10)


# --- Warehouses -----------------------------------------------------------------


def test_create_warehouse_opens_one_for_the_shop(shop):
    warehouse = create_warehouse(
        shop=shop, name=" Main ", code="main", country="de", city="Berlin"
    )

    assert (warehouse.shop, warehouse.name, warehouse.country.code) == (
        shop,
        "Main",
        "DE",
    )
    assert warehouse.is_active


def test_a_warehouse_code_is_unique_within_a_shop_only(shop):
    create_warehouse(shop=shop, name="Main", code="main", country="DE")
    create_warehouse(shop=ShopFactory(), name="Main", code="main", country="DE")

    with pytest.raises(WarehouseCodeTaken) as caught:
        create_warehouse(shop=shop, name="Other", code="main", country="DE")

    assert caught.value.code == "warehouse_code_taken"
    assert Warehouse.objects.filter(shop=shop).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "code": "main", "country": "DE"}, "name"),
        ({"name": "Main", "code": "not a slug", "country": "DE"}, "code"),
        ({"name": "Main", "code": "main", "country": "XX"}, "country"),
        ({"name": "Main", "code": "main", "country": "DE", "city": "x" * 121}, "city"),
    ],
)
def test_create_warehouse_refuses_invalid_fields_naming_them(shop, fields, field):
    with pytest.raises(InvalidWarehouse) as caught:
        create_warehouse(shop=shop, **fields)

    assert caught.value.code == "invalid_warehouse"
    assert field in caught.value.fields
    assert not Warehouse.objects.exists()


def test_update_warehouse_changes_own_warehouses_only(shop):
    mine = WarehouseFactory(shop=shop, name="Old")
    other = WarehouseFactory(name="Theirs")

    update_warehouse(shop=shop, warehouse_id=mine.pk, name="New", is_active=False)
    with pytest.raises(WarehouseNotFound) as caught:
        update_warehouse(shop=shop, warehouse_id=other.pk, name="Mine now")

    assert caught.value.code == "warehouse_not_found"
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.name, mine.is_active) == ("New", False)
    assert other.name == "Theirs"


def test_update_warehouse_refuses_fields_it_does_not_edit(shop):
    mine = WarehouseFactory(shop=shop)

    with pytest.raises(InvalidWarehouse) as caught:
        update_warehouse(shop=shop, warehouse_id=mine.pk, shop_id=ShopFactory().pk)

    assert caught.value.fields == {"shop_id": ["Unknown field."]}
    mine.refresh_from_db()
    assert mine.shop == shop


# --- Stock rows -----------------------------------------------------------------


def test_create_shop_stock_books_the_opening_quantity(shop, actor):
    offer = OfferFactory(variant__product__shop=shop, shop=shop)
    warehouse = WarehouseFactory(shop=shop)

    stock = create_shop_stock(
        shop=shop,
        offer_id=offer.pk,
        warehouse_id=warehouse.pk,
        quantity=7,
        actor=actor,
        low_stock_threshold=2,
    )

    assert (stock.quantity_on_hand, stock.low_stock_threshold) == (7, 2)
    (movement,) = stock.movements.all()
    assert (movement.delta, movement.reason, movement.actor) == (7, "receipt", actor)


def test_create_shop_stock_needs_the_shops_offer_and_warehouse(shop, actor):
    mine = OfferFactory(variant__product__shop=shop, shop=shop)
    my_warehouse = WarehouseFactory(shop=shop)

    with pytest.raises(OfferNotFound):
        create_shop_stock(
            shop=shop,
            offer_id=OfferFactory().pk,
            warehouse_id=my_warehouse.pk,
            actor=actor,
        )
    with pytest.raises(WarehouseNotFound):
        create_shop_stock(
            shop=shop, offer_id=mine.pk, warehouse_id=WarehouseFactory().pk, actor=actor
        )
    assert not Stock.objects.exists()


def test_create_shop_stock_twice_in_a_warehouse_is_refused(shop, actor):
    stock = StockFactory(offer__variant__product__shop=shop)

    with pytest.raises(StockExists):
        create_shop_stock(
            shop=shop,
            offer_id=stock.offer_id,
            warehouse_id=stock.warehouse_id,
            actor=actor,
        )


def test_adjust_shop_stock_writes_the_ledger_with_reason_and_note(shop, actor):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=5)

    adjust_shop_stock(
        shop=shop,
        stock_id=stock.pk,
        delta=-2,
        reason="adjustment",
        actor=actor,
        note="Broken in transit",
    )

    stock.refresh_from_db()
    assert stock.quantity_on_hand == 3
    movement = StockMovement.objects.get()
    assert (movement.delta, movement.quantity_after, movement.note) == (
        -2,
        3,
        "Broken in transit",
    )


@pytest.mark.parametrize("reason", ["sale", "reservation", "release", "import"])
def test_adjust_shop_stock_refuses_the_reasons_of_other_flows(shop, actor, reason):
    stock = StockFactory(offer__variant__product__shop=shop)

    with pytest.raises(InvalidMovementReason) as caught:
        adjust_shop_stock(
            shop=shop, stock_id=stock.pk, delta=1, reason=reason, actor=actor
        )

    assert caught.value.code == "invalid_reason"
    assert not StockMovement.objects.exists()


def test_adjust_shop_stock_never_goes_below_what_is_reserved(shop, actor):
    stock = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=5, quantity_reserved=4
    )

    with pytest.raises(InsufficientStock):
        adjust_shop_stock(
            shop=shop, stock_id=stock.pk, delta=-2, reason="adjustment", actor=actor
        )


@pytest.mark.parametrize(
    "write",
    [
        lambda shop, s, actor: adjust_shop_stock(
            shop=shop, stock_id=s.pk, delta=-1, reason="adjustment", actor=actor
        ),
        lambda shop, s, actor: update_shop_stock_settings(
            shop=shop, stock_id=s.pk, low_stock_threshold=0
        ),
        lambda shop, s, actor: get_shop_stock(shop=shop, stock_id=s.pk),
        lambda shop, s, actor: list_shop_stock_movements(shop=shop, stock_id=s.pk),
    ],
    ids=["adjust", "settings", "detail", "ledger"],
)
def test_another_shops_stock_row_is_not_found_and_unchanged(shop, actor, theirs, write):
    with pytest.raises(StockNotFound) as caught:
        write(shop, theirs, actor)

    assert caught.value.code == "stock_not_found"
    theirs.refresh_from_db()
    assert (theirs.quantity_on_hand, theirs.low_stock_threshold) == (10, 5)


def test_update_shop_stock_settings_sets_backorder_and_threshold(shop):
    stock = StockFactory(offer__variant__product__shop=shop)

    update_shop_stock_settings(
        shop=shop, stock_id=stock.pk, backorder_allowed=True, low_stock_threshold=1
    )

    stock.refresh_from_db()
    assert (stock.backorder_allowed, stock.low_stock_threshold) == (True, 1)


def test_update_shop_stock_settings_refuses_a_negative_threshold(shop):
    stock = StockFactory(offer__variant__product__shop=shop)

    with pytest.raises(InvalidQuantity):
        update_shop_stock_settings(shop=shop, stock_id=stock.pk, low_stock_threshold=-1)


# --- An offer with its opening stock --------------------------------------------


def test_create_stocked_offer_lists_an_open_product_with_stock(shop, actor):
    variant = VariantFactory(product__is_open_to_other_sellers=True)
    warehouse = WarehouseFactory(shop=shop)

    offer = create_stocked_offer(
        shop=shop,
        variant_id=variant.pk,
        sku="MINE",
        price=Money(Decimal("4.00"), "EUR"),
        warehouse_id=warehouse.pk,
        quantity=3,
        actor=actor,
    )

    assert get_shop_offer(shop=shop, offer_id=offer.pk).available_quantity == 3


def test_create_stocked_offer_writes_nothing_when_the_stock_is_refused(shop, actor):
    variant = VariantFactory(product__shop=shop)

    with pytest.raises(WarehouseNotFound):
        create_stocked_offer(
            shop=shop,
            variant_id=variant.pk,
            sku="MINE",
            price=Money(Decimal("4.00"), "EUR"),
            warehouse_id=WarehouseFactory().pk,
            quantity=3,
            actor=actor,
        )
    with pytest.raises(InvalidQuantity):
        create_stocked_offer(
            shop=shop,
            variant_id=variant.pk,
            sku="MINE",
            price=Money(Decimal("4.00"), "EUR"),
            quantity=3,
            actor=actor,
        )

    assert not Offer.objects.exists()


def test_create_stocked_offer_refuses_a_variant_the_shop_offers(shop, actor):
    offer = OfferFactory(variant__product__shop=shop, shop=shop)

    with pytest.raises(VariantAlreadyOffered):
        create_stocked_offer(
            shop=shop,
            variant_id=offer.variant_id,
            sku="AGAIN",
            price=Money(Decimal("4.00"), "EUR"),
            actor=actor,
        )


# --- Reads ----------------------------------------------------------------------


def test_list_shop_offers_lists_own_offers_with_available_quantity(shop):
    mine = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=6, quantity_reserved=2
    ).offer
    OfferFactory()

    (listed,) = list_shop_offers(shop=shop)

    assert (listed, listed.available_quantity) == (mine, 4)


def test_list_shop_offers_filters_by_text_and_activity(shop):
    tee = OfferFactory(
        variant__product__shop=shop, variant__product__title="Tee", sku="A-1"
    )
    cap = OfferFactory(
        variant__product__shop=shop, sku="CAP-1", is_active=False, shop=shop
    )

    assert list(list_shop_offers(shop=shop, text="tee")) == [tee]
    assert list(list_shop_offers(shop=shop, text="cap-")) == [cap]
    assert list(list_shop_offers(shop=shop, is_active=False)) == [cap]


def test_get_shop_offer_of_another_shop_is_not_found(shop):
    with pytest.raises(OfferNotFound):
        get_shop_offer(shop=shop, offer_id=OfferFactory().pk)


def test_warehouse_reads_are_scoped_to_the_shop(shop):
    mine = WarehouseFactory(shop=shop)
    other = WarehouseFactory()

    assert list(list_shop_warehouses(shop=shop)) == [mine]
    with pytest.raises(WarehouseNotFound):
        get_shop_warehouse(shop=shop, warehouse_id=other.pk)


def test_list_shop_stock_filters_low_rows_and_scopes_to_the_shop(shop, theirs):
    low = StockFactory(
        offer__variant__product__shop=shop, quantity_on_hand=3, low_stock_threshold=5
    )
    plenty = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=30)

    assert set(list_shop_stock(shop=shop)) == {low, plenty}
    assert list(list_shop_stock(shop=shop, is_low=True)) == [low]
    assert list(list_shop_stock(shop=shop, is_low=False)) == [plenty]
    assert list(list_shop_stock(shop=shop, warehouse_id=theirs.warehouse_id)) == []


def test_list_shop_stock_reads_a_page_in_one_query(shop, django_assert_num_queries):
    for _ in range(3):
        StockFactory(offer__variant__product__shop=shop)

    with django_assert_num_queries(1):
        rows = list(list_shop_stock(shop=shop))

    assert [row.offer.variant.product.title for row in rows]
    assert [row.warehouse.name for row in rows]


def test_list_shop_stock_movements_is_the_ledger_newest_first(shop, actor):
    stock = StockFactory(offer__variant__product__shop=shop, quantity_on_hand=0)
    for delta in (5, -1, 2):
        adjust_shop_stock(
            shop=shop, stock_id=stock.pk, delta=delta, reason="receipt", actor=actor
        )

    movements = list_shop_stock_movements(shop=shop, stock_id=stock.pk)

    assert [m.quantity_after for m in movements] == [6, 4, 5]
