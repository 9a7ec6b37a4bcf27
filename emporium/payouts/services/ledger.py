"""Writing the ledger from what orders tell: a paid order's sales and
commissions, a refund's clawback and the commission it gives back.

Every entry has a key that names what it records (`sale:<fulfilment>`,
`refund:<fulfilment>:<order refunded so far>` ...), unique in the table, so
an event delivered twice writes nothing the second time. The figures come
from the order's frozen lines and fulfilments (`earnings.py`), never from
other entries, so the order in which events arrive does not matter.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from emporium.core.money import Money, format_money
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order
from emporium.orders.selectors import Shipment, get_order, list_shipments
from emporium.payouts.constants import EntryKind
from emporium.payouts.earnings import (
    LineFigures,
    ShopEarnings,
    commission_returned,
    shop_earnings,
)
from emporium.payouts.models import LedgerEntry


@dataclass(frozen=True, slots=True)
class RefundPart:
    """One shop's part of a refund, as orders recorded it: the amount, and
    the shop's refunded total after it."""

    fulfilment_id: int
    amount: Money
    refunded: Money


def record_order_sales(*, order_id: int) -> list[LedgerEntry]:
    """Write each shop's sale (+) and commission (-) of a paid order.

    Idempotent: entries written before are not written again; returns the
    new ones. An order never paid (or gone) writes nothing.
    """
    order = _find_order(order_id)
    if order is None or order.paid_at is None:
        return []
    entries = []
    for shipment in list_shipments(order):
        earnings = earnings_of(order, shipment)
        fulfilment = shipment.fulfilment
        base = {"order": order, "fulfilment": fulfilment, "shop_id": fulfilment.shop_id}
        entries.append(
            _entry(
                **base,
                kind=EntryKind.SALE,
                amount=earnings.sale,
                key=f"sale:{fulfilment.pk}",
                description=f"Order {order.number}: items "
                f"{format_money(earnings.goods)} + shipping "
                f"{format_money(earnings.shipping)}",
            )
        )
        rates = sorted({str(line.commission_rate) for line in shipment.lines})
        entries.append(
            _entry(
                **base,
                kind=EntryKind.COMMISSION,
                amount=-earnings.commission,
                key=f"commission:{fulfilment.pk}",
                description=f"Commission on order {order.number} "
                f"({', '.join(rates)} % of the items' net)",
            )
        )
    return _append(entries)


def record_refund_clawback(
    *, order_id: int, refund_key: str, parts: Sequence[RefundPart]
) -> list[LedgerEntry]:
    """Claw a refund back from the shops (-) and give the commission on it
    back (+), for each shop's `parts` of it.

    `refund_key` names the refund within its order (the order's refunded
    total after it). Idempotent like `record_order_sales`.
    """
    order = _find_order(order_id)
    if order is None:
        return []
    shipments = {s.fulfilment.pk: s for s in list_shipments(order)}
    entries = []
    for part in parts:
        shipment = shipments.get(part.fulfilment_id)
        if shipment is None:
            continue
        fulfilment = shipment.fulfilment
        base = {"order": order, "fulfilment": fulfilment, "shop_id": fulfilment.shop_id}
        key = f"{fulfilment.pk}:{refund_key}"
        entries.append(
            _entry(
                **base,
                kind=EntryKind.REFUND,
                amount=-part.amount,
                key=f"refund:{key}",
                description=f"Refund on order {order.number}",
            )
        )
        returned = commission_returned(
            earnings_of(order, shipment),
            refunded_before=part.refunded - part.amount,
            refunded_after=part.refunded,
        )
        entries.append(
            _entry(
                **base,
                kind=EntryKind.COMMISSION_REFUND,
                amount=returned,
                key=f"commission_refund:{key}",
                description=f"Commission returned on the refund of order "
                f"{order.number}",
            )
        )
    return _append(entries)


def earnings_of(order: Order, shipment: Shipment) -> ShopEarnings:
    """A shop's earnings from its part of `order` (no query)."""
    return shop_earnings(
        (
            LineFigures(
                gross=line.gross, net=line.net, commission_rate=line.commission_rate
            )
            for line in shipment.lines
        ),
        shipping=Money(shipment.fulfilment.shipping_amount, order.currency),
    )


def _find_order(order_id: int) -> Order | None:
    try:
        return get_order(order_id=order_id)
    except OrderNotFound:
        return None


def _entry(*, amount: Money, **fields) -> LedgerEntry:
    return LedgerEntry(
        amount=amount.quantize().amount,
        currency=amount.currency,
        **{**fields, "description": fields["description"][:255]},
    )


def _append(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Insert the entries whose keys are new (zero amounts are left out)."""
    entries = [entry for entry in entries if entry.amount != 0]
    with transaction.atomic():
        known = set(
            LedgerEntry.objects.filter(
                key__in=[entry.key for entry in entries]
            ).values_list("key", flat=True)
        )
        new = [entry for entry in entries if entry.key not in known]
        try:
            with transaction.atomic():
                return LedgerEntry.objects.bulk_create(new)
        except IntegrityError:
            # A concurrent delivery of the same event wrote them first.
            if LedgerEntry.objects.filter(key__in=[e.key for e in new]).count() < len(
                new
            ):
                raise
            return []
