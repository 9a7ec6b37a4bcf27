"""Building search documents from catalog and inventory reads (no writes).

`build_documents(product_ids)` loads everything for a batch of products in
a fixed number of queries and returns the documents and facet terms of the
visible ones; `services` writes them.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.html import strip_tags

from emporium.catalog.constants import AttributeType
from emporium.catalog.models import AttributeValue, Category, Offer, Product
from emporium.core.money import default_currency
from emporium.inventory.selectors import with_available_quantity
from emporium.search.models import ProductSearchDocument, SearchFacetTerm

# Words joined by a hyphen or an apostrophe (straight or typographic).
_JOINERS = "-'\u2019"
_HYPHENATED = re.compile(rf"\b(\w+)(?:[{_JOINERS}](\w+))+\b")


@dataclass
class BuiltDocument:
    document: ProductSearchDocument
    terms: list[SearchFacetTerm] = field(default_factory=list)


def plain_text(value: str) -> str:
    return " ".join(html.unescape(strip_tags(value or "")).split())


def fuzzy_text(*parts: str) -> str:
    """Title and brand, plus each hyphenated word joined ("t-shirt" -> "tshirt")."""
    text = " ".join(p for p in parts if p).lower()
    joined = [
        re.sub(f"[{_JOINERS}]", "", match.group(0))
        for match in _HYPHENATED.finditer(text)
    ]
    return " ".join([text, *joined])[:700]


def _ancestors(categories: list[Category]) -> dict[str, Category]:
    steplen = Category.steplen
    paths = {
        c.path[: steplen * depth]
        for c in categories
        for depth in range(1, len(c.path) // steplen + 1)
    }
    return {c.path: c for c in Category.objects.filter(path__in=paths)}


def _offer_summary(offers: list[Offer]) -> tuple[Decimal | None, str, bool, set]:
    """Lowest price (default currency first), any in stock, the shop ids."""
    if not offers:
        return None, default_currency(), False, set()
    currency = default_currency()
    priced = [o for o in offers if o.currency == currency] or [
        o for o in offers if o.currency == offers[0].currency
    ]
    best = min(priced, key=lambda o: o.price_amount)
    in_stock = any(o.available_quantity > 0 for o in offers)
    return best.price_amount, best.currency, in_stock, {o.shop_id for o in offers}


def _attribute_terms(values: list[AttributeValue]) -> dict[str, list[tuple]]:
    """{code: [(value slug, label)]} of the filterable attributes."""
    result: dict[str, list[tuple]] = defaultdict(list)
    for av in values:
        attr = av.attribute
        match attr.type:
            case AttributeType.CHOICE if av.choice_id:
                pair = (av.choice.slug, av.choice.value)
            case AttributeType.BOOL if av.value_bool is not None:
                pair = ("yes", "Yes") if av.value_bool else ("no", "No")
            case AttributeType.NUMBER if av.value_number is not None:
                number = format(av.value_number.normalize(), "f")
                pair = (number, number)
            case AttributeType.TEXT if av.value_text:
                pair = (av.value_text.strip().lower()[:120], av.value_text.strip())
            case _:
                continue
        result[attr.code].append(pair)
    return result


def build_documents(product_ids: list[int]) -> dict[int, BuiltDocument]:
    """Documents of the visible products among `product_ids` (unsaved)."""
    products = list(
        Product.objects.visible()
        .filter(pk__in=product_ids)
        .select_related("brand", "category")
    )
    if not products:
        return {}
    ids = [p.pk for p in products]
    offers_by_product = defaultdict(list)
    offers = with_available_quantity(
        Offer.objects.visible().filter(variant__product_id__in=ids)
    ).select_related("shop", "variant")
    for offer in offers:
        offers_by_product[offer.variant.product_id].append(offer)
    attributes = defaultdict(list)
    for av in AttributeValue.objects.filter(
        Q(product_id__in=ids), attribute__is_filterable=True
    ).select_related("attribute", "choice"):
        attributes[av.product_id].append(av)
    by_path = _ancestors([p.category for p in products])
    return {
        p.pk: _build(p, offers_by_product[p.pk], attributes[p.pk], by_path)
        for p in products
    }


def _build(product, offers, attribute_values, by_path) -> BuiltDocument:
    steplen = Category.steplen
    path = product.category.path
    # As category pages list (`list_subtree_category_ids`): a product of an
    # inactive category is in no category; else in its active ancestors.
    chain = [
        by_path[path[: steplen * d]]
        for d in range(1, len(path) // steplen + 1)
        if path[: steplen * d] in by_path
    ]
    chain = [c for c in chain if c.is_active] if product.category.is_active else []
    price, currency, in_stock, shop_ids = _offer_summary(offers)
    brand = product.brand
    attrs = _attribute_terms(attribute_values)
    doc = ProductSearchDocument(
        product=product,
        title=product.title,
        brand_name=brand.name if brand else "",
        category_names=" / ".join(c.name for c in chain)[:500],
        description=plain_text(product.description),
        fuzzy_text=fuzzy_text(product.title, brand.name if brand else ""),
        brand_id=brand.pk if brand else None,
        category_id=product.category_id,
        shop_ids=sorted(shop_ids),
        category_ids=[c.pk for c in chain],
        attributes={code: [v for v, _ in pairs] for code, pairs in attrs.items()},
        min_price_amount=price,
        currency=currency,
        is_in_stock=in_stock,
        product_created_at=product.created_at,
    )
    shops = {o.shop.slug: o.shop.name for o in offers}
    terms = [("category", c.slug, c.name) for c in chain]
    terms += [("shop", slug, name) for slug, name in shops.items()]
    if brand:
        terms.append(("brand", brand.slug, brand.name))
    terms += [
        (f"attr:{code}", value, label)
        for code, pairs in attrs.items()
        for value, label in pairs
    ]
    unique = {(n, str(v)): label for n, v, label in terms}
    return BuiltDocument(
        doc,
        [
            SearchFacetTerm(document=doc, name=n, value=v, label=label[:255])
            for (n, v), label in unique.items()
        ],
    )
