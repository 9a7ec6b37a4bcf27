"""Opening shops (by staff or data loads) and adding members."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from emporium.accounts.tests.factories import UserFactory
from emporium.core.errors import InvalidInput
from emporium.core.models import OutboxEvent
from emporium.vendors.constants import SHOP_CREATED, ShopMemberRole, ShopStatus
from emporium.vendors.models import ShopMember
from emporium.vendors.services import add_shop_member, create_shop
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_create_shop_starts_pending_with_unique_slug_and_clean_description():
    ShopFactory(name="Green Tea", slug="green-tea")
    owner = UserFactory()

    shop = create_shop(
        name="Green Tea",
        owner=owner,
        description='<p onclick="x()">Fine <b>teas</b></p><script>1</script>',
    )

    assert shop.status == ShopStatus.PENDING
    assert shop.slug == "green-tea-2"
    assert shop.description == "<p>Fine <b>teas</b></p>"
    assert OutboxEvent.objects.filter(name=SHOP_CREATED).count() == 1


@pytest.mark.parametrize("rate", [Decimal("-0.01"), Decimal("100.01")])
def test_create_shop_refuses_commission_outside_0_100(rate):
    with pytest.raises(InvalidInput) as caught:
        create_shop(name="X", owner=None, commission_rate=rate)

    assert caught.value.code == "invalid_commission_rate"


def test_commission_outside_0_100_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ShopFactory(commission_rate=Decimal("150"))


def test_create_shop_makes_the_applicant_its_owner():
    owner = UserFactory()

    shop = create_shop(name="Owl Books", owner=owner)

    member = ShopMember.objects.get(shop=shop)
    assert (member.user, member.role) == (owner, ShopMemberRole.OWNER)


def test_add_shop_member_twice_keeps_one_membership():
    shop = ShopFactory()
    user = UserFactory()

    first = add_shop_member(shop_id=shop.pk, user=user)
    again = add_shop_member(shop_id=shop.pk, user=user, role=ShopMemberRole.OWNER)

    assert again == first
    assert first.role == ShopMemberRole.STAFF
    assert ShopMember.objects.filter(shop=shop).count() == 2  # owner + user
