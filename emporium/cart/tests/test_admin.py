"""Support staff can look at carts in the admin but not change them."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.cart.models import Cart
from emporium.cart.tests.factories import CartFactory, CartLineFactory, stocked_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("query", ["", "?q=ann%40example.com", "?q=not-a-uuid"])
def test_the_cart_list_opens_and_searches(staff_client, query):
    CartLineFactory(cart=CartFactory(user=UserFactory(email="ann@example.com")))

    response = staff_client.get(reverse("admin:cart_cart_changelist") + query)

    assert response.status_code == 200


def test_a_cart_shows_its_lines_read_only(staff_client):
    line = CartLineFactory(offer=stocked_offer(), quantity=3)

    page = staff_client.get(reverse("admin:cart_cart_change", args=[line.cart_id]))

    assert page.status_code == 200
    assert str(line.cart.token) in page.text
    assert 'name="lines-0-quantity"' not in page.text
    assert 'type="submit"' not in page.text.split('id="content"')[1].split("</form>")[0]


def test_carts_cannot_be_added_or_deleted(staff_client):
    cart = CartFactory()

    added = staff_client.get(reverse("admin:cart_cart_add"))
    deleted = staff_client.post(
        reverse("admin:cart_cart_delete", args=[cart.pk]), {"post": "yes"}
    )

    assert added.status_code == 403
    assert deleted.status_code == 403
    assert Cart.objects.filter(pk=cart.pk).exists()
