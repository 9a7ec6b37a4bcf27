"""The dashboard's own pages: its entry, and choosing among one's shops."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from emporium.dashboard.access import remember_shop, vendor_required
from emporium.dashboard.navigation import menu
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.selectors import get_member_shop, list_member_shops


@vendor_required
def home(request: HttpRequest) -> HttpResponse:
    """/vendor/: the first page of the menu (the overview)."""
    items = menu()
    if not items:
        raise Http404("The vendor dashboard has no pages yet.")
    return redirect(items[0].url)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def choose_shop(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST":
        try:
            shop = get_member_shop(user=request.user, slug=request.POST.get("shop", ""))
        except ShopNotFound as exc:
            raise Http404(exc.message) from exc
        remember_shop(request, shop)
        return redirect(next_url or "dashboard:home")
    shops = list_member_shops(user=request.user)
    return render(
        request, "dashboard/choose_shop.html", {"shops": shops, "next": next_url}
    )
