from decimal import Decimal

import pytest
from django.core.management import call_command

from emporium.catalog.constants import AttributeType, ProductStatus
from emporium.catalog.models import Attribute, AttributeChoice, AttributeValue
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    OfferFactory,
)
from emporium.search.backends import get_backend
from emporium.search.models import ProductSearchDocument
from emporium.search.services import reindex_all, reindex_product
from emporium.search.tests.factories import index, make_product
from emporium.search.types import SearchQuery
from emporium.vendors.constants import ShopStatus
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[int]:
    return get_backend().search(SearchQuery(text=text)).product_ids


def test_visible_product_is_indexed_with_denormalised_fields():
    root = CategoryFactory(name="Clothing", slug="clothing")
    child = CategoryFactory(name="Shirts", slug="shirts", parent=root)
    brand = BrandFactory(name="Acme")
    product = make_product(
        title="Linen Shirt",
        description="<p>Cool &amp; <b>light</b></p>",
        category=child,
        brand=brand,
        price="30.00",
    )

    assert reindex_product(product_id=product.pk) is True

    doc = ProductSearchDocument.objects.get(pk=product.pk)
    assert doc.description == "Cool & light"
    assert doc.category_names == "Clothing / Shirts"
    assert doc.category_ids == [root.pk, child.pk]
    assert doc.brand_name == "Acme"
    assert doc.min_price_amount == Decimal("30.00")
    assert doc.is_in_stock is True
    assert _found("linen") == [product.pk]


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.ARCHIVED])
def test_draft_and_archived_products_are_not_found(status):
    product = make_product(title="Hidden Lamp", status=status)

    index(product)

    assert not ProductSearchDocument.objects.filter(pk=product.pk).exists()
    assert _found("lamp") == []


@pytest.mark.parametrize("status", [ShopStatus.PENDING, ShopStatus.SUSPENDED])
def test_products_offered_only_by_unapproved_shops_are_not_found(status):
    product = make_product(title="Shady Lamp", shop=ShopFactory(status=status))

    index(product)

    assert _found("lamp") == []


def test_reindex_drops_a_product_that_became_invisible():
    product = make_product(title="Desk Lamp")
    index(product)
    product.status = ProductStatus.ARCHIVED
    product.save(update_fields=["status"])

    assert reindex_product(product_id=product.pk) is False

    assert _found("lamp") == []


def test_min_price_is_the_lowest_visible_offer_and_stock_any_offer():
    product = make_product(title="Mug", price="12.00", quantity=0)
    OfferFactory(
        variant__product=product,
        shop=ShopFactory(status=ShopStatus.SUSPENDED),
        price_amount=Decimal("5.00"),
    )

    index(product)

    doc = ProductSearchDocument.objects.get(pk=product.pk)
    assert doc.min_price_amount == Decimal("12.00")
    assert doc.is_in_stock is False


def test_filterable_attributes_become_facet_terms():
    colour = Attribute.objects.create(
        code="colour", name="Colour", type=AttributeType.CHOICE, is_filterable=True
    )
    red = AttributeChoice.objects.create(attribute=colour, value="Red", slug="red")
    hidden = Attribute.objects.create(
        code="note", name="Note", type=AttributeType.TEXT, is_filterable=False
    )
    product = make_product(title="Red Cup")
    AttributeValue.objects.create(product=product, attribute=colour, choice=red)
    AttributeValue.objects.create(product=product, attribute=hidden, value_text="x")

    index(product)

    doc = ProductSearchDocument.objects.get(pk=product.pk)
    assert doc.attributes == {"colour": ["red"]}


def test_reindex_all_and_the_command_rebuild_every_visible_product(capsys):
    shown = [make_product(title=f"Chair {n}") for n in range(3)]
    make_product(title="Draft Chair", status=ProductStatus.DRAFT)

    assert reindex_all(batch=2) == 3
    call_command("rebuild_search_index", batch=2)

    assert "Indexed 3 products." in capsys.readouterr().out
    assert sorted(_found("chair")) == sorted(p.pk for p in shown)
