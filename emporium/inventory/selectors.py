"""Reads of stock: available quantities, and the best offer of a variant.

Available = on hand - reserved, summed over the offer's stock rows in
active warehouses. `with_available_quantity()` adds it to any offer
queryset as one subquery, so lists never query stock per offer.

The best offer lives here, not in catalog, because it depends on stock and
inventory sits above catalog; the visibility half of it is catalog's one
rule, `Offer.objects.visible()`.
"""

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from emporium.catalog.models import Offer, Product, ProductImage
from emporium.catalog.selectors import list_visible_products
from emporium.core.money import default_currency
from emporium.inventory.models import Stock, StockMovement


def _available_subquery() -> Subquery:
    per_offer = (
        Stock.objects.filter(offer=OuterRef("pk"), warehouse__is_active=True)
        .order_by()
        .values("offer")
        .annotate(total=Sum(F("quantity_on_hand") - F("quantity_reserved")))
        .values("total")
    )
    return Subquery(per_offer, output_field=IntegerField())


def with_available_quantity(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Annotate `available_quantity` and `is_in_stock` on each offer."""
    return offers.annotate(
        available_quantity=Coalesce(_available_subquery(), Value(0))
    ).annotate(
        is_in_stock=Case(
            When(available_quantity__gt=0, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def with_backorder_allowed(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Annotate `backorder_allowed`: a stock row in an active warehouse
    sells the offer beyond what is available (so stock never limits it)."""
    backorder = Stock.objects.filter(
        offer=OuterRef("pk"), warehouse__is_active=True, backorder_allowed=True
    )
    return offers.annotate(backorder_allowed=Exists(backorder))


def available_quantity(offer: Offer) -> int:
    """Units of the offer a buyer can take now, over all active warehouses."""
    total = Stock.objects.filter(offer=offer, warehouse__is_active=True).aggregate(
        total=Sum(F("quantity_on_hand") - F("quantity_reserved"))
    )["total"]
    return total or 0


def list_offers_for_variant(
    *, variant_id: int, currency: str | None = None
) -> QuerySet[Offer]:
    """The visible offers of a variant, best first, with stock annotated.

    Best first: in stock before out of stock, then the lowest price, then
    the earliest listed. Prices only compare within one currency, so only
    offers in `currency` (default: the installation's) are listed.
    """
    offers = Offer.objects.visible().filter(
        variant_id=variant_id, currency=currency or default_currency()
    )
    return (
        with_available_quantity(offers)
        .select_related("shop")
        .order_by("-is_in_stock", "price_amount", "created_at", "pk")
    )


def find_best_offer_for_variant(
    *, variant_id: int, currency: str | None = None
) -> Offer | None:
    """The offer to show first for a variant, or None when none is visible."""
    return list_offers_for_variant(variant_id=variant_id, currency=currency).first()


def list_stock_movements(*, stock: Stock) -> QuerySet[StockMovement]:
    return stock.movements.select_related("actor").order_by("created_at", "pk")


# --- Product cards (storefront lists and the API share one rule) -------------


def _visible_offers_of_product() -> QuerySet[Offer]:
    return Offer.objects.visible().filter(
        variant__product=OuterRef("pk"), currency=default_currency()
    )


def with_card_data(products: QuerySet[Product]) -> QuerySet[Product]:
    """Annotate each product's best offer price and availability.

    The best offer follows the product page's ranking (inventory's): in
    stock first, then the lowest price, in the installation's currency.
    `best_price`, `best_compare_at`, `best_currency` are its money,
    `highest_price` the dearest visible offer (a card says "from" when they
    differ), `is_in_stock` whether any visible offer has units available.
    Images come in one prefetch.
    """
    ranked = with_available_quantity(_visible_offers_of_product()).order_by(
        "-is_in_stock", "price_amount", "created_at", "pk"
    )
    dearest = _visible_offers_of_product().order_by("-price_amount")
    in_stock = Stock.objects.filter(
        offer__in=Offer.objects.visible().filter(
            variant__product=OuterRef(OuterRef("pk"))
        ),
        warehouse__is_active=True,
        quantity_on_hand__gt=F("quantity_reserved"),
    )
    return products.annotate(
        best_price=Subquery(ranked.values("price_amount")[:1]),
        best_compare_at=Subquery(ranked.values("compare_at_amount")[:1]),
        best_currency=Subquery(ranked.values("currency")[:1]),
        highest_price=Subquery(dearest.values("price_amount")[:1]),
        is_in_stock=Exists(in_stock),
    ).prefetch_related(
        Prefetch(
            "images",
            queryset=ProductImage.objects.order_by("position", "pk"),
            to_attr="ordered_images",
        )
    )


def list_product_cards_by_ids(product_ids: list[int]) -> list[Product]:
    """Card data of visible products in the order of `product_ids` (search hits).

    Two queries whatever the number of ids: the annotated products and
    their images. Ids no longer visible are skipped.
    """
    if not product_ids:
        return []
    by_id = {
        p.pk: p
        for p in with_card_data(list_visible_products().filter(pk__in=product_ids))
    }
    return [by_id[pk] for pk in product_ids if pk in by_id]
