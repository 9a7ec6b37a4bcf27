"""Dashboard pages of the shop's sales: the overview, its orders (its
fulfilments, with its own lines only) and its money, scoped to
`request.vendor_shop`.

Another shop's fulfilment is a 404 like a missing one. Shipping and
delivering call the orders services (the buyer gets the shipped email);
a refusal (an unpaid order, a bad tracking link) is shown on the form
with the error's status.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from emporium.core.errors import DomainError
from emporium.dashboard.access import vendor_required
from emporium.dashboard.pages import render_dashboard
from emporium.dashboard.sales.charts import bar_chart
from emporium.dashboard.sales.forms import (
    DateRangeForm,
    FulfilmentFilterForm,
    LedgerFilterForm,
    ShipForm,
)
from emporium.orders import selectors as orders
from emporium.orders.errors import FulfilmentNotFound
from emporium.orders.sales import InvalidDateRange, sales_range, summarize_shop_sales
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts import selectors as payouts

ORDERS_PER_PAGE = 25
ENTRIES_PER_PAGE = 25
RECENT_PAYOUTS = 10


# --- Overview -------------------------------------------------------------------


@vendor_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Sales of a date range (default: the last 30 days) and a daily chart."""
    form = DateRangeForm(request.GET)
    period, status = None, 400
    if form.is_valid():
        try:
            period = sales_range(form.cleaned_data["from"], form.cleaned_data["to"])
        except InvalidDateRange as exc:
            form.add_domain_error(exc)
        else:
            status = 200
    summaries = (
        summarize_shop_sales(shop=request.vendor_shop, period=period) if period else []
    )
    context = {
        "form": form,
        "period": period,
        "summaries": [(summary, bar_chart(summary.days)) for summary in summaries],
    }
    return render_dashboard(
        request, "dashboard/sales/overview.html", context, status=status
    )


# --- Orders ---------------------------------------------------------------------


@vendor_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    """The shop's fulfilments, newest first, filtered and paginated."""
    form = FulfilmentFilterForm(request.GET)
    filters = form.filters() if form.is_valid() else {}
    fulfilments = orders.list_fulfilments_for_shop(shop=request.vendor_shop, **filters)
    page = Paginator(fulfilments, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render_dashboard(
        request,
        "dashboard/sales/orders.html",
        {"form": form, "page_obj": page},
        status=200 if form.is_valid() else 400,
    )


def _shop_fulfilment(request: HttpRequest, fulfilment_id: int) -> orders.ShopFulfilment:
    try:
        return orders.get_fulfilment_for_shop(
            shop=request.vendor_shop, fulfilment_id=fulfilment_id
        )
    except FulfilmentNotFound as exc:
        raise Http404(exc.message) from exc


def _render_order(
    request: HttpRequest,
    part: orders.ShopFulfilment,
    form: ShipForm | None = None,
    *,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"part": part, "form": form or ShipForm(), "error": error}
    return render_dashboard(
        request, "dashboard/sales/order_detail.html", context, status=status
    )


@vendor_required
@require_GET
def order_detail(request: HttpRequest, fulfilment_id: int) -> HttpResponse:
    """One of the shop's orders: its lines, where to ship, and the actions."""
    return _render_order(request, _shop_fulfilment(request, fulfilment_id))


@vendor_required
@require_POST
def order_ship(request: HttpRequest, fulfilment_id: int) -> HttpResponse:
    """Mark the shop's part shipped with its tracking (only a paid order)."""
    part = _shop_fulfilment(request, fulfilment_id)
    form = ShipForm(request.POST)
    if not form.is_valid():
        return _render_order(request, part, form, status=400)
    try:
        mark_fulfilment_shipped(
            fulfilment_id=part.fulfilment.pk, actor=request.user, **form.cleaned_data
        )
    except DomainError as exc:
        form.add_domain_error(exc)
        return _render_order(request, part, form, status=exc.status_code)
    messages.success(request, f"Order {part.order.number} is marked shipped.")
    return redirect("dashboard:order-detail", fulfilment_id)


@vendor_required
@require_POST
def order_deliver(request: HttpRequest, fulfilment_id: int) -> HttpResponse:
    """Mark the shop's shipped part delivered."""
    part = _shop_fulfilment(request, fulfilment_id)
    try:
        mark_fulfilment_delivered(fulfilment_id=part.fulfilment.pk, actor=request.user)
    except DomainError as exc:
        return _render_order(request, part, error=exc, status=exc.status_code)
    messages.success(request, f"Order {part.order.number} is marked delivered.")
    return redirect("dashboard:order-detail", fulfilment_id)


# --- Money ----------------------------------------------------------------------


@vendor_required
@require_GET
def money(request: HttpRequest) -> HttpResponse:
    """Balances, the ledger (paginated) and the latest payouts."""
    shop = request.vendor_shop
    form = LedgerFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    entries = payouts.list_ledger_entries(shop=shop, kind=kind)
    context = {
        "form": form,
        "balances": payouts.get_balances(shop=shop),
        "page_obj": Paginator(entries, ENTRIES_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "payouts": payouts.list_payouts_for_shop(shop=shop)[:RECENT_PAYOUTS],
        "hold_days": payouts.hold_days(),
    }
    return render_dashboard(request, "dashboard/sales/money.html", context)
