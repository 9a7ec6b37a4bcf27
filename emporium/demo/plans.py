"""Plan one demo product in memory: its row, variants, offers, stock and
attribute values, all drawn from one seeded `random.Random` (same seed, same
catalog). No queries here; `rows.write_batch` inserts the plans in bulk.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from emporium.catalog.constants import ProductStatus, TaxClass
from emporium.catalog.models import AttributeValue, Offer, Product, ProductVariant
from emporium.demo import data
from emporium.demo.reference import Reference, describe

DEMO_CURRENCY = "EUR"
PENDING_EVERY = 33  # one product in 33 (the 6th, 39th...) is the pending shop's
OPEN_SHARE = 0.15  # products open to other sellers, with a competing offer


@dataclass
class OfferPlan:
    offer: Offer
    quantities: list[tuple[int, int]]  # (warehouse id, on hand)


@dataclass
class VariantPlan:
    variant: ProductVariant
    option_value_ids: list[int]
    offers: list[OfferPlan] = field(default_factory=list)


@dataclass
class ProductPlan:
    product: Product
    variants: list[VariantPlan]
    attributes: list[AttributeValue]
    has_compare_at: bool


def euros(cents: int) -> Decimal:
    return Decimal(f"{cents // 100}.{cents % 100:02d}")


def gtin13(number: int) -> str:
    """A GTIN-13 in the in-store range (prefix 20) with its check digit."""
    body = f"20{number % 10**10:010d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body[::-1]))
    return f"{body}{(10 - total % 10) % 10}"


def _price_cents(rng: random.Random, low: int, high: int) -> int:
    euros_part = rng.randint(low // 100, high // 100 - 1)
    return euros_part * 100 + rng.choice([99, 99, 49, 0])


def _quantity(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.25:
        return rng.randint(1, 4)  # low stock
    return rng.randint(5, 150)


def _title(rng: random.Random, index: int) -> tuple[str, str, str, str | None]:
    """(root, child, title, colour in the title or None)."""
    if index < len(data.FIXED_TITLES):
        root, child, title = data.FIXED_TITLES[index]
        colour = title.split()[0] if title.split()[0] in data.COLOURS else None
        return root, child, title, colour
    root = rng.choice(list(data.CATEGORY_TREE))
    child = rng.choice(list(data.CATEGORY_TREE[root]))
    noun = rng.choice(data.CATEGORY_TREE[root][child])
    if rng.random() < 0.4:
        colour = rng.choice(list(data.COLOURS))
        return root, child, f"{colour} {noun}", colour
    return root, child, f"{rng.choice(data.ADJECTIVES)} {noun}", None


def _variant_values(
    rng: random.Random, axes: str, colour: str | None
) -> list[list[tuple[str, str]]]:
    """The option values of each variant (an empty list: no options)."""
    count = rng.randint(1, 6)
    if axes == "size":
        colours = [colour] if colour else rng.sample(list(data.COLOURS), 2)
        combos = [[("colour", c), ("size", s)] for c in colours for s in data.SIZES]
    elif axes == "shoe_size":
        picked = colour or rng.choice(list(data.COLOURS))
        combos = [[("colour", picked), ("shoe_size", s)] for s in data.SHOE_SIZES]
    else:
        if colour or (count == 1 and rng.random() < 0.5):
            return [[("colour", colour)]] if colour else [[]]
        combos = [[("colour", c)] for c in data.COLOURS]
    chosen = sorted(rng.sample(range(len(combos)), min(count, len(combos))))
    return [combos[i] for i in chosen]


def _shop_id(rng: random.Random, ref: Reference, root: str, index: int) -> int:
    if index % PENDING_EVERY == 5:
        return ref.pending_shop.pk
    if rng.random() < 0.8:
        return ref.shops[list(data.CATEGORY_TREE).index(root)].pk
    return rng.choice(ref.shops).pk


def _status(rng: random.Random, index: int) -> str:
    roll = rng.random()
    if index < len(data.FIXED_TITLES) or roll >= 0.06:
        return ProductStatus.ACTIVE
    return ProductStatus.DRAFT if roll < 0.04 else ProductStatus.ARCHIVED


def _tax_class(rng: random.Random, root: str) -> str:
    if root == "Home" and rng.random() < 0.2:
        return TaxClass.REDUCED
    return TaxClass.STANDARD


def _attributes(
    rng: random.Random, ref: Reference, root: str, weight: int
) -> tuple[list[AttributeValue], str]:
    profile = data.ROOT_PROFILES[root]
    materials = rng.sample(profile["materials"], 2 if rng.random() < 0.2 else 1)
    values = [
        AttributeValue(
            attribute_id=ref.attributes["material"],
            choice_id=ref.choices[("material", m)],
        )
        for m in materials
    ]
    values.append(
        AttributeValue(
            attribute_id=ref.attributes["weight_kg"],
            value_number=Decimal(weight) / 1000,
        )
    )
    if root == "Clothing":
        fit = rng.choice(data.FITS)
        values.append(
            AttributeValue(
                attribute_id=ref.attributes["fit"], choice_id=ref.choices[("fit", fit)]
            )
        )
    if root in ("Clothing", "Home"):
        values.append(
            AttributeValue(
                attribute_id=ref.attributes["care"], value_text=rng.choice(data.CARE)
            )
        )
    if profile["waterproof"]:
        values.append(
            AttributeValue(
                attribute_id=ref.attributes["waterproof"],
                value_bool=rng.random() < 0.4,
            )
        )
    return values, " and ".join(materials)


def _offers(
    rng: random.Random, ref: Reference, plan: "ProductPlan", *, serial: int, root: str
) -> None:
    """One offer per variant from the product's shop, maybe one from a rival."""
    shop_codes = {s.pk: s.slug[:3].upper() for s in [*ref.shops, ref.pending_shop]}
    product = plan.product
    base = _price_cents(rng, *data.ROOT_PROFILES[root]["price"])
    compare = None
    if plan.has_compare_at:  # a whole-euro former price, 20-50 % higher
        compare = base * rng.choice([120, 125, 150]) // 10000 * 100
    rival = None
    if product.is_open_to_other_sellers:
        rival = rng.choice([s.pk for s in ref.shops if s.pk != product.shop_id])
    for position, vplan in enumerate(plan.variants, start=1):
        sellers = [(product.shop_id, base, "")]
        if rival:
            # Within about 10 % of the seller's price, ending in .99.
            rival_cents = base * rng.randint(88, 110) // 10000 * 100 + 99
            sellers.append((rival, rival_cents, "M"))
        for shop_id, cents, mark in sellers:
            offer = Offer(
                shop_id=shop_id,
                sku=f"{shop_codes[shop_id]}-{mark}{serial:07d}-{position}",
                price_amount=euros(cents),
                currency=DEMO_CURRENCY,
                compare_at_amount=euros(compare) if compare and not mark else None,
            )
            quantities = [(w, _quantity(rng)) for w in ref.warehouses[shop_id]]
            vplan.offers.append(OfferPlan(offer=offer, quantities=quantities))


def plan_product(
    rng: random.Random, ref: Reference, *, index: int, serial: int
) -> ProductPlan:
    """Plan product number `index` of this run; `serial` keeps slugs unique."""
    root, child, title, colour = _title(rng, index)
    profile = data.ROOT_PROFILES[root]
    shop_id = _shop_id(rng, ref, root, index)
    status = _status(rng, index)
    brand_index = rng.randrange(len(data.BRANDS))
    weight = rng.randint(*profile["weight"]) // 10 * 10
    attributes, material = _attributes(rng, ref, root, weight)
    is_open = (
        status == ProductStatus.ACTIVE
        and shop_id != ref.pending_shop.pk
        and rng.random() < OPEN_SHARE
    )
    product = Product(
        title=title,
        slug=f"{slugify(title)}-{serial:x}",
        description=describe(
            title, data.BRANDS[brand_index], material, rng.choice(data.SELLING_POINTS)
        ),
        status=status,
        shop_id=shop_id,
        category_id=ref.categories[(root, child)],
        brand_id=ref.brand_ids[brand_index],
        tax_class=_tax_class(rng, root),
        is_open_to_other_sellers=is_open,
    )
    variants = []
    for position, values in enumerate(_variant_values(rng, profile["axes"], colour)):
        variant = ProductVariant(
            name=" / ".join(value for _, value in values),
            weight_grams=weight,
            barcode=gtin13(serial * 10 + position) if rng.random() < 0.6 else "",
            position=position,
            is_default=position == 0,
        )
        ids = [ref.option_values[v] for v in values]
        variants.append(VariantPlan(variant=variant, option_value_ids=ids))
    plan = ProductPlan(product, variants, attributes, rng.random() < 0.2)
    _offers(rng, ref, plan, serial=serial, root=root)
    return plan
