"""Reads: the unit price, cart lines loaded in fixed queries, voucher terms."""

from decimal import Decimal

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import TaxClass
from emporium.catalog.errors import OfferNotFound
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.core.money import Money
from emporium.pricing.errors import TaxRateNotConfigured, VoucherNotFound
from emporium.pricing.models import VoucherRedemption
from emporium.pricing.selectors import (
    count_customer_redemptions,
    get_voucher_terms,
    list_priced_lines,
    unit_price,
)
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_unit_price_is_the_offers_price():
    offer = OfferFactory(price_amount=Decimal("12.50"), currency="EUR")

    assert unit_price(offer) == Money("12.50", "EUR")


@pytest.fixture
def german_rates():
    TaxRateFactory(country="DE", tax_class=TaxClass.STANDARD, rate=Decimal("19"))
    TaxRateFactory(country="DE", tax_class=TaxClass.REDUCED, rate=Decimal("7"))


def test_priced_lines_carry_price_tax_rate_shop_setting_and_category_ancestry(
    german_rates, django_assert_num_queries
):
    books = CategoryFactory()
    novels = CategoryFactory(parent=books)
    crime = CategoryFactory(parent=novels)
    net_shop = ShopFactory(prices_include_tax=False)
    book = OfferFactory(
        variant__product__category=crime,
        variant__product__tax_class=TaxClass.REDUCED,
        variant__product__shop=net_shop,
        price_amount=Decimal("9.99"),
    )
    lamp = OfferFactory(price_amount=Decimal("49.00"))

    with django_assert_num_queries(3):
        lines = list_priced_lines(quantities={lamp.pk: 1, book.pk: 2}, country="DE")

    assert [line.offer_id for line in lines] == [lamp.pk, book.pk]
    lamp_line, book_line = lines
    assert book_line.category_ids == {books.pk, novels.pk, crime.pk}
    assert book_line.tax_rate == Decimal("7")
    assert book_line.prices_include_tax is False
    assert book_line.unit_price == Money("9.99", "EUR")
    assert book_line.quantity == 2
    assert book_line.shop_id == net_shop.pk
    assert book_line.product_id == book.variant.product_id
    assert lamp_line.tax_rate == Decimal("19")
    assert lamp_line.prices_include_tax is True


def test_an_unknown_offer_is_refused(german_rates):
    with pytest.raises(OfferNotFound):
        list_priced_lines(quantities={987654: 1}, country="DE")


def test_a_destination_without_rates_is_refused(german_rates):
    offer = OfferFactory()

    with pytest.raises(TaxRateNotConfigured):
        list_priced_lines(quantities={offer.pk: 1}, country="FR")


def test_voucher_terms_are_found_in_any_case_with_their_scope(
    django_assert_num_queries,
):
    offer = OfferFactory()
    category = CategoryFactory()
    voucher = VoucherFactory(
        code="SUMMER-10",
        products=[offer.variant.product],
        categories=[category],
        shops=[offer.shop],
    )

    with django_assert_num_queries(4):
        terms = get_voucher_terms(code=" summer-10 ")

    assert terms.voucher_id == voucher.pk
    assert terms.product_ids == {offer.variant.product_id}
    assert terms.category_ids == {category.pk}
    assert terms.shop_ids == {offer.shop_id}


def test_an_unknown_code_is_refused():
    with pytest.raises(VoucherNotFound) as refused:
        get_voucher_terms(code="NOPE")

    assert refused.value.code == "voucher_not_found"


def test_a_customers_guest_redemptions_count_by_email():
    voucher = VoucherFactory()
    customer = UserFactory(email="ann@example.com")
    VoucherRedemption.objects.create(
        voucher=voucher, email="ann@example.com", order_ref="A-1"
    )
    VoucherRedemption.objects.create(
        voucher=voucher, customer=customer, email="ann@example.com", order_ref="A-2"
    )
    VoucherRedemption.objects.create(
        voucher=voucher, email="bob@example.com", order_ref="B-1"
    )

    used = count_customer_redemptions(
        voucher_id=voucher.pk, customer=customer, email="ANN@example.com"
    )

    assert used == 2
