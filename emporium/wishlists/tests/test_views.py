"""Storefront wishlist: hearts (htmx and plain forms), the saved state
loaded after cached pages, and My Account > Wishlist."""

import pytest
from django.test import Client
from django.urls import reverse

from emporium.catalog.constants import ProductStatus
from emporium.vendors.tests.factories import ShopFactory
from emporium.wishlists.models import WishlistItem
from emporium.wishlists.services import save_to_wishlist
from emporium.wishlists.tests.conftest import visible_product

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/c/lamps/?page=2"}


def test_an_anonymous_heart_goes_to_sign_in_and_back_to_the_save_page(client, product):
    url = f"{reverse('wishlists:save')}?product={product.pk}&next=/p/{product.slug}/"

    response = client.get(url)

    assert response.status_code == 302
    login = reverse("accounts:login")
    assert response["Location"].startswith(f"{login}?next=/wishlist/save/")


def test_an_anonymous_htmx_post_is_sent_to_sign_in_in_the_window(client, product):
    response = client.post(
        reverse("wishlists:save"), {"product": product.pk}, headers=HTMX
    )

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
    assert not WishlistItem.objects.exists()


def test_the_save_page_asks_then_the_plain_form_saves_and_goes_back(
    client, buyer, product
):
    client.force_login(buyer)
    back = f"/p/{product.slug}/"

    page = client.get(reverse("wishlists:save"), {"product": product.pk, "next": back})
    response = client.post(
        reverse("wishlists:save"), {"product": product.pk, "next": back}
    )

    assert f"Keep {product.title} in your wishlist" in page.text
    assert "csrfmiddlewaretoken" in page.text
    assert response.status_code == 302
    assert response["Location"] == back
    assert WishlistItem.objects.filter(user=buyer, product=product).exists()


def test_the_plain_form_never_goes_back_to_another_site(client, buyer, product):
    client.force_login(buyer)

    response = client.post(
        reverse("wishlists:save"),
        {"product": product.pk, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("wishlists:wishlist")


def test_saving_needs_the_csrf_token(buyer, product):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)

    response = client.post(reverse("wishlists:save"), {"product": product.pk})

    assert response.status_code == 403
    assert not WishlistItem.objects.exists()


def test_an_htmx_heart_saves_and_answers_every_copy_of_the_heart_saved(
    client, buyer, product
):
    client.force_login(buyer)

    response = client.post(
        reverse("wishlists:save"), {"product": product.pk}, headers=HTMX
    )

    html = response.text
    key = f"product-{product.pk}"
    assert response["HX-Trigger"] == "wishlist-changed"
    assert f"hx-swap-oob=\"outerHTML:[data-heart='{key}']\"" in html
    assert 'aria-pressed="true"' in html
    assert f'hx-post="{reverse("wishlists:remove")}"' in html
    assert f"Remove {product.title} from your wishlist" in html
    assert WishlistItem.objects.filter(user=buyer, product=product).count() == 1


def test_an_htmx_heart_removes_a_saved_product(client, buyer, product):
    save_to_wishlist(user=buyer, product_id=product.pk)
    client.force_login(buyer)

    response = client.post(
        reverse("wishlists:remove"), {"product": product.pk}, headers=HTMX
    )

    assert 'aria-pressed="false"' in response.text
    assert not WishlistItem.objects.exists()


def test_hearts_answers_only_the_saved_ones_of_the_page(client, buyer, product):
    other_product = visible_product()
    shop = ShopFactory()
    save_to_wishlist(user=buyer, product_id=product.pk)
    save_to_wishlist(user=buyer, shop_id=shop.pk)
    client.force_login(buyer)

    response = client.get(
        reverse("wishlists:hearts"),
        {
            "item": [
                f"product-{product.pk}",
                f"product-{other_product.pk}",
                f"shop-{shop.pk}",
            ]
        },
        headers=HTMX,
    )

    html = response.text
    assert f'data-heart="product-{product.pk}"' in html
    assert f'data-heart="shop-{shop.pk}"' in html
    assert f"product-{other_product.pk}" not in html
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )


def test_hearts_tell_anonymous_visitors_nothing(client, product):
    response = client.get(
        reverse("wishlists:hearts"), {"item": f"product-{product.pk}"}
    )

    assert response.status_code == 200
    assert "data-heart" not in response.text


def test_the_wishlist_page_lists_saved_products_and_shops(client, buyer, product):
    shop = ShopFactory(name="Fjord Goods")
    save_to_wishlist(user=buyer, product_id=product.pk)
    save_to_wishlist(user=buyer, shop_id=shop.pk)
    client.force_login(buyer)

    html = client.get(reverse("wishlists:wishlist")).text

    assert product.title in html
    assert "Fjord Goods" in html
    assert f'href="{reverse("wishlists:wishlist")}" aria-current="page"' in html


def test_the_wishlist_page_hides_an_archived_product(client, buyer, product):
    save_to_wishlist(user=buyer, product_id=product.pk)
    product.status = ProductStatus.ARCHIVED
    product.save()
    client.force_login(buyer)

    html = client.get(reverse("wishlists:wishlist")).text

    assert product.title not in html
    assert "No saved products yet" in html


def test_the_wishlist_page_needs_sign_in(client):
    response = client.get(reverse("wishlists:wishlist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [2, 20])
def test_the_wishlist_page_query_count_does_not_grow_with_items(
    client, buyer, django_assert_max_num_queries, count
):
    for _ in range(count):
        product = visible_product()
        save_to_wishlist(user=buyer, product_id=product.pk)
        save_to_wishlist(user=buyer, shop_id=product.shop_id)
    client.force_login(buyer)

    # Session and user, then the count, the cards, their images, the shops;
    # and the header's "does this user run a shop" (every signed-in page).
    with django_assert_max_num_queries(7):
        response = client.get(reverse("wishlists:wishlist"))
    assert response.status_code == 200
