"""Reads of one shop's own offers, warehouses and stock, for the people who
run it (the vendor dashboard and the vendor API).

The scoping rule is here, once: an offer, warehouse or stock row is the
shop's when `shop` (the offer's shop, for stock rows) is it; another
shop's is "not found", exactly like a missing one. Each reader loads in a
fixed number of queries whatever the number of rows.
"""

from django.db.models import F, Prefetch, Q, QuerySet

from emporium.catalog.errors import OfferNotFound
from emporium.catalog.models import Offer, OptionValue
from emporium.inventory.errors import StockNotFound, WarehouseNotFound
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.selectors import with_available_quantity
from emporium.vendors.models import Shop

LATEST_MOVEMENTS = 20


# --- Offers ---------------------------------------------------------------------


def list_shop_offers(
    *, shop: Shop, text: str = "", is_active: bool | None = None
) -> QuerySet[Offer]:
    """The shop's offers, newest first, with their variant and product and
    `available_quantity` (one query per page).

    `text` matches within SKUs and product titles; `is_active` keeps the
    active (True) or inactive (False) offers.
    """
    offers = Offer.objects.filter(shop=shop)
    if text:
        offers = offers.filter(
            Q(sku__icontains=text) | Q(variant__product__title__icontains=text)
        )
    if is_active is not None:
        offers = offers.filter(is_active=is_active)
    return with_available_quantity(
        offers.select_related("variant__product__shop")
    ).order_by("-created_at", "-pk")


def get_shop_offer(*, shop: Shop, offer_id: int) -> Offer:
    """One of the shop's offers with `available_quantity`, its variant's
    option values (`variant.option_list`) and its stock rows with their
    warehouses (`stock_list`): three queries.

    Raises:
        OfferNotFound: no offer with this id, or another shop's.
    """
    offer = (
        with_available_quantity(Offer.objects.filter(shop=shop, pk=offer_id))
        .select_related("variant__product__shop")
        .prefetch_related(
            Prefetch(
                "variant__option_values",
                queryset=OptionValue.objects.select_related("option"),
                to_attr="option_list",
            ),
            Prefetch(
                "stocks",
                queryset=Stock.objects.select_related("warehouse").order_by(
                    "warehouse__name", "pk"
                ),
                to_attr="stock_list",
            ),
        )
        .first()
    )
    if offer is None:
        raise OfferNotFound("Offer not found.", extra={"id": offer_id})
    return offer


# --- Warehouses -----------------------------------------------------------------


def list_shop_warehouses(
    *, shop: Shop, is_active: bool | None = None
) -> QuerySet[Warehouse]:
    """The shop's warehouses by name (active and not, unless `is_active`)."""
    warehouses = Warehouse.objects.filter(shop=shop)
    if is_active is not None:
        warehouses = warehouses.filter(is_active=is_active)
    return warehouses.order_by("name", "pk")


def get_shop_warehouse(*, shop: Shop, warehouse_id: int) -> Warehouse:
    """Raises:
    WarehouseNotFound: no warehouse with this id, or another shop's.
    """
    warehouse = Warehouse.objects.filter(shop=shop, pk=warehouse_id).first()
    if warehouse is None:
        raise WarehouseNotFound("Warehouse not found.", extra={"id": warehouse_id})
    return warehouse


# --- Stock rows and their ledger ------------------------------------------------


def list_shop_stock(
    *,
    shop: Shop,
    warehouse_id: int | None = None,
    offer_id: int | None = None,
    is_low: bool | None = None,
    text: str = "",
) -> QuerySet[Stock]:
    """The shop's stock rows with their offer, product and warehouse, by SKU
    then warehouse (one query per page).

    `is_low` keeps the rows whose available units are at or below (True) or
    above (False) their low-stock threshold; `text` matches within SKUs and
    product titles. Ids of another shop's warehouse or offer match nothing.
    """
    rows = Stock.objects.filter(offer__shop=shop)
    if warehouse_id is not None:
        rows = rows.filter(warehouse_id=warehouse_id)
    if offer_id is not None:
        rows = rows.filter(offer_id=offer_id)
    if text:
        rows = rows.filter(
            Q(offer__sku__icontains=text)
            | Q(offer__variant__product__title__icontains=text)
        )
    if is_low is not None:
        rows = rows.alias(available=F("quantity_on_hand") - F("quantity_reserved"))
        low = Q(available__lte=F("low_stock_threshold"))
        rows = rows.filter(low) if is_low else rows.exclude(low)
    return rows.select_related("offer__variant__product", "warehouse").order_by(
        "offer__sku", "warehouse__name", "pk"
    )


def get_shop_stock(*, shop: Shop, stock_id: int) -> Stock:
    """One of the shop's stock rows with its offer, product and warehouse,
    and its latest movements, newest first, in `latest_movements` (two
    queries).

    Raises:
        StockNotFound: no stock row with this id, or another shop's.
    """
    movements = StockMovement.objects.select_related("actor").order_by(
        "-created_at", "-pk"
    )
    stock = (
        Stock.objects.filter(offer__shop=shop, pk=stock_id)
        .select_related("offer__variant__product", "warehouse")
        .prefetch_related(
            Prefetch(
                "movements",
                queryset=movements[:LATEST_MOVEMENTS],
                to_attr="latest_movements",
            )
        )
        .first()
    )
    if stock is None:
        raise StockNotFound("Stock not found.", extra={"id": stock_id})
    return stock


def list_shop_stock_movements(*, shop: Shop, stock_id: int) -> QuerySet[StockMovement]:
    """The ledger of one of the shop's stock rows, newest first, with who
    made each change (one query per page, after one to check the row).

    Raises:
        StockNotFound: no stock row with this id, or another shop's.
    """
    if not Stock.objects.filter(offer__shop=shop, pk=stock_id).exists():
        raise StockNotFound("Stock not found.", extra={"id": stock_id})
    return (
        StockMovement.objects.filter(stock_id=stock_id)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


# --- Low-stock alerts -----------------------------------------------------------


def find_stock_for_alert(*, stock_id: int) -> Stock | None:
    """A stock row with its offer, product, shop and warehouse (what a
    low-stock alert names), or None when it is gone."""
    return (
        Stock.objects.select_related(
            "offer__variant__product", "offer__shop", "warehouse"
        )
        .filter(pk=stock_id)
        .first()
    )
