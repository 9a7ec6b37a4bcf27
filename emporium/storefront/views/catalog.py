"""Product and category pages (cached for anonymous visitors)."""

import dataclasses

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from emporium.catalog.errors import CategoryNotFound, ProductNotFound
from emporium.catalog.selectors import get_category
from emporium.reviews.selectors import get_review_section
from emporium.search.backends import get_backend
from emporium.search.types import SearchQuery, SearchResults
from emporium.storefront import seo
from emporium.storefront.cache import cache_anonymous_page
from emporium.storefront.htmx import wants_fragment
from emporium.storefront.search_forms import (
    ATTRIBUTE_PREFIX,
    SearchForm,
    facet_context,
)
from emporium.storefront.selectors import (
    DEFAULT_SORT,
    SORTS,
    get_product_page,
    list_breadcrumb_categories,
    list_category_product_cards,
    list_product_cards_by_ids,
    list_subcategories,
)

PAGE_SIZE = 24
# Facet filters the category page takes from the search form (`attr_<code>` too).
FILTER_PARAMS = ("shop", "brand", "min_price", "max_price", "in_stock")
SORT_LABELS = {
    "newest": "Newest",
    "price_asc": "Price: low to high",
    "price_desc": "Price: high to low",
}


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@require_GET
@cache_anonymous_page
def product(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = get_product_page(slug=slug, variant_id=_int_param(request, "variant"))
    except ProductNotFound as exc:
        raise Http404(exc.message) from exc
    # The canonical URL is the product's, without ?variant: variants are one
    # page for search engines, which index the default variant's offers.
    canonical = seo.absolute_url(reverse("storefront:product", args=[slug]))
    context = {
        "page": page,
        "canonical_url": canonical,
        "og_image": seo.image_url(page.images[0] if page.images else None),
    }
    if wants_fragment(request):
        return render(request, "storefront/catalog/_buy_box.html", context)
    reviews = get_review_section(product=page.product)
    product_ld = seo.with_aggregate_rating(
        seo.product(page, url=canonical), reviews.rating
    )
    context["reviews"] = reviews
    context["json_ld"] = [
        seo.json_ld(product_ld),
        seo.json_ld(seo.breadcrumb_list(page.breadcrumbs)),
    ]
    return render(request, "storefront/catalog/product.html", context)


@require_GET
@cache_anonymous_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        current = get_category(slug=slug)
    except CategoryNotFound as exc:
        raise Http404(exc.message) from exc
    sort = request.GET.get("sort", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    form, query = _facet_query(request, slug=slug, sort=sort)
    if form.asks_past_max_page():
        raise Http404("No such page.")
    # One search per view: its facets always, its hits only when filtering.
    results = get_backend().search(query)
    filtered = _has_filters(request)
    if filtered:
        products = _SearchHits(results, offset=query.offset)
    else:
        products = list_category_product_cards(category=current, sort=sort)
    # The page the form read (a malformed one is page 1), filtered or not;
    # past the last page: 404, as Django's paginator would have it.
    try:
        page_obj = Paginator(products, PAGE_SIZE).page(query.page)
    except EmptyPage as exc:
        raise Http404("No such page.") from exc
    breadcrumbs = list_breadcrumb_categories(current)
    context = {
        "category": current,
        "breadcrumbs": breadcrumbs,
        "subcategories": list(list_subcategories(current)),
        "page_obj": page_obj,
        "sort": sort,
        "sort_labels": SORT_LABELS,
        "canonical_url": seo.absolute_url(_category_path(slug, sort, page_obj.number)),
        "json_ld": [seo.json_ld(seo.breadcrumb_list(breadcrumbs))],
        "form": form,
        "query": query,
        "filtered": filtered,
        "filters_open": wants_fragment(request),
        # The category is the page's own: no category facet to pick another.
        "facets": dataclasses.replace(results.facets, categories=[]),
        **facet_context(query, results),
    }
    if wants_fragment(request):
        return render(request, "storefront/catalog/_category_results.html", context)
    return render(request, "storefront/catalog/category.html", context)


def _has_filters(request: HttpRequest) -> bool:
    return any(
        name in FILTER_PARAMS or name.startswith(ATTRIBUTE_PREFIX)
        for name, values in request.GET.lists()
        if any(values)
    )


def _facet_query(
    request: HttpRequest, *, slug: str, sort: str
) -> tuple[SearchForm, SearchQuery]:
    """The search form over the page's filters, its category fixed to this one.
    Bad values are ignored by the form, never an error."""
    data = request.GET.copy()
    data.pop("q", None)
    data["category"] = slug
    data["sort"] = sort  # the category sorts are search sorts too
    form = SearchForm(data)
    return form, form.to_query(page_size=PAGE_SIZE)


class _SearchHits:
    """One page of search hits, as a sequence of `total` items for Paginator;
    slices other than the searched page are empty."""

    def __init__(self, results: SearchResults, *, offset: int) -> None:
        self.total = results.total
        self.offset = offset
        self.cards = list_product_cards_by_ids(results.product_ids)

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list:
        return self.cards if index.start == self.offset else []


def _category_path(slug: str, sort: str, page: int) -> str:
    """Canonical: page 1 is the bare URL; a later page keeps ?page, never ?sort."""
    path = reverse("storefront:category", args=[slug])
    return f"{path}?page={page}" if page > 1 else path
