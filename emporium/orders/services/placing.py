"""Placing an order: a priced draft becomes an order, once per key.

The one writer of new orders. Checkout (storefront form and API) calls
`place_order` with the draft it priced and the buyer's idempotency key.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.accounts.models import User, normalize_email
from emporium.catalog.models import Offer
from emporium.core.events import publish
from emporium.inventory.reservations import reserve_stock
from emporium.orders.constants import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    ORDER_NUMBER_ATTEMPTS,
    ORDER_PLACED,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.drafts import OrderDraft, draft_fingerprint, shipping_per_shop
from emporium.orders.errors import (
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
    InvalidOrderDraft,
)
from emporium.orders.models import Fulfilment, Order, OrderLine
from emporium.orders.numbers import new_order_number
from emporium.orders.timeline import record_order_event
from emporium.pricing.services import redeem_voucher
from emporium.pricing.taxes import tax_amount


class _KeyTaken(Exception):
    """Another request placed an order with this key first."""

    def __init__(self, order: Order):
        super().__init__(order.number)
        self.order = order


def place_order(
    *, draft: OrderDraft, idempotency_key: str, actor: User | None
) -> Order:
    """Place the order `draft` describes; the same key always gives one order.

    In one transaction: claims the key by inserting the order row first (a
    concurrent request with the same key waits on the unique index, then
    gets the first order), reserves the stock (`inventory.reserve_stock`,
    row locks in primary-key order) until the reservation expires, writes
    the frozen lines and one fulfilment per shop (with the shop's part of
    the shipping, `drafts.shipping_per_shop`), redeems the voucher,
    records the timeline and publishes `order.placed` (emails after
    commit). Any refusal rolls all of it back: no order, no stock held.

    Raises:
        InvalidIdempotencyKey: an empty or too long key.
        IdempotencyKeyReused: the key placed an order for another cart
            (another buyer, items, address, shipping, voucher or payment).
        InvalidOrderDraft: no line, no email, an offer that no longer
            exists or is in another currency, or parcel quotes that are not
            one per shop of the order.
        OutOfStock: some line cannot be covered (inventory, 409).
        VoucherError: the voucher was used up meanwhile (pricing, 422).
    """
    key = _check_key(idempotency_key)
    fingerprint = draft_fingerprint(draft)
    earlier = Order.objects.filter(idempotency_key=key).first()
    if earlier is not None:
        return _replay(earlier, fingerprint)
    offers = _load_offers(draft)
    try:
        with transaction.atomic():
            order = _claim(draft, key=key, fingerprint=fingerprint)
            _reserve(order, draft, actor)
            _write_lines(order, draft, offers)
            _write_fulfilments(order, draft, offers)
            if draft.voucher is not None:
                redeem_voucher(
                    voucher_id=draft.voucher.voucher_id,
                    customer=draft.customer,
                    email=order.email,
                    order_ref=order.number,
                )
            _record_placed(order, actor)
    except _KeyTaken as taken:
        return _replay(taken.order, fingerprint)
    return order


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise InvalidIdempotencyKey(
            f"An idempotency key of 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} printable "
            "characters is required.",
            fields={"idempotency_key": ["Send a unique key per order attempt."]},
        )
    return key


def _replay(order: Order, fingerprint: str) -> Order:
    if order.draft_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "This idempotency key was already used for a different order.",
        )
    return order


def _load_offers(draft: OrderDraft) -> dict[int, Offer]:
    if not draft.totals.lines:
        raise InvalidOrderDraft("An order needs at least one line.")
    if not normalize_email(draft.email):
        raise InvalidOrderDraft("An order needs an email address.")
    ids = [line.offer_id for line in draft.totals.lines]
    offers = Offer.objects.select_related("variant__product", "shop").in_bulk(ids)
    wrong = [i for i in ids if i not in offers or offers[i].currency != draft.currency]
    if wrong:
        raise InvalidOrderDraft(
            f"These offers cannot be sold in {draft.currency}.",
            extra={"offer_ids": wrong},
        )
    _check_parcels(draft, _shop_ids(draft, offers))
    return offers


def _shop_ids(draft: OrderDraft, offers: dict[int, Offer]) -> list[int]:
    """The draft's shops, in the order their first lines appear."""
    return list(
        dict.fromkeys(offers[line.offer_id].shop_id for line in draft.totals.lines)
    )


def _check_parcels(draft: OrderDraft, shop_ids: list[int]) -> None:
    if not draft.parcels:
        return
    quoted = [parcel.shop_id for parcel in draft.parcels]
    currencies = {parcel.price.currency for parcel in draft.parcels}
    if sorted(quoted) != sorted(shop_ids) or currencies != {draft.currency}:
        raise InvalidOrderDraft(
            "The shipping quotes do not match the shops of the order.",
            extra={"shops": shop_ids, "quoted": quoted},
        )


def _claim(draft: OrderDraft, *, key: str, fingerprint: str) -> Order:
    """Insert the order row under a fresh number; retry a number collision.

    Raises:
        _KeyTaken: a committed order already has this key.
    """
    totals = draft.totals
    minutes = draft.reservation_minutes or settings.STOCK_RESERVATION_MINUTES
    now = timezone.now()
    fields = {
        "customer": draft.customer,
        "email": normalize_email(draft.email),
        "status": OrderStatus.PENDING,
        "currency": draft.currency,
        "subtotal_amount": totals.subtotal.amount,
        "discount_amount": totals.discount.amount,
        "shipping_amount": totals.shipping.amount,
        "shipping_net_amount": totals.shipping_taxed.net.amount,
        "shipping_tax_amount": totals.shipping_taxed.tax.amount,
        "net_amount": totals.net.amount,
        "tax_amount": totals.tax.amount,
        "total_amount": totals.total.amount,
        "shipping_address": draft.shipping_address.as_dict(),
        "billing_address": draft.billing.as_dict(),
        "shipping_method_id": draft.shipping_method_id,
        "shipping_method_name": draft.shipping_method_name,
        "voucher_code": draft.voucher.code if draft.voucher else "",
        "payment_method": draft.payment_method,
        "idempotency_key": key,
        "draft_fingerprint": fingerprint,
        "reservation_expires_at": now + timedelta(minutes=minutes),
        "placed_at": now,
    }
    for _ in range(ORDER_NUMBER_ATTEMPTS):
        number = new_order_number()
        try:
            with transaction.atomic():
                return Order.objects.create(number=number, **fields)
        except IntegrityError:
            winner = Order.objects.filter(idempotency_key=key).first()
            if winner is not None:
                raise _KeyTaken(winner) from None
            if not Order.objects.filter(number=number).exists():
                raise
    raise IntegrityError(f"no free order number after {ORDER_NUMBER_ATTEMPTS} tries")


def _reserve(order: Order, draft: OrderDraft, actor: User | None) -> None:
    reserve_stock(
        lines=[(line.offer_id, line.quantity) for line in draft.totals.lines],
        reference=order.number,
        expires_at=order.reservation_expires_at,
        actor=actor,
    )


def _write_lines(order: Order, draft: OrderDraft, offers: dict[int, Offer]) -> None:
    rows = []
    for line in draft.totals.lines:
        offer = offers[line.offer_id]
        inclusive = offer.shop.prices_include_tax
        unit = tax_amount(line.unit_price, line.tax_rate, prices_include_tax=inclusive)
        rows.append(
            OrderLine(
                order=order,
                offer=offer,
                shop_id=offer.shop_id,
                product_title=offer.variant.product.title,
                variant_name=offer.variant.name,
                sku=offer.sku,
                quantity=line.quantity,
                currency=order.currency,
                prices_include_tax=inclusive,
                unit_price_amount=line.unit_price.amount,
                unit_price_net_amount=unit.net.amount,
                unit_price_gross_amount=unit.gross.amount,
                tax_rate=line.tax_rate,
                amount=line.amount.amount,
                discount_amount=line.discount.amount,
                net_amount=line.net.amount,
                tax_amount=line.tax.amount,
                gross_amount=line.gross.amount,
                commission_rate=offer.shop.commission_rate,
            )
        )
    OrderLine.objects.bulk_create(rows)


def _write_fulfilments(
    order: Order, draft: OrderDraft, offers: dict[int, Offer]
) -> None:
    shipping = shipping_per_shop(draft, _shop_ids(draft, offers))
    Fulfilment.objects.bulk_create(
        Fulfilment(order=order, shop_id=shop_id, shipping_amount=charge.amount)
        for shop_id, charge in shipping.items()
    )


def _record_placed(order: Order, actor: User | None) -> None:
    record_order_event(
        order_id=order.pk,
        type=OrderEventType.PLACED,
        actor=actor,
        to_status=order.status,
    )
    publish(
        ORDER_PLACED,
        {
            "order_id": order.pk,
            "number": order.number,
            "customer_id": str(order.customer_id) if order.customer_id else None,
            "email": order.email,
            "total": str(order.total.quantize().amount),
            "currency": order.currency,
        },
    )
