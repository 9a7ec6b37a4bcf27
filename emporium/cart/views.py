"""Storefront cart pages under /cart/: thin edges over the cart services.

The guest cart's token lives in the `cart` cookie (HttpOnly, SameSite=Lax,
Secure wherever session cookies are). Changes are POST forms that work
without JavaScript (post, then redirect to /cart/); with htmx the same
view answers the cart page at once, which the form swaps in, and fires
`cart-changed` so the header's mini-cart reloads. A refusal is shown as a
message. Nothing here is cached: every answer depends on the visitor.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from emporium.cart import selectors, services
from emporium.cart.constants import CART_COOKIE, CART_COOKIE_MAX_AGE, MessageCode
from emporium.cart.forms import AddToCartForm, QuantityForm, VoucherForm, first_error
from emporium.cart.models import Cart
from emporium.cart.origin import is_same_origin
from emporium.cart.types import CartMessage, ResolvedCart, display_name
from emporium.core.errors import DomainError

CART_CHANGED_EVENT = "cart-changed"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _user(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


def _resolve(request: HttpRequest) -> ResolvedCart:
    """The visitor's cart (merging a guest cart into a signed-in user's)."""
    resolved = services.resolve_cart(
        user=_user(request), token=request.COOKIES.get(CART_COOKIE)
    )
    _tell(request, resolved.messages)
    return resolved


def _tell(request: HttpRequest, notes: tuple[CartMessage, ...]) -> None:
    for note in notes:
        level = (
            messages.INFO if note.code == MessageCode.CARTS_MERGED else messages.WARNING
        )
        messages.add_message(request, level, note.text)


def _keep_token(
    response: HttpResponse, resolved: ResolvedCart, cart: Cart | None = None
) -> HttpResponse:
    """Set the cookie for a guest cart just written to; drop a dead one."""
    if cart is not None and cart.is_guest:
        response.set_cookie(
            CART_COOKIE,
            str(cart.token),
            max_age=CART_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    elif resolved.forget_token:
        response.delete_cookie(CART_COOKIE, samesite="Lax")
    return response


def _render_cart(request: HttpRequest, resolved: ResolvedCart) -> HttpResponse:
    view = services.read_cart(cart=resolved.cart, customer=_user(request))
    _tell(request, view.messages)
    context = {"view": view, "voucher_form": VoucherForm()}
    return render(request, "cart/cart.html", context)


def _changed(request: HttpRequest, resolved: ResolvedCart) -> HttpResponse:
    """After a change: the cart page for htmx, else a redirect to it. A
    guest's cookie lives on from the latest change."""
    if _is_htmx(request):
        response = _render_cart(request, resolved)
        response["HX-Trigger"] = CART_CHANGED_EVENT
    else:
        response = redirect("cart:detail")
    return _keep_token(response, resolved, resolved.cart)


@never_cache
@require_GET
def cart_detail(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    return _keep_token(_render_cart(request, resolved), resolved)


@never_cache
@require_GET
def mini_cart(request: HttpRequest) -> HttpResponse:
    """The header's cart link with its count (loaded by htmx on every page)."""
    resolved = _resolve(request)
    count = selectors.count_cart_items(cart=resolved.cart)
    response = render(request, "cart/_mini_cart.html", {"count": count})
    return _keep_token(response, resolved)


# No CSRF token: the form sits on cached pages. The same-origin check
# stands in for it (see emporium/cart/origin.py and docs/cart.md).
@csrf_exempt
@never_cache
@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    if not is_same_origin(request):
        raise PermissionDenied("Cross-site request refused.")
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        return _add_answer(request, ok=False, text=first_error(form))
    resolved = _resolve(request)
    try:
        added = services.add_line(
            cart=resolved.cart,
            user=_user(request),
            quantity=form.cleaned_data["quantity"],
            offer_id=form.cleaned_data["offer"],
        )
    except DomainError as exc:
        return _keep_token(_add_answer(request, ok=False, text=exc.message), resolved)
    text = (
        f"Added {form.cleaned_data['quantity']} x "
        f"{display_name(added.line.offer)} to your cart."
    )
    response = _add_answer(request, ok=True, text=text)
    return _keep_token(response, resolved, added.cart)


def _add_answer(request: HttpRequest, *, ok: bool, text: str) -> HttpResponse:
    """htmx: a notice beside the button; else the cart page with a message."""
    if _is_htmx(request):
        response = render(request, "cart/_add_result.html", {"ok": ok, "text": text})
        if ok:
            response["HX-Trigger"] = CART_CHANGED_EVENT
        return response
    (messages.success if ok else messages.error)(request, text)
    return redirect("cart:detail")


@require_POST
def line_update(request: HttpRequest, line_id: int) -> HttpResponse:
    form = QuantityForm(request.POST)
    resolved = _resolve(request)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return _changed(request, resolved)
    try:
        services.update_line_quantity(
            cart=resolved.cart, line_id=line_id, quantity=form.cleaned_data["quantity"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _changed(request, resolved)


@require_POST
def line_remove(request: HttpRequest, line_id: int) -> HttpResponse:
    resolved = _resolve(request)
    try:
        services.remove_line(cart=resolved.cart, line_id=line_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    return _changed(request, resolved)


@require_POST
def voucher_apply(request: HttpRequest) -> HttpResponse:
    form = VoucherForm(request.POST)
    resolved = _resolve(request)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return _changed(request, resolved)
    try:
        terms = services.apply_voucher(
            cart=resolved.cart, code=form.cleaned_data["code"], customer=_user(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The voucher {terms.code} is applied.")
    return _changed(request, resolved)


@require_POST
def voucher_remove(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    services.remove_voucher(cart=resolved.cart)
    messages.info(request, "The voucher is removed.")
    return _changed(request, resolved)
