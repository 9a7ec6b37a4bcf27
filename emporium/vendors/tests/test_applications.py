"""Applying to open a shop, and resubmitting a rejected application."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from emporium.accounts.errors import EmailNotVerified
from emporium.accounts.tests.factories import UserFactory
from emporium.core.models import OutboxEvent
from emporium.vendors.constants import (
    DEFAULT_COMMISSION_RATE,
    SHOP_APPLICATION_SUBMITTED,
    ShopMemberRole,
    ShopStatus,
)
from emporium.vendors.errors import (
    ApplicationPending,
    CommissionNotAccepted,
    InvalidLogo,
    InvalidShopProfile,
    InvalidTransition,
    ShopNotFound,
)
from emporium.vendors.models import ShopMember, ShopStatusEvent
from emporium.vendors.services import (
    ShopProfile,
    apply_for_shop,
    reject_shop,
    resubmit_shop_application,
)
from emporium.vendors.tests.factories import ShopFactory, logo_file

pytestmark = pytest.mark.django_db


def _apply(user, **profile):
    profile.setdefault("name", "Owl Books")
    return apply_for_shop(
        user=user, profile=ShopProfile(**profile), accepts_commission=True
    )


def test_apply_opens_a_pending_shop_owned_by_the_applicant_at_the_platform_rate():
    user = UserFactory()

    shop = _apply(
        user,
        description='<p onclick="x()">Old <b>books</b></p><script>1</script>',
        contact_email=" Books@Example.COM ",
        contact_phone="+49 30 1234",
    )

    assert shop.status == ShopStatus.PENDING
    assert shop.owner == user
    assert shop.description == "<p>Old <b>books</b></p>"
    assert shop.contact_email == "books@example.com"
    assert shop.contact_phone == "+49 30 1234"
    assert shop.commission_rate == DEFAULT_COMMISSION_RATE
    assert shop.commission_accepted_at is not None
    member = ShopMember.objects.get(shop=shop)
    assert (member.user, member.role) == (user, ShopMemberRole.OWNER)


def test_apply_publishes_application_submitted():
    shop = _apply(UserFactory())

    event = OutboxEvent.objects.get(name=SHOP_APPLICATION_SUBMITTED)
    assert event.payload == {"shop_id": shop.pk, "resubmitted": False}


def test_apply_stores_a_checked_logo_under_the_shops_slug():
    shop = _apply(UserFactory(), logo=logo_file("My Logo.PNG"))

    assert shop.logo.name.endswith(f"{shop.slug}.png")


def test_apply_refuses_a_user_whose_email_is_not_verified():
    user = UserFactory(email_verified_at=None)

    with pytest.raises(EmailNotVerified) as caught:
        _apply(user)

    assert caught.value.code == "email_not_verified"
    assert not ShopMember.objects.exists()


def test_apply_refuses_without_accepting_the_commission():
    with pytest.raises(CommissionNotAccepted) as caught:
        apply_for_shop(
            user=UserFactory(),
            profile=ShopProfile(name="Owl Books"),
            accepts_commission=False,
        )

    assert caught.value.code == "commission_not_accepted"
    assert "accept_commission" in caught.value.fields


def test_apply_refuses_a_second_application_while_one_is_pending():
    user = UserFactory()
    first = _apply(user)

    with pytest.raises(ApplicationPending) as caught:
        _apply(user, name="Second Shop")

    assert caught.value.code == "application_pending"
    assert caught.value.status_code == 409
    assert caught.value.extra == {"shop": first.slug}


def test_apply_again_is_allowed_once_the_first_is_decided():
    user = UserFactory()
    first = _apply(user)
    reject_shop(shop_id=first.pk, actor=None, reason="Incomplete")

    second = _apply(user, name="Second Shop")

    assert second.status == ShopStatus.PENDING


def test_apply_refuses_a_blank_name():
    with pytest.raises(InvalidShopProfile) as caught:
        _apply(UserFactory(), name="   ")

    assert caught.value.fields == {"name": ["Give the shop a name."]}


def test_apply_refuses_a_file_that_is_no_image():
    bogus = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")

    with pytest.raises(InvalidLogo) as caught:
        _apply(UserFactory(), logo=bogus)

    assert caught.value.code == "invalid_logo"
    assert "logo" in caught.value.fields
    assert not ShopMember.objects.exists()


def test_apply_refuses_an_oversized_logo():
    huge = logo_file(size=(4097, 10))

    with pytest.raises(InvalidLogo, match="4096"):
        _apply(UserFactory(), logo=huge)


def test_apply_refuses_a_gif_logo():
    with pytest.raises(InvalidLogo, match="GIF"):
        _apply(UserFactory(), logo=logo_file("logo.gif", fmt="GIF"))


def test_apply_refuses_a_logo_heavier_than_the_limit(monkeypatch):
    monkeypatch.setattr("emporium.vendors.images.MAX_LOGO_BYTES", 10)

    with pytest.raises(InvalidLogo, match="larger than"):
        _apply(UserFactory(), logo=logo_file())


# --- Resubmitting ---------------------------------------------------------------


def test_owner_of_a_rejected_shop_edits_and_resubmits_it():
    user = UserFactory()
    shop = _apply(user)
    reject_shop(shop_id=shop.pk, actor=None, reason="Tell us more")

    again = resubmit_shop_application(
        shop_id=shop.pk,
        user=user,
        profile=ShopProfile(name="Owl & Lark Books", description="<p>More</p>"),
        accepts_commission=True,
    )

    assert again.status == ShopStatus.PENDING
    assert again.name == "Owl & Lark Books"
    assert again.description == "<p>More</p>"
    last = ShopStatusEvent.objects.filter(shop=shop).last()
    assert (last.from_status, last.to_status) == ("rejected", "pending")
    assert OutboxEvent.objects.filter(name=SHOP_APPLICATION_SUBMITTED).order_by(
        "created_at"
    ).last().payload == {"shop_id": shop.pk, "resubmitted": True}


def test_resubmitting_an_approved_shop_is_an_invalid_transition():
    user = UserFactory()
    shop = ShopFactory(owner=user, status=ShopStatus.APPROVED)

    with pytest.raises(InvalidTransition):
        resubmit_shop_application(
            shop_id=shop.pk, user=user, profile=ShopProfile(), accepts_commission=True
        )


def test_only_the_owner_may_resubmit():
    shop = ShopFactory(status=ShopStatus.REJECTED)

    with pytest.raises(ShopNotFound):
        resubmit_shop_application(
            shop_id=shop.pk,
            user=UserFactory(),
            profile=ShopProfile(),
            accepts_commission=True,
        )

    shop.refresh_from_db()
    assert shop.status == ShopStatus.REJECTED


def test_resubmitting_while_another_application_is_pending_is_refused():
    user = UserFactory()
    rejected = ShopFactory(owner=user, status=ShopStatus.REJECTED)
    ShopFactory(owner=user, status=ShopStatus.PENDING)

    with pytest.raises(ApplicationPending):
        resubmit_shop_application(
            shop_id=rejected.pk,
            user=user,
            profile=ShopProfile(),
            accepts_commission=True,
        )
