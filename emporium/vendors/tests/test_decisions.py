"""Staff decisions: approve, reject, suspend, reinstate."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import InvalidTransition, ReasonRequired, ShopNotFound
from emporium.vendors.models import ShopStatusEvent
from emporium.vendors.services import (
    approve_shop,
    reinstate_shop,
    reject_shop,
    suspend_shop,
)
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def test_approve_moves_a_pending_shop_to_approved(staff):
    shop = ShopFactory(status=ShopStatus.PENDING)

    approve_shop(shop_id=shop.pk, actor=staff)

    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED


def test_reject_records_the_reason_for_the_owner(staff):
    shop = ShopFactory(status=ShopStatus.PENDING)

    reject_shop(shop_id=shop.pk, actor=staff, reason="  No product photos.  ")

    event = ShopStatusEvent.objects.get(shop=shop)
    assert (event.to_status, event.reason, event.actor) == (
        "rejected",
        "No product photos.",
        staff,
    )


@pytest.mark.parametrize("decide", [reject_shop, suspend_shop])
@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_reject_and_suspend_need_a_reason(staff, decide, reason):
    status = ShopStatus.PENDING if decide is reject_shop else ShopStatus.APPROVED
    shop = ShopFactory(status=status)

    with pytest.raises(ReasonRequired) as caught:
        decide(shop_id=shop.pk, actor=staff, reason=reason)

    assert caught.value.code == "reason_required"
    assert "reason" in caught.value.fields
    shop.refresh_from_db()
    assert shop.status == status


def test_suspend_then_reinstate(staff):
    shop = ShopFactory(status=ShopStatus.APPROVED)

    suspend_shop(shop_id=shop.pk, actor=staff, reason="Counterfeits reported")
    reinstate_shop(shop_id=shop.pk, actor=staff)

    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED
    moves = list(
        ShopStatusEvent.objects.filter(shop=shop).values_list(
            "from_status", "to_status"
        )
    )
    assert moves == [("approved", "suspended"), ("suspended", "approved")]


def test_reinstate_refuses_a_shop_that_is_not_suspended(staff):
    shop = ShopFactory(status=ShopStatus.PENDING)

    with pytest.raises(InvalidTransition) as caught:
        reinstate_shop(shop_id=shop.pk, actor=staff)

    assert caught.value.code == "invalid_transition"
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_reinstate_of_a_missing_shop_is_not_found(staff):
    with pytest.raises(ShopNotFound):
        reinstate_shop(shop_id=999_999, actor=staff)


def test_suspending_a_pending_shop_is_an_invalid_transition(staff):
    shop = ShopFactory(status=ShopStatus.PENDING)

    with pytest.raises(InvalidTransition):
        suspend_shop(shop_id=shop.pk, actor=staff, reason="Why not")
