"""What a payment provider is to the rest of payments: a `PaymentProvider`
Protocol and the plain results it answers with.

A provider talks to the outside world and nothing else: it never writes
the database or reads settings other than its own. `services` decide what
its answers mean for the payment and the order.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from emporium.core.money import Money
from emporium.payments.cards import CardDetails
from emporium.payments.constants import PaymentStatus
from emporium.payments.models import Payment


@dataclass(frozen=True, slots=True)
class NextAction:
    """What the buyer must do before the payment can finish.

    `type` is "redirect" (open `url`: 3-D Secure, the test confirmation
    page), "stripe_js" (confirm in the browser with Stripe.js and
    `client_secret`), or "instructions" (bank transfer details, cash on
    delivery: `instructions` say what to pay, where).
    """

    type: str
    url: str = ""
    client_secret: str = ""
    instructions: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type}
        if self.url:
            data["url"] = self.url
        if self.client_secret:
            data["client_secret"] = self.client_secret
        if self.instructions:
            data["instructions"] = dict(self.instructions)
        return data


@dataclass(frozen=True, slots=True)
class ProviderResult:
    """A provider's answer about one payment: where it stands now.

    `amount` is what the provider says it took (checked against the order
    before anything is marked paid); `raw` its answer, for the record.
    """

    status: PaymentStatus
    provider_reference: str = ""
    amount: Money | None = None
    next_action: NextAction | None = None
    client_secret: str = ""
    error_code: str = ""
    error_message: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RefundResult:
    """A provider's answer to a refund: its reference, or why it failed."""

    succeeded: bool
    provider_reference: str = ""
    error_code: str = ""
    error_message: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WebhookNotice:
    """A verified webhook event, in the provider's terms made ours.

    `result` says where the payment stands (None: the event is not about
    that), `refunded` the provider's running total refunded (None: not a
    refund event). `payment_id` is our id if the provider echoes it back
    (metadata), to find a payment whose reference we never got.
    """

    event_id: str
    type: str
    payload: Mapping[str, Any]
    provider_reference: str = ""
    payment_id: int | None = None
    result: ProviderResult | None = None
    refunded: Money | None = None


class PaymentProvider(Protocol):
    """A way to take money, chosen per method by `PAYMENT_PROVIDERS`.

    `code` is stored on each payment (`Payment.provider`) and names the
    provider for refunds and webhooks. `requires_card` providers take card
    details typed on our pages (only the test provider). `initial_status`
    is the status of a new payment before `start`: processing for a call
    to a provider, pending for one staff settle. `hold_minutes` is how long
    the order's stock stays held while it waits (None: the default hold).
    """

    code: str
    requires_card: bool
    initial_status: PaymentStatus
    hold_minutes: int | None

    def is_available(self) -> bool:
        """Whether the method can be offered (configured, allowed here)."""
        ...

    def start(
        self,
        payment: Payment,
        *,
        card: CardDetails | None,
        payment_method: str,
        return_url: str,
    ) -> ProviderResult:
        """Ask for the payment's money; raise `ProviderError` if unreachable."""
        ...

    def confirm(self, payment: Payment, *, params: Mapping[str, str]) -> ProviderResult:
        """Finish a payment that required an action (3-D Secure)."""
        ...

    def fetch(self, payment: Payment) -> ProviderResult | None:
        """Where the payment stands at the provider now; None if unknown."""
        ...

    def cancel(self, payment: Payment) -> ProviderResult:
        """Give up an unfinished payment so it can never take money."""
        ...

    def refund(self, payment: Payment, amount: Money, *, key: str) -> RefundResult:
        """Give `amount` back; `key` makes a retried call refund once."""
        ...

    def parse_webhook(self, body: bytes, headers: Mapping[str, str]) -> WebhookNotice:
        """Verify a webhook and read it; raise `InvalidWebhook` otherwise."""
        ...
