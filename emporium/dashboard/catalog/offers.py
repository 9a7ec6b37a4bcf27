"""Dashboard pages of the shop's offers: the list, offering a variant (of
its own products, or of another shop's product open to other sellers) with
its opening stock, editing an offer and stocking it in a warehouse.

Reads go through `inventory.shop_selectors` and `catalog.shop_selectors`;
writes through `inventory.shop_stock` and `catalog.services.shop_catalog`,
all scoped to `request.vendor_shop`.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.catalog import shop_selectors as catalog_selectors
from emporium.catalog.services.shop_catalog import update_shop_offer
from emporium.dashboard.access import vendor_required
from emporium.dashboard.catalog.common import attempt, or_404, page_of
from emporium.dashboard.catalog.forms import (
    OfferCreateForm,
    OfferFilterForm,
    OfferForm,
    StockCreateForm,
    TextFilterForm,
)
from emporium.dashboard.pages import render_dashboard
from emporium.inventory import shop_selectors as stock_selectors
from emporium.inventory.shop_stock import create_shop_stock, create_stocked_offer


def _text(form) -> str:
    return form.cleaned_data.get("q", "").strip() if form.is_valid() else ""


@vendor_required
@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferFilterForm(request.GET)
    is_active = form.is_active() if form.is_valid() else None
    offers = stock_selectors.list_shop_offers(
        shop=request.vendor_shop, text=_text(form), is_active=is_active
    )
    page = page_of(request, offers)
    return render_dashboard(
        request,
        "dashboard/catalog/offers.html",
        {"filter_form": form, "page_obj": page, "offers": page.object_list},
    )


@vendor_required
@require_GET
def open_products(request: HttpRequest) -> HttpResponse:
    form = TextFilterForm(request.GET)
    products = catalog_selectors.list_open_products(
        shop=request.vendor_shop, text=_text(form)
    )
    page = page_of(request, products)
    return render_dashboard(
        request,
        "dashboard/catalog/open_products.html",
        {"filter_form": form, "page_obj": page, "products": page.object_list},
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    """With `?variant=`: the offer form. Without: the shop's variants not
    offered yet, to choose from (other shops' products: `open_products`)."""
    shop = request.vendor_shop
    variant_id = request.GET.get("variant", "")
    if not variant_id.isdigit():
        return _choose_variant(request)
    variant = or_404(
        lambda: catalog_selectors.get_offerable_variant(
            shop=shop, variant_id=int(variant_id)
        )
    )
    warehouses = stock_selectors.list_shop_warehouses(shop=shop, is_active=True)
    form = OfferCreateForm(
        request.POST if request.method == "POST" else None,
        warehouses=warehouses,
        initial={"currency": shop.default_currency},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offer = attempt(
            form,
            lambda: create_stocked_offer(
                shop=shop,
                variant_id=variant.pk,
                sku=data["sku"],
                price=data["price"],
                compare_at_price=data["compare_at_price"],
                warehouse_id=data["warehouse"].pk if data["warehouse"] else None,
                quantity=data["quantity"] or 0,
                actor=request.user,
            ),
        )
        if offer is not None:
            messages.success(request, f"{offer.sku} is listed.")
            return redirect("dashboard:offer-edit", offer.pk)
    return render_dashboard(
        request,
        "dashboard/catalog/offer_new.html",
        {"variant": variant, "product": variant.product, "form": form},
    )


def _choose_variant(request: HttpRequest) -> HttpResponse:
    form = TextFilterForm(request.GET)
    variants = catalog_selectors.list_unoffered_variants(
        shop=request.vendor_shop, text=_text(form)
    )
    page = page_of(request, variants)
    return render_dashboard(
        request,
        "dashboard/catalog/offer_choose.html",
        {"filter_form": form, "page_obj": page, "variants": page.object_list},
    )


def _offer_form(request: HttpRequest, offer, *, bound: bool) -> OfferForm:
    compare_at = offer.compare_at_price
    return OfferForm(
        request.POST if bound else None,
        currency=offer.currency,
        initial={
            "sku": offer.sku,
            "price": offer.price.quantize().amount,
            "compare_at_price": compare_at.quantize().amount if compare_at else None,
            "is_active": offer.is_active,
        },
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    shop = request.vendor_shop
    offer = or_404(lambda: stock_selectors.get_shop_offer(shop=shop, offer_id=offer_id))
    form = _offer_form(request, offer, bound=request.method == "POST")
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: update_shop_offer(
                shop=shop, offer_id=offer_id, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "The offer was saved.")
            return redirect("dashboard:offer-edit", offer_id)
    return _render_offer(request, offer, form=form)


def _render_offer(request: HttpRequest, offer, *, form=None, stock_form=None):
    shop = request.vendor_shop
    stocked = {stock.warehouse_id for stock in offer.stock_list}
    warehouses = stock_selectors.list_shop_warehouses(shop=shop).exclude(pk__in=stocked)
    return render_dashboard(
        request,
        "dashboard/catalog/offer_edit.html",
        {
            "offer": offer,
            "form": form or _offer_form(request, offer, bound=False),
            "stock_form": stock_form or StockCreateForm(warehouses=warehouses),
            "has_warehouses": warehouses.exists(),
        },
    )


@vendor_required
@require_POST
def offer_toggle(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Put an offer on sale or take it off (`active=1|0`), from the list."""
    active = request.POST.get("active") == "1"
    offer = or_404(
        lambda: update_shop_offer(
            shop=request.vendor_shop, offer_id=offer_id, is_active=active
        )
    )
    state = "on sale" if active else "off sale"
    messages.success(request, f"{offer.sku} is {state}.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "dashboard:offers")


@vendor_required
@require_POST
def offer_stock_create(request: HttpRequest, offer_id: int) -> HttpResponse:
    shop = request.vendor_shop
    offer = or_404(lambda: stock_selectors.get_shop_offer(shop=shop, offer_id=offer_id))
    form = StockCreateForm(
        request.POST, warehouses=stock_selectors.list_shop_warehouses(shop=shop)
    )
    if form.is_valid():
        data = form.cleaned_data
        stock = attempt(
            form,
            lambda: create_shop_stock(
                shop=shop,
                offer_id=offer_id,
                warehouse_id=data["warehouse"].pk,
                quantity=data["quantity"] or 0,
                low_stock_threshold=data["low_stock_threshold"],
                backorder_allowed=data["backorder_allowed"],
                actor=request.user,
            ),
        )
        if stock is not None:
            messages.success(
                request, f"{offer.sku} is stocked in {stock.warehouse.name}."
            )
            return redirect("dashboard:offer-edit", offer_id)
    return _render_offer(request, offer, stock_form=form)
