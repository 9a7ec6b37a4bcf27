"""The public page of a shop: its profile and its products."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from emporium.reviews.selectors import get_review_section
from emporium.storefront import seo
from emporium.storefront.selectors import list_shop_product_cards
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.selectors import get_visible_shop, list_shop_branches

PAGE_SIZE = 24


@require_GET
def shop(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        current = get_visible_shop(slug=slug)
    except ShopNotFound as exc:
        raise Http404(exc.message) from exc
    products = list_shop_product_cards(shop=current)
    page_obj = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    path = reverse("storefront:shop", args=[slug])
    if page_obj.number > 1:
        path = f"{path}?page={page_obj.number}"
    reviews = get_review_section(shop=current)
    shop_ld = seo.with_aggregate_rating(seo.shop_organization(current), reviews.rating)
    context = {
        "shop": current,
        "page_obj": page_obj,
        "branches": list(list_shop_branches(shop=current)),
        "canonical_url": seo.absolute_url(path),
        "reviews": reviews,
        "json_ld": [seo.json_ld(shop_ld)],
    }
    return render(request, "storefront/shop.html", context)
