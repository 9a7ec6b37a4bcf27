"""What an import compares the file with, loaded in bulk before validating.

The number of queries does not grow with the number of lines: shops,
categories, brands, options, attributes with their choices, the warehouses
of the shops, the existing offers by (shop, SKU), their products with
variants, option values, offers and attribute values, and the stock rows of
the offers. Long key lists go in chunks of `IN_CHUNK` (databases cap the
parameters of one query), so only files past that size add queries.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    AttributeValue,
    Brand,
    Category,
    Offer,
    Option,
    OptionValue,
    Product,
    ProductVariant,
)
from emporium.catalog_io.parsing import RowInput
from emporium.inventory.models import Stock, Warehouse
from emporium.vendors.models import Shop

IN_CHUNK = 2000


@dataclass(frozen=True)
class Lookups:
    shops: Mapping[str, Shop]  # by slug
    categories: Mapping[str, Category]  # by slug
    brands: Mapping[str, Brand]  # by slug
    options: Mapping[str, Option]  # by code
    attributes: Mapping[str, Attribute]  # by code
    choices: Mapping[int, Mapping[str, AttributeChoice]]  # attribute id: slug/value
    warehouses: Mapping[tuple[int, str], Warehouse]  # (shop id, code)
    offers: Mapping[tuple[int, str], Offer]  # (shop id, SKU)
    products: Mapping[str, Product]  # by slug, with variants and attributes
    stocks: Mapping[tuple[int, int], Stock]  # (offer id, warehouse id)


def _chunks(values: Iterable, size: int = IN_CHUNK) -> Iterator[list]:
    values = sorted(set(values))
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _by_slug(model: type, slugs: Iterable[str]) -> dict:
    return {obj.slug: obj for obj in model.objects.filter(slug__in=set(slugs))}


def load_lookups(
    *,
    rows: list[RowInput],
    option_codes: Iterable[str],
    attribute_codes: Iterable[str],
) -> Lookups:
    """Load everything the rows name or change, in a fixed number of queries."""
    shops = _by_slug(Shop, (row.shop for row in rows if row.shop))
    offers = _load_offers(rows, shops)
    slugs = {row.product_slug for row in rows if row.product_slug}
    slugs |= {offer.variant.product.slug for offer in offers.values()}
    attributes = {
        a.code: a
        for a in Attribute.objects.filter(
            code__in=set(attribute_codes)
        ).prefetch_related("choices")
    }
    return Lookups(
        shops=shops,
        categories=_by_slug(Category, (row.category for row in rows if row.category)),
        brands=_by_slug(
            Brand, (row.brand for row in rows if isinstance(row.brand, str))
        ),
        options=Option.objects.in_bulk(list(set(option_codes)), field_name="code"),
        attributes=attributes,
        choices={a.pk: choice_keys(a.choices.all()) for a in attributes.values()},
        warehouses={
            (w.shop_id, w.code): w
            for w in Warehouse.objects.filter(shop__in=list(shops.values()))
        },
        offers=offers,
        products=_load_products(slugs),
        stocks=_load_stocks(offer.pk for offer in offers.values()),
    )


def choice_keys(choices: Iterable[AttributeChoice]) -> dict[str, AttributeChoice]:
    """A choice by its slug and by its value, case-insensitively (as the
    catalog's `set_product_attributes` reads them)."""
    keys = {}
    for choice in choices:
        keys[choice.slug.casefold()] = choice
        keys.setdefault(choice.value.casefold(), choice)
    return keys


def _load_offers(rows: list[RowInput], shops: dict[str, Shop]) -> dict:
    shop_ids = [shop.pk for shop in shops.values()]
    offers = {}
    for skus in _chunks(row.sku for row in rows if row.sku):
        query = Offer.objects.filter(shop_id__in=shop_ids, sku__in=skus)
        for offer in query.select_related("variant__product"):
            offers[offer.shop_id, offer.sku] = offer
    return offers


def _load_products(slugs: set[str]) -> dict[str, Product]:
    variants = ProductVariant.objects.prefetch_related(
        Prefetch(
            "option_values", queryset=OptionValue.objects.select_related("option")
        ),
        Prefetch("offers", queryset=Offer.objects.only("pk", "shop", "sku", "variant")),
    )
    values = AttributeValue.objects.select_related("attribute", "choice")
    products = {}
    for chunk in _chunks(slugs):
        query = Product.objects.filter(slug__in=chunk).select_related("shop")
        query = query.prefetch_related(
            Prefetch("variants", queryset=variants),
            Prefetch("attribute_values", queryset=values),
        )
        products.update({product.slug: product for product in query})
    return products


def _load_stocks(offer_ids: Iterable[int]) -> dict[tuple[int, int], Stock]:
    stocks = {}
    for chunk in _chunks(offer_ids):
        for stock in Stock.objects.filter(offer_id__in=chunk):
            stocks[stock.offer_id, stock.warehouse_id] = stock
    return stocks
