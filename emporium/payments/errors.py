"""Payment errors, each with a stable code (part of the API contract).

A declined card is not an error: the attempt is recorded as a failed
payment and answered as such, so the buyer can retry.
"""

from emporium.core.errors import Conflict, DomainError, InvalidInput, NotFound


class PaymentNotFound(NotFound):
    default_code = "payment_not_found"


class InvalidPaymentTransition(Conflict):
    """The requested payment status change is not an allowed move."""

    default_code = "invalid_transition"


class OrderNotPayable(Conflict):
    """The order is not waiting for money (paid, cancelled, refunded)."""

    default_code = "order_not_payable"


class PaymentInProgress(Conflict):
    """An earlier attempt is still talking to the provider; wait for it."""

    default_code = "payment_in_progress"


class PaymentMethodUnavailable(DomainError):
    """The method is not offered here (not configured, or the test provider
    in production)."""

    default_code = "payment_method_unavailable"


class InvalidCard(InvalidInput):
    """Card details that cannot be a card (length, checksum, expiry, CVC)."""

    default_code = "invalid_card"


class InvalidWebhook(InvalidInput):
    """A webhook whose signature, timestamp or body does not verify."""

    default_code = "invalid_signature"


class AmountMismatch(InvalidInput):
    """The provider reports another amount or currency than the order's."""

    default_code = "amount_mismatch"


class RefundNotAllowed(DomainError):
    """Nothing (or less than asked) is left to refund, or the amount is
    not above zero in the payment's currency."""

    default_code = "refund_not_allowed"


class ManualSettlementNotAllowed(DomainError):
    """Only bank transfers and cash on delivery are marked received by staff."""

    default_code = "manual_settlement_not_allowed"


class ProviderError(DomainError):
    """The payment provider could not be reached or refused the request."""

    status_code = 502
    default_code = "payment_provider_error"
