"""Reading wishlists: only visible items, as cards, hearts by key."""

import pytest

from emporium.catalog.constants import ProductStatus
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory
from emporium.wishlists.selectors import (
    list_saved_hearts,
    list_saved_product_cards,
    list_saved_shops,
    list_wishlist_items,
    parse_heart_keys,
)
from emporium.wishlists.services import save_to_wishlist
from emporium.wishlists.tests.conftest import visible_product

pytestmark = pytest.mark.django_db


def test_saved_products_are_cards_most_recent_first(buyer):
    first, second = visible_product(), visible_product()
    save_to_wishlist(user=buyer, product_id=first.pk)
    save_to_wishlist(user=buyer, product_id=second.pk)

    cards = list(list_saved_product_cards(user=buyer))

    assert cards == [second, first]
    assert cards[0].best_price is not None
    assert cards[0].is_in_stock is True


def test_an_archived_product_and_a_suspended_shop_are_not_listed(buyer):
    archived, kept = visible_product(), visible_product()
    suspended = ShopFactory()
    save_to_wishlist(user=buyer, product_id=archived.pk)
    save_to_wishlist(user=buyer, product_id=kept.pk)
    save_to_wishlist(user=buyer, shop_id=suspended.pk)
    archived.status = ProductStatus.ARCHIVED
    archived.save()
    suspended.status = ShopStatus.SUSPENDED
    suspended.save()

    assert list(list_saved_product_cards(user=buyer)) == [kept]
    assert list(list_saved_shops(user=buyer)) == []
    assert [i.product for i in list_wishlist_items(user=buyer)] == [kept]


def test_another_users_items_are_never_listed(buyer, other, product):
    save_to_wishlist(user=other, product_id=product.pk)
    save_to_wishlist(user=other, shop_id=product.shop_id)

    assert list(list_wishlist_items(user=buyer)) == []
    assert list(list_saved_shops(user=buyer)) == []


def test_heart_keys_are_parsed_and_strangers_ignored():
    keys = ["product-12", "shop-3", "product-x", "order-1", "shop-", "product-12"]

    assert parse_heart_keys(keys) == ({12}, {3})


def test_saved_hearts_are_only_those_the_user_saved(buyer, other, product):
    unsaved = visible_product()
    save_to_wishlist(user=buyer, product_id=product.pk)
    save_to_wishlist(user=other, product_id=unsaved.pk)

    hearts = list_saved_hearts(
        user=buyer, product_ids={product.pk, unsaved.pk}, shop_ids={product.shop_id}
    )

    assert [(h.key, h.name, h.saved) for h in hearts] == [
        (f"product-{product.pk}", product.title, True)
    ]


@pytest.mark.parametrize("count", [2, 20])
def test_wishlist_items_load_in_a_fixed_number_of_queries(
    buyer, django_assert_num_queries, count
):
    for _ in range(count):
        product = visible_product()
        save_to_wishlist(user=buyer, product_id=product.pk)
        save_to_wishlist(user=buyer, shop_id=product.shop_id)

    with django_assert_num_queries(3):  # items (with shops), products, images
        items = list(list_wishlist_items(user=buyer))
        [(item.product and item.product.ordered_images) for item in items]

    assert len(items) == 2 * count
