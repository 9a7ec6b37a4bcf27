"""Placing the order: the one path of the API and the storefront.

`place_checkout` re-reads the cart under its lock, refuses a cart that
changed, prices it for the shipping address, validates the shipping and
the voucher, places the order once per idempotency key
(`orders.place_order`), empties the cart and starts the payment.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.accounts.models import User, normalize_email
from emporium.cart.constants import LineStatus
from emporium.cart.models import Cart
from emporium.cart.services import clear_cart, read_cart
from emporium.cart.types import CartView, LineView
from emporium.checkout.errors import (
    CartChanged,
    CartEmpty,
    CartNotReady,
    EmailRequired,
    IdempotencyKeyRequired,
    ShippingMethodRequired,
)
from emporium.checkout.models import PlacedCheckout
from emporium.checkout.services.paying import latest_payment, pay_order
from emporium.checkout.services.summary import (
    check_country,
    parcel_request,
    price_sellable_lines,
)
from emporium.checkout.totals import combine_quotes, parcels_of, price_checkout
from emporium.checkout.types import (
    CheckoutResult,
    ShippingOption,
)
from emporium.core.errors import DomainError
from emporium.inventory.errors import OutOfStock
from emporium.orders.drafts import AddressSnapshot, OrderDraft, ParcelQuote
from emporium.orders.errors import IdempotencyKeyReused
from emporium.orders.models import Order
from emporium.orders.selectors import find_order_by_idempotency_key
from emporium.orders.services import place_order
from emporium.payments.cards import CardDetails, check_card
from emporium.payments.errors import InvalidCard
from emporium.payments.providers import provider_for_method
from emporium.pricing.lines import PricedLine
from emporium.pricing.services import find_applicable_voucher
from emporium.pricing.taxes import get_tax_calculator, shipping_tax_rate
from emporium.pricing.vouchers import VoucherTerms
from emporium.shipping.quotes import get_quote

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Order:
    """What the buyer asked for, as `place_checkout` received it."""

    customer: User | None
    email: str
    shipping_address: AddressSnapshot
    billing_address: AddressSnapshot | None
    shipping_method_id: int
    payment_method: str


def place_checkout(
    *,
    cart: Cart | None,
    customer: User | None,
    email: str,
    shipping_address: AddressSnapshot,
    billing_address: AddressSnapshot | None,
    shipping_method_id: int | None,
    payment_method: str,
    card: CardDetails | None,
    idempotency_key: str,
    return_url: str = "",
    actor: User | None = None,
    provider_payment_method: str = "",
) -> CheckoutResult:
    """Place the cart as an order and start paying it; once per key.

    Checks the key, the payment method and the card first (nothing is
    written for a typo). Then, holding the cart's row lock until the order
    commits: re-reads the cart, answers a key seen before with its order
    (when the same cart sends it: a replay starts no payment), refuses an
    empty or changed cart, prices it for the shipping address, validates
    the shipping method (`get_quote` per parcel) and the voucher again,
    places the order (`orders.place_order`) and empties the cart. Last,
    outside any transaction, `payments.start_payment`: a decline leaves
    the order awaiting payment (`result.payment.status` "failed"); a
    refusal of the payment service is `result.payment_error`.

    `return_url` is where 3-D Secure sends the buyer back ("{number}" is
    replaced by the order number); empty: this shop's return page.

    Raises:
        IdempotencyKeyRequired, EmailRequired, ShippingMethodRequired,
        InvalidCountry (400); PaymentMethodUnavailable (422), InvalidCard
        (400); CartEmpty (400); CartChanged, CartNotReady (409, the message
        says what changed); IdempotencyKeyReused (409: the key placed an
        order for another cart); ShippingMethodNotAvailable (422);
        VoucherError (422); TaxRateNotConfigured (422); OutOfStock (409).
    """
    key = _require_key(idempotency_key)
    card = _check_payment(payment_method, card)
    asked = _Order(
        customer=customer,
        email=_buyer_email(customer, email),
        shipping_address=shipping_address,
        billing_address=billing_address,
        shipping_method_id=_require_method(shipping_method_id),
        payment_method=payment_method,
    )
    check_country(shipping_address.country)
    with transaction.atomic():
        view = read_cart(cart=cart, customer=customer)  # locked until commit
        replay = _find_replay(key, view.cart, customer)
        refusal = None if replay else _refusal(view)
        order = None if replay or refusal else _place(view, asked, key, actor)
    if refusal is not None:
        raise refusal  # after commit: what the read found is stored, said once
    if replay is not None:
        return replay
    return _pay(order, payment_method, card, return_url, actor, provider_payment_method)


def _require_key(key: str | None) -> str:
    key = (key or "").strip()
    if not key:
        raise IdempotencyKeyRequired(
            "An idempotency key is required to place an order.",
            fields={"idempotency_key": ["Send a unique key per order attempt."]},
        )
    return key


def _require_method(method_id: int | None) -> int:
    if method_id is None:
        raise ShippingMethodRequired(
            "Choose a shipping method.",
            fields={"shipping_method": ["Choose a shipping method."]},
        )
    return method_id


def _buyer_email(customer: User | None, email: str) -> str:
    """A signed-in buyer's account email, else the guest's."""
    if customer is not None:
        return customer.email
    email = normalize_email(email or "")
    if not email:
        raise EmailRequired(
            "An email address is required for the order.",
            fields={"email": ["Enter your email address."]},
        )
    return email


def _check_payment(method: str, card: CardDetails | None) -> CardDetails | None:
    """The card, checked, when the method's provider takes one."""
    provider = provider_for_method(method)
    if provider.requires_card:
        return check_card(card, today=timezone.localdate())
    if card is not None:
        raise InvalidCard(
            "Card details go to the payment provider, never to this shop.",
            code="card_not_accepted",
        )
    return None


def _find_replay(
    key: str, cart: Cart | None, customer: User | None
) -> CheckoutResult | None:
    """The order this key placed, if the same cart and buyer sent it again."""
    order = find_order_by_idempotency_key(key)
    if order is None:
        return None
    record = PlacedCheckout.objects.filter(idempotency_key=key).first()
    customer_id = customer.pk if customer else None
    if (
        record is None
        or cart is None
        or (record.cart_id, record.customer_id) != (cart.pk, customer_id)
    ):
        raise IdempotencyKeyReused(
            "This idempotency key was already used for a different order."
        )
    return CheckoutResult(order=order, payment=latest_payment(order), is_replay=True)


def _refusal(view: CartView) -> DomainError | None:
    if view.is_empty:
        return CartEmpty("Your cart is empty.")
    if view.messages:
        said = " ".join(message.text for message in view.messages)
        short = _ran_short(view)
        if short is not None:
            # Other buyers took the stock since this buyer's last look: the
            # same answer as losing the race inside `place_order`.
            return OutOfStock(
                f"Some items ran out while you were checking out. {said}",
                extra={"offers": short},
            )
        return CartChanged(
            f"Your cart changed; please review it before placing the order. {said}",
            extra={"messages": [message.code for message in view.messages]},
        )
    if not view.is_ready_for_checkout:
        return CartNotReady("Remove the items that are no longer available.")
    return None


def _ran_short(view: CartView) -> list[dict] | None:
    """When stock is all that changed (lines reduced or sold out), each short
    offer with what was asked and what is left; else None."""
    changed = {message.line_id for message in view.messages}
    lines = [line for line in view.lines if line.id in changed]
    if None in changed or len(lines) != len(changed):
        return None  # a voucher or a merge message, not about stock
    if not all(_is_short(line) for line in lines):
        return None
    return [
        {
            "offer_id": line.line.offer_id,
            "requested": line.previous_quantity or line.quantity,
            "available": line.available_quantity or 0,
        }
        for line in lines
    ]


def _is_short(line: LineView) -> bool:
    if line.status == LineStatus.QUANTITY_REDUCED:
        return line.previous_unit_price is None  # and the price held
    return line.status == LineStatus.UNAVAILABLE and line.available_quantity == 0


def _place(view: CartView, asked: _Order, key: str, actor: User | None) -> Order:
    """Price the read cart for the address, place the order, empty the cart."""
    address = asked.shipping_address
    country, region = check_country(address.country), address.region
    calculator = get_tax_calculator(countries=[country])
    priced = price_sellable_lines(view, country, region, calculator)
    voucher = None
    if view.cart.voucher_code:
        voucher = find_applicable_voucher(
            code=view.cart.voucher_code,
            lines=priced,
            currency=view.cart.currency,
            customer=asked.customer,
            email=asked.email,
        )
    shipping, parcels = _chosen_shipping(view, priced, voucher, asked, country, region)
    totals, discount = price_checkout(
        lines=priced,
        currency=view.cart.currency,
        shipping=shipping,
        shipping_tax_rate=shipping_tax_rate(calculator, country, region),
        voucher=voucher,
    )
    draft = OrderDraft(
        email=asked.email,
        totals=totals,
        shipping_address=address,
        billing_address=asked.billing_address,
        customer=asked.customer,
        shipping_method_id=shipping.method_id,
        shipping_method_name=shipping.name,
        voucher=discount,
        payment_method=asked.payment_method,
        parcels=parcels,
    )
    order = place_order(draft=draft, idempotency_key=key, actor=actor)
    _remember(key, order, view.cart, asked.customer)
    clear_cart(cart=view.cart)
    return order


def _chosen_shipping(
    view: CartView,
    priced: list[PricedLine],
    voucher: VoucherTerms | None,
    asked: _Order,
    country: str,
    region: str,
) -> tuple[ShippingOption, tuple[ParcelQuote, ...]]:
    """The buyer's method, quoted for every parcel (`get_quote` refuses one
    that does not ship a parcel there), and each shop's quote (the order
    freezes each shop's part of the shipping from them)."""
    before_shipping, _ = price_checkout(
        lines=priced, currency=view.cart.currency, voucher=voucher
    )
    parcels = parcels_of(view.lines, before_shipping)
    quotes = [
        get_quote(asked.shipping_method_id, parcel_request(parcel, country, region))
        for parcel in parcels
    ]
    option = combine_quotes([[quote] for quote in quotes], view.cart.currency)[0]
    return option, tuple(
        ParcelQuote(shop_id=parcel.shop_id, price=quote.price)
        for parcel, quote in zip(parcels, quotes, strict=True)
    )


def _remember(key: str, order: Order, cart: Cart, customer: User | None) -> None:
    """Tie the key to the cart that placed the order (see models)."""
    try:
        with transaction.atomic():
            PlacedCheckout.objects.create(
                idempotency_key=key, order=order, cart_id=cart.pk, customer=customer
            )
    except IntegrityError:
        # Another cart with the very same request placed this order first.
        raise IdempotencyKeyReused(
            "This idempotency key was already used for a different order."
        ) from None


def _pay(
    order: Order,
    method: str,
    card: CardDetails | None,
    return_url: str,
    actor: User | None,
    provider_payment_method: str,
) -> CheckoutResult:
    try:
        payment = pay_order(
            order=order,
            payment_method=method,
            card=card,
            return_url=return_url,
            actor=actor,
            provider_payment_method=provider_payment_method,
        )
    except DomainError as exc:
        # The order is placed and stays so (awaiting payment); the buyer
        # retries paying it. Losing it to a payment refusal would be worse.
        logger.warning("payment of order %s not started: %s", order.number, exc.code)
        order.refresh_from_db()
        return CheckoutResult(order=order, payment=None, payment_error=exc)
    order.refresh_from_db()
    return CheckoutResult(order=order, payment=payment)
