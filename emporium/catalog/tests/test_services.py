"""Writing products and offers: sanitised text, exact prices, events."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.errors import (
    DuplicateSku,
    InvalidPrice,
    OfferNotFound,
    ProductNotFound,
)
from emporium.catalog.models import Offer, Product
from emporium.catalog.services import (
    archive_product,
    change_offer_price,
    create_offer,
    create_product,
    update_offer,
    update_product,
)
from emporium.catalog.tests.factories import (
    BrandFactory,
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.core.money import CurrencyMismatch, Money
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

DIRTY = (
    '<p onclick="steal()">Warm <strong>wool</strong> <em>socks</em></p>'
    "<script>alert(1)</script><ul><li>Soft</li></ul>"
)
CLEAN = "<p>Warm <strong>wool</strong> <em>socks</em></p><ul><li>Soft</li></ul>"


def test_create_product_sanitises_description_and_adds_default_variant():
    product = create_product(
        shop=ShopFactory(), title="Wool socks", category=CategoryFactory(),
        description=DIRTY,
    )  # fmt: skip

    product.refresh_from_db()
    assert product.description == CLEAN
    assert product.slug == "wool-socks"
    assert [v.is_default for v in product.variants.all()] == [True]


def test_update_product_sanitises_description():
    product = ProductFactory()

    update_product(product_id=product.pk, description=DIRTY)

    product.refresh_from_db()
    assert product.description == CLEAN


@pytest.mark.parametrize(
    ("price", "stored"),
    [
        (Money(Decimal("19.999"), "EUR"), Decimal("20.00")),
        (Money(Decimal("1999.5"), "JPY"), Decimal("2000")),
        (Money(Decimal("1.2345"), "KWD"), Decimal("1.235")),
    ],
)
def test_create_offer_stores_price_quantized_to_minor_unit(price, stored):
    variant = VariantFactory()

    offer = create_offer(
        shop=variant.product.shop, variant=variant, sku="A-1", price=price
    )

    offer.refresh_from_db()
    assert offer.price == Money(stored, price.currency)
    assert OutboxEvent.objects.filter(name="offer.created").count() == 1


def test_create_offer_refuses_negative_price():
    variant = VariantFactory()

    with pytest.raises(InvalidPrice) as caught:
        create_offer(
            shop=variant.product.shop,
            variant=variant,
            sku="A-1",
            price=Money(Decimal("-1"), "EUR"),
        )

    assert caught.value.code == "invalid_price"


def test_create_offer_refuses_compare_at_price_in_other_currency():
    variant = VariantFactory()

    with pytest.raises(CurrencyMismatch):
        create_offer(
            shop=variant.product.shop,
            variant=variant,
            sku="A-1",
            price=Money(Decimal("10"), "EUR"),
            compare_at_price=Money(Decimal("12"), "USD"),
        )


def test_sku_is_unique_per_shop_but_not_across_shops():
    first = OfferFactory(sku="TEE-1")
    OfferFactory(sku="TEE-1")  # another shop: fine

    with pytest.raises(DuplicateSku) as caught:
        create_offer(
            shop=first.shop,
            variant=VariantFactory(product__shop=first.shop),
            sku="TEE-1",
            price=Money(Decimal("1"), "EUR"),
        )

    assert caught.value.code == "duplicate_sku"


def test_negative_price_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory(price_amount=Decimal("-0.01"))


def test_change_offer_price_publishes_old_and_new_price():
    offer = OfferFactory(price_amount=Decimal("10.00"))

    change_offer_price(offer_id=offer.pk, price=Money(Decimal("8.5"), "EUR"))

    assert Offer.objects.get(pk=offer.pk).price == Money(Decimal("8.50"), "EUR")
    event = OutboxEvent.objects.get(name="offer.price_changed")
    assert (event.payload["from"], event.payload["to"]) == ("10.000", "8.50")


def _payloads(name: str) -> list[dict]:
    return [event.payload for event in OutboxEvent.objects.filter(name=name)]


# -- products -----------------------------------------------------------------


def test_create_product_publishes_product_created():
    product = create_product(
        shop=ShopFactory(), title="Wool socks", category=CategoryFactory()
    )

    assert _payloads("product.created") == [{"product_id": product.pk}]


def test_create_product_numbers_a_taken_slug():
    ProductFactory(slug="wool-socks")

    product = create_product(
        shop=ShopFactory(), title="Wool socks", category=CategoryFactory()
    )

    assert product.slug == "wool-socks-2"


PRODUCT_COLUMNS = (
    "title",
    "slug",
    "description",
    "status",
    "shop_id",
    "category_id",
    "brand_id",
    "tax_class",
    "is_open_to_other_sellers",
)


def _columns(product: Product) -> dict:
    product.refresh_from_db()
    return {name: getattr(product, name) for name in PRODUCT_COLUMNS}


def _new_value(field: str) -> tuple:
    """(argument for update_product, column it lands in, value stored)."""
    if field == "category":
        category = CategoryFactory()
        return category, "category_id", category.pk
    if field == "brand":
        brand = BrandFactory()
        return brand, "brand_id", brand.pk
    return {
        "title": ("  Merino socks ", "title", "Merino socks"),
        "description": (
            "<p>Soft<script>x()</script></p>",
            "description",
            "<p>Soft</p>",
        ),
        "status": (ProductStatus.DRAFT, "status", ProductStatus.DRAFT),
        "tax_class": (TaxClass.REDUCED, "tax_class", TaxClass.REDUCED),
        "is_open_to_other_sellers": (True, "is_open_to_other_sellers", True),
    }[field]


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "description",
        "status",
        "category",
        "brand",
        "tax_class",
        "is_open_to_other_sellers",
    ],
)
def test_update_product_changes_the_given_field_and_keeps_the_others(field):
    product = ProductFactory(description="<p>Old</p>", brand=BrandFactory())
    value, column, stored = _new_value(field)
    before = _columns(product)

    update_product(product_id=product.pk, **{field: value})

    after = _columns(product)
    assert before[column] != stored
    assert after[column] == stored
    assert {k: v for k, v in after.items() if k != column} == {
        k: v for k, v in before.items() if k != column
    }


def test_update_product_publishes_product_updated_naming_the_fields():
    product = ProductFactory()

    update_product(product_id=product.pk, title="New", tax_class=TaxClass.ZERO)

    assert _payloads("product.updated") == [
        {"product_id": product.pk, "fields": ["title", "tax_class", "updated_at"]}
    ]


def test_update_product_keeps_the_brand_when_brand_is_omitted():
    brand = BrandFactory()
    product = ProductFactory(brand=brand)

    update_product(product_id=product.pk, title="New")

    product.refresh_from_db()
    assert product.brand == brand


def test_update_product_clears_the_brand_when_brand_is_none():
    product = ProductFactory(brand=BrandFactory())

    update_product(product_id=product.pk, brand=None)

    product.refresh_from_db()
    assert product.brand is None
    assert _payloads("product.updated")[0]["fields"] == ["brand", "updated_at"]


def test_update_product_refuses_an_unknown_product():
    with pytest.raises(ProductNotFound) as caught:
        update_product(product_id=999_999, title="New")

    assert caught.value.code == "product_not_found"
    assert caught.value.status_code == 404
    assert not OutboxEvent.objects.exists()


def test_archive_product_hides_it_from_visible_products_but_keeps_it():
    offer = OfferFactory()
    product = offer.variant.product
    assert list(Product.objects.visible()) == [product]

    archive_product(product_id=product.pk)

    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED
    assert not Product.objects.visible().exists()
    assert Offer.objects.get(pk=offer.pk).is_active  # the offer itself stays
    assert _payloads("product.updated") == [
        {"product_id": product.pk, "fields": ["status", "updated_at"]}
    ]


def test_archive_product_refuses_an_unknown_product():
    with pytest.raises(ProductNotFound) as caught:
        archive_product(product_id=999_999)

    assert caught.value.code == "product_not_found"


# -- offers: creation ---------------------------------------------------------


def test_create_offer_publishes_offer_created_and_stores_compare_at_quantized():
    variant = VariantFactory()

    offer = create_offer(
        shop=variant.product.shop,
        variant=variant,
        sku="  A-1 ",
        price=Money(Decimal("10"), "EUR"),
        compare_at_price=Money(Decimal("12.499"), "EUR"),
    )

    offer.refresh_from_db()
    assert offer.sku == "A-1"
    assert offer.compare_at_price == Money(Decimal("12.50"), "EUR")
    assert _payloads("offer.created") == [{"offer_id": offer.pk}]


def test_create_offer_names_the_negative_field():
    variant = VariantFactory()

    with pytest.raises(InvalidPrice) as caught:
        create_offer(
            shop=variant.product.shop,
            variant=variant,
            sku="A-1",
            price=Money(Decimal("10"), "EUR"),
            compare_at_price=Money(Decimal("-0.01"), "EUR"),
        )

    assert caught.value.code == "invalid_price"
    assert caught.value.fields == {"compare_at_price": ["Must be 0 or more."]}
    assert not Offer.objects.exists()


def test_create_offer_refuses_a_second_offer_of_a_variant_by_one_shop():
    offer = OfferFactory()

    with pytest.raises(DuplicateSku) as caught:
        create_offer(
            shop=offer.shop,
            variant=offer.variant,
            sku="OTHER-SKU",
            price=Money(Decimal("1"), "EUR"),
        )

    assert caught.value.code == "duplicate_sku"
    assert Offer.objects.count() == 1
    assert not OutboxEvent.objects.exists()


def test_create_offer_compare_at_in_other_currency_has_its_code():
    variant = VariantFactory()

    with pytest.raises(CurrencyMismatch) as caught:
        create_offer(
            shop=variant.product.shop,
            variant=variant,
            sku="A-1",
            price=Money(Decimal("10"), "EUR"),
            compare_at_price=Money(Decimal("12"), "USD"),
        )

    assert caught.value.code == "currency_mismatch"
    assert not Offer.objects.exists()


# -- offers: changes ----------------------------------------------------------


def test_change_offer_price_publishes_the_whole_price_change():
    offer = OfferFactory(price_amount=Decimal("10.00"))

    change_offer_price(offer_id=offer.pk, price=Money(Decimal("12"), "EUR"))

    [payload] = _payloads("offer.price_changed")
    assert payload == {
        "offer_id": offer.pk,
        "variant_id": offer.variant_id,
        "from": "10.000",
        "to": "12.00",
        "currency": "EUR",
    }
    assert not _payloads("offer.updated")


def test_update_offer_with_the_same_price_publishes_nothing():
    offer = OfferFactory(price_amount=Decimal("10.00"))

    # 9.999 EUR rounds to the price the offer already has.
    update_offer(offer_id=offer.pk, price=Money(Decimal("9.999"), "EUR"))

    assert Offer.objects.get(pk=offer.pk).price == Money(Decimal("10.00"), "EUR")
    assert not OutboxEvent.objects.exists()


def test_update_offer_refuses_a_negative_price_and_names_the_field():
    offer = OfferFactory(price_amount=Decimal("10.00"))

    with pytest.raises(InvalidPrice) as caught:
        update_offer(offer_id=offer.pk, price=Money(Decimal("-1"), "EUR"))

    assert caught.value.code == "invalid_price"
    assert caught.value.fields == {"price": ["Must be 0 or more."]}
    assert Offer.objects.get(pk=offer.pk).price_amount == Decimal("10.00")


def test_update_offer_refuses_a_negative_compare_at_price():
    offer = OfferFactory()

    with pytest.raises(InvalidPrice) as caught:
        update_offer(offer_id=offer.pk, compare_at_price=Money(Decimal("-5"), "EUR"))

    assert caught.value.code == "invalid_price"
    assert caught.value.fields == {"compare_at_price": ["Must be 0 or more."]}
    assert Offer.objects.get(pk=offer.pk).compare_at_amount is None


def test_update_offer_refuses_compare_at_price_in_another_currency():
    offer = OfferFactory()

    with pytest.raises(CurrencyMismatch) as caught:
        update_offer(offer_id=offer.pk, compare_at_price=Money(Decimal("25"), "USD"))

    assert caught.value.code == "currency_mismatch"
    assert Offer.objects.get(pk=offer.pk).compare_at_amount is None
    assert not OutboxEvent.objects.exists()


def test_update_offer_sets_compare_at_price_and_publishes_offer_updated():
    offer = OfferFactory()

    update_offer(offer_id=offer.pk, compare_at_price=Money(Decimal("24.999"), "EUR"))

    offer.refresh_from_db()
    assert offer.compare_at_price == Money(Decimal("25.00"), "EUR")
    assert _payloads("offer.updated") == [
        {
            "offer_id": offer.pk,
            "variant_id": offer.variant_id,
            "fields": ["compare_at_amount"],
        }
    ]
    assert not _payloads("offer.price_changed")


def test_update_offer_clears_compare_at_price_with_none():
    offer = OfferFactory(compare_at_amount=Decimal("25.00"))

    update_offer(offer_id=offer.pk, compare_at_price=None)

    assert Offer.objects.get(pk=offer.pk).compare_at_price is None


def test_update_offer_refuses_a_new_currency_under_a_kept_compare_at_price():
    offer = OfferFactory(price_amount=Decimal("20.00"), compare_at_amount=Decimal("25"))

    with pytest.raises(CurrencyMismatch) as caught:
        update_offer(offer_id=offer.pk, price=Money(Decimal("22"), "USD"))

    assert caught.value.code == "currency_mismatch"
    offer.refresh_from_db()
    assert offer.price == Money(Decimal("20.00"), "EUR")
    assert offer.compare_at_price == Money(Decimal("25.00"), "EUR")


def test_update_offer_moves_price_and_compare_at_price_to_a_new_currency_together():
    offer = OfferFactory(price_amount=Decimal("20.00"), compare_at_amount=Decimal("25"))

    update_offer(
        offer_id=offer.pk,
        price=Money(Decimal("22"), "USD"),
        compare_at_price=Money(Decimal("27"), "USD"),
    )

    offer.refresh_from_db()
    assert offer.price == Money(Decimal("22.00"), "USD")
    assert offer.compare_at_price == Money(Decimal("27.00"), "USD")
    assert _payloads("offer.price_changed")[0]["currency"] == "USD"


def test_update_offer_changes_sku_stripped_and_publishes_offer_updated():
    offer = OfferFactory(sku="A-1")

    update_offer(offer_id=offer.pk, sku="  A-2 ")

    assert Offer.objects.get(pk=offer.pk).sku == "A-2"
    assert [p["fields"] for p in _payloads("offer.updated")] == [["sku"]]


def test_update_offer_with_price_and_sku_publishes_both_events():
    offer = OfferFactory(sku="A-1", price_amount=Decimal("10.00"))

    update_offer(offer_id=offer.pk, sku="A-2", price=Money(Decimal("11"), "EUR"))

    assert [p["to"] for p in _payloads("offer.price_changed")] == ["11.00"]
    assert [p["fields"] for p in _payloads("offer.updated")] == [["sku"]]


def test_update_offer_refuses_a_sku_the_shop_uses_and_changes_nothing():
    offer = OfferFactory(sku="A-1", price_amount=Decimal("10.00"))
    OfferFactory(sku="B-2", variant=VariantFactory(product=offer.variant.product))

    with pytest.raises(DuplicateSku) as caught:
        update_offer(offer_id=offer.pk, sku=" B-2 ", price=Money(Decimal("12"), "EUR"))

    assert caught.value.code == "duplicate_sku"
    assert caught.value.status_code == 409
    offer.refresh_from_db()
    assert (offer.sku, offer.price_amount) == ("A-1", Decimal("10.00"))
    assert not OutboxEvent.objects.exists()


def test_deactivating_the_only_visible_offer_hides_the_product():
    offer = OfferFactory()

    update_offer(offer_id=offer.pk, is_active=False)

    assert not Offer.objects.get(pk=offer.pk).is_active
    assert not Product.objects.visible().exists()
    assert _payloads("offer.updated") == [
        {"offer_id": offer.pk, "variant_id": offer.variant_id, "fields": ["is_active"]}
    ]


def test_deactivating_one_of_two_visible_offers_keeps_the_product_visible():
    variant = VariantFactory(product__is_open_to_other_sellers=True)
    offer = OfferFactory(variant=variant)
    OfferFactory(variant=variant, shop=ShopFactory())

    update_offer(offer_id=offer.pk, is_active=False)

    assert list(Product.objects.visible()) == [variant.product]


def test_reactivating_an_offer_shows_the_product_again():
    offer = OfferFactory(is_active=False)

    update_offer(offer_id=offer.pk, is_active=True)

    assert list(Product.objects.visible()) == [offer.variant.product]


@pytest.mark.parametrize(
    "call",
    [
        lambda pk: update_offer(offer_id=pk, is_active=False),
        lambda pk: change_offer_price(offer_id=pk, price=Money("1", "EUR")),
    ],
    ids=["update_offer", "change_offer_price"],
)
def test_offer_services_refuse_an_unknown_offer(call):
    with pytest.raises(OfferNotFound) as caught:
        call(999_999)

    assert caught.value.code == "offer_not_found"
    assert caught.value.status_code == 404
    assert not OutboxEvent.objects.exists()
