"""Category, brand and collection services: the tree rule, slugs, events."""

import pytest

from emporium.catalog.constants import (
    BRAND_CHANGED,
    CATEGORY_CHANGED,
    COLLECTION_CHANGED,
)
from emporium.catalog.errors import (
    BrandNotFound,
    CategoryInUse,
    CategoryNotFound,
    CategoryParentInactive,
    CollectionNotFound,
    InvalidCategoryMove,
    InvalidCollectionProducts,
    SlugTaken,
)
from emporium.catalog.models import Brand, Category, Collection
from emporium.catalog.services import (
    activate_category,
    create_brand,
    create_category,
    create_collection,
    deactivate_category,
    delete_brand,
    delete_category,
    delete_collection,
    move_category,
    set_collection_products,
    update_brand,
    update_category,
    update_collection,
)
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    ProductFactory,
)
from emporium.core.errors import InvalidInput
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def _events(name: str) -> list[dict]:
    return list(
        OutboxEvent.objects.filter(name=name)
        .order_by("created_at", "pk")
        .values_list("payload", flat=True)
    )


def _children(parent: Category) -> list[str]:
    parent.refresh_from_db()
    return [c.name for c in Category.objects.get_children(parent)]


def _roots() -> list[str]:
    return [c.name for c in Category.objects.get_root_nodes()]


# --- Categories ------------------------------------------------------------


def test_create_category_sorts_siblings_by_position_then_name_and_publishes():
    clothing = create_category(name="Clothing")

    create_category(name="Shirts", parent_id=clothing.pk)
    create_category(name="Coats", parent_id=clothing.pk)
    create_category(name="Zips", parent_id=clothing.pk)
    first = create_category(name="Trousers", parent_id=clothing.pk, position=0)
    create_category(name="Sale", parent_id=clothing.pk, position=9)

    assert _children(clothing) == ["Coats", "Shirts", "Trousers", "Zips", "Sale"]
    assert first.slug == "trousers"
    assert len(_events(CATEGORY_CHANGED)) == 6


def test_create_category_numbers_a_taken_slug_made_from_the_name():
    create_category(name="Shoes")

    again = create_category(name="Shoes")

    assert again.slug == "shoes-2"


def test_create_category_refuses_a_given_slug_that_is_taken():
    create_category(name="Shoes", slug="shoes")

    with pytest.raises(SlugTaken) as caught:
        create_category(name="Boots", slug="shoes")

    assert caught.value.code == "slug_taken"
    assert Category.objects.count() == 1
    assert len(_events(CATEGORY_CHANGED)) == 1


def test_create_category_under_an_unknown_parent_is_refused():
    with pytest.raises(CategoryNotFound):
        create_category(name="Orphan", parent_id=999_999)


def test_create_category_under_an_inactive_parent_is_inactive():
    parent = CategoryFactory(is_active=False)

    child = create_category(name="Child", parent_id=parent.pk)

    assert child.is_active is False


def test_rename_re_sorts_the_category_and_publishes_the_fields():
    root = CategoryFactory(name="Root")
    alpha = CategoryFactory(name="Alpha", parent=root)
    CategoryFactory(name="Beta", parent=root)

    update_category(category_id=alpha.pk, name="Zulu")

    assert _children(root) == ["Beta", "Zulu"]
    assert _events(CATEGORY_CHANGED)[-1] == {
        "category_id": alpha.pk,
        "fields": ["name"],
    }


def test_position_change_re_sorts_roots():
    alpha = CategoryFactory(name="Alpha")
    CategoryFactory(name="Beta")
    assert _roots() == ["Alpha", "Beta"]

    update_category(category_id=alpha.pk, position=5)

    assert _roots() == ["Beta", "Alpha"]


def test_update_category_refuses_a_slug_another_category_has():
    CategoryFactory(slug="taken")
    category = CategoryFactory(slug="mine")

    with pytest.raises(SlugTaken):
        update_category(category_id=category.pk, slug="taken")

    category.refresh_from_db()
    assert category.slug == "mine"


def test_update_category_moves_updated_at():
    category = CategoryFactory()
    before = category.updated_at

    updated = update_category(category_id=category.pk, description="Warm things.")

    assert updated.updated_at > before


def test_update_of_an_unknown_category_is_404():
    with pytest.raises(CategoryNotFound) as caught:
        update_category(category_id=999_999, name="x")

    assert caught.value.status_code == 404


def test_move_category_takes_its_subtree_along_sorted_in_the_new_parent():
    clothing = CategoryFactory(name="Clothing")
    shoes = CategoryFactory(name="Shoes")
    boots = CategoryFactory(name="Boots", parent=shoes)
    CategoryFactory(name="Coats", parent=clothing)

    move_category(category_id=shoes.pk, parent_id=clothing.pk)

    assert _children(clothing) == ["Coats", "Shoes"]
    boots.refresh_from_db()
    assert [c.name for c in Category.objects.get_ancestors(boots)] == [
        "Clothing",
        "Shoes",
    ]
    assert _events(CATEGORY_CHANGED)[-1]["category_id"] == shoes.pk


def test_move_category_to_the_root():
    clothing = CategoryFactory(name="Clothing")
    shoes = CategoryFactory(name="Shoes", parent=clothing)

    move_category(category_id=shoes.pk, parent_id=None)

    assert _roots() == ["Clothing", "Shoes"]
    assert _children(clothing) == []


def test_move_category_under_its_own_descendant_is_refused():
    clothing = CategoryFactory(name="Clothing")
    shirts = CategoryFactory(name="Shirts", parent=clothing)

    with pytest.raises(InvalidCategoryMove) as caught:
        move_category(category_id=clothing.pk, parent_id=shirts.pk)

    assert caught.value.code == "invalid_category_move"
    assert _roots() == ["Clothing"]


def test_move_under_an_inactive_parent_deactivates_the_moved_subtree():
    hidden = CategoryFactory(name="Hidden", is_active=False)
    shoes = CategoryFactory(name="Shoes")
    boots = CategoryFactory(name="Boots", parent=shoes)

    move_category(category_id=shoes.pk, parent_id=hidden.pk)

    shoes.refresh_from_db()
    boots.refresh_from_db()
    assert (shoes.is_active, boots.is_active) == (False, False)


def test_deactivate_category_hides_its_whole_subtree_and_nothing_else():
    clothing = CategoryFactory(name="Clothing")
    shirts = CategoryFactory(name="Shirts", parent=clothing)
    CategoryFactory(name="Linen", parent=shirts)
    CategoryFactory(name="Garden")

    deactivate_category(category_id=clothing.pk)

    active = dict(Category.objects.values_list("name", "is_active"))
    assert active == {
        "Clothing": False,
        "Shirts": False,
        "Linen": False,
        "Garden": True,
    }
    assert _events(CATEGORY_CHANGED)[-1] == {
        "category_id": clothing.pk,
        "fields": ["is_active"],
    }


def test_activate_category_under_an_inactive_parent_is_refused():
    parent = CategoryFactory(is_active=False)
    child = CategoryFactory(parent=parent, is_active=False)

    with pytest.raises(CategoryParentInactive) as caught:
        activate_category(category_id=child.pk)

    assert caught.value.code == "category_parent_inactive"
    assert caught.value.status_code == 409


def test_activate_category_shows_it_again_and_publishes():
    category = CategoryFactory(is_active=False)

    activate_category(category_id=category.pk)

    category.refresh_from_db()
    assert category.is_active is True
    assert _events(CATEGORY_CHANGED)[-1]["fields"] == ["is_active"]


def test_delete_category_holding_products_below_it_is_refused():
    clothing = CategoryFactory()
    shirts = CategoryFactory(parent=clothing)
    ProductFactory(category=shirts)

    with pytest.raises(CategoryInUse) as caught:
        delete_category(category_id=clothing.pk)

    assert caught.value.code == "category_in_use"
    assert Category.objects.count() == 2
    assert _events(CATEGORY_CHANGED) == []


def test_delete_empty_category_takes_its_subtree_and_publishes():
    clothing = CategoryFactory()
    CategoryFactory(parent=clothing)

    delete_category(category_id=clothing.pk)

    assert Category.objects.count() == 0
    assert _events(CATEGORY_CHANGED) == [
        {"category_id": clothing.pk, "fields": ["deleted"]}
    ]


# --- Brands ----------------------------------------------------------------


def test_create_and_rename_brand_publish_brand_changed():
    brand = create_brand(name="Acme")

    update_brand(brand_id=brand.pk, name="Acme Co")

    brand.refresh_from_db()
    assert (brand.name, brand.slug) == ("Acme Co", "acme")
    assert _events(BRAND_CHANGED) == [
        {"brand_id": brand.pk, "fields": ["created"]},
        {"brand_id": brand.pk, "fields": ["name"]},
    ]


def test_brand_slug_taken_is_refused_and_nothing_changes():
    BrandFactory(slug="acme")
    zenith = BrandFactory(slug="zenith")

    with pytest.raises(SlugTaken):
        update_brand(brand_id=zenith.pk, slug="acme")

    assert _events(BRAND_CHANGED) == []


def test_brand_slug_that_slugifies_to_nothing_is_invalid():
    with pytest.raises(InvalidInput) as caught:
        create_brand(name="Acme", slug="!!!")

    assert caught.value.code == "invalid_slug"
    assert caught.value.status_code == 400


def test_delete_brand_leaves_its_products_without_a_brand():
    brand = BrandFactory()
    product = ProductFactory(brand=brand)

    delete_brand(brand_id=brand.pk)

    product.refresh_from_db()
    assert product.brand_id is None
    assert not Brand.objects.exists()
    assert _events(BRAND_CHANGED)[-1]["fields"] == ["deleted"]


def test_unknown_brand_is_404():
    with pytest.raises(BrandNotFound):
        update_brand(brand_id=999_999, name="x")


# --- Collections -----------------------------------------------------------


def test_set_collection_products_keeps_the_order_given():
    collection = create_collection(name="Summer sale", is_featured=True)
    a, b, c = ProductFactory(), ProductFactory(), ProductFactory()

    set_collection_products(collection_id=collection.pk, product_ids=[c.pk, a.pk])
    set_collection_products(collection_id=collection.pk, product_ids=[b.pk, c.pk, a.pk])

    assert list(collection.entries.values_list("product_id", "position")) == [
        (b.pk, 0),
        (c.pk, 1),
        (a.pk, 2),
    ]
    assert collection.slug == "summer-sale"
    assert [e["fields"] for e in _events(COLLECTION_CHANGED)] == [
        ["created"],
        ["products"],
        ["products"],
    ]


@pytest.mark.parametrize("bad", ["unknown", "repeated"])
def test_set_collection_products_refuses_unknown_or_repeated_ids(bad):
    collection = create_collection(name="Sale")
    product = ProductFactory()
    set_collection_products(collection_id=collection.pk, product_ids=[product.pk])
    ids = [product.pk, 999_999] if bad == "unknown" else [product.pk, product.pk]

    with pytest.raises(InvalidCollectionProducts) as caught:
        set_collection_products(collection_id=collection.pk, product_ids=ids)

    assert caught.value.code == "invalid_collection_products"
    assert list(collection.entries.values_list("product_id", flat=True)) == [product.pk]


def test_update_and_delete_collection_publish():
    collection = create_collection(name="Sale")

    update_collection(collection_id=collection.pk, is_featured=True, name="Big sale")
    delete_collection(collection_id=collection.pk)

    assert not Collection.objects.exists()
    assert [e["fields"] for e in _events(COLLECTION_CHANGED)] == [
        ["created"],
        ["name", "is_featured"],
        ["deleted"],
    ]


def test_unknown_collection_is_404():
    with pytest.raises(CollectionNotFound):
        set_collection_products(collection_id=999_999, product_ids=[])
