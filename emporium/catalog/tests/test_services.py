"""Writing products and offers: sanitised text, exact prices."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from emporium.catalog.errors import DuplicateSku, InvalidPrice
from emporium.catalog.models import Offer
from emporium.catalog.services import (
    change_offer_price,
    create_offer,
    create_product,
    update_product,
)
from emporium.catalog.tests.factories import (
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
