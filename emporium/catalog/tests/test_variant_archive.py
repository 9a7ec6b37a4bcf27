"""Archiving a variant: its offers stop being visible, the row stays for
orders, the product's default moves on, the last active variant stays.
(What buyers then see on pages and in search: storefront's
test_variant_archive_pages.py.)"""

import pytest

from emporium.catalog.errors import LastActiveVariant, VariantNotFound
from emporium.catalog.models import Offer, Product, ProductVariant
from emporium.catalog.services import archive_variant, update_variant
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def listed_product(*, variants: int, **fields) -> Product:
    """An active product whose variants each have one visible offer."""
    product = ProductFactory(**fields)
    for position in range(variants):
        variant = VariantFactory(
            product=product, position=position, is_default=position == 0
        )
        OfferFactory(variant=variant)
    return product


def _variants(product) -> tuple[ProductVariant, ProductVariant]:
    first, second = product.variants.order_by("position")
    return first, second


def test_archiving_a_variant_hides_its_offers_and_keeps_the_row():
    product = listed_product(title="Rain Coat", variants=2)
    first, second = _variants(product)

    archive_variant(variant_id=second.pk)

    second.refresh_from_db()
    assert second.is_active is False
    assert list(Offer.objects.visible().filter(variant__product=product)) == list(
        Offer.objects.filter(variant=first)
    )
    assert OutboxEvent.objects.filter(
        name="variant.updated", payload__variant_id=second.pk
    ).exists()


def test_archiving_the_default_variant_passes_the_default_on():
    product = listed_product(variants=2)
    first, second = _variants(product)
    assert first.is_default

    archive_variant(variant_id=first.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)


def test_the_last_active_variant_cannot_be_archived():
    product = listed_product(variants=2)
    first, second = _variants(product)
    archive_variant(variant_id=second.pk)

    with pytest.raises(LastActiveVariant) as caught:
        archive_variant(variant_id=first.pk)

    assert caught.value.code == "last_active_variant"
    first.refresh_from_db()
    assert first.is_active is True


def test_archiving_twice_changes_nothing_more_and_restoring_shows_it_again():
    product = listed_product(variants=2)
    _, second = _variants(product)
    archive_variant(variant_id=second.pk)
    archive_variant(variant_id=second.pk)

    update_variant(variant_id=second.pk, is_active=True)

    assert Offer.objects.visible().filter(variant=second).exists()


def test_archiving_an_unknown_variant_is_not_found():
    with pytest.raises(VariantNotFound):
        archive_variant(variant_id=999_999)
