"""Storefront wishlist pages: the hearts, their saved state, the wishlist.

Pages with hearts are cached for everyone, so they draw every heart unsaved
and carry no per-visitor state. For a signed-in visitor, `hearts` answers
in one request which of the page's hearts they saved (htmx swaps those in
out of band, see static/wishlists/hearts.js); a click posts to `save` or
`remove` (CSRF token from the cookie, as every htmx post) and gets the
heart in its new state. Without JavaScript a heart is a link to the `save`
page: sign in if needed, then a plain form, then back to the page.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.core.errors import DomainError, NotFound
from emporium.wishlists import selectors, services
from emporium.wishlists.constants import MAX_SHOPS_SHOWN, PAGE_SIZE
from emporium.wishlists.forms import WishlistSubjectForm
from emporium.wishlists.selectors import Heart

WISHLIST_CHANGED_EVENT = "wishlist-changed"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in first, then back (htmx: the sign-in page in the window)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if _is_htmx(request):
            back = request.headers.get("HX-Current-URL", "") or "/"
            response = HttpResponse(status=204)
            query = urlencode({"next": back})
            response["HX-Redirect"] = f"{reverse(settings.LOGIN_URL)}?{query}"
            return response
        return redirect_to_login(request.get_full_path())

    return wrapper


def _next_url(request: HttpRequest, candidate: str) -> str:
    """Where to go back to: a page of this site, else the wishlist."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wishlists:wishlist")


def _page_path(request: HttpRequest) -> str:
    """The page an htmx request came from (for the hearts' no-JS links);
    the wishlist when it does not say."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    if not current.path:
        return reverse("wishlists:wishlist")
    return f"{current.path}?{current.query}" if current.query else current.path


@never_cache
@require_GET
def hearts(request: HttpRequest) -> HttpResponse:
    """The saved ones of the hearts named by `?item=product-12&item=shop-3`,
    drawn saved and swapped in out of band; nothing for anonymous visitors."""
    product_ids, shop_ids = selectors.parse_heart_keys(request.GET.getlist("item"))
    saved = selectors.list_saved_hearts(
        user=request.user, product_ids=product_ids, shop_ids=shop_ids
    )
    return _render_hearts(request, saved)


def _render_hearts(request: HttpRequest, hearts_: list[Heart]) -> HttpResponse:
    context = {"hearts": hearts_, "heart_next": _page_path(request)}
    return render(request, "wishlists/_hearts_oob.html", context)


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def save(request: HttpRequest) -> HttpResponse:
    """GET: the plain page that asks (the hearts' link without JavaScript);
    POST: save the product or shop, idempotently."""
    form = WishlistSubjectForm(
        request.POST if request.method == "POST" else request.GET
    )
    if not form.is_valid():
        raise Http404("Nothing to save.")
    subject = form.subject
    if request.method == "GET":
        return _render_confirm(request, form)
    try:
        services.save_to_wishlist(user=request.user, **subject)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _changed(request, form, saved=True)


@never_cache
@signed_in
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Take the product or shop off the wishlist (nothing if it is not on)."""
    form = WishlistSubjectForm(request.POST)
    if not form.is_valid():
        raise Http404("Nothing to remove.")
    services.unsave(user=request.user, **form.subject)
    return _changed(request, form, saved=False)


def _heart_of(request: HttpRequest, form: WishlistSubjectForm) -> Heart:
    try:
        return selectors.get_heart(user=request.user, **form.subject)
    except DomainError as exc:
        raise Http404(exc.message) from exc


def _render_confirm(request: HttpRequest, form: WishlistSubjectForm) -> HttpResponse:
    heart = _heart_of(request, form)
    next_url = _next_url(request, form.cleaned_data["next"])
    context = {"heart": heart, "next": next_url}
    return render(request, "wishlists/save.html", context)


def _changed(
    request: HttpRequest, form: WishlistSubjectForm, *, saved: bool
) -> HttpResponse:
    """htmx: every heart of the item on the page, in its new state; without:
    back to the page, with a note."""
    heart = _heart_of(request, form)
    if _is_htmx(request):
        response = _render_hearts(request, [heart])
        response["HX-Trigger"] = WISHLIST_CHANGED_EVENT
        return response
    if saved:
        messages.success(request, f"{heart.name} is saved to your wishlist.")
    else:
        messages.info(request, f"{heart.name} is removed from your wishlist.")
    return redirect(_next_url(request, form.cleaned_data["next"]))


@never_cache
@signed_in
@require_GET
def wishlist(request: HttpRequest) -> HttpResponse:
    """My Account > Wishlist: the saved products as cards, then the shops."""
    products = selectors.list_saved_product_cards(user=request.user)
    page_obj = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    shops = list(selectors.list_saved_shops(user=request.user)[:MAX_SHOPS_SHOWN])
    context = {"page_obj": page_obj, "shops": shops}
    return render(request, "wishlists/wishlist.html", context)
