"""Reads of pricing: the price of an offer, cart lines ready to price, and
vouchers loaded once into `VoucherTerms`.

`unit_price()` is THE place a price is decided. Everything that shows or
charges a price (product pages, cart, checkout, API) asks it, so price
lists, quantity tiers or customer-group prices plug in here later and
nowhere else.
"""

from collections.abc import Mapping

from django.db.models import Q

from emporium.accounts.models import User, normalize_email
from emporium.catalog.errors import OfferNotFound
from emporium.catalog.models import Category, Offer
from emporium.core.money import Money
from emporium.pricing.errors import VoucherNotFound
from emporium.pricing.lines import PricedLine
from emporium.pricing.models import Voucher, VoucherRedemption
from emporium.pricing.taxes import TaxCalculator, get_tax_calculator
from emporium.pricing.vouchers import VoucherTerms, normalize_voucher_code


def unit_price(offer: Offer) -> Money:
    """The price of one unit of `offer`, as its shop entered it.

    Today the offer's own price. Gross or net follows the shop's
    `prices_include_tax`. The single place a price is decided (see module
    docstring): never read `offer.price` to charge or show a price.
    """
    return offer.price


def _ancestor_paths(path: str) -> list[str]:
    """Materialised paths of a category and all its ancestors."""
    step = Category.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def list_priced_lines(
    *,
    quantities: Mapping[int, int],
    country: str,
    region: str = "",
    calculator: TaxCalculator | None = None,
) -> list[PricedLine]:
    """Cart lines ready for `totals.compute_totals`, in `quantities` order.

    `quantities` maps offer id to quantity. Three queries (offers, their
    category ancestry, the tax rates for `country`), two when a loaded
    `calculator` is passed. Visibility and stock are the cart's business,
    not checked here.

    Raises:
        OfferNotFound: an offer id that does not exist.
        TaxRateNotConfigured: no rate for a product's tax class there.
    """
    offers = Offer.objects.select_related("shop", "variant__product__category").in_bulk(
        list(quantities)
    )
    missing = [offer_id for offer_id in quantities if offer_id not in offers]
    if missing:
        raise OfferNotFound("Offer not found.", extra={"offer_ids": missing})
    paths = {
        offer_id: _ancestor_paths(offer.variant.product.category.path)
        for offer_id, offer in offers.items()
    }
    all_paths = {path for chain in paths.values() for path in chain}
    category_ids = dict(
        Category.objects.filter(path__in=all_paths).values_list("path", "pk")
    )
    if calculator is None:
        calculator = get_tax_calculator(countries=[country])
    lines = []
    for offer_id, quantity in quantities.items():
        offer = offers[offer_id]
        product = offer.variant.product
        lines.append(
            PricedLine(
                offer_id=offer.pk,
                shop_id=offer.shop_id,
                product_id=product.pk,
                category_ids=frozenset(category_ids[p] for p in paths[offer_id]),
                unit_price=unit_price(offer),
                quantity=quantity,
                tax_rate=calculator.rate_for(country, region, product.tax_class),
                prices_include_tax=offer.shop.prices_include_tax,
            )
        )
    return lines


def get_voucher_terms(*, code: str) -> VoucherTerms:
    """A voucher and the ids of its scope, by code (any case): four queries.

    Raises:
        VoucherNotFound: no voucher has this code.
    """
    voucher = Voucher.objects.filter(code=normalize_voucher_code(code)).first()
    if voucher is None:
        raise VoucherNotFound("This voucher code does not exist.")
    return voucher_terms(voucher)


def voucher_terms(voucher: Voucher) -> VoucherTerms:
    """The terms of a loaded voucher, with its scope ids: three queries."""
    return VoucherTerms(
        voucher_id=voucher.pk,
        code=voucher.code,
        kind=voucher.kind,
        value=voucher.value,
        currency=voucher.currency,
        min_subtotal=voucher.min_subtotal,
        starts_at=voucher.starts_at,
        ends_at=voucher.ends_at,
        is_active=voucher.is_active,
        usage_limit=voucher.usage_limit,
        times_used=voucher.times_used,
        per_customer_limit=voucher.per_customer_limit,
        product_ids=_scope_ids(Voucher.products.through, voucher.pk, "product_id"),
        category_ids=_scope_ids(Voucher.categories.through, voucher.pk, "category_id"),
        shop_ids=_scope_ids(Voucher.shops.through, voucher.pk, "shop_id"),
    )


def _scope_ids(through, voucher_id: int, column: str) -> frozenset[int]:
    return frozenset(
        through.objects.filter(voucher_id=voucher_id).values_list(column, flat=True)
    )


def count_customer_redemptions(
    *, voucher_id: int, customer: User | None, email: str
) -> int:
    """How often this customer (account or email address) used the voucher.

    A signed-in customer's guest orders under the same email count too (the
    account's email stands in when none is given). No query when neither is
    known.
    """
    email = normalize_email(email or (customer.email if customer else ""))
    if customer is None and not email:
        return 0
    redemptions = VoucherRedemption.objects.filter(voucher_id=voucher_id)
    if customer is not None:
        redemptions = redemptions.filter(Q(customer=customer) | Q(email=email))
    else:
        redemptions = redemptions.filter(email=email)
    return redemptions.count()
