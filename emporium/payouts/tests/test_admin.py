"""Staff see the ledger read-only and move payouts through the services."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.orders.models import Fulfilment
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts.constants import EntryKind, PayoutStatus
from emporium.payouts.models import LedgerEntry, Payout
from emporium.payouts.services import run_payouts
from emporium.payouts.tests.factories import offer_of, sell, shop_with_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def payout(db) -> Payout:
    shop = shop_with_rate()
    sell([(offer_of(shop, "10.00"), 1)])
    fulfilment = Fulfilment.objects.get(shop=shop)
    mark_fulfilment_shipped(fulfilment_id=fulfilment.pk, actor=None)
    mark_fulfilment_delivered(fulfilment_id=fulfilment.pk, actor=None)
    (payout,) = run_payouts()
    return payout


def test_the_ledger_is_listed_but_never_edited(admin_client, payout):
    entry = LedgerEntry.objects.filter(kind=EntryKind.SALE).first()

    listing = admin_client.get(reverse("admin:payouts_ledgerentry_changelist"))
    change = admin_client.post(
        reverse("admin:payouts_ledgerentry_change", args=[entry.pk]),
        {"amount": "1000"},
    )

    assert listing.status_code == 200
    assert b"Order " in listing.content
    assert change.status_code in (200, 403)
    entry.refresh_from_db()
    assert str(entry.amount) != "1000"
    assert admin_client.get(reverse("admin:payouts_ledgerentry_add")).status_code == 403


def test_the_payout_page_shows_its_history_and_entries(admin_client, payout):
    response = admin_client.get(
        reverse("admin:payouts_payout_change", args=[payout.pk])
    )

    assert response.status_code == 200
    assert b"settled ledger entries" in response.content.lower()


@pytest.mark.parametrize(
    ("action", "status", "returned"),
    [("mark_paid", PayoutStatus.PAID, 0), ("mark_failed", PayoutStatus.FAILED, 1)],
)
def test_staff_mark_payouts_paid_or_failed(
    admin_client, payout, action, status, returned
):
    response = admin_client.post(
        reverse("admin:payouts_payout_changelist"),
        {"action": action, "_selected_action": [payout.pk]},
        follow=True,
    )

    payout.refresh_from_db()
    assert response.status_code == 200
    assert payout.status == status
    assert payout.events.last().actor.is_staff
    kinds = LedgerEntry.objects.filter(kind=EntryKind.PAYOUT_RETURNED)
    assert kinds.count() == returned


def test_a_refused_move_is_a_warning_not_an_error(admin_client, payout):
    url = reverse("admin:payouts_payout_changelist")
    admin_client.post(url, {"action": "mark_paid", "_selected_action": [payout.pk]})

    response = admin_client.post(
        url, {"action": "mark_failed", "_selected_action": [payout.pk]}, follow=True
    )

    assert b"cannot move from paid to failed" in response.content
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
