"""Voucher rules and arithmetic, pure: no query in this module.

`VoucherTerms` is a voucher loaded once (`selectors.get_voucher_terms`);
the checks raise the precise `VoucherError`, and `compute_voucher_discount`
says how much comes off the lines and off shipping. `totals.compute_totals`
then spreads the lines' part over the eligible lines before tax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from emporium.core.money import Money, format_money
from emporium.pricing.constants import VoucherKind
from emporium.pricing.errors import (
    VoucherCurrencyMismatch,
    VoucherExpired,
    VoucherInactive,
    VoucherMinimumNotMet,
    VoucherNotApplicable,
    VoucherNotYetValid,
    VoucherUsageExhausted,
)
from emporium.pricing.lines import PricedLine

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class VoucherTerms:
    """A voucher's terms and scope, as loaded once for a cart or checkout."""

    voucher_id: int
    code: str
    kind: str
    value: Decimal
    currency: str
    min_subtotal: Money | None
    starts_at: datetime | None
    ends_at: datetime | None
    is_active: bool
    usage_limit: int | None
    times_used: int
    per_customer_limit: int | None
    product_ids: frozenset[int] = frozenset()
    category_ids: frozenset[int] = frozenset()
    shop_ids: frozenset[int] = frozenset()

    def covers(self, line: PricedLine) -> bool:
        """Whether the line is in scope (see `Voucher` for the rule)."""
        if self.shop_ids and line.shop_id not in self.shop_ids:
            return False
        if not (self.product_ids or self.category_ids):
            return True
        return line.product_id in self.product_ids or bool(
            self.category_ids & line.category_ids
        )


@dataclass(frozen=True, slots=True)
class VoucherDiscount:
    """What a voucher takes off: from the eligible lines and from shipping.

    Amounts are as prices were entered (gross for shops that enter gross
    prices), already rounded to the minor unit.
    """

    voucher_id: int
    code: str
    lines_amount: Money
    shipping_amount: Money
    offer_ids: frozenset[int]

    @property
    def amount(self) -> Money:
        return self.lines_amount + self.shipping_amount


def normalize_voucher_code(code: str) -> str:
    """The stored form of a code: trimmed, upper case."""
    return (code or "").strip().upper()


def eligible_lines(
    voucher: VoucherTerms, lines: Sequence[PricedLine]
) -> list[PricedLine]:
    return [line for line in lines if voucher.covers(line)]


def _subtotal(lines: Sequence[PricedLine], currency: str) -> Money:
    return sum((line.amount for line in lines), Money.zero(currency))


def check_voucher_is_live(voucher: VoucherTerms, *, now: datetime) -> None:
    """Refuse a voucher that is off, outside its window or used up.

    Raises:
        VoucherInactive, VoucherNotYetValid, VoucherExpired,
        VoucherUsageExhausted: in this order of precedence.
    """
    if not voucher.is_active:
        raise VoucherInactive("This voucher is no longer active.")
    if voucher.starts_at is not None and now < voucher.starts_at:
        raise VoucherNotYetValid(
            "This voucher is not valid yet.",
            extra={"starts_at": voucher.starts_at.isoformat()},
        )
    if voucher.ends_at is not None and now >= voucher.ends_at:
        raise VoucherExpired(
            "This voucher has expired.", extra={"ended_at": voucher.ends_at.isoformat()}
        )
    if voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit:
        raise VoucherUsageExhausted("This voucher has been used up.")


def check_voucher_fits_cart(
    voucher: VoucherTerms, lines: Sequence[PricedLine], *, currency: str
) -> None:
    """Refuse a voucher the cart cannot use: currency, scope, minimum spend.

    Raises:
        VoucherCurrencyMismatch: a fixed amount or a minimum in another
            currency than the cart's.
        VoucherNotApplicable: no line is in the voucher's scope.
        VoucherMinimumNotMet: the lines in scope add up to less than the
            minimum; the message says how much more to spend.
    """
    needs_currency = (
        voucher.kind == VoucherKind.FIXED or voucher.min_subtotal is not None
    )
    if needs_currency and voucher.currency != currency:
        raise VoucherCurrencyMismatch(
            f"This voucher is for orders in {voucher.currency}.",
            extra={"voucher_currency": voucher.currency, "currency": currency},
        )
    eligible = eligible_lines(voucher, lines)
    if not eligible:
        raise VoucherNotApplicable("This voucher does not apply to any item.")
    subtotal = _subtotal(eligible, currency)
    if voucher.min_subtotal is not None and subtotal < voucher.min_subtotal:
        missing = voucher.min_subtotal.quantize() - subtotal
        raise VoucherMinimumNotMet(
            f"Spend {format_money(missing)} more to use this voucher "
            f"(minimum {format_money(voucher.min_subtotal)}).",
            extra={
                "minimum": str(voucher.min_subtotal.quantize().amount),
                "missing": str(missing.amount),
                "currency": currency,
            },
        )


def _lines_discount(voucher: VoucherTerms, subtotal: Money) -> Money:
    """Percentage or fixed amount off `subtotal`, never more than it."""
    if voucher.kind == VoucherKind.PERCENTAGE:
        return Money(subtotal.amount * voucher.value / HUNDRED, subtotal.currency)
    if voucher.currency != subtotal.currency:
        raise VoucherCurrencyMismatch(
            f"This voucher is for orders in {voucher.currency}.",
            extra={"voucher_currency": voucher.currency, "currency": subtotal.currency},
        )
    return min(Money(voucher.value, subtotal.currency), subtotal)


def compute_voucher_discount(
    voucher: VoucherTerms, lines: Sequence[PricedLine], shipping: Money | None
) -> VoucherDiscount:
    """How much the voucher takes off these lines and this shipping price.

    Percentage: that percent of the lines in scope, rounded once. Fixed:
    the amount, capped at the lines in scope. Free shipping: the shipping
    price. No line in scope: nothing. Does not check validity (see
    `check_voucher_is_live` / `check_voucher_fits_cart`).

    Raises:
        VoucherCurrencyMismatch: a fixed amount in another currency.
    """
    currency = lines[0].unit_price.currency if lines else voucher.currency
    eligible = eligible_lines(voucher, lines)
    zero = Money.zero(currency)
    if not eligible:
        lines_amount, shipping_amount = zero, zero
    elif voucher.kind == VoucherKind.FREE_SHIPPING:
        lines_amount = zero
        shipping_amount = shipping if shipping is not None else zero
    else:
        lines_amount = _lines_discount(voucher, _subtotal(eligible, currency))
        shipping_amount = zero
    return VoucherDiscount(
        voucher_id=voucher.voucher_id,
        code=voucher.code,
        lines_amount=lines_amount.quantize(),
        shipping_amount=shipping_amount.quantize(),
        offer_ids=frozenset(line.offer_id for line in eligible),
    )
