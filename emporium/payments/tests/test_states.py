"""The payment state machine: only allowed moves, one writer of status."""

import itertools
import re
from pathlib import Path

import pytest

from emporium.payments.constants import PaymentStatus
from emporium.payments.errors import InvalidPaymentTransition
from emporium.payments.models import Payment
from emporium.payments.states import ALLOWED, transition_payment

pytestmark = pytest.mark.django_db

MOVES = list(itertools.product(PaymentStatus, PaymentStatus))


def _payment_in(status: PaymentStatus, order) -> Payment:
    """A payment created in `status` (test set-up, not a transition)."""
    return Payment.objects.create(
        order=order,
        provider="test",
        method="card",
        status=status,
        currency="EUR",
        amount=order.total_amount,
    )


def test_every_status_has_a_row_in_the_table():
    assert set(ALLOWED) == set(PaymentStatus)


@pytest.mark.parametrize(
    ("from_status", "to"),
    [(f, t) for f, t in MOVES if t not in ALLOWED[f]],
    ids=lambda status: status.value,
)
def test_a_disallowed_move_raises_and_changes_nothing(order, from_status, to):
    payment = _payment_in(from_status, order)

    with pytest.raises(InvalidPaymentTransition) as caught:
        transition_payment(payment_id=payment.pk, to=to, actor=None)

    assert caught.value.status_code == 409
    assert f"from {from_status.value} to {to.value}" in caught.value.message
    assert Payment.objects.get(pk=payment.pk).status == from_status


@pytest.mark.parametrize(
    ("from_status", "to"),
    [(f, t) for f, t in MOVES if t in ALLOWED[f]],
    ids=lambda status: status.value,
)
def test_an_allowed_move_is_saved(order, from_status, to):
    payment = _payment_in(from_status, order)

    moved = transition_payment(payment_id=payment.pk, to=to, actor=None)

    assert Payment.objects.get(pk=payment.pk).status == to == moved.status


STATUS_WRITE = re.compile(r"\.status\s*=(?!=)|\.update\([^)]*\bstatus\s*=")


def test_nothing_outside_states_assigns_a_payment_status():
    """STYLE.md: one function per state machine writes the status."""
    package = Path(__file__).resolve().parents[1]
    writes = [
        f"{path}:{number}"
        for path in package.rglob("*.py")
        if path.name != "states.py" and "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if STATUS_WRITE.search(line)
    ]

    assert writes == []
