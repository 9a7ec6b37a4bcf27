"""The summary before committing: hand-computed totals, options, queries.

Figures of `full_cart` are worked out in conftest.py.
"""

from decimal import Decimal

import pytest

from emporium.cart.tests.factories import CartFactory
from emporium.checkout.errors import InvalidCountry
from emporium.checkout.services import list_shipping_options, summarize_checkout
from emporium.checkout.tests.conftest import fill, stocked
from emporium.core.money import Money
from emporium.pricing.constants import VoucherKind
from emporium.pricing.errors import TaxRateNotConfigured
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


@pytest.mark.parametrize(
    ("country", "tax", "lines_tax"),
    [
        # 3.45 + 4.31 + 1.56 (see conftest.py).
        ("DE", "9.32", ["3.45", "4.31"]),
        # 21.60 * 20 / 120 = 3.60, 27.00 / 6 = 4.50, 9.80 / 6 = 1.6333 -> 1.63.
        ("FR", "9.73", ["3.60", "4.50"]),
    ],
)
def test_the_summary_taxes_the_discounted_lines_and_shipping_for_the_destination(
    world, full_cart, country, tax, lines_tax
):
    summary = summarize_checkout(
        cart=full_cart,
        customer=None,
        country=country,
        shipping_method_id=world.standard.pk,
    )

    totals = summary.totals
    assert totals.subtotal == eur("54.00")
    assert totals.discount == eur("5.40")
    assert totals.shipping == eur("9.80")
    assert totals.tax == eur(tax)
    assert totals.total == eur("58.40")
    assert [line.total.tax for line in summary.lines] == [eur(t) for t in lines_tax]
    assert [line.total.discount for line in summary.lines] == [
        eur("2.40"),
        eur("3.00"),
    ]
    assert summary.shipping.name == "Standard"
    assert summary.can_place


def test_the_options_are_priced_per_parcel_after_the_voucher(world, full_cart):
    summary = summarize_checkout(cart=full_cart, customer=None, country="DE")

    assert [(o.name, o.price, o.parcels) for o in summary.options] == [
        ("Standard", eur("9.80"), 2),
        ("Express", eur("19.80"), 2),
    ]
    # No method chosen yet: no shipping in the figures, nothing to place.
    assert summary.shipping is None
    assert summary.totals.total == eur("48.60")
    assert not summary.can_place


def test_a_parcel_at_the_threshold_ships_free(world):
    # North's parcel: 5 x 12.00 = 60.00 >= 50.00, free; South's: 4.90.
    cart = fill(CartFactory(), (world.mug, 5), (world.lamp, 1))

    options = list_shipping_options(cart=cart, customer=None, country="de")

    standard = options[0]
    assert (standard.price, standard.is_free) == (eur("4.90"), False)


def test_a_free_shipping_voucher_takes_the_chosen_shipping_off(world):
    VoucherFactory(code="SHIPFREE", kind=VoucherKind.FREE_SHIPPING, value=0)
    cart = fill(CartFactory(voucher_code="SHIPFREE"), (world.lamp, 1))

    summary = summarize_checkout(
        cart=cart, customer=None, country="DE", shipping_method_id=world.express.pk
    )

    assert summary.totals.shipping == eur("9.90")
    assert summary.totals.discount == eur("9.90")
    assert summary.totals.total == eur("30.00")
    assert summary.totals.tax == eur("4.79")  # 30.00 * 19 / 119 = 4.7899


def test_without_a_country_the_summary_is_the_cart_before_tax(world, full_cart):
    summary = summarize_checkout(cart=full_cart, customer=None)

    assert (summary.country, summary.options, summary.shipping) == ("", (), None)
    assert summary.totals.tax == eur("0.00")
    assert summary.totals.total == eur("48.60")


def test_a_method_that_does_not_ship_there_is_not_chosen(world, full_cart):
    # Austria has a tax rate but no shipping zone: nothing ships there.
    TaxRateFactory(country="AT", rate=Decimal("20"))
    summary = summarize_checkout(
        cart=full_cart,
        customer=None,
        country="AT",
        shipping_method_id=world.standard.pk,
    )

    assert (summary.options, summary.shipping) == ((), None)


def test_an_unknown_country_is_refused(world, full_cart):
    with pytest.raises(InvalidCountry) as caught:
        summarize_checkout(cart=full_cart, customer=None, country="XX")
    assert caught.value.code == "invalid_country"
    with pytest.raises(InvalidCountry):
        list_shipping_options(cart=full_cart, customer=None, country="Germany")


def test_a_destination_without_a_tax_rate_is_refused(world, full_cart):
    with pytest.raises(TaxRateNotConfigured):
        summarize_checkout(cart=full_cart, customer=None, country="CH")


def test_an_empty_cart_has_no_shipping_options(world):
    assert list_shipping_options(cart=None, customer=None, country="DE") == []


@pytest.mark.parametrize("shops", [1, 3])
def test_the_summary_runs_a_bounded_number_of_queries(
    world, django_assert_max_num_queries, shops
):
    cart = CartFactory(voucher_code="SAVE10")
    offers = [world.mug, world.lamp][:shops]
    offers += [
        stocked(ShopFactory(), f"Extra {i}", "5.00", 5, 100)
        for i in range(shops - len(offers))
    ]
    fill(cart, *[(offer, 1) for offer in offers])
    for offer in offers:  # more lines of the same shops cost nothing more
        fill(cart, (stocked(offer.shop, "More", "1.00", 5, 10), 2))

    # The read of the cart (13 with a voucher and its savepoint, whatever
    # its size), the tax rates and priced lines (3), then 3 queries per shop
    # for the quotes (zones, methods, brackets).
    with django_assert_max_num_queries(16 + 3 * shops):
        summary = summarize_checkout(
            cart=cart,
            customer=None,
            country="DE",
            shipping_method_id=world.standard.pk,
        )

    assert len(summary.lines) == 2 * shops
