"""The shop approval state machine."""

import pathlib
import re

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.core.models import OutboxEvent
from emporium.vendors.constants import SHOP_STATUS_CHANGED, ShopStatus
from emporium.vendors.errors import InvalidTransition, ShopNotFound
from emporium.vendors.models import ShopStatusEvent
from emporium.vendors.states import ALLOWED, transition_shop
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

ALLOWED_MOVES = [(src, dst) for src, targets in ALLOWED.items() for dst in targets]
REFUSED_MOVES = [
    (src, dst)
    for src in ShopStatus
    for dst in ShopStatus
    if dst not in ALLOWED.get(src, frozenset())
]


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED_MOVES)
def test_allowed_move_changes_status_and_records_event(from_status, to_status):
    shop = ShopFactory(status=from_status)
    staff = UserFactory(is_staff=True)

    transition_shop(shop_id=shop.pk, to=to_status, actor=staff, reason="checked")

    shop.refresh_from_db()
    assert shop.status == to_status
    event = ShopStatusEvent.objects.get(shop=shop)
    assert (event.from_status, event.to_status) == (from_status, to_status)
    assert event.actor == staff
    assert event.reason == "checked"
    assert event.created_at is not None


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_MOVES)
def test_refused_move_raises_invalid_transition_and_changes_nothing(
    from_status, to_status
):
    shop = ShopFactory(status=from_status)

    with pytest.raises(InvalidTransition) as caught:
        transition_shop(shop_id=shop.pk, to=to_status, actor=None)

    assert caught.value.code == "invalid_transition"
    assert from_status.value in caught.value.message
    assert to_status.value in caught.value.message
    shop.refresh_from_db()
    assert shop.status == from_status
    assert not ShopStatusEvent.objects.filter(shop=shop).exists()
    assert not OutboxEvent.objects.filter(name=SHOP_STATUS_CHANGED).exists()


def test_approving_publishes_status_changed_after_commit(
    django_capture_on_commit_callbacks,
):
    shop = ShopFactory(status=ShopStatus.PENDING)
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks() as callbacks:
        transition_shop(shop_id=shop.pk, to=ShopStatus.APPROVED, actor=staff)

    event = OutboxEvent.objects.get(name=SHOP_STATUS_CHANGED)
    assert event.payload == {
        "shop_id": shop.pk,
        "from": "pending",
        "to": "approved",
        "actor_id": str(staff.pk),
        "reason": "",
    }
    assert len(callbacks) == 1


def test_transition_of_missing_shop_raises_shop_not_found():
    with pytest.raises(ShopNotFound) as caught:
        transition_shop(shop_id=999_999, to=ShopStatus.APPROVED, actor=None)

    assert caught.value.code == "shop_not_found"


def test_nothing_outside_states_assigns_shop_status():
    """Only transition_shop may write `shop.status` (STYLE: state machines)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    assignment = re.compile(r"\bshop\.status\s*=[^=]")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "states.py"
        and assignment.search(path.read_text())
    ]

    assert offenders == []
