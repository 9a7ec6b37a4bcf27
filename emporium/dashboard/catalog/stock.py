"""Dashboard pages of the shop's stock and warehouses: stock rows (on hand,
reserved, available, low), one row's settings, adjustments and ledger, and
the warehouses the shop keeps stock in.

Quantities move only through `inventory.shop_stock.adjust_shop_stock` (a
ledger row each). Reads go through `inventory.shop_selectors`; everything
is scoped to `request.vendor_shop` (another shop's row is a 404 page).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.dashboard.access import vendor_required
from emporium.dashboard.catalog.common import attempt, or_404, page_of
from emporium.dashboard.catalog.forms import (
    AdjustmentForm,
    StockFilterForm,
    StockSettingsForm,
    WarehouseForm,
)
from emporium.dashboard.pages import render_dashboard
from emporium.inventory import shop_selectors as selectors
from emporium.inventory import shop_stock, warehouses


@vendor_required
@require_GET
def stock_list(request: HttpRequest) -> HttpResponse:
    shop = request.vendor_shop
    form = StockFilterForm(
        request.GET, warehouses=selectors.list_shop_warehouses(shop=shop)
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.list_shop_stock(
        shop=shop,
        warehouse_id=data["warehouse"].pk if data.get("warehouse") else None,
        is_low=True if data.get("low") else None,
        text=data.get("q", "").strip(),
    )
    page = page_of(request, rows)
    return render_dashboard(
        request,
        "dashboard/catalog/stock.html",
        {"filter_form": form, "page_obj": page, "rows": page.object_list},
    )


def _render_stock(request: HttpRequest, stock, **forms) -> HttpResponse:
    ledger = page_of(
        request,
        selectors.list_shop_stock_movements(
            shop=request.vendor_shop, stock_id=stock.pk
        ),
    )
    settings_form = forms.get("settings_form") or StockSettingsForm(
        initial={
            "low_stock_threshold": stock.low_stock_threshold,
            "backorder_allowed": stock.backorder_allowed,
        }
    )
    return render_dashboard(
        request,
        "dashboard/catalog/stock_detail.html",
        {
            "stock": stock,
            "settings_form": settings_form,
            "adjust_form": forms.get("adjust_form") or AdjustmentForm(),
            "page_obj": ledger,
            "movements": ledger.object_list,
        },
    )


@vendor_required
@require_GET
def stock_detail(request: HttpRequest, stock_id: int) -> HttpResponse:
    shop = request.vendor_shop
    stock = or_404(lambda: selectors.get_shop_stock(shop=shop, stock_id=stock_id))
    return _render_stock(request, stock)


@vendor_required
@require_POST
def stock_adjust(request: HttpRequest, stock_id: int) -> HttpResponse:
    shop = request.vendor_shop
    stock = or_404(lambda: selectors.get_shop_stock(shop=shop, stock_id=stock_id))
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        done = attempt(
            form,
            lambda: shop_stock.adjust_shop_stock(
                shop=shop, stock_id=stock_id, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            delta = form.cleaned_data["delta"]
            messages.success(
                request, f"Booked {delta:+d}: {done.quantity_on_hand} on hand."
            )
            return redirect("dashboard:stock-detail", stock_id)
    return _render_stock(request, stock, adjust_form=form)


@vendor_required
@require_POST
def stock_settings(request: HttpRequest, stock_id: int) -> HttpResponse:
    shop = request.vendor_shop
    stock = or_404(lambda: selectors.get_shop_stock(shop=shop, stock_id=stock_id))
    form = StockSettingsForm(request.POST)
    if form.is_valid():
        done = attempt(
            form,
            lambda: shop_stock.update_shop_stock_settings(
                shop=shop, stock_id=stock_id, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "The stock settings were saved.")
            return redirect("dashboard:stock-detail", stock_id)
    return _render_stock(request, stock, settings_form=form)


# --- Warehouses -----------------------------------------------------------------


@vendor_required
@require_GET
def warehouse_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.list_shop_warehouses(shop=request.vendor_shop))
    return render_dashboard(
        request,
        "dashboard/catalog/warehouses.html",
        {"page_obj": page, "warehouses": page.object_list},
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def warehouse_create(request: HttpRequest) -> HttpResponse:
    shop = request.vendor_shop
    form = WarehouseForm(
        request.POST if request.method == "POST" else None,
        initial={"country": shop_country(request), "is_active": True},
    )
    if request.method == "POST" and form.is_valid():
        warehouse = attempt(
            form, lambda: warehouses.create_warehouse(shop=shop, **form.cleaned_data)
        )
        if warehouse is not None:
            messages.success(request, f"{warehouse.name} was opened.")
            return redirect("dashboard:warehouses")
    return render_dashboard(
        request, "dashboard/catalog/warehouse_form.html", {"form": form}
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def warehouse_edit(request: HttpRequest, warehouse_id: int) -> HttpResponse:
    shop = request.vendor_shop
    warehouse = or_404(
        lambda: selectors.get_shop_warehouse(shop=shop, warehouse_id=warehouse_id)
    )
    form = WarehouseForm(
        request.POST if request.method == "POST" else None,
        initial=WarehouseForm.initial_for(warehouse),
    )
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: warehouses.update_warehouse(
                shop=shop, warehouse_id=warehouse_id, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, f"{done.name} was saved.")
            return redirect("dashboard:warehouses")
    return render_dashboard(
        request,
        "dashboard/catalog/warehouse_form.html",
        {"form": form, "warehouse": warehouse},
    )


def shop_country(request: HttpRequest) -> str:
    """A new warehouse's country: the shop's first warehouse's, else none."""
    first = selectors.list_shop_warehouses(shop=request.vendor_shop).first()
    return first.country.code if first else ""
