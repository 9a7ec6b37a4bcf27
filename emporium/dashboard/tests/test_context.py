"""The storefront's way into the dashboard and into selling."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_a_shop_owner_finds_the_dashboard_in_the_account_menu(client):
    shop = ShopFactory()
    client.force_login(shop.owner)

    html = client.get(reverse("accounts:profile")).text

    assert f'href="{reverse("dashboard:home")}"' in html
    assert "data-vendor-link" in html


def test_a_buyer_sees_no_dashboard_link_but_may_apply_to_sell(client):
    client.force_login(UserFactory())

    html = client.get(reverse("accounts:profile")).text

    assert "data-vendor-link" not in html
    assert f'href="{reverse("vendors:apply")}"' in html


def test_anonymous_pages_ask_nothing_about_shops(client, django_assert_num_queries):
    client.get(reverse("storefront:home"))  # warm the page cache

    with django_assert_num_queries(0):
        response = client.get(reverse("storefront:home"))

    assert "data-vendor-link" not in response.text
