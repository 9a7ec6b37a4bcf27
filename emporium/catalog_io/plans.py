"""The plan of an import: the writes a valid file needs, and nothing else.

Built by `planning.plan_catalog_import` (which reads and checks the file and
writes nothing), carried out by `services.apply_import_plan`. Only changed
fields appear in `fields`, so an unchanged line leads to no write at all.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from emporium.catalog.models import Offer, ProductVariant
from emporium.catalog.services import AttributeInput
from emporium.inventory.models import Warehouse
from emporium.vendors.models import Shop

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"

# A variant as the file names it: ("id", pk) for one that exists,
# ("new", product slug, options) for one the import creates.
VariantKey = tuple


@dataclass(frozen=True)
class ProductPlan:
    """Create a product (`product_id` None) or change some of its fields."""

    line: int
    slug: str
    product_id: int | None
    shop: Shop  # the owner of a new product
    fields: Mapping[str, Any] = field(default_factory=dict)
    attributes: tuple[AttributeInput, ...] | None = None  # None: as they are


@dataclass(frozen=True)
class VariantPlan:
    """Create a variant (`variant_id` None) or change its weight or barcode.

    `use_default`: the variant is the default one that creating the product
    made; the import gives it its options instead of adding another.
    """

    line: int
    key: VariantKey
    product_slug: str
    product_id: int | None  # None: the product is new in this file
    variant_id: int | None
    options: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)
    use_default: bool = False
    position: int = 0


@dataclass(frozen=True)
class StockPlan:
    """Bring the offer's stock in `warehouse` to `quantity` on hand."""

    warehouse: Warehouse
    stock_id: int | None  # None: start stocking it there
    quantity: int


@dataclass(frozen=True)
class OfferPlan:
    """One line: create its offer (`offer` None) or change some fields."""

    line: int
    shop: Shop
    sku: str
    variant_key: VariantKey
    outcome: str  # CREATED, UPDATED or UNCHANGED
    offer: Offer | None = None
    variant: ProductVariant | None = None  # when it exists already
    fields: Mapping[str, Any] = field(default_factory=dict)
    stock: tuple[StockPlan, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    products: tuple[ProductPlan, ...]
    variants: tuple[VariantPlan, ...]
    offers: tuple[OfferPlan, ...]

    def counts(self) -> dict[str, int]:
        """Lines created, updated and unchanged."""
        tally = Counter(offer.outcome for offer in self.offers)
        return {name: tally[name] for name in (CREATED, UPDATED, UNCHANGED)}
