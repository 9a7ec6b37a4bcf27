"""The cart read: re-validation stored once, totals, the voucher, queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emporium.cart.constants import LineStatus, MessageCode
from emporium.cart.models import Cart, CartLine
from emporium.cart.selectors import get_cart_summary
from emporium.cart.services import apply_voucher, read_cart, remove_voucher
from emporium.cart.tests.factories import (
    CartFactory,
    CartLineFactory,
    hide,
    stocked_offer,
)
from emporium.catalog.models import Offer
from emporium.core.money import Money
from emporium.inventory.models import Stock
from emporium.pricing.errors import (
    TaxRateNotConfigured,
    VoucherMinimumNotMet,
    VoucherNotApplicable,
    VoucherNotFound,
)
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def test_reading_no_cart_gives_an_empty_cart_and_creates_none():
    view = read_cart(cart=None)

    assert view.is_empty
    assert view.summary.subtotal == eur("0")
    assert not Cart.objects.exists()


def test_a_read_adds_up_the_lines():
    cart = CartFactory()
    CartLineFactory(cart=cart, offer=stocked_offer("10.00"), quantity=2)
    CartLineFactory(cart=cart, offer=stocked_offer("2.50"), quantity=3)

    view = read_cart(cart=cart)

    assert [line.total for line in view.lines] == [eur("20.00"), eur("7.50")]
    assert (view.summary.item_count, view.summary.subtotal) == (5, eur("27.50"))
    assert view.messages == ()
    assert view.is_ready_for_checkout


def test_a_price_change_is_told_once_and_stored():
    line = CartLineFactory(offer=stocked_offer("12.00"), price_seen_amount="10.00")

    first = read_cart(cart=line.cart)
    second = read_cart(cart=line.cart)

    assert first.lines[0].status == LineStatus.PRICE_CHANGED
    assert first.lines[0].previous_unit_price == eur("10.00")
    assert [m.code for m in first.messages] == [MessageCode.PRICE_CHANGED]
    assert "from €10.00 to €12.00" in first.messages[0].text
    assert (second.lines[0].status, second.messages) == (LineStatus.OK, ())
    assert CartLine.objects.get(pk=line.pk).price_seen_amount == Decimal("12.00")


def test_a_quantity_above_the_stock_is_lowered_and_stored():
    line = CartLineFactory(offer=stocked_offer(stock=2), quantity=5)

    view = read_cart(cart=line.cart)

    assert view.lines[0].status == LineStatus.QUANTITY_REDUCED
    assert view.messages[0].text.startswith("Only 2 of ")
    assert CartLine.objects.get(pk=line.pk).quantity == 2
    assert read_cart(cart=line.cart).messages == ()


@pytest.mark.parametrize("how", ["inactive", "suspended", "archived", "sold_out"])
def test_an_unavailable_line_stays_but_counts_for_nothing(how):
    cart = CartFactory()
    kept = CartLineFactory(cart=cart, offer=stocked_offer("5.00"))
    gone = CartLineFactory(cart=cart, offer=stocked_offer("9.00"), quantity=2)
    if how == "sold_out":
        Stock.objects.filter(offer=gone.offer).update(quantity_on_hand=0)
    else:
        hide(gone.offer, how)

    view = read_cart(cart=cart)

    assert [line.status for line in view.lines] == [
        LineStatus.OK,
        LineStatus.UNAVAILABLE,
    ]
    assert view.summary.subtotal == eur("5.00")
    assert not view.is_ready_for_checkout
    assert [m.line_id for m in view.messages] == [gone.pk]
    assert read_cart(cart=cart).messages == ()
    assert CartLine.objects.get(pk=gone.pk).quantity == 2
    assert kept.pk in [line.id for line in view.lines]


def test_a_line_back_in_stock_is_told_and_counts_again():
    line = CartLineFactory(offer=stocked_offer(stock=0))
    read_cart(cart=line.cart)
    Stock.objects.filter(offer=line.offer).update(quantity_on_hand=4)

    view = read_cart(cart=line.cart)

    assert view.lines[0].status == LineStatus.OK
    assert [m.code for m in view.messages] == [MessageCode.AVAILABLE_AGAIN]
    assert view.summary.item_count == 1


def test_a_read_takes_the_same_number_of_queries_for_1_and_10_lines():
    """Bounded: lines, offers, option values, images, pricing, no per line."""

    def queries_for(count: int) -> int:
        cart = CartFactory(voucher_code=VoucherFactory().code)
        for _ in range(count):
            CartLineFactory(cart=cart, offer=stocked_offer(), quantity=1)
        read_cart(cart=cart)  # store the first read's changes, if any
        with CaptureQueriesContext(connection) as captured:
            read_cart(cart=cart)
        return len(captured)

    assert queries_for(1) == queries_for(10) <= 16


def test_a_read_that_changes_ten_lines_writes_them_in_one_query():
    def queries_for(count: int) -> int:
        cart = CartFactory()
        for _ in range(count):
            CartLineFactory(cart=cart, offer=stocked_offer(), price_seen_amount="1")
        with CaptureQueriesContext(connection) as captured:
            view = read_cart(cart=cart)
        assert len(view.messages) == count
        return len(captured)

    assert queries_for(1) == queries_for(10)


# --- Vouchers -------------------------------------------------------------------


def test_an_applied_voucher_takes_its_discount_off_the_total():
    line = CartLineFactory(offer=stocked_offer("20.00"), quantity=2)
    VoucherFactory(code="SAVE10", value=Decimal("10"))

    apply_voucher(cart=line.cart, code="save10")
    view = read_cart(cart=line.cart)

    assert Cart.objects.get(pk=line.cart_id).voucher_code == "SAVE10"
    assert view.summary.voucher.code == "SAVE10"
    assert (view.summary.discount_amount, view.summary.total) == (
        eur("4.00"),
        eur("36.00"),
    )


@pytest.mark.parametrize(
    ("code", "error"), [("NOPE", VoucherNotFound), ("MIN50", VoucherMinimumNotMet)]
)
def test_a_voucher_pricing_refuses_is_not_kept(code, error):
    line = CartLineFactory(offer=stocked_offer("20.00"))
    VoucherFactory(code="MIN50", min_subtotal_amount=Decimal("50"))

    with pytest.raises(error):
        apply_voucher(cart=line.cart, code=code)

    assert Cart.objects.get(pk=line.cart_id).voucher_code == ""


def test_a_voucher_on_no_cart_is_refused_without_creating_one():
    VoucherFactory(code="SAVE10")

    with pytest.raises(VoucherNotApplicable):
        apply_voucher(cart=None, code="SAVE10")

    assert not Cart.objects.exists()


def test_a_voucher_that_stops_applying_is_dropped_with_a_message_once():
    line = CartLineFactory(offer=stocked_offer("60.00"))
    VoucherFactory(code="MIN50", min_subtotal_amount=Decimal("50"))
    apply_voucher(cart=line.cart, code="MIN50")
    Offer.objects.filter(pk=line.offer_id).update(price_amount=Decimal("40.00"))

    view = read_cart(cart=line.cart)

    assert view.summary.voucher is None
    assert view.summary.discount_amount == eur("0")
    dropped = [m for m in view.messages if m.code == MessageCode.VOUCHER_REMOVED]
    assert dropped[0].text.startswith("The voucher MIN50 was removed: Spend €10.00")
    assert Cart.objects.get(pk=line.cart_id).voucher_code == ""
    assert read_cart(cart=line.cart).messages == ()


def test_remove_voucher_takes_it_off():
    cart = CartFactory(voucher_code="SAVE10")

    remove_voucher(cart=cart)

    assert Cart.objects.get(pk=cart.pk).voucher_code == ""


# --- The summary checkout reuses --------------------------------------------------


def test_the_summary_with_a_destination_adds_tax_as_pricing_computes_it():
    line = CartLineFactory(offer=stocked_offer("11.90"), quantity=1)
    TaxRateFactory(country="DE", rate=Decimal("19"))
    view = read_cart(cart=line.cart)

    summary = get_cart_summary(cart=line.cart, lines=view.lines, country="DE")

    assert (summary.totals.net, summary.totals.tax, summary.total) == (
        eur("10.00"),
        eur("1.90"),
        eur("11.90"),
    )


def test_the_summary_with_a_destination_without_rates_says_so():
    line = CartLineFactory(offer=stocked_offer())
    view = read_cart(cart=line.cart)

    with pytest.raises(TaxRateNotConfigured):
        get_cart_summary(cart=line.cart, lines=view.lines, country="FR")
