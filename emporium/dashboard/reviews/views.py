"""The vendor's reviews page: what buyers said of the shop and of the
products it sells. Read only, published reviews, scoped to
`request.vendor_shop` (another shop's reviews never show)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from emporium.dashboard.access import vendor_required
from emporium.dashboard.pages import render_dashboard
from emporium.reviews.constants import ReviewSubject
from emporium.reviews.selectors import get_shop_rating, list_reviews_for_vendor

PAGE_SIZE = 20
TABS = {
    ReviewSubject.PRODUCT: "Product reviews",
    ReviewSubject.SHOP: "Shop reviews",
}


@vendor_required
@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    about = request.GET.get("about", "")
    about = (
        ReviewSubject(about) if about in ReviewSubject.values else ReviewSubject.PRODUCT
    )
    shop = request.vendor_shop
    listed = list_reviews_for_vendor(shop=shop, about=about)
    page_obj = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "about": about,
        "tabs": TABS,
        "page_obj": page_obj,
        "shop_rating": get_shop_rating(shop_id=shop.pk),
    }
    return render_dashboard(request, "dashboard/reviews/list.html", context)
