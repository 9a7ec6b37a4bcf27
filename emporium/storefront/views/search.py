"""The search page, its facet filters, and header autocomplete suggestions."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from emporium.search.backends import get_backend
from emporium.search.constants import SearchSort
from emporium.search.services import log_search
from emporium.storefront.htmx import wants_fragment
from emporium.storefront.search_forms import SearchForm, facet_context
from emporium.storefront.selectors import list_product_cards_by_ids

PAGE_SIZE = 24
SUGGESTION_LIMIT = 8


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.to_query(page_size=PAGE_SIZE)
    if form.asks_past_max_page():
        raise Http404("No such page.")
    results = get_backend().search(query)
    if query.page > 1 and query.offset >= results.total:
        raise Http404("No such page.")
    if query.text:
        log_search(query=query, result_count=results.total)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "products": list_product_cards_by_ids(results.product_ids),
        "pages": _pages(results.total, results.page_size, query.page),
        "sort_choices": SearchSort.choices,
        **facet_context(query, results),
        "filters_open": wants_fragment(request),
    }
    if wants_fragment(request):
        return render(request, "storefront/search/_results.html", context)
    return render(request, "storefront/search/search.html", context)


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    suggestions = get_backend().suggest(text, limit=SUGGESTION_LIMIT)
    return render(
        request,
        "storefront/search/_suggestions.html",
        {"suggestions": suggestions, "q": text},
    )


def _pages(total: int, page_size: int, page: int) -> dict:
    last = max((total + page_size - 1) // page_size, 1)
    return {
        "number": page,
        "last": last,
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if page < last else None,
    }
