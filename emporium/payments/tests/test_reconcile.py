"""`reconcile_payments`: stuck payments are settled or reported."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from emporium.orders.constants import OrderStatus
from emporium.payments.constants import PaymentStatus
from emporium.payments.models import Payment
from emporium.payments.services import reconcile_payments, start_payment
from emporium.payments.tests.helpers import REQUIRES_ACTION, card, reload

pytestmark = pytest.mark.django_db


def _stuck_processing(order) -> Payment:
    """A test card payment whose process died while the provider answered."""
    return Payment.objects.create(
        order=order,
        provider="test",
        method="card",
        status=PaymentStatus.PROCESSING,
        currency="EUR",
        amount=order.total_amount,
    )


def _age(payment: Payment, minutes: int) -> None:
    Payment.objects.filter(pk=payment.pk).update(
        updated_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_payment_processing_too_long_is_failed_and_the_order_can_retry(order, buyer):
    stuck = _stuck_processing(order)
    _age(stuck, 45)

    lines = reconcile_payments(older_than_minutes=30)

    assert [(line.payment_id, line.was, line.now, line.note) for line in lines] == [
        (stuck.pk, "processing", "failed", "settled")
    ]
    assert Payment.objects.get(pk=stuck.pk).failure_code == "no_answer"
    retry = start_payment(order=order, method="card", card=card(), actor=buyer)
    assert retry.status == PaymentStatus.SUCCEEDED
    assert reload(order).status == OrderStatus.PAID


def test_recent_payments_are_left_alone(order):
    _stuck_processing(order)

    assert reconcile_payments(older_than_minutes=30) == []


def test_a_dry_run_reports_and_changes_nothing(order):
    stuck = _stuck_processing(order)
    _age(stuck, 45)

    lines = reconcile_payments(older_than_minutes=30, dry_run=True)

    assert lines[0].note == "would settle (dry run)"
    assert Payment.objects.get(pk=stuck.pk).status == PaymentStatus.PROCESSING


def test_a_payment_still_waiting_for_the_buyer_is_reported_unchanged(order, buyer):
    started = start_payment(
        order=order, method="card", card=card(REQUIRES_ACTION), actor=buyer
    )

    lines = reconcile_payments(
        older_than_minutes=30, now=timezone.now() + timedelta(hours=1)
    )

    assert [(line.payment_id, line.note) for line in lines] == [
        (started.payment.pk, "unchanged")
    ]


def test_the_command_prints_each_payment_and_a_summary(order):
    stuck = _stuck_processing(order)
    _age(stuck, 90)
    out = StringIO()

    call_command("reconcile_payments", "--older-than", "60", "--dry-run", stdout=out)

    text = out.getvalue()
    assert (
        f"payment {stuck.pk} (order {order.number}): processing -> provider failed"
        in text
    )
    assert "1 stuck payment(s), 0 settled." in text
    assert Payment.objects.get(pk=stuck.pk).status == PaymentStatus.PROCESSING
