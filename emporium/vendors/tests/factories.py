"""Factories for shops (approved by default), invitations and branches."""

import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import INVITATION_TTL, ShopMemberRole, ShopStatus
from emporium.vendors.models import Shop, ShopBranch, ShopInvitation, ShopMember


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Shop {n}")
    slug = factory.Sequence(lambda n: f"shop-{n}")
    owner = factory.SubFactory(UserFactory)
    status = ShopStatus.APPROVED
    commission_rate = Decimal("10.00")
    default_currency = "EUR"

    @factory.post_generation
    def _owner_member(obj, create, extracted, **kwargs):
        # As `create_shop` does: the owner runs the shop.
        if create and obj.owner_id:
            ShopMember.objects.get_or_create(
                shop=obj, user=obj.owner, defaults={"role": ShopMemberRole.OWNER}
            )


class ShopMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopMember

    shop = factory.SubFactory(ShopFactory)
    user = factory.SubFactory(UserFactory)
    role = ShopMemberRole.STAFF


class ShopInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation (no token yet: `issue_invitation_token` makes one)."""

    class Meta:
        model = ShopInvitation

    shop = factory.SubFactory(ShopFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    invited_by = factory.LazyAttribute(lambda o: o.shop.owner)
    expires_at = factory.LazyFunction(lambda: timezone.now() + INVITATION_TTL)


class ShopBranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopBranch

    shop = factory.SubFactory(ShopFactory)
    name = factory.Sequence(lambda n: f"Branch {n}")
    line1 = "Hauptstr. 1"
    city = "Berlin"
    postal_code = "10115"
    country = "DE"
    latitude = Decimal("52.520008")
    longitude = Decimal("13.404954")
    opening_hours = factory.LazyFunction(
        lambda: {"mon": [["09:00", "18:00"]], "sat": [["10:00", "14:00"]]}
    )


def logo_file(
    name: str = "logo.png", *, fmt: str = "PNG", size: tuple[int, int] = (64, 64)
) -> SimpleUploadedFile:
    """A small real image upload, made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt}")
