"""Editing a shop's public profile."""

import pytest

from emporium.core.models import OutboxEvent
from emporium.vendors.constants import SHOP_PROFILE_UPDATED, ShopStatus
from emporium.vendors.errors import InvalidShopProfile, ShopNameLocked, ShopNotFound
from emporium.vendors.services import ShopProfile, update_shop_profile
from emporium.vendors.tests.factories import ShopFactory, logo_file

pytestmark = pytest.mark.django_db


def _update(shop, **changes):
    return update_shop_profile(shop_id=shop.pk, profile=ShopProfile(**changes))


def test_update_shop_profile_sanitises_description():
    shop = ShopFactory()

    _update(shop, description="<em>hi</em><img src=x>")

    shop.refresh_from_db()
    assert shop.description == "<em>hi</em>"


def test_update_shop_profile_changes_only_the_fields_given():
    shop = ShopFactory(contact_phone="+49 1", returns_policy="30 days")

    _update(shop, shipping_policy="  Ships in 2 days.  ")

    shop.refresh_from_db()
    assert shop.shipping_policy == "Ships in 2 days."
    assert (shop.contact_phone, shop.returns_policy) == ("+49 1", "30 days")
    event = OutboxEvent.objects.get(name=SHOP_PROFILE_UPDATED)
    assert event.payload == {"shop_id": shop.pk, "fields": ["shipping_policy"]}


def test_update_shop_profile_without_a_change_publishes_nothing():
    shop = ShopFactory(contact_phone="+49 1")

    _update(shop, contact_phone="+49 1")

    assert not OutboxEvent.objects.filter(name=SHOP_PROFILE_UPDATED).exists()


def test_an_approved_shop_keeps_its_name():
    shop = ShopFactory(name="Owl Books", status=ShopStatus.APPROVED)

    with pytest.raises(ShopNameLocked) as caught:
        _update(shop, name="Eagle Books")

    assert caught.value.code == "shop_name_locked"
    shop.refresh_from_db()
    assert shop.name == "Owl Books"


def test_sending_the_approved_name_unchanged_is_fine():
    shop = ShopFactory(name="Owl Books", status=ShopStatus.SUSPENDED)

    _update(shop, name="Owl Books", contact_phone="+1")

    shop.refresh_from_db()
    assert shop.contact_phone == "+1"


@pytest.mark.parametrize("status", [ShopStatus.PENDING, ShopStatus.REJECTED])
def test_a_shop_not_yet_approved_may_be_renamed_and_keeps_its_slug(status):
    shop = ShopFactory(name="Owl Books", slug="owl-books", status=status)

    _update(shop, name="Eagle Books")

    shop.refresh_from_db()
    assert (shop.name, shop.slug) == ("Eagle Books", "owl-books")


def test_social_links_keep_known_networks_in_order_and_drop_empty_ones():
    shop = ShopFactory()

    _update(
        shop,
        social_links={
            "instagram": "https://instagram.com/owl",
            "website": " https://owl.example ",
            "x": "",
        },
    )

    shop.refresh_from_db()
    assert list(shop.social_links.items()) == [
        ("website", "https://owl.example"),
        ("instagram", "https://instagram.com/owl"),
    ]


@pytest.mark.parametrize(
    "links",
    [
        {"myspace": "https://myspace.com/owl"},
        {"website": "javascript:alert(1)"},
        {"website": "owl.example"},
        {"website": "https://owl.example/" + "a" * 200},
    ],
)
def test_social_links_refuse_unknown_networks_and_non_http_urls(links):
    shop = ShopFactory()

    with pytest.raises(InvalidShopProfile) as caught:
        _update(shop, social_links=links)

    assert list(caught.value.fields) == ["social_links"]


def test_contact_email_must_be_an_address():
    with pytest.raises(InvalidShopProfile) as caught:
        _update(ShopFactory(), contact_email="not-an-email")

    assert list(caught.value.fields) == ["contact_email"]


def test_a_policy_has_a_length_limit():
    with pytest.raises(InvalidShopProfile):
        _update(ShopFactory(), returns_policy="x" * 10_001)


def test_logo_is_replaced_and_can_be_removed():
    shop = ShopFactory()

    _update(shop, logo=logo_file("new.webp", fmt="WEBP"))
    shop.refresh_from_db()
    assert shop.logo.name.endswith(".webp")

    _update(shop, remove_logo=True)
    shop.refresh_from_db()
    assert not shop.logo


def test_update_of_a_missing_shop_raises_shop_not_found():
    with pytest.raises(ShopNotFound):
        update_shop_profile(shop_id=999_999, profile=ShopProfile(contact_phone="1"))
