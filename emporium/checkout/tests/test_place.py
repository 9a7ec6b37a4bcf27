"""Placing an order through `place_checkout`: one path for API and storefront."""

from dataclasses import replace
from decimal import Decimal

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.cart.models import Cart, CartLine
from emporium.cart.tests.factories import CartFactory
from emporium.catalog.models import Offer
from emporium.checkout.errors import (
    CartChanged,
    CartEmpty,
    EmailRequired,
    IdempotencyKeyRequired,
    InvalidCountry,
    ShippingMethodRequired,
)
from emporium.checkout.services import pay_order, place_checkout, reorder
from emporium.checkout.tests.conftest import BERLIN, PARIS, fill
from emporium.core.money import Money
from emporium.inventory.errors import OutOfStock
from emporium.inventory.models import Stock
from emporium.orders.constants import OrderStatus
from emporium.orders.errors import IdempotencyKeyReused
from emporium.orders.models import Order
from emporium.payments.cards import CardDetails
from emporium.payments.constants import PaymentStatus
from emporium.payments.errors import InvalidCard, PaymentMethodUnavailable
from emporium.pricing.errors import VoucherCustomerLimitReached
from emporium.pricing.models import Voucher
from emporium.shipping.errors import ShippingMethodNotAvailable

pytestmark = pytest.mark.django_db

PAID = CardDetails("4242 4242 4242 4242", 12, 2034, "123")
DECLINED = CardDetails("4000 0000 0000 0002", 12, 2034, "123")


def checkout(cart, world, *, key="key-1", card=PAID, **changes):
    options = {
        "cart": cart,
        "customer": None,
        "email": "guest@example.com",
        "shipping_address": BERLIN,
        "billing_address": None,
        "shipping_method_id": world.standard.pk,
        "payment_method": "card",
        "card": card,
        "idempotency_key": key,
        "return_url": "",
        "actor": None,
        **changes,
    }
    return place_checkout(**options)


def test_a_guest_checkout_places_the_order_pays_it_and_empties_the_cart(
    world, full_cart
):
    result = checkout(full_cart, world)

    order = result.order
    assert order.status == OrderStatus.PAID
    assert (order.total, order.tax, order.discount, order.shipping) == (
        Money("58.40", "EUR"),
        Money("9.32", "EUR"),
        Money("5.40", "EUR"),
        Money("9.80", "EUR"),
    )
    assert order.email == "guest@example.com"
    assert (order.shipping_method_name, order.voucher_code) == ("Standard", "SAVE10")
    assert order.shipping_address["city"] == "Berlin"
    assert result.payment.status == PaymentStatus.SUCCEEDED
    assert not result.is_replay
    assert not CartLine.objects.filter(cart=full_cart).exists()
    assert Cart.objects.get(pk=full_cart.pk).voucher_code == ""
    assert Voucher.objects.get(code="SAVE10").times_used == 1
    assert Stock.objects.get(offer=world.mug).quantity_on_hand == 8


def test_the_same_key_from_the_same_cart_gives_the_order_back_once(world, full_cart):
    first = checkout(full_cart, world)

    again = checkout(full_cart, world)

    assert again.is_replay
    assert again.order.pk == first.order.pk
    assert again.payment.payment.pk == first.payment.payment.pk  # none new
    assert Order.objects.count() == 1


def test_the_key_of_another_cart_is_refused(world, full_cart):
    checkout(full_cart, world)
    other = fill(CartFactory(), (world.mug, 1))

    with pytest.raises(IdempotencyKeyReused) as caught:
        checkout(other, world)

    assert caught.value.code == "idempotency_key_reused"
    assert other.lines.count() == 1  # untouched
    assert Order.objects.count() == 1


def test_a_declined_card_leaves_the_order_awaiting_payment_then_a_retry_pays(
    world, full_cart
):
    result = checkout(full_cart, world, card=DECLINED)

    assert result.payment.status == PaymentStatus.FAILED
    assert result.payment.failure_code == "card_declined"
    assert result.order.status == OrderStatus.AWAITING_PAYMENT
    assert not full_cart.lines.exists()  # the order holds the items now

    retry = pay_order(order=result.order, payment_method="card", card=PAID)

    assert retry.status == PaymentStatus.SUCCEEDED
    assert Order.objects.get().status == OrderStatus.PAID


def test_an_item_sold_out_since_the_last_read_is_out_of_stock(world, full_cart):
    Stock.objects.filter(offer=world.lamp).update(quantity_on_hand=0)

    with pytest.raises(OutOfStock) as caught:
        checkout(full_cart, world)

    assert caught.value.code == "out_of_stock"
    assert "Lamp is sold out." in caught.value.message
    assert caught.value.extra["offers"] == [
        {"offer_id": world.lamp.pk, "requested": 1, "available": 0}
    ]
    assert not Order.objects.exists()


def test_a_quantity_cut_by_stock_is_out_of_stock_naming_what_is_left(world, full_cart):
    Stock.objects.filter(offer=world.mug).update(quantity_on_hand=1)

    with pytest.raises(OutOfStock) as caught:
        checkout(full_cart, world)

    assert caught.value.extra["offers"] == [
        {"offer_id": world.mug.pk, "requested": 2, "available": 1}
    ]


def test_stock_and_price_changed_together_is_a_changed_cart(world, full_cart):
    Stock.objects.filter(offer=world.lamp).update(quantity_on_hand=0)
    Offer.objects.filter(pk=world.mug.pk).update(price_amount=Decimal("13.00"))

    with pytest.raises(CartChanged):
        checkout(full_cart, world)


def test_a_changed_price_refuses_with_what_changed_and_the_next_try_passes(
    world, full_cart
):
    Offer.objects.filter(pk=world.mug.pk).update(price_amount=Decimal("13.00"))

    with pytest.raises(CartChanged) as caught:
        checkout(full_cart, world)

    assert caught.value.code == "cart_changed"
    assert "The price of Mug changed from €12.00 to €13.00." in caught.value.message
    assert not Order.objects.exists()
    # The read stored the new price: the buyer saw it, placing now works.
    assert checkout(full_cart, world).order.subtotal == Money("56.00", "EUR")


@pytest.mark.parametrize(
    ("changes", "error", "code"),
    [
        ({"idempotency_key": " "}, IdempotencyKeyRequired, "idempotency_key_required"),
        ({"email": ""}, EmailRequired, "email_required"),
        (
            {"shipping_method_id": None},
            ShippingMethodRequired,
            "shipping_method_required",
        ),
        ({"card": None}, InvalidCard, "invalid_card"),
        (
            {"card": CardDetails("4242 4242 4242 4241", 12, 2034, "1")},
            InvalidCard,
            "invalid_card",
        ),
        (
            {"payment_method": "bank_transfer", "card": None},
            PaymentMethodUnavailable,
            "payment_method_unavailable",
        ),
        ({"payment_method": "cash_on_delivery"}, InvalidCard, "card_not_accepted"),
        (
            {"shipping_address": replace(BERLIN, country="XX")},
            InvalidCountry,
            "invalid_country",
        ),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(
    world, full_cart, changes, error, code
):
    with pytest.raises(error) as caught:
        checkout(full_cart, world, **changes)

    assert caught.value.code == code
    assert not Order.objects.exists()
    assert full_cart.lines.count() == 2


def test_an_empty_cart_is_refused(world):
    with pytest.raises(CartEmpty):
        checkout(CartFactory(), world)
    with pytest.raises(CartEmpty):
        checkout(None, world)


def test_a_method_that_does_not_ship_a_parcel_is_refused(world, full_cart):
    with pytest.raises(ShippingMethodNotAvailable):
        checkout(full_cart, world, shipping_method_id=world.standard.pk + 100)


def test_the_order_is_taxed_for_the_shipping_address(world, full_cart):
    order = checkout(full_cart, world, shipping_address=PARIS).order

    assert order.tax == Money("9.73", "EUR")
    assert order.total == Money("58.40", "EUR")


def test_the_voucher_is_checked_again_with_the_guests_email(world, full_cart):
    Voucher.objects.filter(code="SAVE10").update(per_customer_limit=1)
    earlier = fill(CartFactory(voucher_code="SAVE10"), (world.lamp, 1))
    checkout(earlier, world, key="earlier")

    with pytest.raises(VoucherCustomerLimitReached):
        checkout(full_cart, world)

    assert Order.objects.count() == 1


def test_cash_on_delivery_leaves_the_order_awaiting_payment_with_instructions(
    world, full_cart
):
    result = checkout(full_cart, world, payment_method="cash_on_delivery", card=None)

    assert result.payment.status == PaymentStatus.PENDING
    assert result.payment.next_action["type"] == "instructions"
    assert result.order.status == OrderStatus.AWAITING_PAYMENT


def test_a_signed_in_buyer_orders_with_the_account_email(world):
    buyer = UserFactory(email="ann@example.com")
    cart = fill(CartFactory(user=buyer), (world.lamp, 1))

    order = checkout(
        cart, world, customer=buyer, email="other@example.com", actor=buyer
    ).order

    assert (order.customer_id, order.email) == (buyer.pk, "ann@example.com")


def test_reorder_adds_what_is_left_and_names_the_rest(world):
    buyer = UserFactory()
    cart = fill(CartFactory(user=buyer), (world.mug, 3), (world.lamp, 1))
    order = checkout(cart, world, customer=buyer, email="", actor=buyer).order
    Stock.objects.filter(offer=world.mug).update(quantity_on_hand=2)
    Offer.objects.filter(pk=world.lamp.pk).update(is_active=False)

    result = reorder(order=order, cart=Cart.objects.get(user=buyer), user=buyer)

    assert result.added == 1
    assert result.problems == (
        "Only 2 of Mug could be added.",
        "Lamp is no longer available.",
    )
    assert list(CartLine.objects.values_list("offer_id", "quantity")) == [
        (world.mug.pk, 2)
    ]
