"""Due, held, settled: when earnings become payable and how a run pays them.

Figures of `factories.worked_example`: North keeps 26.50 - 1.82 = 24.68,
South 31.90 - 3.40 = 28.50.
"""

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from emporium.accounts.tests.factories import UserFactory
from emporium.core.money import Money
from emporium.orders.services import (
    mark_fulfilment_delivered,
    mark_fulfilment_shipped,
    record_order_refund,
)
from emporium.payouts import tasks
from emporium.payouts.constants import EntryKind, PayoutStatus
from emporium.payouts.errors import InvalidPayoutTransition, PayoutNotFound
from emporium.payouts.models import LedgerEntry, Payout
from emporium.payouts.selectors import get_balances
from emporium.payouts.services import (
    mark_payout_failed,
    mark_payout_paid,
    run_payouts,
    settle_shop_balance,
)
from emporium.payouts.tests.factories import worked_example
from emporium.vendors.constants import ShopStatus
from emporium.vendors.states import transition_shop

pytestmark = pytest.mark.django_db

EUR = "EUR"


def money(amount: str) -> Money:
    return Money(amount, EUR)


@pytest.fixture
def example():
    return worked_example()


def _ship(example, shop, *, days_ago: int = 0) -> None:
    fulfilment = example.fulfilment(shop)
    mark_fulfilment_shipped(fulfilment_id=fulfilment.pk, actor=None)
    type(fulfilment).objects.filter(pk=fulfilment.pk).update(
        shipped_at=timezone.now() - timedelta(days=days_ago)
    )


def _deliver(example, shop) -> None:
    fulfilment = example.fulfilment(shop)
    mark_fulfilment_shipped(fulfilment_id=fulfilment.pk, actor=None)
    mark_fulfilment_delivered(fulfilment_id=fulfilment.pk, actor=None)


def _figures(shop) -> tuple[Money, Money, Money, Money]:
    (balance,) = get_balances(shop=shop)
    return balance.available, balance.pending, balance.in_payout, balance.paid_out


def test_earnings_are_held_until_the_parcel_ships(example):
    assert _figures(example.north) == (
        money("0"),
        money("24.68"),
        money("0"),
        money("0"),
    )

    assert run_payouts() == []


@pytest.mark.parametrize(("days_ago", "due"), [(0, False), (13, False), (14, True)])
def test_a_shipped_parcels_earnings_are_due_after_the_hold(
    example, settings, days_ago, due
):
    settings.PAYOUT_HOLD_DAYS = 14
    _ship(example, example.north, days_ago=days_ago)

    payouts = run_payouts()

    assert [(p.shop, p.money) for p in payouts] == (
        [(example.north, money("24.68"))] if due else []
    )


def test_a_delivered_parcels_earnings_are_due_at_once(example):
    _deliver(example, example.south)

    (payout,) = run_payouts()

    assert (payout.shop, payout.money, payout.status) == (
        example.south,
        money("28.50"),
        PayoutStatus.PENDING,
    )
    assert _figures(example.south) == (
        money("0"),
        money("0"),
        money("28.50"),
        money("0"),
    )
    assert _figures(example.north)[:2] == (money("0"), money("24.68"))


def test_a_payout_settles_its_entries_and_records_itself(example):
    _deliver(example, example.north)

    (payout,) = run_payouts()

    settled = LedgerEntry.objects.filter(payout=payout).order_by("pk")
    assert list(settled.values_list("kind", "amount")) == [
        (EntryKind.SALE, Decimal("26.50")),
        (EntryKind.COMMISSION, Decimal("-1.82")),
        (EntryKind.PAYOUT, Decimal("-24.68")),
    ]
    assert [(e.from_status, e.to_status) for e in payout.events.all()] == [
        ("", PayoutStatus.PENDING)
    ]


def test_a_second_run_pays_nothing_twice(example):
    _deliver(example, example.north)
    run_payouts()

    assert run_payouts() == []
    assert settle_shop_balance(shop_id=example.north.pk, currency=EUR) is None
    assert Payout.objects.count() == 1


def test_a_balance_under_the_minimum_waits(example, settings):
    settings.PAYOUT_MINIMUM_AMOUNTS = {EUR: Decimal("25.00")}
    _deliver(example, example.north)  # 24.68
    _deliver(example, example.south)  # 28.50

    payouts = run_payouts()

    assert [p.shop for p in payouts] == [example.south]
    assert _figures(example.north)[0] == money("24.68")


def test_a_suspended_shop_is_paid_nothing_until_reinstated(example):
    _deliver(example, example.north)
    transition_shop(
        shop_id=example.north.pk, to=ShopStatus.SUSPENDED, actor=None, reason="Audit"
    )

    held = run_payouts()
    direct = settle_shop_balance(shop_id=example.north.pk, currency=EUR)
    transition_shop(shop_id=example.north.pk, to=ShopStatus.APPROVED, actor=None)
    (payout,) = run_payouts()

    assert (held, direct) == ([], None)
    assert (payout.shop, payout.amount) == (example.north, Decimal("24.68"))


def test_a_refund_after_the_payout_leaves_a_negative_balance_that_waits(
    example, django_capture_on_commit_callbacks
):
    _deliver(example, example.north)
    (payout,) = run_payouts()
    mark_payout_paid(payout_id=payout.pk, actor=None, reference="SEPA-1")

    with django_capture_on_commit_callbacks(execute=True):
        record_order_refund(
            order_id=example.order.pk, amount=money("20.00"), actor=None
        )

    # North gives back 9.08 and gets 0.62 of commission: -8.46 available.
    assert _figures(example.north) == (
        money("-8.46"),
        money("0"),
        money("0"),
        money("24.68"),
    )
    # South's part (-10.92 + 1.16) is held with its sale: 28.50 - 9.76.
    assert _figures(example.south)[:2] == (money("0"), money("18.74"))
    assert run_payouts() == []


def test_staff_mark_a_payout_paid_with_the_banks_reference(example):
    staff = UserFactory(is_staff=True)
    _deliver(example, example.north)
    (payout,) = run_payouts()

    paid = mark_payout_paid(payout_id=payout.pk, actor=staff, reference=" SEPA-42 ")

    assert (paid.status, paid.reference) == (PayoutStatus.PAID, "SEPA-42")
    assert paid.paid_at is not None
    last = paid.events.last()
    assert (last.from_status, last.to_status, last.actor) == (
        PayoutStatus.PENDING,
        PayoutStatus.PAID,
        staff,
    )
    assert _figures(example.north) == (
        money("0"),
        money("0"),
        money("0"),
        money("24.68"),
    )


def test_a_failed_payout_returns_its_amount_and_the_next_run_pays_it(example):
    staff = UserFactory(is_staff=True)
    _deliver(example, example.north)
    (first,) = run_payouts()

    failed = mark_payout_failed(payout_id=first.pk, actor=staff, reason="IBAN closed")

    assert (failed.status, failed.failure_reason) == (
        PayoutStatus.FAILED,
        "IBAN closed",
    )
    returned = LedgerEntry.objects.get(kind=EntryKind.PAYOUT_RETURNED)
    assert (returned.amount, returned.payout_id) == (Decimal("24.68"), None)
    assert _figures(example.north)[0] == money("24.68")
    (second,) = run_payouts()
    assert second.money == money("24.68")
    assert list(second.entries.order_by("pk").values_list("kind", flat=True)) == [
        EntryKind.PAYOUT_RETURNED,
        EntryKind.PAYOUT,
    ]


@pytest.mark.parametrize("end", [PayoutStatus.PAID, PayoutStatus.FAILED])
@pytest.mark.parametrize("move", ["paid", "failed"])
def test_a_settled_payout_moves_no_more(example, end, move):
    _deliver(example, example.north)
    (payout,) = run_payouts()
    if end == PayoutStatus.PAID:
        mark_payout_paid(payout_id=payout.pk, actor=None)
    else:
        mark_payout_failed(payout_id=payout.pk, actor=None, reason="x")

    moves = {
        "paid": lambda: mark_payout_paid(payout_id=payout.pk, actor=None),
        "failed": lambda: mark_payout_failed(
            payout_id=payout.pk, actor=None, reason="again"
        ),
    }

    with pytest.raises(InvalidPayoutTransition) as caught:
        moves[move]()

    assert (caught.value.code, caught.value.status_code) == ("invalid_transition", 409)
    assert LedgerEntry.objects.filter(kind=EntryKind.PAYOUT_RETURNED).count() == (
        1 if end == PayoutStatus.FAILED else 0
    )


def test_an_unknown_payout_is_not_found():
    with pytest.raises(PayoutNotFound) as caught:
        mark_payout_paid(payout_id=999, actor=None)

    assert caught.value.code == "payout_not_found"


def test_the_command_and_the_task_run_the_payouts(example):
    _deliver(example, example.north)
    out = StringIO()

    call_command("run_payouts", stdout=out)
    _deliver(example, example.south)
    count = tasks.run_payouts.delay().get()

    payout = Payout.objects.get(shop=example.north)
    assert f"Payout #{payout.pk}: €24.68 to shop {example.north.pk}" in out.getvalue()
    assert "1 payout(s) created." in out.getvalue()
    assert count == 1


# Assignments like `payout.status = ...` outside payouts/states.py.
PAYOUT_STATUS_WRITE = re.compile(r"\bpayout\.status\s*=(?!=)|update\([^)]*\bstatus\s*=")


def test_nothing_outside_states_assigns_a_payout_status():
    """STYLE.md: one function per state machine writes the status."""
    package = Path(__file__).resolve().parents[1]

    writes = [
        f"{path}:{number}"
        for path in package.rglob("*.py")
        if path.name != "states.py" and "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PAYOUT_STATUS_WRITE.search(line)
    ]

    assert writes == []
