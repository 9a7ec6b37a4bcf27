"""Search-engine metadata: absolute URLs and schema.org JSON-LD documents.

JSON-LD goes into `<script type="application/ld+json">`; `json_ld()` escapes
`<`, `>` and `&` the way Django's `json_script` does, so no text from the
catalog can close the script element.
"""

import json
from typing import Any

from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from emporium.catalog.models import Category, ProductImage
from emporium.reviews.selectors import Rating
from emporium.storefront.selectors import ProductPage
from emporium.vendors.models import Shop

SCHEMA = "https://schema.org/"


def absolute_url(path: str) -> str:
    """`path` on the public site (SITE_URL), never the request's host."""
    return f"{settings.SITE_URL}{path}"


def json_ld(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 escaped


def image_url(image: ProductImage | None, width: int = 1024) -> str:
    if image is None:
        return ""
    name = image.thumbnails.get(str(width)) or image.image.name
    url = image.image.storage.url(name)
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def breadcrumb_list(categories: list[Category]) -> dict[str, Any]:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": index,
                "name": category.name,
                "item": absolute_url(f"/c/{category.slug}/"),
            }
            for index, category in enumerate(categories, start=1)
        ],
    }


def organization(*, name: str, url: str, logo: str = "") -> dict[str, Any]:
    data = {"@context": SCHEMA, "@type": "Organization", "name": name, "url": url}
    if logo:
        data["logo"] = logo
    return data


def shop_organization(shop: Shop) -> dict[str, Any]:
    logo = ""
    if shop.logo:
        logo = shop.logo.url
        logo = logo if logo.startswith("http") else absolute_url(logo)
    return organization(
        name=shop.name, url=absolute_url(f"/shops/{shop.slug}/"), logo=logo
    )


def _offer(offer, url: str) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "price": str(offer.price.quantize().amount),
        "priceCurrency": offer.currency,
        "availability": SCHEMA + ("InStock" if offer.is_in_stock else "OutOfStock"),
        "seller": {"@type": "Organization", "name": offer.shop.name},
        "url": url,
    }


def product(page: ProductPage, *, url: str) -> dict[str, Any]:
    """Product with its offers: one `Offer`, or an `AggregateOffer` of several."""
    variant, best = page.variant, page.best_offer
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": page.product.title,
        "url": url,
    }
    if page.images:
        data["image"] = [image_url(image) for image in page.images]
    if page.product.brand:
        data["brand"] = {"@type": "Brand", "name": page.product.brand.name}
    if best is not None:
        data["sku"] = best.sku
    if len(variant.barcode) in (8, 12, 13, 14):
        data[f"gtin{len(variant.barcode)}"] = variant.barcode
    offers = [_offer(offer, url) for offer in page.offers]
    if len(offers) == 1:
        data["offers"] = offers[0]
    elif offers:
        prices = [offer.price.quantize().amount for offer in page.offers]
        data["offers"] = {
            "@type": "AggregateOffer",
            "lowPrice": str(min(prices)),
            "highPrice": str(max(prices)),
            "priceCurrency": best.currency,
            "offerCount": len(offers),
            "offers": offers,
        }
    return data


def with_aggregate_rating(data: dict[str, Any], rating: Rating) -> dict[str, Any]:
    """`data` (a Product, an Organization or a Store) with its
    `AggregateRating` from the published reviews; unchanged without any,
    since a rating of no reviews is invalid for search engines."""
    if not rating.has_reviews:
        return data
    return {
        **data,
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": str(rating.average),
            "reviewCount": rating.count,
            "bestRating": 5,
            "worstRating": 1,
        },
    }
