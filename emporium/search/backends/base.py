"""The search interface, and the ORM half the database backends share.

A database backend only says how text matches and ranks (`match_text`);
filters, facets, sorting and paging are the same SQL on every database,
over `ProductSearchDocument` and `SearchFacetTerm`. A search makes at most
`MAX_QUERIES` queries whatever the size of the result.
"""

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from emporium.search.constants import PRICE_BUCKET_BOUNDS, SearchSort
from emporium.search.models import ProductSearchDocument, SearchFacetTerm
from emporium.search.types import (
    Facets,
    FacetValue,
    PriceBucket,
    SearchQuery,
    SearchResults,
)

# Totals (maybe twice: the typo fallback), facet terms, the page.
MAX_QUERIES = 4


class SearchBackend(Protocol):
    def search(self, query: SearchQuery) -> SearchResults: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[str]: ...


class DatabaseSearchBackend(ABC):
    """Search over the index tables; subclasses match and rank the text."""

    @abstractmethod
    def match_text(self, docs: QuerySet, text: str) -> QuerySet:
        """Docs matching `text`, annotated with `rank` (higher is better)."""

    def match_fuzzy(self, docs: QuerySet, text: str) -> QuerySet | None:
        """Docs matching `text` despite typos, with `rank`; None: not supported."""
        return None

    def search(self, query: SearchQuery) -> SearchResults:
        docs = self._filtered(query)
        text = " ".join(query.text.split())
        matched = self.match_text(docs, text) if text else docs
        totals = self._totals(matched)
        is_fuzzy = False
        if text and totals["total"] == 0:
            fuzzy = self.match_fuzzy(docs, text)
            if fuzzy is not None:
                matched, totals, is_fuzzy = fuzzy, self._totals(fuzzy), True
        if totals["total"] == 0:
            return SearchResults([], 0, Facets(), query.page, query.limit, is_fuzzy)
        page = self._ordered(matched, query, ranked=bool(text))
        ids = list(
            page.values_list("pk", flat=True)[query.offset : query.offset + query.limit]
        )
        facets = self._facets(matched, totals)
        return SearchResults(
            ids, totals["total"], facets, query.page, query.limit, is_fuzzy
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles starting with `prefix`, or with a word starting with it."""
        prefix = " ".join(prefix.split())
        if len(prefix) < 2:
            return []
        titles = (
            ProductSearchDocument.objects.filter(
                Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
            )
            .order_by("title")
            .values_list("title", flat=True)
            .distinct()[: limit * 3]
        )
        lower = prefix.lower()
        ordered = sorted(titles, key=lambda t: (not t.lower().startswith(lower), t))
        return ordered[:limit]

    # -- the shared SQL ------------------------------------------------------

    def _filtered(self, query: SearchQuery) -> QuerySet:
        docs = ProductSearchDocument.objects.all()
        terms = [
            ("category", query.category),
            ("shop", query.shop),
            ("brand", query.brand),
        ]
        for code, values in query.attributes.items():
            terms.append((f"attr:{code}", values))
        for name, values in terms:
            if values in (None, "", []):
                continue
            values = [values] if isinstance(values, str) else list(values)
            docs = docs.filter(
                Exists(
                    SearchFacetTerm.objects.filter(
                        document=OuterRef("pk"), name=name, value__in=values
                    )
                )
            )
        if query.min_price is not None:
            docs = docs.filter(min_price_amount__gte=query.min_price)
        if query.max_price is not None:
            docs = docs.filter(min_price_amount__lte=query.max_price)
        if query.in_stock:
            docs = docs.filter(is_in_stock=True)
        return docs

    def _totals(self, matched: QuerySet) -> dict:
        buckets = {
            f"bucket_{i}": Count("pk", filter=_bucket_q(i))
            for i in range(len(PRICE_BUCKET_BOUNDS))
        }
        return matched.order_by().aggregate(
            total=Count("pk"),
            in_stock=Count("pk", filter=Q(is_in_stock=True)),
            **buckets,
        )

    def _ordered(self, matched: QuerySet, query: SearchQuery, *, ranked: bool):
        match SearchSort(query.sort or SearchSort.RELEVANCE):
            case SearchSort.PRICE_ASC:
                order = [F("min_price_amount").asc(nulls_last=True)]
            case SearchSort.PRICE_DESC:
                order = [F("min_price_amount").desc(nulls_last=True)]
            case SearchSort.NEWEST:
                order = []
            case _:
                # Without text there is no relevance: newest first.
                order = [F("rank").desc()] if ranked else []
        return matched.order_by(*order, "-product_created_at", "-pk")

    def _facets(self, matched: QuerySet, totals: dict) -> Facets:
        # A join, not `document__in=<subquery>`: engine expressions name the
        # document table, which a subquery would alias.
        rows = (
            matched.filter(terms__isnull=False)
            .values(
                name=F("terms__name"), value=F("terms__value"), label=F("terms__label")
            )
            .annotate(count=Count("pk"))
        )
        return facets_from_counts([FacetCount(**row) for row in rows], totals=totals)


@dataclass(frozen=True)
class FacetCount:
    """How many matching documents hold one facet term."""

    name: str
    value: str
    label: str
    count: int


def facets_from_counts(counts: Iterable[FacetCount], *, totals: dict) -> Facets:
    """Group term counts into `Facets`: by facet, most frequent first (ties
    by label), with the price buckets and in-stock count of `totals`."""
    grouped: dict[str, list[FacetValue]] = defaultdict(list)
    for row in sorted(counts, key=lambda c: (c.name, -c.count, c.label)):
        grouped[row.name].append(FacetValue(row.value, row.label, row.count))
    return Facets(
        categories=grouped.pop("category", []),
        shops=grouped.pop("shop", []),
        brands=grouped.pop("brand", []),
        attributes={
            name.removeprefix("attr:"): values for name, values in grouped.items()
        },
        price_ranges=_price_buckets(totals),
        in_stock=totals["in_stock"],
    )


def _bucket_q(index: int) -> Q:
    q = Q(min_price_amount__gte=PRICE_BUCKET_BOUNDS[index])
    if index + 1 < len(PRICE_BUCKET_BOUNDS):
        q &= Q(min_price_amount__lt=PRICE_BUCKET_BOUNDS[index + 1])
    return q


def _price_buckets(totals: dict) -> list[PriceBucket]:
    bounds: list[Decimal | None] = [*PRICE_BUCKET_BOUNDS[1:], None]
    return [
        PriceBucket(low, high, totals[f"bucket_{i}"])
        for i, (low, high) in enumerate(zip(PRICE_BUCKET_BOUNDS, bounds, strict=True))
    ]
