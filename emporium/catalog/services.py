"""Writes of the catalog: products and offers.

Descriptions are sanitised here (`core.html.sanitize_html`), once, on the
way in; prices are quantized to the currency's minor unit.
"""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from emporium.catalog.constants import (
    OFFER_CREATED,
    OFFER_PRICE_CHANGED,
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    ProductStatus,
    TaxClass,
)
from emporium.catalog.errors import (
    DuplicateSku,
    InvalidPrice,
    OfferNotFound,
    ProductNotFound,
)
from emporium.catalog.models import Brand, Category, Offer, Product, ProductVariant
from emporium.core.events import publish
from emporium.core.html import sanitize_html
from emporium.core.money import CurrencyMismatch, Money
from emporium.vendors.models import Shop


def _unique_product_slug(title: str) -> str:
    base = slugify(title)[:200] or "product"
    slug, n = base, 1
    while Product.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_product(
    *,
    shop: Shop,
    title: str,
    category: Category,
    description: str = "",
    brand: Brand | None = None,
    tax_class: TaxClass = TaxClass.STANDARD,
    status: ProductStatus = ProductStatus.DRAFT,
    is_open_to_other_sellers: bool = False,
) -> Product:
    """Create a product with one default variant; publishes `product.created`."""
    with transaction.atomic():
        product = Product.objects.create(
            shop=shop,
            title=title.strip(),
            slug=_unique_product_slug(title),
            description=sanitize_html(description),
            category=category,
            brand=brand,
            tax_class=TaxClass(tax_class),
            status=ProductStatus(status),
            is_open_to_other_sellers=is_open_to_other_sellers,
        )
        ProductVariant.objects.create(product=product, is_default=True)
        publish(PRODUCT_CREATED, {"product_id": product.pk})
    return product


def update_product(
    *,
    product_id: int,
    title: str | None = None,
    description: str | None = None,
    status: ProductStatus | None = None,
) -> Product:
    """Change a product's text or status; publishes `product.updated`.

    Raises:
        ProductNotFound: no product with this id.
    """
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.")
        fields = ["updated_at"]
        if title is not None:
            product.title = title.strip()
            fields.append("title")
        if description is not None:
            product.description = sanitize_html(description)
            fields.append("description")
        if status is not None:
            product.status = ProductStatus(status)
            fields.append("status")
        product.save(update_fields=fields)
        publish(PRODUCT_UPDATED, {"product_id": product.pk, "fields": fields})
    return product


def _check_price(price: Money, *, field: str) -> Money:
    if price.amount < 0:
        raise InvalidPrice(
            "A price cannot be negative.", fields={field: ["Must be 0 or more."]}
        )
    return price.quantize()


def create_offer(
    *,
    shop: Shop,
    variant: ProductVariant,
    sku: str,
    price: Money,
    compare_at_price: Money | None = None,
) -> Offer:
    """List a variant for sale by a shop, at `price` (quantized).

    Raises:
        InvalidPrice: a negative price.
        CurrencyMismatch: the compare-at price is in another currency.
        DuplicateSku: the shop already uses this SKU or offers this variant.
    """
    price = _check_price(price, field="price")
    if compare_at_price is not None:
        if compare_at_price.currency != price.currency:
            raise CurrencyMismatch(
                "The compare-at price must be in the offer's currency.",
                extra={"currencies": [price.currency, compare_at_price.currency]},
            )
        compare_at_price = _check_price(compare_at_price, field="compare_at_price")
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                shop=shop,
                variant=variant,
                sku=sku.strip(),
                price_amount=price.amount,
                currency=price.currency,
                compare_at_amount=compare_at_price.amount if compare_at_price else None,
            )
            publish(OFFER_CREATED, {"offer_id": offer.pk})
    except IntegrityError as exc:
        raise DuplicateSku(
            f"The shop already uses SKU {sku!r} or already offers this variant.",
            extra={"sku": sku},
        ) from exc
    return offer


def change_offer_price(*, offer_id: int, price: Money) -> Offer:
    """Set an offer's price (quantized); publishes `offer.price_changed`.

    Raises:
        OfferNotFound: no offer with this id.
        InvalidPrice: a negative price.
    """
    price = _check_price(price, field="price")
    with transaction.atomic():
        offer = Offer.objects.select_for_update().filter(pk=offer_id).first()
        if offer is None:
            raise OfferNotFound("Offer not found.")
        previous = offer.price
        offer.price_amount, offer.currency = price.amount, price.currency
        offer.save(update_fields=["price_amount", "currency", "updated_at"])
        publish(
            OFFER_PRICE_CHANGED,
            {
                "offer_id": offer.pk,
                "variant_id": offer.variant_id,
                "from": str(previous.amount),
                "to": str(price.amount),
                "currency": price.currency,
            },
        )
    return offer
