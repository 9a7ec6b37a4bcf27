"""Saving and removing wishlist items: idempotent, visible only, own only."""

import pytest

from emporium.catalog.constants import ProductStatus
from emporium.catalog.errors import ProductNotFound
from emporium.core.models import OutboxEvent
from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.tests.factories import ShopFactory
from emporium.wishlists.constants import WISHLIST_ITEM_REMOVED, WISHLIST_ITEM_SAVED
from emporium.wishlists.errors import InvalidWishlistItem, WishlistItemNotFound
from emporium.wishlists.models import WishlistItem
from emporium.wishlists.services import remove_from_wishlist, save_to_wishlist, unsave

pytestmark = pytest.mark.django_db


def test_saving_a_product_keeps_it_and_publishes_the_event(buyer, product):
    saved = save_to_wishlist(user=buyer, product_id=product.pk)

    assert saved.created is True
    assert (saved.item.user, saved.item.product) == (buyer, product)
    assert OutboxEvent.objects.filter(name=WISHLIST_ITEM_SAVED).count() == 1


def test_saving_twice_keeps_one_item(buyer, product):
    first = save_to_wishlist(user=buyer, product_id=product.pk)

    again = save_to_wishlist(user=buyer, product_id=product.pk)

    assert again.created is False
    assert again.item.pk == first.item.pk
    assert WishlistItem.objects.count() == 1
    assert OutboxEvent.objects.filter(name=WISHLIST_ITEM_SAVED).count() == 1


def test_saving_a_shop(buyer, product):
    saved = save_to_wishlist(user=buyer, shop_id=product.shop_id)

    assert saved.item.shop_id == product.shop_id
    assert saved.item.product is None


def test_two_buyers_save_the_same_product_each_their_own(buyer, other, product):
    save_to_wishlist(user=buyer, product_id=product.pk)
    save_to_wishlist(user=other, product_id=product.pk)

    assert WishlistItem.objects.count() == 2


def test_an_archived_product_cannot_be_saved(buyer, product):
    product.status = ProductStatus.ARCHIVED
    product.save()

    with pytest.raises(ProductNotFound):
        save_to_wishlist(user=buyer, product_id=product.pk)


def test_a_suspended_shop_cannot_be_saved(buyer):
    shop = ShopFactory(status=ShopStatus.SUSPENDED)

    with pytest.raises(ShopNotFound):
        save_to_wishlist(user=buyer, shop_id=shop.pk)


def test_an_item_is_a_product_or_a_shop(buyer, product):
    with pytest.raises(InvalidWishlistItem) as refused:
        save_to_wishlist(user=buyer)
    with pytest.raises(InvalidWishlistItem):
        save_to_wishlist(user=buyer, product_id=product.pk, shop_id=product.shop_id)

    assert refused.value.code == "invalid_wishlist_item"


def test_removing_an_item(buyer, product):
    item = save_to_wishlist(user=buyer, product_id=product.pk).item

    remove_from_wishlist(user=buyer, item_id=item.pk)

    assert not WishlistItem.objects.exists()
    assert OutboxEvent.objects.filter(name=WISHLIST_ITEM_REMOVED).count() == 1


def test_another_users_item_is_not_found(buyer, other, product):
    item = save_to_wishlist(user=buyer, product_id=product.pk).item

    with pytest.raises(WishlistItemNotFound) as refused:
        remove_from_wishlist(user=other, item_id=item.pk)

    assert refused.value.code == "wishlist_item_not_found"
    assert refused.value.status_code == 404
    assert WishlistItem.objects.count() == 1


def test_unsave_removes_the_product_and_is_harmless_when_not_saved(buyer, product):
    save_to_wishlist(user=buyer, product_id=product.pk)

    assert unsave(user=buyer, product_id=product.pk) is True
    assert unsave(user=buyer, product_id=product.pk) is False
    assert not WishlistItem.objects.exists()
