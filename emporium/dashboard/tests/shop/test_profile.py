"""/vendor/shop/: the shop profile page."""

import pytest
from django.urls import reverse

from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory, logo_file

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:shop-profile")


def _post(**overrides):
    data = {
        "name": "Owl",
        "description": "<p>Books</p>",
        "contact_email": "owl@example.com",
        "contact_phone": "+49 1",
        "returns_policy": "30 days",
        "shipping_policy": "2 days",
        "social_website": "https://owl.example",
    }
    return {**data, **overrides}


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_owner_sees_and_saves_the_profile(client):
    shop = ShopFactory(name="Owl", status=ShopStatus.PENDING)
    client.force_login(shop.owner)

    page = client.get(URL)
    response = client.post(URL, _post(name="Owl & Lark", logo=logo_file()))

    assert page.status_code == 200
    assert b"data-profile-form" in page.content
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.name == "Owl & Lark"
    assert shop.returns_policy == "30 days"
    assert shop.social_links == {"website": "https://owl.example"}
    assert shop.logo


def test_an_approved_shops_name_field_is_locked(client):
    shop = ShopFactory(name="Owl", status=ShopStatus.APPROVED)
    client.force_login(shop.owner)

    response = client.post(URL, _post(name="Eagle"))

    assert response.status_code == 302  # the disabled field keeps the name
    shop.refresh_from_db()
    assert (shop.name, shop.contact_phone) == ("Owl", "+49 1")


def test_a_bad_link_shows_the_error(client):
    shop = ShopFactory()
    client.force_login(shop.owner)

    response = client.post(URL, _post(social_website="ftp://owl.example"))

    assert response.status_code == 200
    assert b"Enter a valid URL." in response.content


def test_staff_member_reads_but_cannot_save(client):
    shop = ShopFactory(contact_phone="+1")
    member = ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF)
    client.force_login(member.user)

    page = client.get(URL)
    response = client.post(URL, _post())

    assert page.status_code == 200
    assert b"Only the shop's owners can change the profile." in page.content
    assert response.status_code == 403
    shop.refresh_from_db()
    assert shop.contact_phone == "+1"


def test_another_shop_named_is_404(client):
    mine, theirs = ShopFactory(), ShopFactory(contact_phone="+1")
    client.force_login(mine.owner)

    page = client.get(URL, {"shop": theirs.slug})
    response = client.post(f"{URL}?shop={theirs.slug}", _post())

    assert (page.status_code, response.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.contact_phone == "+1"


def test_the_menu_shows_the_shop_pages(client):
    shop = ShopFactory()
    client.force_login(shop.owner)

    content = client.get(URL).content.decode()

    for name in ("shop-profile", "branches", "team"):
        assert f'href="{reverse(f"dashboard:{name}")}"' in content
