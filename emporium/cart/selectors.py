"""Reads of carts: finding a visitor's cart, its lines with their offers
loaded once, an offer to add, and the money summary checkout reuses.

Query counts are fixed here: `list_cart_lines` runs four queries whatever
the number of lines, `get_cart_summary` two more (three with a
destination) and up to five for a voucher.
"""

import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Sum

from emporium.accounts.models import User
from emporium.cart.errors import AmbiguousSku, SkuNotFound
from emporium.cart.models import Cart, CartLine
from emporium.cart.revalidation import Availability
from emporium.cart.types import CartSummary, LineView
from emporium.catalog.errors import OfferNotFound
from emporium.catalog.models import Offer, ProductImage
from emporium.core.money import default_currency
from emporium.inventory.selectors import with_available_quantity, with_backorder_allowed
from emporium.pricing.lines import PricedLine, ShippingCharge
from emporium.pricing.selectors import list_priced_lines
from emporium.pricing.services import find_applicable_voucher
from emporium.pricing.totals import compute_totals
from emporium.pricing.vouchers import compute_voucher_discount

# --- Finding the cart -----------------------------------------------------------


def parse_token(value: object) -> uuid.UUID | None:
    """A guest token as sent (cookie or header), or None when it is not one."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def find_user_cart(*, user: User) -> Cart | None:
    return Cart.objects.filter(user=user).first()


def find_guest_cart(*, token: str | None) -> Cart | None:
    """The guest cart with this token; None for an unknown or garbage token.

    Only guest carts answer to a token: a user's cart never does, even if
    its token leaked, so a token cannot open an account's cart.
    """
    parsed = parse_token(token)
    if parsed is None:
        return None
    return Cart.objects.filter(token=parsed, user__isnull=True).first()


def count_cart_items(*, cart: Cart | None) -> int:
    """Units in the cart (the header's badge): one query, no re-check."""
    if cart is None:
        return 0
    return cart.lines.aggregate(total=Sum("quantity"))["total"] or 0


# --- Offers as the cart sees them -----------------------------------------------


def _with_cart_facts(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Annotate availability, backorders and catalog's visibility rule."""
    visible = Offer.objects.visible().filter(pk=OuterRef("pk"))
    return with_backorder_allowed(with_available_quantity(offers)).annotate(
        is_visible=Exists(visible)
    )


def availability_of(offer: Offer) -> Availability:
    """The availability of an offer loaded by this module."""
    return Availability(
        is_visible=bool(offer.is_visible),
        available=offer.available_quantity,
        backorder_allowed=bool(offer.backorder_allowed),
    )


def map_offers_for_cart(offer_ids: Iterable[int]) -> dict[int, Offer]:
    """Offers by id with what a cart line shows and checks: shop, variant
    (option values), product (images in order), availability. Four queries.
    """
    offers = (
        _with_cart_facts(Offer.objects.filter(pk__in=list(offer_ids)))
        .select_related("shop", "variant__product")
        .prefetch_related(
            "variant__option_values",
            Prefetch(
                "variant__product__images",
                queryset=ProductImage.objects.order_by("position", "pk"),
            ),
        )
    )
    return {offer.pk: offer for offer in offers}


def list_cart_lines(*, cart: Cart) -> list[CartLine]:
    """The cart's lines in the order added, each with its offer loaded by
    `map_offers_for_cart`. Five queries at most, whatever the size."""
    lines = list(cart.lines.order_by("created_at", "pk"))
    if not lines:
        return []
    offers = map_offers_for_cart(line.offer_id for line in lines)
    for line in lines:
        line.offer = offers[line.offer_id]
    return lines


def get_offer_for_cart(*, offer_id: int) -> Offer:
    """A visible offer, loaded as `map_offers_for_cart` does.

    Raises:
        OfferNotFound: no visible offer has this id.
    """
    offer = map_offers_for_cart([offer_id]).get(offer_id)
    if offer is None or not offer.is_visible:
        raise OfferNotFound("This offer is not available.")
    return offer


def find_offer_for_sku(*, sku: str, currency: str) -> Offer:
    """The best visible offer sold under `sku`, in `currency`.

    A SKU is unique per shop only. Several shops may list the same variant
    under one SKU: the best of them wins, as on the product page (in stock,
    then backorderable, then the cheapest, then the earliest). Different
    variants under one SKU are refused rather than guessed.

    Raises:
        SkuNotFound: no visible offer has this SKU in this currency.
        AmbiguousSku: the SKU names offers of different variants.
    """
    matches = Offer.objects.visible().filter(sku=sku.strip(), currency=currency)
    ranked = list(
        _with_cart_facts(matches)
        .order_by("-is_in_stock", "-backorder_allowed", "price_amount", "created_at")
        .values_list("pk", "variant_id")
    )
    if not ranked:
        raise SkuNotFound(f"No offer is sold under the SKU {sku!r}.")
    if len({variant_id for _, variant_id in ranked}) > 1:
        raise AmbiguousSku(
            f"Several products are sold under the SKU {sku!r}; add one by its "
            "offer id instead.",
            extra={"offer_ids": [pk for pk, _ in ranked]},
        )
    return get_offer_for_cart(offer_id=ranked[0][0])


# --- Money ------------------------------------------------------------------------


class PreTaxRates:
    """Every rate reads as zero: a cart's figures come before tax.

    A `pricing.taxes.TaxCalculator` for `get_cart_summary` without a
    destination; tax is worked out at checkout, where the address is known.
    """

    @classmethod
    def for_countries(cls, countries: Iterable[str]) -> "PreTaxRates":
        return cls()

    def rate_for(self, country: str, region: str, tax_class: str) -> Decimal:
        return Decimal(0)


def price_cart_lines(
    *, lines: Sequence[LineView], country: str | None = None, region: str = ""
) -> list[PricedLine]:
    """The sellable `lines` ready for pricing's functions: two queries (three
    with a `country`, whose tax rates it loads), none without lines.

    Without `country` every tax rate is zero (`PreTaxRates`).

    Raises:
        TaxRateNotConfigured: with `country`, a rate is missing there.
    """
    quantities = {
        line.line.offer_id: line.quantity for line in lines if line.is_sellable
    }
    if not quantities:
        return []
    return list_priced_lines(
        quantities=quantities,
        country=country or "",
        region=region,
        calculator=None if country else PreTaxRates(),
    )


def get_cart_summary(
    *,
    cart: Cart | None,
    lines: Sequence[LineView],
    country: str | None = None,
    region: str = "",
    shipping: ShippingCharge | None = None,
    customer: User | None = None,
    email: str = "",
) -> CartSummary:
    """The money of the sellable `lines` of `cart`, with its voucher.

    Without `country` the figures come before tax (`PreTaxRates`): the
    cart page shows subtotal and discount. Checkout passes the destination
    (and shipping) to get the tax-correct totals from the same lines.
    Unavailable lines count for nothing. Reads only.

    Raises:
        VoucherError: the cart's voucher no longer applies (its code says
            why); `services.read_cart` drops it then.
        TaxRateNotConfigured: with `country`, a rate is missing there.
    """
    currency = cart.currency if cart is not None else default_currency()
    priced = price_cart_lines(lines=lines, country=country, region=region)
    voucher = discount = None
    if cart is not None and cart.voucher_code:
        voucher = find_applicable_voucher(
            code=cart.voucher_code,
            lines=priced,
            currency=currency,
            customer=customer,
            email=email,
        )
        discount = compute_voucher_discount(
            voucher, priced, shipping.price if shipping else None
        )
    totals = compute_totals(
        lines=priced, currency=currency, shipping=shipping, discount=discount
    )
    return CartSummary(
        currency=currency,
        item_count=sum(line.quantity for line in priced),
        priced_lines=tuple(priced),
        totals=totals,
        voucher=voucher,
        discount=discount,
    )
