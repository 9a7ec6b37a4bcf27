"""Archiving a variant: its offers leave every buyer-facing list, orders keep
it, the product's default moves on, the last active variant stays."""

import pytest
from django.urls import reverse

from emporium.catalog.errors import LastActiveVariant, VariantNotFound
from emporium.catalog.models import Offer, ProductVariant
from emporium.catalog.services import archive_variant, update_variant
from emporium.core.models import OutboxEvent
from emporium.search.backends import get_backend
from emporium.search.services import reindex_all
from emporium.search.types import SearchQuery
from emporium.storefront.tests.builders import listed_product

pytestmark = pytest.mark.django_db


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


def test_an_archived_variant_leaves_the_cached_product_page_picker(
    client, django_capture_on_commit_callbacks
):
    product = listed_product(title="Trail Shoe", variants=2)
    _, second = _variants(product)
    url = reverse("storefront:product", args=[product.slug])
    assert f"variant={second.pk}" in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        archive_variant(variant_id=second.pk)

    page = client.get(url)
    assert page.status_code == 200
    assert f"variant={second.pk}" not in page.text


def test_a_product_whose_only_visible_variant_is_archived_leaves_search():
    product = listed_product(title="Granite Kettle", variants=2)
    first, second = _variants(product)
    Offer.objects.filter(variant=first).update(is_active=False)
    reindex_all()
    assert get_backend(cached=False).search(SearchQuery(text="granite")).total == 1

    archive_variant(variant_id=second.pk)
    reindex_all()

    assert get_backend(cached=False).search(SearchQuery(text="granite")).total == 0
    assert not type(product).objects.visible().filter(pk=product.pk).exists()
