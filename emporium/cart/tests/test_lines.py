"""Adding, changing and removing cart lines: the stock and quantity rules."""

from decimal import Decimal

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.cart.errors import (
    AmbiguousSku,
    CartLineNotFound,
    InsufficientStock,
    InvalidCartQuantity,
    OfferCurrencyMismatch,
    OutOfStock,
    SkuNotFound,
)
from emporium.cart.models import Cart, CartLine
from emporium.cart.services import add_line, remove_line, update_line_quantity
from emporium.cart.tests.factories import (
    CartFactory,
    CartLineFactory,
    hide,
    stocked_offer,
)
from emporium.catalog.errors import OfferNotFound
from emporium.catalog.tests.factories import OfferFactory
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_a_guests_first_add_creates_a_guest_cart_with_the_line():
    offer = stocked_offer("12.50")

    added = add_line(cart=None, user=None, offer_id=offer.pk, quantity=2)

    assert added.created_cart
    assert added.cart.is_guest
    line = CartLine.objects.get(cart=added.cart)
    assert (line.offer_id, line.quantity, line.price_seen) == (
        offer.pk,
        2,
        offer.price,
    )


def test_a_users_first_add_creates_their_cart():
    user = UserFactory()

    added = add_line(cart=None, user=user, offer_id=stocked_offer().pk, quantity=1)

    assert Cart.objects.get(user=user) == added.cart


def test_adding_an_offer_already_in_the_cart_adds_to_its_quantity():
    line = CartLineFactory(offer=stocked_offer(), quantity=2)

    add_line(cart=line.cart, user=None, offer_id=line.offer_id, quantity=3)

    assert CartLine.objects.get(pk=line.pk).quantity == 5
    assert line.cart.lines.count() == 1


def test_adding_again_records_the_price_the_buyer_sees_now():
    offer = stocked_offer("12.00")
    line = CartLineFactory(offer=offer, price_seen_amount=Decimal("10.00"))

    add_line(cart=line.cart, user=None, offer_id=offer.pk, quantity=1)

    assert CartLine.objects.get(pk=line.pk).price_seen_amount == Decimal("12.00")


@pytest.mark.parametrize("quantity", [0, -1, 1000, True, "2"])
def test_a_quantity_outside_1_to_999_is_refused(quantity):
    with pytest.raises(InvalidCartQuantity) as caught:
        add_line(cart=None, user=None, offer_id=stocked_offer().pk, quantity=quantity)

    assert caught.value.code == "invalid_quantity"
    assert not Cart.objects.exists()


def test_adding_past_999_in_total_is_refused():
    line = CartLineFactory(offer=stocked_offer(stock=5000), quantity=990)

    with pytest.raises(InvalidCartQuantity):
        add_line(cart=line.cart, user=None, offer_id=line.offer_id, quantity=10)


@pytest.mark.parametrize("how", ["inactive", "suspended", "archived"])
def test_an_offer_buyers_cannot_see_is_not_found(how):
    offer = stocked_offer()
    hide(offer, how)

    with pytest.raises(OfferNotFound):
        add_line(cart=None, user=None, offer_id=offer.pk, quantity=1)


def test_an_out_of_stock_offer_is_refused_and_no_cart_is_left_behind():
    offer = stocked_offer(stock=0)

    with pytest.raises(OutOfStock) as caught:
        add_line(cart=None, user=None, offer_id=offer.pk, quantity=1)

    assert caught.value.code == "out_of_stock"
    assert not Cart.objects.exists()


def test_more_than_available_is_refused_saying_how_many_there_are():
    line = CartLineFactory(offer=stocked_offer(stock=3), quantity=2)

    with pytest.raises(InsufficientStock) as caught:
        add_line(cart=line.cart, user=None, offer_id=line.offer_id, quantity=2)

    assert caught.value.code == "insufficient_stock"
    assert "Only 3 " in caught.value.message
    assert "(2 already in your cart)" in caught.value.message
    assert caught.value.extra == {"available": 3, "in_cart": 2}
    assert CartLine.objects.get(pk=line.pk).quantity == 2


def test_an_offer_on_backorder_can_be_added_past_its_stock():
    offer = stocked_offer(stock=0, backorder=True)

    added = add_line(cart=None, user=None, offer_id=offer.pk, quantity=20)

    assert added.line.quantity == 20


def test_an_offer_in_another_currency_than_the_cart_is_refused():
    offer = stocked_offer(currency="USD")

    with pytest.raises(OfferCurrencyMismatch) as caught:
        add_line(cart=CartFactory(), user=None, offer_id=offer.pk, quantity=1)

    assert caught.value.code == "offer_currency_mismatch"


# --- By SKU -----------------------------------------------------------------


def test_a_sku_adds_the_cheapest_in_stock_offer_of_that_variant():
    dear = stocked_offer("30.00", sku="MUG-1")
    cheap_but_sold_out = stocked_offer(
        "10.00", stock=0, sku="MUG-1", variant=dear.variant, shop=ShopFactory()
    )
    best = stocked_offer("20.00", sku="MUG-1", variant=dear.variant, shop=ShopFactory())

    added = add_line(cart=None, user=None, sku="MUG-1", quantity=1)

    assert added.line.offer_id == best.pk != cheap_but_sold_out.pk


def test_a_sku_of_different_products_in_two_shops_is_ambiguous():
    stocked_offer(sku="X-1")
    stocked_offer(sku="X-1")

    with pytest.raises(AmbiguousSku) as caught:
        add_line(cart=None, user=None, sku="X-1", quantity=1)

    assert caught.value.code == "ambiguous_sku"


def test_an_unknown_or_hidden_sku_is_not_found():
    stocked_offer(sku="HIDDEN", is_active=False)

    with pytest.raises(SkuNotFound):
        add_line(cart=None, user=None, sku="HIDDEN", quantity=1)


# --- Change and remove --------------------------------------------------------


def test_lowering_a_quantity_is_allowed_even_when_out_of_stock_now():
    line = CartLineFactory(offer=stocked_offer(stock=0), quantity=4)

    update_line_quantity(cart=line.cart, line_id=line.pk, quantity=1)

    assert CartLine.objects.get(pk=line.pk).quantity == 1


def test_raising_a_quantity_past_the_stock_is_refused():
    line = CartLineFactory(offer=stocked_offer(stock=3), quantity=1)

    with pytest.raises(InsufficientStock):
        update_line_quantity(cart=line.cart, line_id=line.pk, quantity=4)


def test_raising_the_quantity_of_an_offer_no_longer_sold_is_refused():
    line = CartLineFactory(offer=stocked_offer(is_active=False), quantity=1)

    with pytest.raises(OutOfStock):
        update_line_quantity(cart=line.cart, line_id=line.pk, quantity=2)


def test_a_quantity_of_zero_removes_the_line():
    line = CartLineFactory(offer=stocked_offer())

    assert update_line_quantity(cart=line.cart, line_id=line.pk, quantity=0) is None
    assert not CartLine.objects.filter(pk=line.pk).exists()


def test_remove_takes_the_line_out():
    line = CartLineFactory(offer=stocked_offer())

    remove_line(cart=line.cart, line_id=line.pk)

    assert not CartLine.objects.filter(pk=line.pk).exists()


def _update(cart, line_id):
    update_line_quantity(cart=cart, line_id=line_id, quantity=1)


def _remove(cart, line_id):
    remove_line(cart=cart, line_id=line_id)


@pytest.mark.parametrize("change", [_update, _remove])
def test_a_line_of_another_cart_is_not_found_and_stays(change):
    mine = CartFactory()
    theirs = CartLineFactory(offer=stocked_offer(), quantity=2)

    with pytest.raises(CartLineNotFound) as caught:
        change(mine, theirs.pk)

    assert caught.value.code == "cart_line_not_found"
    assert CartLine.objects.get(pk=theirs.pk).quantity == 2


def test_without_a_cart_every_line_is_not_found():
    line = CartLineFactory(offer=OfferFactory())

    with pytest.raises(CartLineNotFound):
        remove_line(cart=None, line_id=line.pk)
