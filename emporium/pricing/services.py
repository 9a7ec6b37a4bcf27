"""Voucher services: accept a code for a cart, and record its use by an order.

`find_applicable_voucher` reads only; `redeem_voucher` writes, under a row
lock on the voucher so that limits hold under concurrent orders.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User, normalize_email
from emporium.core.errors import InvalidInput
from emporium.core.events import publish
from emporium.pricing.constants import VOUCHER_REDEEMED
from emporium.pricing.errors import (
    VoucherCustomerLimitReached,
    VoucherNotFound,
    VoucherUsageExhausted,
)
from emporium.pricing.lines import PricedLine
from emporium.pricing.models import Voucher, VoucherRedemption
from emporium.pricing.selectors import count_customer_redemptions, get_voucher_terms
from emporium.pricing.vouchers import (
    VoucherTerms,
    check_voucher_fits_cart,
    check_voucher_is_live,
)


def _check_customer_limit(
    *, voucher_id: int, limit: int | None, customer: User | None, email: str
) -> None:
    if limit is None:
        return
    used = count_customer_redemptions(
        voucher_id=voucher_id, customer=customer, email=email
    )
    if used >= limit:
        raise VoucherCustomerLimitReached(
            "You have already used this voucher as often as it allows.",
            extra={"limit": limit},
        )


def find_applicable_voucher(
    *,
    code: str,
    lines: Sequence[PricedLine],
    currency: str,
    customer: User | None = None,
    email: str = "",
    now: datetime | None = None,
) -> VoucherTerms:
    """The voucher for `code` if this cart may use it now; raise why not.

    Checks, in order: the code exists; it is active, inside its validity
    window and not used up; this customer (account or email) is below the
    per-customer limit (skipped while neither is known; `redeem_voucher`
    checks again); its currency fits; a line is in scope; the lines in
    scope reach the minimum. Reads only: five queries at most. Pass the
    result to `vouchers.compute_voucher_discount`.

    Raises:
        VoucherNotFound, VoucherInactive, VoucherNotYetValid, VoucherExpired,
        VoucherUsageExhausted, VoucherCustomerLimitReached,
        VoucherCurrencyMismatch, VoucherNotApplicable, VoucherMinimumNotMet.
    """
    terms = get_voucher_terms(code=code)
    check_voucher_is_live(terms, now=now or timezone.now())
    _check_customer_limit(
        voucher_id=terms.voucher_id,
        limit=terms.per_customer_limit,
        customer=customer,
        email=email,
    )
    check_voucher_fits_cart(terms, lines, currency=currency)
    return terms


def redeem_voucher(
    *, voucher_id: int, customer: User | None, email: str, order_ref: str
) -> VoucherRedemption:
    """Record that order `order_ref` used the voucher; count one use.

    Locks the voucher row (`SELECT ... FOR UPDATE`) for the rest of the
    caller's transaction and checks the total and per-customer limits again
    under it, so two orders racing for the last use get one success and one
    `VoucherUsageExhausted`. Idempotent: the same `order_ref` again returns
    the first redemption and counts nothing. Call it inside the
    transaction that places the order, so a failed order uses nothing.
    Publishes `voucher.redeemed`.

    Raises:
        InvalidInput: no order reference, or no email and no customer.
        VoucherNotFound: no voucher with this id.
        VoucherUsageExhausted: the total limit is reached.
        VoucherCustomerLimitReached: this customer's limit is reached.
    """
    email = normalize_email(email or (customer.email if customer else ""))
    if not order_ref or not email:
        raise InvalidInput(
            "A redemption needs an order reference and an email address.",
            code="invalid_redemption",
        )
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().filter(pk=voucher_id).first()
        if voucher is None:
            raise VoucherNotFound("This voucher does not exist.")
        earlier = VoucherRedemption.objects.filter(
            voucher=voucher, order_ref=order_ref
        ).first()
        if earlier is not None:
            return earlier
        if (
            voucher.usage_limit is not None
            and voucher.times_used >= voucher.usage_limit
        ):
            raise VoucherUsageExhausted("This voucher has been used up.")
        _check_customer_limit(
            voucher_id=voucher.pk,
            limit=voucher.per_customer_limit,
            customer=customer,
            email=email,
        )
        redemption = VoucherRedemption.objects.create(
            voucher=voucher, customer=customer, email=email, order_ref=order_ref
        )
        voucher.times_used += 1
        voucher.save(update_fields=["times_used", "updated_at"])
        publish(
            VOUCHER_REDEEMED,
            {
                "voucher_id": voucher.pk,
                "code": voucher.code,
                "order_ref": order_ref,
                "customer_id": str(customer.pk) if customer else None,
                "times_used": voucher.times_used,
            },
        )
    return redemption
