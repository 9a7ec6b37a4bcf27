"""The index follows category and brand changes, in bounded batches."""

import pytest

from emporium.catalog.services import (
    deactivate_category,
    delete_brand,
    move_category,
    update_brand,
    update_category,
)
from emporium.catalog.tests.factories import BrandFactory, CategoryFactory
from emporium.core.events import deliver
from emporium.core.models import OutboxEvent
from emporium.search import services
from emporium.search.backends import get_backend
from emporium.search.models import ProductSearchDocument
from emporium.search.tests.factories import index, make_product
from emporium.search.types import SearchQuery

pytestmark = pytest.mark.django_db


def _deliver_all() -> None:
    pending = OutboxEvent.objects.filter(delivered_at__isnull=True)
    for event_id in pending.order_by("created_at").values_list("pk", flat=True):
        assert deliver(event_id)


def _doc(product) -> ProductSearchDocument:
    return ProductSearchDocument.objects.get(pk=product.pk)


@pytest.fixture
def tree():
    """Clothing > Shirts > Linen, with a product at each level, and Garden."""
    clothing = CategoryFactory(name="Clothing", slug="clothing")
    shirts = CategoryFactory(name="Shirts", slug="shirts", parent=clothing)
    linen = CategoryFactory(name="Linen", slug="linen", parent=shirts)
    garden = CategoryFactory(name="Garden", slug="garden")
    products = {
        "coat": make_product(title="Coat", category=clothing),
        "shirt": make_product(title="Oxford Shirt", category=shirts),
        "linen": make_product(title="Linen Shirt", category=linen),
        "rake": make_product(title="Rake", category=garden),
    }
    index(*products.values())
    return {"clothing": clothing, "shirts": shirts, "garden": garden, **products}


def test_category_rename_updates_the_documents_of_its_subtree_only(tree):
    update_category(category_id=tree["shirts"].pk, name="Tops")
    _deliver_all()

    assert _doc(tree["shirt"]).category_names == "Clothing / Tops"
    assert _doc(tree["linen"]).category_names == "Clothing / Tops / Linen"
    assert _doc(tree["coat"]).category_names == "Clothing"
    labels = {t.label for t in _doc(tree["linen"]).terms.filter(name="category")}
    assert labels == {"Clothing", "Tops", "Linen"}


def test_renamed_category_is_found_by_its_new_name(tree):
    update_category(category_id=tree["clothing"].pk, name="Apparel")
    _deliver_all()

    found = get_backend().search(SearchQuery(text="apparel")).product_ids

    assert set(found) == {tree[k].pk for k in ("coat", "shirt", "linen")}


def test_moved_category_is_filtered_under_its_new_parent(tree):
    move_category(category_id=tree["shirts"].pk, parent_id=tree["garden"].pk)
    _deliver_all()

    found = get_backend().search(SearchQuery(category="garden")).product_ids

    assert set(found) == {tree[k].pk for k in ("rake", "shirt", "linen")}
    assert _doc(tree["linen"]).category_names == "Garden / Shirts / Linen"


def test_deactivated_category_is_no_filter_or_facet_any_more(tree):
    deactivate_category(category_id=tree["shirts"].pk)
    _deliver_all()

    by_shirts = get_backend().search(SearchQuery(category="shirts"))
    everything = get_backend().search(SearchQuery())

    assert by_shirts.product_ids == []
    # As on the category pages: products of a hidden category are in none.
    facet = {f.value: f.count for f in everything.facets.categories}
    assert facet == {"clothing": 1, "garden": 1}
    # They stay on sale, and findable.
    assert tree["linen"].pk in everything.product_ids
    assert _doc(tree["linen"]).category_names == ""


def test_brand_rename_updates_its_products_documents():
    acme = BrandFactory(name="Acme", slug="acme")
    kettle = make_product(title="Kettle", brand=acme)
    other = make_product(title="Toaster", brand=BrandFactory(name="Zenith"))
    index(kettle, other)

    update_brand(brand_id=acme.pk, name="Acme Home")
    _deliver_all()

    assert _doc(kettle).brand_name == "Acme Home"
    assert _doc(other).brand_name == "Zenith"
    assert get_backend().search(SearchQuery(text="home")).product_ids == [kettle.pk]


def test_deleted_brand_leaves_its_products_documents_without_it():
    acme = BrandFactory(name="Acme", slug="acme")
    kettle = make_product(title="Kettle", brand=acme)
    index(kettle)

    delete_brand(brand_id=acme.pk)
    _deliver_all()

    assert (_doc(kettle).brand_name, _doc(kettle).brand_id) == ("", None)
    assert get_backend().search(SearchQuery(brand="acme")).product_ids == []


def test_a_category_of_many_products_is_reindexed_in_batches(monkeypatch):
    category = CategoryFactory(name="Shoes")
    products = [make_product(category=category) for _ in range(5)]
    make_product()  # elsewhere: not reindexed
    batches = []
    real = services.reindex_products

    def spy(*, product_ids):
        batches.append(len(product_ids))
        return real(product_ids=product_ids)

    monkeypatch.setattr(services, "reindex_products", spy)

    indexed = services.reindex_products_of_category(category_id=category.pk, batch=2)

    assert indexed == 5
    assert batches == [2, 2, 1]
    assert (
        ProductSearchDocument.objects.filter(pk__in=[p.pk for p in products]).count()
        == 5
    )


def test_each_batch_makes_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    category = CategoryFactory(name="Shoes")
    for _ in range(12):
        make_product(category=category)

    # The path, then per batch of 4 the ids and a fixed rebuild (loads,
    # delete, bulk inserts: about 13 on SQLite, fewer on PostgreSQL), then
    # the empty batch that ends it: the count follows batches, not products.
    with django_assert_max_num_queries(1 + 3 * 15 + 1):
        services.reindex_products_of_category(category_id=category.pk, batch=4)


def test_a_description_change_rebuilds_no_document(tree, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "emporium.search.handlers.reindex_products_of_category",
        lambda **kwargs: calls.append(kwargs),
    )

    update_category(category_id=tree["shirts"].pk, description="Crisp.")
    update_category(category_id=tree["shirts"].pk, slug="tops")
    _deliver_all()

    assert calls == [{"category_id": tree["shirts"].pk}]
