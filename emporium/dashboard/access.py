"""Who may open a vendor page, and on which shop it works.

`vendor_required` wraps every dashboard view: the visitor signs in, then
`vendors.selectors.get_member_shop` picks the shop (the one named by
`?shop=`, else the one chosen earlier in this session, else the user's only
shop) and the view finds it on `request.vendor_shop`. A shop the user does
not run is a 404, like one that does not exist.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from emporium.vendors.errors import NotShopMember, ShopNotFound, ShopRequired
from emporium.vendors.models import Shop
from emporium.vendors.selectors import find_membership, get_member_shop

SESSION_KEY = "vendor_shop"

View = Callable[..., HttpResponse]


def resolve_vendor_shop(request: HttpRequest) -> Shop:
    """The shop this request works on (see the module docstring).

    Raises:
        NotShopMember, ShopRequired, ShopNotFound: as `get_member_shop`.
    """
    asked = request.GET.get("shop", "")
    if asked:
        return get_member_shop(user=request.user, slug=asked)
    remembered = request.session.get(SESSION_KEY, "")
    if remembered:
        try:
            return get_member_shop(user=request.user, slug=remembered)
        except ShopNotFound:  # removed from that shop since: forget it
            request.session.pop(SESSION_KEY, None)
    return get_member_shop(user=request.user)


def remember_shop(request: HttpRequest, shop: Shop) -> None:
    request.session[SESSION_KEY] = shop.slug


def vendor_required(view: View) -> View:
    """Sign-in, then the shop on `request.vendor_shop` (and the user's
    `request.vendor_membership`); vendor pages are never cached."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            shop = resolve_vendor_shop(request)
        except NotShopMember:
            response = render(request, "dashboard/not_a_vendor.html", status=403)
            add_never_cache_headers(response)
            return response
        except ShopRequired:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('dashboard:choose-shop')}?{query}")
        except ShopNotFound as exc:
            raise Http404(exc.message) from exc
        request.vendor_shop = shop
        request.vendor_membership = find_membership(user=request.user, shop=shop)
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def owner_required(view: View) -> View:
    """`vendor_required`, and only the shop's owners (403 for its staff)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        membership = request.vendor_membership
        if membership is None or not membership.is_owner:
            raise PermissionDenied("Only the shop's owners may do this.")
        return view(request, *args, **kwargs)

    return vendor_required(wrapper)
