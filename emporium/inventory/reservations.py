"""Stock reservations: units held for an order between placing and paying.

`reserve_stock` holds units for a reference (an order number) until
`commit_reservation` sells them (paid), `release_reservation` gives them
back (cancelled) or `release_expired_reservations` does so when the hold
ran out. `restock_reservation` puts sold units back on hand (a paid order
cancelled by staff). Every change of a stock row writes a `StockMovement`
and publishes `stock.changed`, like `services.adjust_stock`.

Locks: a function here locks a reference's reservation rows first, then the
stock rows in primary-key order (`SELECT ... FOR UPDATE`). Every caller
takes them in that order, so concurrent checkouts queue and never
deadlock; on PostgreSQL, when many buyers race for the last units, exactly
the available quantity is reserved and the others get `OutOfStock`.

The ledger of a reservation: a `reservation` movement has `delta` =
-quantity (units leaving the available quantity; on hand unchanged, so
`quantity_after` repeats it) and a `release` movement +quantity; a `sale`
(commit) has `delta` = -quantity of on hand, whose reserved part drops at
the same time, so the available quantity does not move twice. Hence
on hand = the sum of every delta except `reservation` and `release`.

Backorders: a line that on hand cannot cover is refused with `OutOfStock`
unless one of the offer's stock rows allows backorders. Then the rest is
recorded on that row's reservation as `quantity_backordered`: promised to
the buyer, sold with the order, but held nowhere in the stock row (the
check constraints keep on hand >= reserved >= 0 for every row). The shop
ships backordered units when goods arrive; until then the reservation rows
(`quantity_backordered`, committed) are the record of what is owed.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.inventory.constants import (
    STOCK_CHANGED,
    STOCK_RESERVATION_EXPIRED,
    MovementReason,
    ReservationStatus,
)
from emporium.inventory.errors import InvalidQuantity, OutOfStock, ReservationExists
from emporium.inventory.models import Stock, StockMovement, StockReservation
from emporium.inventory.services import (
    MAX_QUANTITY,
    adjust_stock,
    stock_changed_payload,
)

REFERENCE_MAX_LENGTH = 64
EXPIRED_REASON = "expired"


@dataclass(slots=True)
class Hold:
    """What one stock row gives to a reservation (a plan, nothing written)."""

    stock: Stock
    quantity: int
    backordered: int = 0


def reserve_stock(
    *,
    lines: Iterable[tuple[int, int]],
    reference: str,
    expires_at: datetime,
    actor: User | None,
) -> list[StockReservation]:
    """Hold stock for `lines` ((offer id, quantity) pairs) under `reference`.

    Locks the offers' stock rows in active warehouses in primary-key order
    for the rest of the caller's transaction, takes each line from the rows
    with the most available first, and either covers every line or
    changes nothing. Raises the reserved quantities, writes one
    `StockReservation` and one `reservation` movement per row used, and
    publishes `stock.changed` per row (delivered after commit).

    Raises:
        InvalidQuantity: a quantity that is not a whole number above zero,
            or no line, or an empty or too long reference.
        ReservationExists: `reference` already holds an active reservation.
        OutOfStock: some line cannot be covered; `extra["offers"]` lists
            each short offer as {offer_id, requested, available}.
    """
    wanted = _merge_lines(lines)
    if not reference or len(reference) > REFERENCE_MAX_LENGTH:
        raise InvalidQuantity("A reservation needs a reference of 1 to 64 characters.")
    with transaction.atomic():
        if StockReservation.objects.filter(
            reference=reference, status=ReservationStatus.ACTIVE
        ).exists():
            raise ReservationExists(
                f"Stock is already reserved for {reference}.",
                extra={"reference": reference},
            )
        stocks = list(
            Stock.objects.select_for_update(of=("self",))
            .filter(offer_id__in=list(wanted), warehouse__is_active=True)
            .order_by("pk")
        )
        holds = plan_holds(wanted, stocks)
        return [
            _hold(hold, reference=reference, expires_at=expires_at, actor=actor)
            for hold in holds
        ]


def _merge_lines(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    wanted: dict[int, int] = defaultdict(int)
    for offer_id, quantity in lines:
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise InvalidQuantity("A quantity must be a whole number.")
        if not 0 < quantity <= MAX_QUANTITY:
            raise InvalidQuantity("A quantity must be at least 1.")
        wanted[offer_id] += quantity
    if not wanted:
        raise InvalidQuantity("Nothing to reserve.")
    return dict(wanted)


def plan_holds(wanted: Mapping[int, int], stocks: Sequence[Stock]) -> list[Hold]:
    """Which rows give how much: the most available first; pure.

    A shortfall goes to the offer's backorder-allowed row with the most
    available, as backordered units; without one the offer is short.

    Raises:
        OutOfStock: naming every short offer, not just the first.
    """
    rows_of: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        rows_of[stock.offer_id].append(stock)
    holds: list[Hold] = []
    short = []
    for offer_id, quantity in wanted.items():
        rows = sorted(rows_of[offer_id], key=lambda s: (-s.quantity_available, s.pk))
        offer_holds, remaining = _take(rows, quantity)
        if remaining:
            backorder_row = next((row for row in rows if row.backorder_allowed), None)
            if backorder_row is None:
                short.append(
                    {
                        "offer_id": offer_id,
                        "requested": quantity,
                        "available": quantity - remaining,
                    }
                )
                continue
            _add_backorder(offer_holds, backorder_row, remaining)
        holds.extend(offer_holds)
    if short:
        raise OutOfStock(
            "Some items are not available in the quantity requested.",
            extra={"offers": short},
        )
    return sorted(holds, key=lambda hold: hold.stock.pk)


def _take(rows: list[Stock], quantity: int) -> tuple[list[Hold], int]:
    holds, remaining = [], quantity
    for row in rows:
        take = min(max(row.quantity_available, 0), remaining)
        if take:
            holds.append(Hold(stock=row, quantity=take))
            remaining -= take
        if not remaining:
            break
    return holds, remaining


def _add_backorder(holds: list[Hold], row: Stock, quantity: int) -> None:
    for hold in holds:
        if hold.stock.pk == row.pk:
            hold.backordered += quantity
            return
    holds.append(Hold(stock=row, quantity=0, backordered=quantity))


def _hold(
    hold: Hold, *, reference: str, expires_at: datetime, actor: User | None
) -> StockReservation:
    stock = hold.stock
    if hold.quantity:
        stock.quantity_reserved += hold.quantity
        stock.save(update_fields=["quantity_reserved", "updated_at"])
        _record(stock, -hold.quantity, MovementReason.RESERVATION, actor, reference)
    return StockReservation.objects.create(
        stock=stock,
        reference=reference,
        quantity=hold.quantity,
        quantity_backordered=hold.backordered,
        expires_at=expires_at,
    )


def _record(
    stock: Stock, delta: int, reason: MovementReason, actor: User | None, note: str
) -> None:
    """Write the ledger row and publish `stock.changed` (as `adjust_stock`)."""
    StockMovement.objects.create(
        stock=stock,
        delta=delta,
        reason=reason,
        actor=actor,
        note=note[:255],
        quantity_after=stock.quantity_on_hand,
    )
    # A sale takes its units from on hand and reserved at once, so the
    # available quantity stays; a reservation or release moves it by delta.
    moved = 0 if reason is MovementReason.SALE else delta
    publish(
        STOCK_CHANGED,
        stock_changed_payload(
            stock,
            delta=delta,
            reason=reason,
            available_before=stock.quantity_available - moved,
        ),
    )


# --- Closing a reservation ---------------------------------------------------


def commit_reservation(
    *, reference: str, actor: User | None = None
) -> list[StockReservation]:
    """Sell what `reference` holds: on hand and reserved both drop.

    For a paid order. Locks the reservation rows, then their stock rows in
    primary-key order; writes a `sale` movement per row. Idempotent: with
    no active reservation (already committed, or released) it changes
    nothing and returns an empty list, which tells the caller that nothing
    is held any more.
    """
    with transaction.atomic():
        reservations = _lock_active(reference)
        if not reservations:
            return []
        stocks = _lock_stocks(reservations)
        for reservation in reservations:
            if not reservation.quantity:
                continue
            stock = stocks[reservation.stock_id]
            stock.quantity_on_hand -= reservation.quantity
            stock.quantity_reserved -= reservation.quantity
            stock.save(
                update_fields=["quantity_on_hand", "quantity_reserved", "updated_at"]
            )
            _record(stock, -reservation.quantity, MovementReason.SALE, actor, reference)
        _close(reservations, ReservationStatus.COMMITTED)
    return reservations


def release_reservation(
    *, reference: str, reason: str = "", actor: User | None = None
) -> list[StockReservation]:
    """Give back what `reference` holds (a cancelled order): reserved drops.

    Locks like `commit_reservation`; writes a `release` movement per row
    (note: the reference and `reason`). Idempotent: nothing active, nothing
    changes (an empty list).
    """
    with transaction.atomic():
        return _release(reference, reason=reason, actor=actor)


def _release(
    reference: str,
    *,
    reason: str,
    actor: User | None,
    expired_by: datetime | None = None,
) -> list[StockReservation]:
    reservations = _lock_active(reference, expired_by=expired_by)
    if not reservations:
        return []
    stocks = _lock_stocks(reservations)
    note = f"{reference}: {reason}" if reason else reference
    for reservation in reservations:
        if not reservation.quantity:
            continue
        stock = stocks[reservation.stock_id]
        stock.quantity_reserved -= reservation.quantity
        stock.save(update_fields=["quantity_reserved", "updated_at"])
        _record(stock, reservation.quantity, MovementReason.RELEASE, actor, note)
    _close(reservations, ReservationStatus.RELEASED)
    return reservations


def restock_reservation(
    *, reference: str, actor: User | None, note: str = ""
) -> list[StockReservation]:
    """Put units sold under `reference` back on hand (a paid order cancelled).

    Each committed reservation's quantity goes back through `adjust_stock`
    (a `return` movement); backordered units were never on hand and are
    just dropped. Idempotent: a reference with nothing committed changes
    nothing.
    """
    with transaction.atomic():
        reservations = list(
            StockReservation.objects.select_for_update()
            .filter(reference=reference, status=ReservationStatus.COMMITTED)
            .order_by("stock_id")
        )
        for reservation in reservations:
            if reservation.quantity:
                adjust_stock(
                    stock_id=reservation.stock_id,
                    delta=reservation.quantity,
                    reason=MovementReason.RETURN,
                    actor=actor,
                    note=(note or reference)[:255],
                )
        _close(reservations, ReservationStatus.RETURNED)
    return reservations


def extend_reservation(*, reference: str, expires_at: datetime) -> int:
    """Hold `reference`'s active reservation until `expires_at` (a slow
    payment method); returns the number of rows changed."""
    return StockReservation.objects.filter(
        reference=reference, status=ReservationStatus.ACTIVE
    ).update(expires_at=expires_at)


def release_expired_reservations(
    *, now: datetime | None = None, limit: int = 500
) -> int:
    """Release every active reservation that expired at or before `now`.

    One transaction per reference, so one failure does not hold back the
    rest; publishes `stock.reservation_expired` ({reference, expired_by:
    `now`}) for each, so the order that held it can be cancelled. Returns the number of
    references released. Safe to run concurrently and repeatedly.
    """
    now = now or timezone.now()
    references = list(
        StockReservation.objects.filter(
            status=ReservationStatus.ACTIVE, expires_at__lte=now
        )
        .order_by()
        .values_list("reference", flat=True)
        .distinct()[:limit]
    )
    released = 0
    for reference in references:
        with transaction.atomic():
            closed = _release(
                reference, reason=EXPIRED_REASON, actor=None, expired_by=now
            )
            if closed:
                publish(
                    STOCK_RESERVATION_EXPIRED,
                    {"reference": reference, "expired_by": now.isoformat()},
                )
                released += 1
    return released


def _lock_active(
    reference: str, *, expired_by: datetime | None = None
) -> list[StockReservation]:
    reservations = StockReservation.objects.select_for_update().filter(
        reference=reference, status=ReservationStatus.ACTIVE
    )
    if expired_by is not None:
        reservations = reservations.filter(expires_at__lte=expired_by)
    return list(reservations.order_by("stock_id"))


def _lock_stocks(reservations: Sequence[StockReservation]) -> dict[int, Stock]:
    ids = sorted({reservation.stock_id for reservation in reservations})
    return {
        stock.pk: stock
        for stock in Stock.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }


def _close(reservations: Sequence[StockReservation], status: ReservationStatus) -> None:
    now = timezone.now()
    StockReservation.objects.filter(pk__in=[r.pk for r in reservations]).update(
        status=status, closed_at=now
    )
    for reservation in reservations:
        reservation.status = status
        reservation.closed_at = now
