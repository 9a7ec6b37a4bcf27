"""Writes of one shop's own catalogue: what the people who run a shop may
change (the vendor dashboard and the vendor API call these).

Each function first locks the product (variant, image, offer) among the
shop's own rows, where another shop's is "not found" exactly like a
missing one, then hands over to the catalog service that does the work
(`products`, `variants`, `variant_options`, `images`, `offers`), in one
transaction, so events, sanitising and checks stay in one place. The
fields only staff set (`is_open_to_other_sellers`, the product's shop and
slug) cannot be given here.
"""

from collections.abc import Mapping

from django.core.files import File
from django.db import transaction

from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.errors import (
    ImageNotFound,
    OfferNotFound,
    ProductNotFound,
    VariantAlreadyOffered,
    VariantNotFound,
)
from emporium.catalog.models import (
    AttributeValue,
    Brand,
    Category,
    Offer,
    Product,
    ProductImage,
    ProductVariant,
)
from emporium.catalog.services.images import (
    add_product_image,
    remove_product_image,
    update_product_image,
)
from emporium.catalog.services.offers import create_offer, update_offer
from emporium.catalog.services.products import (
    UNSET,
    AttributeInput,
    create_product,
    set_product_attributes,
    update_product,
)
from emporium.catalog.services.variant_options import set_variant_options
from emporium.catalog.services.variants import create_variant, update_variant
from emporium.core.money import Money
from emporium.vendors.models import Shop


def _lock_own_product(shop: Shop, product_id: int) -> Product:
    product = (
        Product.objects.select_for_update().filter(pk=product_id, shop=shop).first()
    )
    if product is None:
        raise ProductNotFound("Product not found.", extra={"id": product_id})
    return product


def _lock_own_variant(shop: Shop, variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_for_update()
        .filter(pk=variant_id, product__shop=shop)
        .first()
    )
    if variant is None:
        raise VariantNotFound("Variant not found.", extra={"id": variant_id})
    return variant


def _check_own_image(shop: Shop, image_id: int) -> None:
    if not ProductImage.objects.filter(pk=image_id, product__shop=shop).exists():
        raise ImageNotFound("Image not found.", extra={"id": image_id})


# --- Products -------------------------------------------------------------------


def create_shop_product(
    *,
    shop: Shop,
    title: str,
    category: Category,
    description: str = "",
    brand: Brand | None = None,
    tax_class: TaxClass = TaxClass.STANDARD,
    status: ProductStatus = ProductStatus.DRAFT,
) -> Product:
    """Create a product of `shop` (with its default variant), its slug made
    from the title; closed to other sellers until staff open it.

    Raises:
        SlugTaken: only in a race for the slug made from the title.
    """
    return create_product(
        shop=shop,
        title=title,
        category=category,
        description=description,
        brand=brand,
        tax_class=tax_class,
        status=status,
    )


def update_shop_product(
    *,
    shop: Shop,
    product_id: int,
    title: str = UNSET,
    description: str = UNSET,
    status: ProductStatus = UNSET,
    category: Category = UNSET,
    brand: Brand | None = UNSET,
    tax_class: TaxClass = UNSET,
) -> Product:
    """Change the given fields of one of the shop's products (see
    `update_product`); publishes `product.updated`.

    Raises:
        ProductNotFound: no product with this id, or another shop's.
    """
    with transaction.atomic():
        _lock_own_product(shop, product_id)
        return update_product(
            product_id=product_id,
            title=title,
            description=description,
            status=status,
            category=category,
            brand=brand,
            tax_class=tax_class,
        )


def archive_shop_product(*, shop: Shop, product_id: int) -> Product:
    """Take one of the shop's products off sale everywhere, keeping it.

    Raises:
        ProductNotFound: no product with this id, or another shop's.
    """
    return update_shop_product(
        shop=shop, product_id=product_id, status=ProductStatus.ARCHIVED
    )


def set_shop_product_attributes(
    *, shop: Shop, product_id: int, values: list[AttributeInput]
) -> list[AttributeValue]:
    """Replace the attribute values of one of the shop's products (see
    `set_product_attributes`).

    Raises:
        ProductNotFound: no product with this id, or another shop's.
        InvalidAttributeValue: naming every bad attribute; nothing changes.
    """
    with transaction.atomic():
        _lock_own_product(shop, product_id)
        return set_product_attributes(product_id=product_id, values=values)


# --- Variants -------------------------------------------------------------------


def create_shop_variant(
    *,
    shop: Shop,
    product_id: int,
    options: Mapping[str, str] | None = None,
    name: str = "",
    weight_grams: int | None = None,
    barcode: str = "",
    position: int = 0,
) -> ProductVariant:
    """Add a variant to one of the shop's products (see `create_variant`).

    Raises:
        ProductNotFound: no product with this id, or another shop's.
        InvalidVariant, DuplicateVariant: as `create_variant`.
    """
    with transaction.atomic():
        _lock_own_product(shop, product_id)
        return create_variant(
            product_id=product_id,
            options=options,
            name=name,
            weight_grams=weight_grams,
            barcode=barcode,
            position=position,
        )


def update_shop_variant(
    *,
    shop: Shop,
    variant_id: int,
    options: Mapping[str, str] = UNSET,
    name: str = UNSET,
    weight_grams: int | None = UNSET,
    barcode: str = UNSET,
    position: int = UNSET,
    is_active: bool = UNSET,
) -> ProductVariant:
    """Change a variant of one of the shop's products: its option values
    (`set_variant_options`) and the other fields given (`update_variant`;
    `is_active=False` archives it).

    Raises:
        VariantNotFound: no variant with this id, or another shop's.
        InvalidVariant, DuplicateVariant, LastActiveVariant: as the services
            named.
    """
    given = {
        "name": name,
        "weight_grams": weight_grams,
        "barcode": barcode,
        "position": position,
        "is_active": is_active,
    }
    fields = {field: value for field, value in given.items() if value is not UNSET}
    with transaction.atomic():
        variant = _lock_own_variant(shop, variant_id)
        if options is not UNSET:
            variant = set_variant_options(variant_id=variant_id, options=options)
        if fields or options is UNSET:
            variant = update_variant(variant_id=variant_id, **fields)
        return variant


def archive_shop_variant(*, shop: Shop, variant_id: int) -> ProductVariant:
    """Archive a variant of one of the shop's products (see
    `archive_variant`): its offers leave the storefront, orders keep it.

    Raises:
        VariantNotFound: no variant with this id, or another shop's.
        LastActiveVariant: the product's last active variant.
    """
    return update_shop_variant(shop=shop, variant_id=variant_id, is_active=False)


# --- Images ---------------------------------------------------------------------


def add_shop_product_image(
    *,
    shop: Shop,
    product_id: int,
    file: File,
    alt_text: str = "",
    variant_id: int | None = None,
    position: int | None = None,
) -> ProductImage:
    """Store an image of one of the shop's products; thumbnails are made
    after commit (see `add_product_image`).

    Raises:
        ProductNotFound: no product with this id, or another shop's.
        InvalidImage, InvalidVariant: as `add_product_image`.
    """
    with transaction.atomic():
        _lock_own_product(shop, product_id)
        return add_product_image(
            product_id=product_id,
            file=file,
            alt_text=alt_text,
            variant_id=variant_id,
            position=position,
        )


def update_shop_product_image(
    *,
    shop: Shop,
    image_id: int,
    alt_text: str = UNSET,
    position: int = UNSET,
    variant_id: int | None = UNSET,
) -> ProductImage:
    """Change the alt text, position or variant of an image of one of the
    shop's products.

    Raises:
        ImageNotFound: no image with this id, or another shop's.
        InvalidVariant: the variant is not one of the product's.
    """
    with transaction.atomic():
        _check_own_image(shop, image_id)
        return update_product_image(
            image_id=image_id,
            alt_text=alt_text,
            position=position,
            variant_id=variant_id,
        )


def remove_shop_product_image(*, shop: Shop, image_id: int) -> None:
    """Delete an image of one of the shop's products (files after commit).

    Raises:
        ImageNotFound: no image with this id, or another shop's.
    """
    with transaction.atomic():
        _check_own_image(shop, image_id)
        remove_product_image(image_id=image_id)


# --- Offers ---------------------------------------------------------------------


def create_shop_offer(
    *,
    shop: Shop,
    variant_id: int,
    sku: str,
    price: Money,
    compare_at_price: Money | None = None,
) -> Offer:
    """List a variant for sale by `shop`: one of its own products' variants,
    or one of another shop's product that staff opened to other sellers.

    Raises:
        VariantNotFound: no variant with this id.
        ProductClosedToShop: another shop's product, not open to other
            sellers (`product_not_open_to_shop`).
        VariantAlreadyOffered: the shop already offers this variant.
        DuplicateSku, InvalidPrice, CurrencyMismatch: as `create_offer`.
    """
    with transaction.atomic():
        variant = (
            ProductVariant.objects.select_related("product")
            .filter(pk=variant_id)
            .first()
        )
        if variant is None:
            raise VariantNotFound("Variant not found.", extra={"id": variant_id})
        existing = Offer.objects.filter(shop=shop, variant=variant).first()
        if existing is not None:
            raise VariantAlreadyOffered(
                f"Your shop already offers this variant as SKU {existing.sku!r}; "
                "change that offer instead.",
                extra={"offer_id": existing.pk, "variant_id": variant_id},
            )
        return create_offer(
            shop=shop,
            variant=variant,
            sku=sku,
            price=price,
            compare_at_price=compare_at_price,
        )


def update_shop_offer(
    *,
    shop: Shop,
    offer_id: int,
    price: Money = UNSET,
    compare_at_price: Money | None = UNSET,
    sku: str = UNSET,
    is_active: bool = UNSET,
) -> Offer:
    """Change one of the shop's offers (see `update_offer`).

    Raises:
        OfferNotFound: no offer with this id, or another shop's.
        InvalidPrice, CurrencyMismatch, DuplicateSku: as `update_offer`.
    """
    with transaction.atomic():
        if not Offer.objects.filter(pk=offer_id, shop=shop).exists():
            raise OfferNotFound("Offer not found.", extra={"id": offer_id})
        return update_offer(
            offer_id=offer_id,
            price=price,
            compare_at_price=compare_at_price,
            sku=sku,
            is_active=is_active,
        )
