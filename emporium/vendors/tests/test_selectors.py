"""Which shops buyers see, and which shop a vendor works on."""

import pytest
from django.contrib.auth.models import AnonymousUser

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.errors import NotShopMember, ShopNotFound, ShopRequired
from emporium.vendors.selectors import (
    get_member_shop,
    get_visible_shop,
    list_member_shops,
    list_visible_shops,
    runs_a_shop,
)
from emporium.vendors.services import add_shop_member
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory

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


# Which shop a vendor works on (the scope of every vendor page and endpoint).


def test_get_member_shop_answers_the_users_only_shop():
    shop = ShopFactory(status=ShopStatus.PENDING)

    assert get_member_shop(user=shop.owner) == shop


def test_get_member_shop_refuses_a_user_who_runs_no_shop():
    ShopFactory()

    with pytest.raises(NotShopMember) as caught:
        get_member_shop(user=UserFactory())

    assert caught.value.code == "not_a_vendor"
    assert caught.value.status_code == 403


def test_get_member_shop_hides_a_shop_the_user_does_not_run():
    mine, theirs = ShopFactory(), ShopFactory()

    with pytest.raises(ShopNotFound):
        get_member_shop(user=mine.owner, slug=theirs.slug)


def test_get_member_shop_needs_a_slug_when_the_user_runs_several_shops():
    first = ShopFactory()
    second = ShopMemberFactory(user=first.owner).shop

    with pytest.raises(ShopRequired) as caught:
        get_member_shop(user=first.owner)

    assert caught.value.code == "shop_required"
    assert get_member_shop(user=first.owner, slug=second.slug) == second


def test_staff_member_reaches_the_shop_like_its_owner():
    member = ShopMemberFactory(role=ShopMemberRole.STAFF)

    assert get_member_shop(user=member.user) == member.shop
    assert list(list_member_shops(user=member.user)) == [member.shop]


def test_an_anonymous_visitor_runs_no_shop():
    ShopFactory()

    assert list(list_member_shops(user=AnonymousUser())) == []


def test_runs_a_shop_is_cached_and_follows_membership_changes(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    user = UserFactory()
    shop = ShopFactory()
    assert runs_a_shop(user=user) is False

    with django_assert_num_queries(0):
        assert runs_a_shop(user=user) is False
    with django_capture_on_commit_callbacks(execute=True):
        add_shop_member(shop_id=shop.pk, user=user)

    assert runs_a_shop(user=user) is True
