"""A shop's own catalogue: what its people may read and change, and that
another shop's products, variants, images and offers are "not found"."""

from decimal import Decimal

import pytest

from emporium.catalog.constants import ProductStatus
from emporium.catalog.errors import (
    DuplicateSku,
    ImageNotFound,
    LastActiveVariant,
    OfferNotFound,
    ProductClosedToShop,
    ProductNotFound,
    VariantAlreadyOffered,
    VariantNotFound,
)
from emporium.catalog.models import (
    Attribute,
    Offer,
    Option,
    Product,
    ProductImage,
)
from emporium.catalog.services import AttributeInput
from emporium.catalog.services.shop_catalog import (
    add_shop_product_image,
    archive_shop_product,
    archive_shop_variant,
    create_shop_offer,
    create_shop_product,
    create_shop_variant,
    remove_shop_product_image,
    set_shop_product_attributes,
    update_shop_offer,
    update_shop_product,
    update_shop_product_image,
    update_shop_variant,
)
from emporium.catalog.shop_selectors import (
    get_offerable_variant,
    get_shop_image,
    get_shop_product,
    get_shop_variant,
    list_open_products,
    list_shop_products,
    list_unoffered_variants,
)
from emporium.catalog.tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.catalog.tests.test_images import png
from emporium.core.models import OutboxEvent
from emporium.core.money import Money
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def theirs():
    """A product of another shop, closed to other sellers, with an offer."""
    return OfferFactory(sku="THEIRS-1").variant.product


def upload():
    return png(400, 300)


# --- Products -------------------------------------------------------------------


def test_create_shop_product_belongs_to_the_shop_and_is_closed_to_others(shop):
    product = create_shop_product(
        shop=shop,
        title="  Rain jacket ",
        category=CategoryFactory(),
        description='<p>Dry <script>alert("x")</script></p>',
    )

    assert product.shop == shop
    assert product.title == "Rain jacket"
    assert product.status == ProductStatus.DRAFT
    assert product.is_open_to_other_sellers is False
    assert "<script>" not in product.description
    assert product.variants.get().is_default


def test_update_shop_product_changes_the_fields_given(shop):
    product = ProductFactory(shop=shop, title="Old")

    update_shop_product(
        shop=shop, product_id=product.pk, title="New", status=ProductStatus.ACTIVE
    )

    product.refresh_from_db()
    assert (product.title, product.status) == ("New", ProductStatus.ACTIVE)


def test_update_shop_product_cannot_open_the_product_to_other_sellers(shop):
    product = ProductFactory(shop=shop)

    with pytest.raises(TypeError):
        update_shop_product(
            shop=shop, product_id=product.pk, is_open_to_other_sellers=True
        )


@pytest.mark.parametrize(
    "write",
    [
        lambda shop, p: update_shop_product(shop=shop, product_id=p.pk, title="X"),
        lambda shop, p: archive_shop_product(shop=shop, product_id=p.pk),
        lambda shop, p: set_shop_product_attributes(
            shop=shop, product_id=p.pk, values=[]
        ),
        lambda shop, p: create_shop_variant(shop=shop, product_id=p.pk, name="XL"),
        lambda shop, p: add_shop_product_image(
            shop=shop, product_id=p.pk, file=upload()
        ),
    ],
    ids=["update", "archive", "attributes", "variant", "image"],
)
def test_another_shops_product_is_not_found_and_unchanged(shop, theirs, write):
    before = Product.objects.values().get(pk=theirs.pk)

    with pytest.raises(ProductNotFound) as caught:
        write(shop, theirs)

    assert caught.value.code == "product_not_found"
    assert Product.objects.values().get(pk=theirs.pk) == before
    assert not OutboxEvent.objects.exists()


def test_archive_shop_product_takes_it_off_sale(shop):
    product = ProductFactory(shop=shop)

    archive_shop_product(shop=shop, product_id=product.pk)

    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED


def test_set_shop_product_attributes_replaces_the_values(shop):
    Attribute.objects.create(code="care", name="Care", type="text")
    product = ProductFactory(shop=shop)

    set_shop_product_attributes(
        shop=shop,
        product_id=product.pk,
        values=[AttributeInput(code="care", value="Hand wash")],
    )

    assert [v.value for v in product.attribute_values.all()] == ["Hand wash"]


# --- Variants -------------------------------------------------------------------


def test_create_and_update_a_variant_with_options(shop):
    Option.objects.create(code="size", name="Size")
    product = ProductFactory(shop=shop)

    variant = create_shop_variant(
        shop=shop, product_id=product.pk, options={"size": "M"}, weight_grams=200
    )
    update_shop_variant(
        shop=shop, variant_id=variant.pk, options={"size": "L"}, barcode="4006381333931"
    )

    variant = get_shop_variant(shop=shop, variant_id=variant.pk)
    assert [v.value for v in variant.option_list] == ["L"]
    assert variant.name == "L"
    assert variant.barcode == "4006381333931"
    assert variant.weight_grams == 200


def test_archive_shop_variant_keeps_the_last_active_one(shop):
    product = ProductFactory(shop=shop)
    first = product.variants.first() or VariantFactory(product=product)
    second = VariantFactory(product=product)

    archive_shop_variant(shop=shop, variant_id=second.pk)
    with pytest.raises(LastActiveVariant):
        archive_shop_variant(shop=shop, variant_id=first.pk)

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.is_active, first.is_active) == (False, True)


def test_another_shops_variant_is_not_found(shop, theirs):
    variant = theirs.variants.get()

    with pytest.raises(VariantNotFound):
        update_shop_variant(shop=shop, variant_id=variant.pk, name="Mine now")
    with pytest.raises(VariantNotFound):
        archive_shop_variant(shop=shop, variant_id=variant.pk)
    with pytest.raises(VariantNotFound):
        get_shop_variant(shop=shop, variant_id=variant.pk)
    variant.refresh_from_db()
    assert variant.is_active


# --- Images ---------------------------------------------------------------------


def test_images_are_added_changed_and_removed_on_own_products(
    shop, django_capture_on_commit_callbacks
):
    product = ProductFactory(shop=shop)

    with django_capture_on_commit_callbacks(execute=True):
        image = add_shop_product_image(
            shop=shop, product_id=product.pk, file=upload(), alt_text="Front"
        )
    update_shop_product_image(shop=shop, image_id=image.pk, alt_text="Back")

    image.refresh_from_db()
    assert image.alt_text == "Back"
    assert image.thumbnails  # made by the catalog's thumbnail task
    remove_shop_product_image(shop=shop, image_id=image.pk)
    assert not ProductImage.objects.exists()


def test_another_shops_image_is_not_found_and_kept(shop, theirs):
    image = add_shop_product_image(
        shop=theirs.shop, product_id=theirs.pk, file=upload(), alt_text="Theirs"
    )

    for write in (
        lambda: update_shop_product_image(shop=shop, image_id=image.pk, alt_text="X"),
        lambda: remove_shop_product_image(shop=shop, image_id=image.pk),
        lambda: get_shop_image(shop=shop, image_id=image.pk),
    ):
        with pytest.raises(ImageNotFound):
            write()

    image.refresh_from_db()
    assert image.alt_text == "Theirs"


# --- Offers ---------------------------------------------------------------------


def test_a_shop_offers_its_own_variant(shop):
    variant = VariantFactory(product__shop=shop)

    offer = create_shop_offer(
        shop=shop, variant_id=variant.pk, sku="MINE-1", price=eur("9.5")
    )

    assert (offer.shop, offer.price) == (shop, eur("9.50"))


def test_a_shop_offers_another_shops_open_product(shop):
    variant = VariantFactory(product__is_open_to_other_sellers=True)

    offer = create_shop_offer(
        shop=shop, variant_id=variant.pk, sku="ALSO-1", price=eur("8.00")
    )

    assert offer.shop == shop
    assert offer.variant.product.shop != shop


def test_offering_a_product_not_open_to_other_sellers_is_refused(shop, theirs):
    with pytest.raises(ProductClosedToShop) as caught:
        create_shop_offer(
            shop=shop,
            variant_id=theirs.variants.get().pk,
            sku="NOPE",
            price=eur("1.00"),
        )

    assert caught.value.code == "product_not_open_to_shop"
    assert not Offer.objects.filter(shop=shop).exists()


def test_offering_a_variant_twice_is_refused_with_its_own_code(shop):
    offer = OfferFactory(variant__product__shop=shop, shop=shop, sku="FIRST")

    with pytest.raises(VariantAlreadyOffered) as caught:
        create_shop_offer(
            shop=shop, variant_id=offer.variant_id, sku="SECOND", price=eur("1.00")
        )

    assert caught.value.code == "variant_already_offered"
    assert caught.value.status_code == 409
    assert "FIRST" in caught.value.message


def test_a_sku_the_shop_uses_is_refused(shop):
    OfferFactory(variant__product__shop=shop, shop=shop, sku="TAKEN")
    variant = VariantFactory(product__shop=shop)

    with pytest.raises(DuplicateSku):
        create_shop_offer(
            shop=shop, variant_id=variant.pk, sku="TAKEN", price=eur("1.00")
        )


def test_update_shop_offer_changes_own_offers_only(shop):
    mine = OfferFactory(variant__product__shop=shop, shop=shop)
    other = OfferFactory(price_amount=Decimal("5.00"))

    update_shop_offer(shop=shop, offer_id=mine.pk, price=eur("12.00"))
    with pytest.raises(OfferNotFound):
        update_shop_offer(shop=shop, offer_id=other.pk, price=eur("1.00"))

    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.price_amount == Decimal("12.00")
    assert other.price_amount == Decimal("5.00")


# --- Reads ----------------------------------------------------------------------


def test_list_shop_products_shows_only_the_shops_products_in_every_status(shop, theirs):
    draft = ProductFactory(shop=shop, status=ProductStatus.DRAFT)
    archived = ProductFactory(shop=shop, status=ProductStatus.ARCHIVED)

    assert set(list_shop_products(shop=shop)) == {draft, archived}
    assert list(list_shop_products(shop=shop, status="draft")) == [draft]


def test_list_shop_products_searches_titles_and_own_skus(shop):
    jacket = ProductFactory(shop=shop, title="Rain jacket")
    tee = OfferFactory(variant__product__shop=shop, shop=shop, sku="TEE-42")
    ProductFactory(shop=shop, title="Socks")
    # Another shop's SKU on the shop's product is not the shop's to search.
    OfferFactory(
        variant__product__shop=shop,
        variant__product__is_open_to_other_sellers=True,
        shop=ShopFactory(),
        sku="JACKET-X",
    )

    assert list(list_shop_products(shop=shop, text="jacket")) == [jacket]
    assert list(list_shop_products(shop=shop, text="tee-4")) == [tee.variant.product]


def test_list_shop_products_counts_variants_and_own_offers(shop):
    offer = OfferFactory(variant__product__shop=shop, shop=shop)
    product = offer.variant.product
    VariantFactory(product=product)
    OfferFactory(variant=VariantFactory(product=product), shop=ShopFactory())

    (row,) = list_shop_products(shop=shop)

    assert (row.variant_count, row.offer_count) == (3, 1)


def test_list_shop_products_reads_a_page_in_two_queries(
    shop, django_assert_num_queries
):
    for _ in range(3):
        OfferFactory(variant__product__shop=shop, shop=shop)

    with django_assert_num_queries(2):
        rows = list(list_shop_products(shop=shop, text="SKU"))

    assert len(rows) == 3
    assert all(row.image_list == [] for row in rows)


def test_get_shop_product_shows_only_the_shops_offers(shop):
    variant = VariantFactory(product__shop=shop, product__is_open_to_other_sellers=True)
    mine = OfferFactory(variant=variant, shop=shop)
    OfferFactory(variant=variant, shop=ShopFactory())

    product = get_shop_product(shop=shop, product_id=variant.product_id)

    (listed,) = [v for v in product.variant_list if v.pk == variant.pk]
    assert listed.shop_offers == [mine]


def test_get_shop_product_of_another_shop_is_not_found(shop, theirs):
    with pytest.raises(ProductNotFound):
        get_shop_product(shop=shop, product_id=theirs.pk)


def test_list_open_products_lists_other_shops_active_open_products(shop):
    open_product = ProductFactory(is_open_to_other_sellers=True, title="Open")
    ProductFactory(is_open_to_other_sellers=True, status=ProductStatus.DRAFT)
    ProductFactory(is_open_to_other_sellers=False)
    ProductFactory(shop=shop, is_open_to_other_sellers=True)  # its own

    assert list(list_open_products(shop=shop)) == [open_product]


def test_list_unoffered_variants_leaves_out_offered_and_archived(shop):
    offered = OfferFactory(variant__product__shop=shop, shop=shop).variant
    waiting = VariantFactory(product=offered.product)
    VariantFactory(product__shop=shop, product__status=ProductStatus.ARCHIVED)
    VariantFactory()  # another shop's

    assert list(list_unoffered_variants(shop=shop)) == [waiting]


def test_get_offerable_variant_hides_other_shops_closed_products(shop, theirs):
    open_variant = VariantFactory(product__is_open_to_other_sellers=True)

    assert get_offerable_variant(shop=shop, variant_id=open_variant.pk)
    with pytest.raises(VariantNotFound):
        get_offerable_variant(shop=shop, variant_id=theirs.variants.get().pk)
