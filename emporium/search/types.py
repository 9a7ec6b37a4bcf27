"""The search interface's data: what is asked, and what comes back."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from emporium.search.constants import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SearchSort


@dataclass(frozen=True)
class SearchQuery:
    """A buyer's search. `category` is a slug and includes its descendants;
    `shop` and `brand` are slugs; `attributes` maps an attribute code to one
    value slug or a list (any of them matches)."""

    text: str = ""
    category: str | None = None
    shop: str | None = None
    brand: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    attributes: dict[str, str | list[str]] = field(default_factory=dict)
    sort: SearchSort | str = SearchSort.RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.limit

    @property
    def limit(self) -> int:
        return min(max(self.page_size, 1), MAX_PAGE_SIZE)

    def filters_for_log(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "shop": self.shop,
            "brand": self.brand,
            "min_price": str(self.min_price) if self.min_price is not None else None,
            "max_price": str(self.max_price) if self.max_price is not None else None,
            "in_stock": self.in_stock,
            "attributes": self.attributes,
            "sort": str(self.sort),
        }


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PriceBucket:
    min_price: Decimal
    max_price: Decimal | None  # None: open ended
    count: int


@dataclass(frozen=True)
class Facets:
    categories: list[FacetValue] = field(default_factory=list)
    shops: list[FacetValue] = field(default_factory=list)
    brands: list[FacetValue] = field(default_factory=list)
    attributes: dict[str, list[FacetValue]] = field(default_factory=dict)
    price_ranges: list[PriceBucket] = field(default_factory=list)
    in_stock: int = 0


@dataclass(frozen=True)
class SearchResults:
    product_ids: list[int]
    total: int
    facets: Facets
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    is_fuzzy: bool = False  # typo fallback produced these results
