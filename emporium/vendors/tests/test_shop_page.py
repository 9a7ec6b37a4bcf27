"""The public shop page shows the profile, policies and branches."""

import pytest
from django.urls import reverse

from emporium.vendors.tests.factories import ShopBranchFactory, ShopFactory

pytestmark = pytest.mark.django_db


def test_shop_page_shows_contact_policies_and_social_links(client):
    shop = ShopFactory(
        contact_email="owl@example.com",
        contact_phone="+49 30 1",
        returns_policy="30 days <b>no</b> questions",
        shipping_policy="Ships in 2 days.",
        social_links={"website": "https://owl.example", "instagram": "https://ig/owl"},
    )

    content = client.get(reverse("storefront:shop", args=[shop.slug])).content.decode()

    assert "mailto:owl@example.com" in content
    assert 'href="tel:+49301"' in content
    assert "30 days &lt;b&gt;no&lt;/b&gt; questions" in content
    assert "Ships in 2 days." in content
    assert 'data-social="website"' in content
    assert 'rel="nofollow noopener noreferrer"' in content


def test_shop_page_without_a_profile_shows_no_empty_section(client):
    shop = ShopFactory()

    content = client.get(reverse("storefront:shop", args=[shop.slug])).content.decode()

    assert "data-shop-about" not in content
    assert "data-shop-branches" not in content


def test_shop_page_lists_branches_with_opening_hours(client):
    shop = ShopFactory()
    ShopBranchFactory(
        shop=shop,
        name="Mitte",
        city="Berlin",
        opening_hours={"mon": [["09:00", "12:00"], ["13:00", "18:00"]]},
    )
    ShopBranchFactory(shop=shop, name="Altona", city="Hamburg")
    ShopBranchFactory(name="Not theirs")

    content = client.get(reverse("storefront:shop", args=[shop.slug])).content.decode()

    assert "2 branches" in content
    assert content.index("Altona") < content.index("Mitte")
    assert "09:00\u201312:00, 13:00\u201318:00" in content
    assert "Closed" in content
    assert "Not theirs" not in content
    assert "openstreetmap.org/?mlat=52.520008&amp;mlon=13.404954" in content
