"""Reads of the staff API: every product, offer and stock row, whatever its
status or shop's status (staff see drafts and archived products too).

Each reader loads in a fixed number of queries whatever the number of rows:
lists are one query per page (plus the count), details a handful.
"""

from django.db.models import F, Prefetch, QuerySet

from emporium.catalog.errors import OfferNotFound, ProductNotFound, VariantNotFound
from emporium.catalog.models import (
    AttributeValue,
    Category,
    Offer,
    OptionValue,
    Product,
    ProductVariant,
)
from emporium.inventory.errors import StockNotFound
from emporium.inventory.models import Stock, StockMovement, Warehouse
from emporium.inventory.selectors import with_available_quantity
from emporium.vendors.models import Shop

LATEST_MOVEMENTS = 20


def list_products(
    *,
    status: str = "",
    shop: Shop | None = None,
    category: Category | None = None,
    text: str = "",
) -> QuerySet[Product]:
    """All products, newest first, narrowed by the filters given.

    `category` includes its subcategories; `text` matches within titles.
    """
    products = Product.objects.select_related("shop", "category", "brand")
    if status:
        products = products.filter(status=status)
    if shop is not None:
        products = products.filter(shop=shop)
    if category is not None:
        products = products.filter(category__path__startswith=category.path)
    if text:
        products = products.filter(title__icontains=text)
    return products.order_by("-created_at", "-pk")


def _offers() -> QuerySet[Offer]:
    return with_available_quantity(Offer.objects.select_related("shop")).order_by(
        "shop__name", "pk"
    )


def _variants() -> QuerySet[ProductVariant]:
    return ProductVariant.objects.order_by("position", "pk").prefetch_related(
        Prefetch(
            "option_values",
            queryset=OptionValue.objects.select_related("option"),
            to_attr="staff_options",
        ),
        Prefetch("offers", queryset=_offers(), to_attr="staff_offers"),
    )


def get_product(*, product_id: int) -> Product:
    """A product in any status with its attributes, variants, their option
    values and offers (with available quantities): five queries.

    Raises:
        ProductNotFound: no product with this id.
    """
    attributes = AttributeValue.objects.select_related("attribute", "choice")
    product = (
        Product.objects.select_related("shop", "category", "brand")
        .prefetch_related(
            Prefetch(
                "attribute_values",
                queryset=attributes.order_by(
                    "attribute__position", "attribute__code", "pk"
                ),
                to_attr="staff_attributes",
            ),
            Prefetch("variants", queryset=_variants(), to_attr="staff_variants"),
        )
        .filter(pk=product_id)
        .first()
    )
    if product is None:
        raise ProductNotFound("Product not found.", extra={"id": product_id})
    return product


def get_variant(*, variant_id: int) -> ProductVariant:
    """A variant with its option values and offers.

    Raises:
        VariantNotFound: no variant with this id.
    """
    variant = _variants().filter(pk=variant_id).first()
    if variant is None:
        raise VariantNotFound("Variant not found.", extra={"id": variant_id})
    return variant


def get_offer(*, offer_id: int) -> Offer:
    """An offer of any shop, active or not, with its available quantity.

    Raises:
        OfferNotFound: no offer with this id.
    """
    offer = _offers().filter(pk=offer_id).first()
    if offer is None:
        raise OfferNotFound("Offer not found.", extra={"id": offer_id})
    return offer


def list_stock(
    *,
    offer: Offer | None = None,
    warehouse: Warehouse | None = None,
    shop: Shop | None = None,
    is_low: bool | None = None,
) -> QuerySet[Stock]:
    """Stock rows with their offer, shop and warehouse, oldest first.

    `is_low` keeps the rows at or below (True) or above (False) their
    low-stock threshold of available units.
    """
    rows = Stock.objects.select_related("offer__shop", "warehouse")
    if offer is not None:
        rows = rows.filter(offer=offer)
    if warehouse is not None:
        rows = rows.filter(warehouse=warehouse)
    if shop is not None:
        rows = rows.filter(offer__shop=shop)
    if is_low is not None:
        available = F("quantity_on_hand") - F("quantity_reserved")
        rows = rows.alias(available=available)
        low = {"available__lte": F("low_stock_threshold")}
        rows = rows.filter(**low) if is_low else rows.exclude(**low)
    return rows.order_by("pk")


def get_stock(*, stock_id: int) -> Stock:
    """A stock row with its latest movements, newest first, in
    `latest_movements` (two queries).

    Raises:
        StockNotFound: no stock row with this id.
    """
    movements = StockMovement.objects.select_related("actor").order_by(
        "-created_at", "-pk"
    )
    stock = (
        Stock.objects.select_related("offer__shop", "warehouse")
        .prefetch_related(
            Prefetch(
                "movements",
                queryset=movements[:LATEST_MOVEMENTS],
                to_attr="latest_movements",
            )
        )
        .filter(pk=stock_id)
        .first()
    )
    if stock is None:
        raise StockNotFound("Stock not found.", extra={"id": stock_id})
    return stock


def list_warehouses(*, shop: Shop | None = None) -> QuerySet[Warehouse]:
    """Warehouses of every shop (or of `shop`), by shop then name."""
    warehouses = Warehouse.objects.select_related("shop")
    if shop is not None:
        warehouses = warehouses.filter(shop=shop)
    return warehouses.order_by("shop__name", "name", "pk")
