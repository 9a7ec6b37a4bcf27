"""An archived variant leaves the product page's picker (through the page
cache) and search."""

import pytest
from django.urls import reverse

from emporium.catalog.models import Offer, ProductVariant
from emporium.catalog.services import archive_variant
from emporium.search.backends import get_backend
from emporium.search.services import reindex_all
from emporium.search.types import SearchQuery
from emporium.storefront.tests.builders import listed_product

pytestmark = pytest.mark.django_db


def _variants(product) -> tuple[ProductVariant, ProductVariant]:
    first, second = product.variants.order_by("position")
    return first, second


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
