"""Placing an order: frozen figures, stock held, one order per key."""

import re
from dataclasses import replace
from decimal import Decimal
from unittest import mock

import pytest

from emporium.catalog.tests.factories import OfferFactory
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.inventory.constants import ReservationStatus
from emporium.inventory.errors import OutOfStock
from emporium.inventory.models import StockReservation
from emporium.orders.constants import (
    ORDER_PLACED,
    FulfilmentStatus,
    OrderEventType,
    OrderStatus,
)
from emporium.orders.errors import (
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
    InvalidOrderDraft,
)
from emporium.orders.models import Order
from emporium.orders.services import place_order
from emporium.orders.tests.factories import make_draft, place, stock_of, stocked_offer
from emporium.pricing.errors import VoucherUsageExhausted
from emporium.pricing.models import VoucherRedemption
from emporium.pricing.tests.factories import VoucherFactory
from emporium.pricing.vouchers import VoucherDiscount
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_place_order_freezes_the_priced_cart(buyer, offer):
    draft = make_draft([(offer, 2)], customer=buyer)

    order = place_order(draft=draft, idempotency_key="key-1", actor=buyer)

    assert re.fullmatch(r"EM-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}", order.number)
    assert order.status == OrderStatus.PENDING
    assert (order.customer, order.email) == (buyer, "ann@example.com")
    # 2 x 10.00 gross + 4.90 shipping, 19 % VAT included.
    assert order.subtotal == Money("20.00", "EUR")
    assert order.shipping == Money("4.90", "EUR")
    assert order.total == Money("24.90", "EUR")
    assert order.tax == draft.totals.tax
    assert order.shipping_address["city"] == "Berlin"
    assert order.billing_address == order.shipping_address
    (line,) = order.lines.all()
    assert (line.offer, line.quantity, line.sku) == (offer, 2, offer.sku)
    assert line.product_title == offer.variant.product.title
    assert (line.gross, line.tax) == (Money("20.00", "EUR"), Money("3.19", "EUR"))
    assert (line.unit_price_gross, line.unit_price_net) == (
        Money("10.00", "EUR"),
        Money("8.40", "EUR"),
    )
    assert line.commission_rate == offer.shop.commission_rate


def test_place_order_holds_the_stock_until_the_reservation_expires(buyer, offer):
    order = place([(offer, 3)], customer=buyer, reservation_minutes=15)

    assert stock_of(offer).quantity_reserved == 3
    reservation = StockReservation.objects.get(reference=order.number)
    assert reservation.status == ReservationStatus.ACTIVE
    assert reservation.expires_at == order.reservation_expires_at
    minutes = (order.reservation_expires_at - order.placed_at).total_seconds() / 60
    assert minutes == 15


def test_place_order_makes_one_fulfilment_per_shop(buyer):
    shop = ShopFactory()
    first, second = stocked_offer(shop=shop), stocked_offer(shop=shop)
    elsewhere = stocked_offer()

    order = place([(first, 1), (second, 1), (elsewhere, 1)], customer=buyer)

    fulfilments = list(order.fulfilments.all())
    assert {f.shop_id for f in fulfilments} == {shop.pk, elsewhere.shop_id}
    assert {f.status for f in fulfilments} == {FulfilmentStatus.PENDING}


def test_place_order_records_the_timeline_and_publishes_order_placed(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    (event,) = order.events.all()
    assert (event.type, event.actor, event.to_status) == (
        OrderEventType.PLACED,
        buyer,
        OrderStatus.PENDING,
    )
    published = OutboxEvent.objects.get(name=ORDER_PLACED)
    assert published.payload["number"] == order.number


def test_a_line_stays_as_agreed_when_the_offer_price_changes(buyer, offer):
    order = place([(offer, 1)], customer=buyer)

    offer.price_amount = Decimal("99.00")
    offer.save()

    assert order.lines.get().unit_price == Money("10.00", "EUR")


def test_the_same_key_twice_gives_the_same_order(buyer, offer):
    draft = make_draft([(offer, 2)], customer=buyer)

    first = place_order(draft=draft, idempotency_key="key-1", actor=buyer)
    second = place_order(draft=draft, idempotency_key="key-1", actor=buyer)

    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert stock_of(offer).quantity_reserved == 2


def test_the_same_key_for_another_cart_is_refused(buyer, offer):
    place_order(
        draft=make_draft([(offer, 1)], customer=buyer), idempotency_key="k", actor=buyer
    )

    with pytest.raises(IdempotencyKeyReused) as caught:
        place_order(
            draft=make_draft([(offer, 2)], customer=buyer),
            idempotency_key="k",
            actor=buyer,
        )

    assert (caught.value.code, caught.value.status_code) == (
        "idempotency_key_reused",
        409,
    )
    assert stock_of(offer).quantity_reserved == 1


def test_another_buyer_cannot_replay_a_key(buyer, other_buyer, offer):
    place_order(
        draft=make_draft([(offer, 1)], customer=buyer), idempotency_key="k", actor=buyer
    )

    with pytest.raises(IdempotencyKeyReused):
        place_order(
            draft=make_draft([(offer, 1)], customer=other_buyer),
            idempotency_key="k",
            actor=other_buyer,
        )


@pytest.mark.parametrize("key", ["", "   ", "x" * 101, "tab\tkey"])
def test_place_order_needs_a_sane_idempotency_key(buyer, offer, key):
    with pytest.raises(InvalidIdempotencyKey):
        place_order(
            draft=make_draft([(offer, 1)], customer=buyer),
            idempotency_key=key,
            actor=buyer,
        )

    assert not Order.objects.exists()


def test_place_order_refuses_what_is_out_of_stock_and_keeps_nothing(buyer, offer):
    scarce = stocked_offer(quantity=1)

    with pytest.raises(OutOfStock) as caught:
        place([(offer, 2), (scarce, 2)], customer=buyer)

    assert caught.value.extra["offers"] == [
        {"offer_id": scarce.pk, "requested": 2, "available": 1}
    ]
    assert not Order.objects.exists()
    assert stock_of(offer).quantity_reserved == 0


def test_place_order_refuses_an_offer_in_another_currency(buyer):
    dollars = OfferFactory(currency="USD")
    draft = make_draft([(stocked_offer(), 1)], customer=buyer)
    line = replace(draft.totals.lines[0], offer_id=dollars.pk)
    draft = replace(draft, totals=replace(draft.totals, lines=(line,)))

    with pytest.raises(InvalidOrderDraft) as caught:
        place_order(draft=draft, idempotency_key="k", actor=buyer)

    assert caught.value.extra == {"offer_ids": [dollars.pk]}
    assert not Order.objects.exists()


def test_place_order_redeems_the_voucher_under_the_order_number(buyer, offer):
    voucher = VoucherFactory(usage_limit=1)
    discount = _discount(voucher, offer, "2.00")

    order = place([(offer, 1)], customer=buyer, voucher=discount)

    assert order.voucher_code == voucher.code
    assert order.discount == Money("2.00", "EUR")
    assert VoucherRedemption.objects.get(voucher=voucher).order_ref == order.number


def test_a_used_up_voucher_places_no_order_and_holds_no_stock(buyer, offer):
    voucher = VoucherFactory(usage_limit=1, times_used=1)

    with pytest.raises(VoucherUsageExhausted):
        place([(offer, 1)], customer=buyer, voucher=_discount(voucher, offer, "2.00"))

    assert not Order.objects.exists()
    assert stock_of(offer).quantity_reserved == 0


def test_place_order_draws_another_number_after_a_collision(buyer, offer):
    taken = place([(offer, 1)], customer=buyer).number
    with mock.patch(
        "emporium.orders.services.placing.new_order_number",
        side_effect=[taken, "EM-NEW234"],
    ):
        order = place([(offer, 1)], customer=buyer)

    assert order.number == "EM-NEW234"


def _discount(voucher, offer, amount: str) -> VoucherDiscount:
    return VoucherDiscount(
        voucher_id=voucher.pk,
        code=voucher.code,
        lines_amount=Money(amount, "EUR"),
        shipping_amount=Money("0", "EUR"),
        offer_ids=frozenset({offer.pk}),
    )
