"""Factories for the catalog: categories (treebeard), products (active by
default, with a default variant via VariantFactory) and offers."""

from decimal import Decimal

import factory

from emporium.catalog.constants import ProductStatus
from emporium.catalog.models import Brand, Category, Offer, Product, ProductVariant
from emporium.vendors.tests.factories import ShopFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    """A root category, or a child with `parent=...` (treebeard's API)."""

    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent: Category | None = None, **kwargs):
        if parent is not None:
            return model_class.objects.add_child(parent, kwargs)
        return model_class.objects.add_root(kwargs)


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    name = factory.Sequence(lambda n: f"Brand {n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    status = ProductStatus.ACTIVE
    shop = factory.SubFactory(ShopFactory)
    category = factory.SubFactory(CategoryFactory)


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    name = factory.Sequence(lambda n: f"Variant {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    """An active offer in EUR by the product's own shop."""

    class Meta:
        model = Offer

    variant = factory.SubFactory(VariantFactory)
    shop = factory.LazyAttribute(lambda offer: offer.variant.product.shop)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_amount = Decimal("19.99")
    currency = "EUR"
