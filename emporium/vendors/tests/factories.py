"""Factories for shops (approved by default)."""

from decimal import Decimal

import factory

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.models import Shop, ShopMember


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
