"""The shop admin: decisions through the services, reasons asked for."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import ShopStatusEvent
from emporium.vendors.tests.factories import ShopBranchFactory, ShopFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:vendors_shop_changelist")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _act(client, action, shops, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in shops], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_approve_action_approves_pending_shops_and_warns_about_others(admin_client):
    pending = ShopFactory(status=ShopStatus.PENDING)
    approved = ShopFactory(status=ShopStatus.APPROVED)

    response = _act(admin_client, "approve_shop", [pending, approved])

    pending.refresh_from_db()
    assert pending.status == ShopStatus.APPROVED
    text = response.content.decode()
    assert "1 shop(s) approved." in text
    assert "cannot move from approved to approved" in text


def test_reject_action_first_asks_for_a_reason(admin_client):
    shop = ShopFactory(status=ShopStatus.PENDING, name="Owl")

    response = _act(admin_client, "reject_shop", [shop])

    assert response.status_code == 200
    assert b'name="reason"' in response.content
    assert b"Owl" in response.content
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_reject_action_with_an_empty_reason_asks_again(admin_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    response = _act(admin_client, "reject_shop", [shop], apply="1", reason=" ")

    assert b"This field is required." in response.content
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_reject_action_with_a_reason_records_it(admin_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    response = _act(
        admin_client, "reject_shop", [shop], apply="1", reason="No return policy"
    )

    assert b"1 shop(s) rejected." in response.content
    event = ShopStatusEvent.objects.get(shop=shop)
    assert (event.to_status, event.reason) == ("rejected", "No return policy")


def test_suspend_then_reinstate_actions(admin_client):
    shop = ShopFactory(status=ShopStatus.APPROVED)

    _act(admin_client, "suspend_shop", [shop], apply="1", reason="Fraud reports")
    shop.refresh_from_db()
    assert shop.status == ShopStatus.SUSPENDED

    _act(admin_client, "reinstate_shop", [shop])
    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED


def test_reinstate_action_leaves_a_pending_shop_alone(admin_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    response = _act(admin_client, "reinstate_shop", [shop])

    assert b"Only a suspended shop can be reinstated" in response.content
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_change_page_shows_branches_and_history(admin_client):
    branch = ShopBranchFactory(name="Mitte")

    response = admin_client.get(
        reverse("admin:vendors_shop_change", args=[branch.shop_id])
    )

    assert response.status_code == 200
    assert b"Mitte" in response.content
