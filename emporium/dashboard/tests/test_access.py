"""Who may open the vendor dashboard, and on which shop it works."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.dashboard.access import SESSION_KEY
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("dashboard:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_user_who_runs_no_shop_is_refused_with_a_way_to_apply(client):
    client.force_login(UserFactory())

    response = client.get(reverse("dashboard:home"))

    assert response.status_code == 403
    assert b"You do not run a shop yet" in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_user_of_several_shops_chooses_one_first(client):
    first = ShopFactory(name="Alpha")
    ShopMemberFactory(user=first.owner, shop__name="Beta")
    client.force_login(first.owner)

    response = client.get(reverse("dashboard:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:choose-shop"))
    page = client.get(response["Location"])
    assert b"Alpha" in page.content
    assert b"Beta" in page.content


def test_choosing_a_shop_is_remembered_for_the_session(client):
    first = ShopFactory()
    client.force_login(first.owner)

    response = client.post(
        reverse("dashboard:choose-shop"), {"shop": first.slug, "next": "/vendor/"}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == first.slug


def test_choosing_a_shop_one_does_not_run_is_not_found(client):
    mine, theirs = ShopFactory(), ShopFactory()
    client.force_login(mine.owner)

    response = client.post(reverse("dashboard:choose-shop"), {"shop": theirs.slug})

    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_choose_shop_ignores_a_next_url_on_another_site(client):
    shop = ShopFactory()
    client.force_login(shop.owner)

    response = client.post(
        reverse("dashboard:choose-shop"),
        {"shop": shop.slug, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("dashboard:home")
