"""Placing freezes each shop's part of the shipping on its fulfilment.

The world of conftest: Standard costs 4.90 per parcel, free from 50.00.
"""

from decimal import Decimal

import pytest

from emporium.cart.tests.factories import CartFactory
from emporium.checkout.tests.conftest import fill
from emporium.checkout.tests.test_place import checkout
from emporium.orders.models import Fulfilment
from emporium.pricing.constants import VoucherKind
from emporium.pricing.tests.factories import VoucherFactory

pytestmark = pytest.mark.django_db


def _shipping_by_shop(order) -> dict[str, Decimal]:
    return {
        f.shop.slug: f.shipping_amount
        for f in Fulfilment.objects.filter(order=order).select_related("shop")
    }


@pytest.mark.parametrize(
    ("mugs", "voucher", "north", "south"),
    [
        (2, "", Decimal("4.90"), Decimal("4.90")),  # two parcels at 4.90
        (5, "", Decimal("0"), Decimal("4.90")),  # North's 60.00 ships free
        (2, "SHIPFREE", Decimal("0"), Decimal("0")),  # the voucher takes both
    ],
)
def test_each_shop_keeps_what_the_buyer_paid_for_its_parcel(
    world, mugs, voucher, north, south
):
    VoucherFactory(code="SHIPFREE", kind=VoucherKind.FREE_SHIPPING, value=0)
    cart = fill(CartFactory(voucher_code=voucher), (world.mug, mugs), (world.lamp, 1))

    order = checkout(cart, world).order

    assert _shipping_by_shop(order) == {"north": north, "south": south}
    paid_shipping = order.shipping_net_amount + order.shipping_tax_amount
    assert north + south == paid_shipping
