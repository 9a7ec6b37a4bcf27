"""Storefront order pages: "My Account" orders, and the guest's signed link.

Thin edges: each view calls one selector or service and renders. An order
the visitor may not see (another buyer's, a bad or expired link) is a 404,
like a number that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from emporium.core.errors import DomainError
from emporium.orders import selectors, services
from emporium.orders.errors import OrderNotFound
from emporium.orders.models import Order

ORDERS_PER_PAGE = 20
BUYER_CANCEL_REASON = "Cancelled by the buyer."


def _detail_context(order: Order) -> dict:
    return {"order": order, "shipments": selectors.list_shipments(order)}


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    orders = selectors.list_orders_for_customer(user=request.user)
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/order_list.html", {"page_obj": page})


@login_required
@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    try:
        order = selectors.get_order_for_customer(number=number, user=request.user)
    except OrderNotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "orders/order_detail.html", _detail_context(order))


@login_required
@require_POST
def order_cancel(request: HttpRequest, number: str) -> HttpResponse:
    try:
        order = selectors.get_order_for_customer(number=number, user=request.user)
    except OrderNotFound as exc:
        raise Http404(exc.message) from exc
    try:
        services.cancel_order(
            order_id=order.pk, actor=request.user, reason=BUYER_CANCEL_REASON
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Order {order.number} has been cancelled.")
    return redirect("orders:detail", number=order.number)


@never_cache
@require_GET
def guest_order_detail(request: HttpRequest, number: str) -> HttpResponse:
    try:
        order = selectors.get_order_by_signed_token(
            number=number, token=request.GET.get("token", "")
        )
    except OrderNotFound as exc:
        raise Http404(exc.message) from exc
    response = render(request, "orders/guest_order.html", _detail_context(order))
    # The link is the key: never send it on to another site ("same-origin",
    # not "no-referrer", so the page's own forms keep a real Origin for CSRF).
    response["Referrer-Policy"] = "same-origin"
    return response
