"""Writes of offers: one shop's listing of one variant, at one price.

Prices are quantized to the currency's minor unit on the way in. A price
change publishes `offer.price_changed` (with from/to, for price history and
alerts); any other change `offer.updated`.
"""

from typing import Any

from django.db import IntegrityError, transaction

from emporium.catalog.constants import OFFER_CREATED, OFFER_PRICE_CHANGED, OFFER_UPDATED
from emporium.catalog.errors import (
    DuplicateSku,
    InvalidPrice,
    OfferNotFound,
    ProductClosedToShop,
)
from emporium.catalog.models import Offer, ProductVariant
from emporium.catalog.services.products import UNSET
from emporium.core.events import publish
from emporium.core.money import (
    AMOUNT_DECIMAL_PLACES,
    AMOUNT_MAX_DIGITS,
    CurrencyMismatch,
    Money,
)
from emporium.vendors.models import Shop

# The amount columns hold 12 digits, 3 of them decimals.
PRICE_LIMIT = 10 ** (AMOUNT_MAX_DIGITS - AMOUNT_DECIMAL_PLACES)


def _check_price(price: Money, *, field: str) -> Money:
    if price.amount < 0:
        raise InvalidPrice(
            "A price cannot be negative.", fields={field: ["Must be 0 or more."]}
        )
    # Quantize only what fits: rounding may still carry it over the limit.
    if price.amount < PRICE_LIMIT:
        price = price.quantize()
    if price.amount >= PRICE_LIMIT:
        raise InvalidPrice(
            "The price is too large.",
            fields={field: [f"Must be less than {PRICE_LIMIT:,}."]},
        )
    return price


def _check_shop_may_offer(shop: Shop, variant: ProductVariant) -> None:
    product = variant.product
    if shop.pk != product.shop_id and not product.is_open_to_other_sellers:
        raise ProductClosedToShop(
            "Only the product's own shop may offer it: it is not open to other "
            "sellers.",
            fields={"shop": ["The product is not open to other sellers."]},
            extra={"product_id": product.pk, "shop_id": shop.pk},
        )


def create_offer(
    *,
    shop: Shop,
    variant: ProductVariant,
    sku: str,
    price: Money,
    compare_at_price: Money | None = None,
) -> Offer:
    """List a variant for sale by a shop, at `price` (quantized).

    Raises:
        InvalidPrice: a negative or too large price.
        CurrencyMismatch: the compare-at price is in another currency.
        ProductClosedToShop: the shop is not the product's own and the
            product is not open to other sellers.
        DuplicateSku: the shop already uses this SKU or offers this variant.
    """
    _check_shop_may_offer(shop, variant)
    price = _check_price(price, field="price")
    if compare_at_price is not None:
        if compare_at_price.currency != price.currency:
            raise CurrencyMismatch(
                "The compare-at price must be in the offer's currency.",
                extra={"currencies": [price.currency, compare_at_price.currency]},
            )
        compare_at_price = _check_price(compare_at_price, field="compare_at_price")
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                shop=shop,
                variant=variant,
                sku=sku.strip(),
                price_amount=price.amount,
                currency=price.currency,
                compare_at_amount=compare_at_price.amount if compare_at_price else None,
            )
            publish(OFFER_CREATED, {"offer_id": offer.pk})
    except IntegrityError as exc:
        raise DuplicateSku(
            f"The shop already uses SKU {sku!r} or already offers this variant.",
            extra={"sku": sku},
        ) from exc
    return offer


def change_offer_price(*, offer_id: int, price: Money) -> Offer:
    """Set an offer's price (quantized); see `update_offer`."""
    return update_offer(offer_id=offer_id, price=price)


def update_offer(
    *,
    offer_id: int,
    price: Money = UNSET,
    compare_at_price: Money | None = UNSET,
    sku: str = UNSET,
    is_active: bool = UNSET,
) -> Offer:
    """Change the given fields of an offer.

    A price in another currency moves the offer to it only when no
    compare-at price stays behind in the old one (give both, or clear the
    compare-at price); the compare-at price must be in the offer's currency. Publishes
    `offer.price_changed` when the price moves and `offer.updated` when
    anything else does (activation, compare-at price, SKU).

    Raises:
        OfferNotFound: no offer with this id.
        InvalidPrice: a negative or too large price.
        CurrencyMismatch: the compare-at price is in another currency, or
            the currency changes under a kept compare-at price.
        DuplicateSku: the shop already uses this SKU.
    """
    if price is not UNSET:
        price = _check_price(price, field="price")
    try:
        with transaction.atomic():
            offer = Offer.objects.select_for_update().filter(pk=offer_id).first()
            if offer is None:
                raise OfferNotFound("Offer not found.", extra={"id": offer_id})
            previous = offer.price
            changed = _apply_offer_changes(
                offer,
                price=price,
                compare_at_price=compare_at_price,
                sku=sku,
                is_active=is_active,
            )
            offer.save(update_fields=[*changed, "updated_at"])
            _publish_offer_changes(offer, previous=previous, changed=changed)
    except IntegrityError as exc:
        raise DuplicateSku(
            f"The shop already uses SKU {sku!r}.", extra={"sku": sku}
        ) from exc
    return offer


def _apply_offer_changes(offer: Offer, **changes: Any) -> list[str]:
    changed: list[str] = []
    price, compare_at = changes["price"], changes["compare_at_price"]
    if price is not UNSET and price != offer.price:
        if (
            price.currency != offer.currency
            and compare_at is UNSET
            and offer.compare_at_amount is not None
        ):
            # The kept compare-at amount would silently change currency.
            raise CurrencyMismatch(
                "Change the compare-at price with the offer's currency.",
                extra={"currencies": [offer.currency, price.currency]},
            )
        offer.price_amount, offer.currency = price.amount, price.currency
        changed += ["price_amount", "currency"]
    if compare_at is not UNSET:
        if compare_at is not None:
            if compare_at.currency != offer.currency:
                raise CurrencyMismatch(
                    "The compare-at price must be in the offer's currency.",
                    extra={"currencies": [offer.currency, compare_at.currency]},
                )
            compare_at = _check_price(compare_at, field="compare_at_price")
        offer.compare_at_amount = compare_at.amount if compare_at else None
        changed.append("compare_at_amount")
    if changes["sku"] is not UNSET:
        offer.sku = changes["sku"].strip()
        changed.append("sku")
    if changes["is_active"] is not UNSET:
        offer.is_active = bool(changes["is_active"])
        changed.append("is_active")
    return changed


def _publish_offer_changes(
    offer: Offer, *, previous: Money, changed: list[str]
) -> None:
    if "price_amount" in changed:
        publish(
            OFFER_PRICE_CHANGED,
            {
                "offer_id": offer.pk,
                "variant_id": offer.variant_id,
                "from": str(previous.amount),
                "to": str(offer.price_amount),
                "currency": offer.currency,
            },
        )
    others = [f for f in changed if f not in ("price_amount", "currency")]
    if others:
        publish(
            OFFER_UPDATED,
            {"offer_id": offer.pk, "variant_id": offer.variant_id, "fields": others},
        )
