"""Storefront checkout under /checkout/: one page, then payment, then thanks.

Every form works without JavaScript (post, then redirect); with htmx the
shipping methods and the summary follow the country and method in place
(`checkout_options`). Placing goes through `services.place_checkout`, as
the API does, with the form's one-time token as idempotency key
(`session.py`): a double submit gets the same order. A declined card leads
to the payment page of the placed order (`pay_page`), which pays it again.
Nothing here is cached.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.cart.constants import CART_COOKIE
from emporium.cart.services import apply_voucher, remove_voucher, resolve_cart
from emporium.cart.types import ResolvedCart
from emporium.checkout import selectors, services, session
from emporium.checkout.errors import CartChanged, CartEmpty, CartNotReady
from emporium.checkout.forms import NEW_ADDRESS, CheckoutForm, PaymentForm, VoucherForm
from emporium.core.errors import DomainError
from emporium.orders.access import order_access_url
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order
from emporium.orders.selectors import list_shipments
from emporium.payments.services import PaymentResult

CART_STATE_ERRORS = (CartChanged, CartEmpty, CartNotReady)


def _user(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


def _resolve(request: HttpRequest) -> ResolvedCart:
    resolved = resolve_cart(user=_user(request), token=request.COOKIES.get(CART_COOKIE))
    for note in resolved.messages:
        messages.info(request, note.text)
    return resolved


def _forget_dead_token(response: HttpResponse, resolved: ResolvedCart) -> HttpResponse:
    if resolved.forget_token:
        response.delete_cookie(CART_COOKIE, samesite="Lax")
    return response


def _checkout_form(request: HttpRequest, data=None) -> CheckoutForm:
    user = _user(request)
    addresses = list(selectors.list_checkout_addresses(user=user))
    return CheckoutForm(
        data,
        is_guest=user is None,
        addresses=addresses,
        payment_choices=selectors.list_payment_choices(),
    )


def _destination(form: CheckoutForm, data) -> tuple[str, str, int | None]:
    """Country, region and shipping method the page shows figures for: a
    saved address chosen (or the default one), else the typed country."""
    choice = data.get("address")
    if choice is None and "address" in form.fields:
        choice = form.fields["address"].initial
    address = form.addresses.get(choice or NEW_ADDRESS)
    if address is not None:
        country, region = str(address.country), address.region
    else:
        country, region = data.get("country", ""), data.get("region", "")
    method = str(data.get("shipping_method", ""))
    return country, region, int(method) if method.isdigit() else None


def _summary_context(request: HttpRequest, resolved: ResolvedCart, form, data):
    country, region, method = _destination(form, data)
    try:
        summary = services.summarize_checkout(
            cart=resolved.cart,
            customer=_user(request),
            country=country,
            region=region,
            shipping_method_id=method,
        )
    except DomainError as exc:  # an unknown country, no tax rate there
        messages.error(request, exc.message)
        summary = services.summarize_checkout(
            cart=resolved.cart, customer=_user(request)
        )
    return {"summary": summary, "voucher_form": VoucherForm()}


def _render_page(
    request: HttpRequest, resolved: ResolvedCart, form: CheckoutForm
) -> HttpResponse:
    data = form.data if form.is_bound else {}
    context = _summary_context(request, resolved, form, data)
    context |= {"form": form, "form_token": session.issue_form_token(request)}
    response = render(request, "checkout/checkout.html", context)
    return _forget_dead_token(response, resolved)


@never_cache
@require_http_methods(["GET", "POST"])
def checkout_page(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    if request.method == "GET":
        return _render_page(request, resolved, _checkout_form(request))
    form = _checkout_form(request, request.POST)
    if request.POST.get("action") == "refresh":  # no JavaScript: new options
        return _render_page(request, resolved, form)
    return _place(request, resolved, form)


def _place(request: HttpRequest, resolved: ResolvedCart, form: CheckoutForm):
    token = request.POST.get("token", "")
    if not form.is_valid():
        return _render_page(request, resolved, form)
    if not session.is_issued_form_token(request, token):
        messages.error(request, "This page had expired; please check your order.")
        return _render_page(request, resolved, form)
    try:
        result = services.place_checkout(
            cart=resolved.cart,
            customer=_user(request),
            email=form.cleaned_data.get("email", ""),
            shipping_address=form.shipping_address(),
            billing_address=None,
            shipping_method_id=form.cleaned_data["shipping_method"],
            payment_method=form.cleaned_data["payment_method"],
            card=form.card_details(),
            idempotency_key=session.idempotency_key_for(token),
            return_url=_return_url(request),
            actor=_user(request),
        )
    except CART_STATE_ERRORS as exc:
        messages.warning(request, exc.message)
        return _render_page(request, resolved, form)
    except DomainError as exc:
        form.add_domain_error(exc)
        return _render_page(request, resolved, form)
    session.remember_order(request, result.order.number)
    if result.payment_error is not None:
        messages.error(request, result.payment_error.message)
        return redirect("checkout:pay", number=result.order.number)
    return _next_step(request, result.order, result.payment)


def _return_url(request: HttpRequest) -> str:
    """Where 3-D Secure sends the buyer back ("{number}": the order's)."""
    return request.build_absolute_uri(reverse("checkout:page")) + "return/{number}/"


def _next_step(
    request: HttpRequest, order: Order, payment: PaymentResult | None
) -> HttpResponse:
    """After a payment attempt: authenticate, retry, or the confirmation."""
    action = payment.next_action if payment is not None else {}
    if payment is not None and payment.status == "requires_action":
        if action.get("type") == "redirect":
            return redirect(action["url"])
        return redirect("checkout:pay", number=order.number)  # Stripe.js
    if payment is not None and payment.status == "failed":
        return redirect("checkout:pay", number=order.number)  # it says why
    return redirect("checkout:complete", number=order.number)


@never_cache
@require_GET
def checkout_options(request: HttpRequest) -> HttpResponse:
    """The shipping methods and the summary for the chosen destination
    (htmx swaps them into the page)."""
    resolved = _resolve(request)
    form = _checkout_form(request)
    context = _summary_context(request, resolved, form, request.GET)
    return render(request, "checkout/_options.html", context)


@never_cache
@require_POST
def voucher_apply(request: HttpRequest) -> HttpResponse:
    form = VoucherForm(request.POST)
    resolved = _resolve(request)
    if not form.is_valid():
        messages.error(request, "Enter a voucher code.")
        return _after_voucher(request, resolved)
    try:
        terms = apply_voucher(
            cart=resolved.cart, code=form.cleaned_data["code"], customer=_user(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The voucher {terms.code} is applied.")
    return _after_voucher(request, resolved)


@never_cache
@require_POST
def voucher_remove(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    remove_voucher(cart=resolved.cart)
    messages.info(request, "The voucher is removed.")
    return _after_voucher(request, resolved)


def _after_voucher(request: HttpRequest, resolved: ResolvedCart) -> HttpResponse:
    """htmx: the new options and summary (the destination comes along);
    else back to the checkout page."""
    if not request.headers.get("HX-Request"):
        return redirect("checkout:page")
    form = _checkout_form(request)
    context = _summary_context(request, resolved, form, request.POST)
    return render(request, "checkout/_options.html", context)


# --- After placing -------------------------------------------------------------


def _visible_order(request: HttpRequest, number: str) -> Order:
    """An order this visitor may see: their own, one placed in this
    session, or one a signed link opens; else 404."""
    try:
        return selectors.get_order_for_visitor(
            number=number,
            user=_user(request),
            token=request.GET.get("token", ""),
            placed_here=session.placed_here(request, number),
        )
    except OrderNotFound as exc:
        raise Http404(exc.message) from exc


@never_cache
@require_http_methods(["GET", "POST"])
def pay_page(request: HttpRequest, number: str) -> HttpResponse:
    """Pay a placed order again (after a decline, or a method switched)."""
    order = _visible_order(request, number)
    if not selectors.awaits_payment(order):
        return redirect("checkout:complete", number=order.number)
    choices = selectors.list_payment_choices()
    form = PaymentForm(request.POST or None, payment_choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.pay_order(
                order=order,
                payment_method=form.cleaned_data["payment_method"],
                card=form.card_details(),
                return_url=_return_url(request),
                actor=_user(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            session.remember_order(request, order.number)
            return _next_step(request, order, payment)
    context = {
        "order": order,
        "form": form,
        "payment": services.latest_payment(order),
        "STRIPE_PUBLISHABLE_KEY": settings.STRIPE_PUBLISHABLE_KEY,
    }
    response = render(request, "checkout/pay.html", context)
    # A signed link may be the key: never sent on to another site. (Not
    # "no-referrer": browsers then send `Origin: null` and CSRF refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_GET
def payment_return(request: HttpRequest, number: str) -> HttpResponse:
    """Back from 3-D Secure: settle the attempt, then the next step."""
    order = _visible_order(request, number)
    try:
        payment = services.confirm_order_payment(order=order, actor=_user(request))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("checkout:pay", number=order.number)
    return _next_step(request, order, payment)


@never_cache
@require_GET
def complete_page(request: HttpRequest, number: str) -> HttpResponse:
    order = _visible_order(request, number)
    payment = services.latest_payment(order)
    instructions = payment.next_action.get("instructions", {}) if payment else {}
    context = {
        "order": order,
        "shipments": list_shipments(order),
        "payment": payment,
        "instructions": [
            (key.replace("_", " ").capitalize(), value)
            for key, value in instructions.items()
        ],
        "awaits_payment": selectors.awaits_payment(order),
        "order_link": order_access_url(order) if order.customer_id is None else "",
    }
    response = render(request, "checkout/complete.html", context)
    response["Referrer-Policy"] = "same-origin"
    return response


# --- My Account: order again ------------------------------------------------------


@login_required
@require_POST
def reorder_order(request: HttpRequest, number: str) -> HttpResponse:
    """Put an earlier order's items back in the cart, then show the cart."""
    try:
        order = selectors.get_order_for_visitor(number=number, user=request.user)
    except OrderNotFound as exc:
        raise Http404(exc.message) from exc
    resolved = _resolve(request)
    result = services.reorder(order=order, cart=resolved.cart, user=request.user)
    if result.added:
        messages.success(request, f"Items of order {order.number} are in your cart.")
    for problem in result.problems:
        messages.warning(request, problem)
    return redirect("cart:detail")
