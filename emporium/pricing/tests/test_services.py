"""Accepting a voucher code for a cart, and redeeming it for an order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.tests.factories import CategoryFactory, OfferFactory
from emporium.core.errors import InvalidInput
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.pricing.constants import VOUCHER_REDEEMED, VoucherKind
from emporium.pricing.errors import (
    VoucherCustomerLimitReached,
    VoucherError,
    VoucherNotFound,
    VoucherUsageExhausted,
)
from emporium.pricing.lines import ShippingCharge
from emporium.pricing.models import Voucher, VoucherRedemption
from emporium.pricing.selectors import list_priced_lines
from emporium.pricing.services import find_applicable_voucher, redeem_voucher
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory, make_line
from emporium.pricing.totals import compute_totals
from emporium.pricing.vouchers import compute_voucher_discount

pytestmark = pytest.mark.django_db

CART = [make_line("30.00", offer_id=1, product_id=1, shop_id=1)]


def test_a_valid_code_gives_terms_that_price_a_loaded_cart():
    # given a German cart of 2 x 19.99 (gross, 19 %) and a 10 % voucher
    TaxRateFactory(country="DE", rate=Decimal("19"))
    offer = OfferFactory(price_amount=Decimal("19.99"))
    VoucherFactory(code="TENOFF", value=Decimal("10"))
    lines = list_priced_lines(quantities={offer.pk: 2}, country="DE")

    # when the buyer types the code in lower case
    voucher = find_applicable_voucher(code="tenoff", lines=lines, currency="EUR")
    discount = compute_voucher_discount(voucher, lines, shipping=None)
    totals = compute_totals(
        lines=lines,
        currency="EUR",
        shipping=ShippingCharge(Money("4.90", "EUR"), Decimal("19"), True),
        discount=discount,
    )

    # then 10 % of 39.98 = 3.998 -> 4.00 comes off before tax
    assert discount.lines_amount == Money("4.00", "EUR")
    assert totals.total == Money("40.88", "EUR")  # 35.98 + 4.90
    assert totals.tax == Money("6.52", "EUR")  # 5.74470 + 0.78235 -> 5.74 + 0.78


def test_finding_a_voucher_takes_five_queries(django_assert_num_queries):
    VoucherFactory(code="LIMITED", per_customer_limit=1)

    with django_assert_num_queries(5):
        find_applicable_voucher(
            code="LIMITED", lines=CART, currency="EUR", email="ann@example.com"
        )


def _past():
    return timezone.now() - timedelta(days=1)


def _future():
    return timezone.now() + timedelta(days=1)


@pytest.mark.parametrize(
    ("voucher", "code"),
    [
        ({"is_active": False}, "voucher_inactive"),
        ({"starts_at": _future}, "voucher_not_yet_valid"),
        ({"ends_at": _past}, "voucher_expired"),
        ({"usage_limit": 2, "times_used": 2}, "voucher_usage_exhausted"),
        (
            {"kind": VoucherKind.FIXED, "value": Decimal("5"), "currency": "USD"},
            "voucher_currency_mismatch",
        ),
        ({"min_subtotal_amount": Decimal("30.01")}, "voucher_minimum_not_met"),
    ],
)
def test_a_code_that_breaks_a_rule_is_refused_with_its_code(voucher, code):
    fields = {
        key: value() if callable(value) else value for key, value in voucher.items()
    }
    VoucherFactory(code="RULES", **fields)

    with pytest.raises(VoucherError) as refused:
        find_applicable_voucher(code="RULES", lines=CART, currency="EUR")

    assert refused.value.code == code
    assert refused.value.status_code == 422


def test_an_unknown_code_is_refused():
    with pytest.raises(VoucherNotFound) as refused:
        find_applicable_voucher(code="GHOST", lines=CART, currency="EUR")

    assert refused.value.code == "voucher_not_found"


def test_a_code_scoped_to_other_categories_is_refused():
    VoucherFactory(code="SHOES", categories=[CategoryFactory()])

    with pytest.raises(VoucherError) as refused:
        find_applicable_voucher(code="SHOES", lines=CART, currency="EUR")

    assert refused.value.code == "voucher_not_applicable"


def test_a_customer_at_the_limit_is_refused_by_account_or_by_email():
    voucher = VoucherFactory(code="ONCE", per_customer_limit=1)
    ann = UserFactory(email="ann@example.com")
    redeem_voucher(voucher_id=voucher.pk, customer=None, email=ann.email, order_ref="1")

    for who in ({"customer": ann}, {"email": "Ann@Example.com"}):
        with pytest.raises(VoucherCustomerLimitReached) as refused:
            find_applicable_voucher(code="ONCE", lines=CART, currency="EUR", **who)
        assert refused.value.code == "voucher_customer_limit_reached"
    find_applicable_voucher(
        code="ONCE", lines=CART, currency="EUR", email="bob@example.com"
    )


def test_redeeming_records_the_use_and_publishes_it():
    voucher = VoucherFactory(usage_limit=5)
    ann = UserFactory(email="ann@example.com")

    redemption = redeem_voucher(
        voucher_id=voucher.pk, customer=ann, email="", order_ref="ORD-1"
    )

    voucher.refresh_from_db()
    assert voucher.times_used == 1
    assert (redemption.customer, redemption.email) == (ann, "ann@example.com")
    event = OutboxEvent.objects.get(name=VOUCHER_REDEEMED)
    assert event.payload["order_ref"] == "ORD-1"
    assert event.payload["times_used"] == 1


def test_redeeming_twice_for_one_order_counts_once():
    voucher = VoucherFactory(usage_limit=1)

    first = redeem_voucher(
        voucher_id=voucher.pk, customer=None, email="a@example.com", order_ref="O-1"
    )
    again = redeem_voucher(
        voucher_id=voucher.pk, customer=None, email="a@example.com", order_ref="O-1"
    )

    voucher.refresh_from_db()
    assert again == first
    assert voucher.times_used == 1
    assert OutboxEvent.objects.filter(name=VOUCHER_REDEEMED).count() == 1


def test_redeeming_a_used_up_voucher_is_refused():
    voucher = VoucherFactory(usage_limit=1, times_used=1)

    with pytest.raises(VoucherUsageExhausted):
        redeem_voucher(
            voucher_id=voucher.pk, customer=None, email="a@example.com", order_ref="O"
        )

    assert not VoucherRedemption.objects.exists()


def test_redeeming_past_the_customer_limit_is_refused():
    voucher = VoucherFactory(per_customer_limit=1)
    redeem_voucher(
        voucher_id=voucher.pk, customer=None, email="a@example.com", order_ref="O-1"
    )

    with pytest.raises(VoucherCustomerLimitReached):
        redeem_voucher(
            voucher_id=voucher.pk,
            customer=None,
            email=" A@example.com",
            order_ref="O-2",
        )

    assert Voucher.objects.get(pk=voucher.pk).times_used == 1


@pytest.mark.parametrize(("email", "order_ref"), [("", "O-1"), ("a@example.com", "")])
def test_a_redemption_needs_an_order_and_an_email(email, order_ref):
    voucher = VoucherFactory()

    with pytest.raises(InvalidInput) as refused:
        redeem_voucher(
            voucher_id=voucher.pk, customer=None, email=email, order_ref=order_ref
        )

    assert refused.value.code == "invalid_redemption"


def test_redeeming_an_unknown_voucher_is_refused():
    with pytest.raises(VoucherNotFound):
        redeem_voucher(
            voucher_id=987654, customer=None, email="a@example.com", order_ref="O"
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"code": "lower"},
        {"kind": VoucherKind.PERCENTAGE, "value": Decimal("150")},
        {"kind": VoucherKind.FIXED, "value": Decimal("0")},
        {"usage_limit": 1, "times_used": 2},
        {"starts_at": timezone.now(), "ends_at": timezone.now() - timedelta(days=1)},
    ],
)
def test_the_database_refuses_impossible_vouchers(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        VoucherFactory(**fields)
