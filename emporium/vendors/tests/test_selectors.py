"""Which shops buyers see."""

import pytest

from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.selectors import get_visible_shop, list_visible_shops
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_list_visible_shops_lists_approved_shops_only():
    approved = ShopFactory(status=ShopStatus.APPROVED)
    for status in (ShopStatus.PENDING, ShopStatus.REJECTED, ShopStatus.SUSPENDED):
        ShopFactory(status=status)

    assert list(list_visible_shops()) == [approved]


def test_get_visible_shop_hides_suspended_shop():
    shop = ShopFactory(status=ShopStatus.SUSPENDED)

    with pytest.raises(ShopNotFound):
        get_visible_shop(slug=shop.slug)
