"""Which cart a request gets: guest tokens, account carts, the merge."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.utils import timezone

from emporium.accounts.tests.factories import UserFactory
from emporium.cart.constants import MessageCode
from emporium.cart.models import Cart, CartLine
from emporium.cart.services import delete_abandoned_guest_carts, resolve_cart
from emporium.cart.tasks import delete_abandoned_guest_carts_task
from emporium.cart.tests.factories import CartFactory, CartLineFactory, stocked_offer

pytestmark = pytest.mark.django_db


def test_a_guest_token_finds_its_cart():
    cart = CartFactory()

    resolved = resolve_cart(user=AnonymousUser(), token=str(cart.token))

    assert (resolved.cart, resolved.forget_token) == (cart, False)


@pytest.mark.parametrize(
    "token", ["garbage", "", "1" * 500, "00000000-0000-0000-0000-000000000000"]
)
def test_an_unknown_or_garbage_token_is_no_cart(token):
    CartFactory()

    resolved = resolve_cart(user=None, token=token)

    assert resolved.cart is None
    assert resolved.forget_token is bool(token)


def test_a_users_cart_does_not_open_with_its_token():
    cart = CartFactory(user=UserFactory())

    assert resolve_cart(user=None, token=str(cart.token)).cart is None


def test_a_signed_in_user_gets_their_own_cart():
    user = UserFactory()
    cart = CartFactory(user=user)
    CartFactory(user=UserFactory())

    assert resolve_cart(user=user, token=None).cart == cart


def test_a_user_has_at_most_one_cart():
    user = UserFactory()
    CartFactory(user=user)

    with pytest.raises(IntegrityError):
        CartFactory(user=user)


def test_a_user_without_a_cart_takes_the_guest_cart_over_with_a_new_token():
    user = UserFactory()
    line = CartLineFactory(offer=stocked_offer())
    old_token = line.cart.token

    resolved = resolve_cart(user=user, token=str(old_token))

    assert resolved.cart.pk == line.cart_id
    assert resolved.cart.user == user
    assert resolved.cart.token != old_token
    assert resolved.forget_token
    assert resolved.messages == ()
    assert resolve_cart(user=None, token=str(old_token)).cart is None


def test_merging_adds_the_quantities_and_moves_the_other_lines():
    user = UserFactory()
    shared, only_guest = stocked_offer(stock=10), stocked_offer()
    mine = CartLineFactory(cart=CartFactory(user=user), offer=shared, quantity=2)
    guest = CartFactory()
    CartLineFactory(cart=guest, offer=shared, quantity=3)
    CartLineFactory(cart=guest, offer=only_guest, quantity=1)

    resolved = resolve_cart(user=user, token=str(guest.token))

    assert resolved.cart == mine.cart
    assert dict(resolved.cart.lines.values_list("offer_id", "quantity")) == {
        shared.pk: 5,
        only_guest.pk: 1,
    }
    assert not Cart.objects.filter(pk=guest.pk).exists()
    assert [m.code for m in resolved.messages] == [MessageCode.CARTS_MERGED]


def test_merged_quantities_are_capped_by_the_stock_with_a_message():
    user = UserFactory()
    offer = stocked_offer(stock=4)
    mine = CartLineFactory(cart=CartFactory(user=user), offer=offer, quantity=3)
    guest = CartLineFactory(offer=offer, quantity=3).cart

    resolved = resolve_cart(user=user, token=str(guest.token))

    assert CartLine.objects.get(pk=mine.pk).quantity == 4
    assert resolved.messages[-1].text.startswith("Only 4 of ")


def test_the_users_voucher_wins_and_the_guests_is_kept_if_they_had_none():
    user = UserFactory()
    CartFactory(user=user, voucher_code="")
    guest = CartFactory(voucher_code="GUEST5")

    assert resolve_cart(user=user, token=str(guest.token)).cart.voucher_code == (
        "GUEST5"
    )


def test_abandoned_guest_carts_are_deleted_and_account_carts_kept():
    old = timezone.now() - timezone.timedelta(days=31)
    stale = CartLineFactory(offer=stocked_offer()).cart
    fresh = CartFactory()
    users = CartFactory(user=UserFactory())
    Cart.objects.filter(pk__in=[stale.pk, users.pk]).update(updated_at=old)

    assert delete_abandoned_guest_carts(older_than_days=30) == 1
    assert set(Cart.objects.values_list("pk", flat=True)) == {fresh.pk, users.pk}


def test_the_cleanup_task_runs_the_service():
    stale = CartFactory()
    Cart.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=40)
    )

    assert delete_abandoned_guest_carts_task.delay().get() == 1
    assert not Cart.objects.exists()
