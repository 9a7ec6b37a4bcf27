"""Staff admin for warehouses and stock; the ledger is read-only.

Quantities are not editable here: they change through `adjust_stock`, so
every change has a ledger row.
"""

from django import forms
from django.contrib import admin

from emporium.core.errors import DomainError
from emporium.inventory.models import (
    Stock,
    StockMovement,
    StockReservation,
    Warehouse,
)
from emporium.inventory.services import (
    check_stock_placement,
    create_stock,
    update_stock_settings,
)


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "shop", "country", "is_active"]
    list_filter = ["is_active", "country"]
    search_fields = ["name", "code", "shop__name"]
    list_select_related = ["shop"]
    raw_id_fields = ["shop"]


class StockMovementInline(admin.TabularInline):
    model = StockMovement
    extra = 0
    can_delete = False
    fields = ["created_at", "delta", "quantity_after", "reason", "actor", "note"]
    readonly_fields = fields
    ordering = ["-created_at", "-pk"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class StockForm(forms.ModelForm):
    class Meta:
        model = Stock
        fields = [
            "offer",
            "warehouse",
            "quantity_on_hand",
            "backorder_allowed",
            "low_stock_threshold",
        ]

    def clean(self):
        cleaned = super().clean()
        offer, warehouse = cleaned.get("offer"), cleaned.get("warehouse")
        if self.instance.pk is None and offer and warehouse:
            try:
                check_stock_placement(offer=offer, warehouse=warehouse)
            except DomainError as exc:
                self.add_error("warehouse", exc.message)
        return cleaned


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    form = StockForm
    list_display = [
        "offer",
        "warehouse",
        "quantity_on_hand",
        "quantity_reserved",
        "backorder_allowed",
        "low_stock_threshold",
    ]
    list_filter = ["backorder_allowed", "warehouse__shop"]
    search_fields = ["offer__sku", "warehouse__code"]
    list_select_related = ["offer", "offer__shop", "warehouse"]
    raw_id_fields = ["offer", "warehouse"]
    inlines = [StockMovementInline]

    def get_readonly_fields(self, request, obj=None):
        # A new row may start with stock; afterwards only adjust_stock moves it.
        if obj is None:
            return ["quantity_reserved"]
        return ["offer", "warehouse", "quantity_on_hand", "quantity_reserved"]

    def save_model(self, request, obj: Stock, form, change: bool) -> None:
        if change:
            # Through the service: the row lock and `stock.updated` (the
            # in-stock status of backorders changes what buyers see).
            update_stock_settings(
                stock_id=obj.pk,
                backorder_allowed=obj.backorder_allowed,
                low_stock_threshold=obj.low_stock_threshold,
            )
            return
        created = create_stock(
            offer=obj.offer,
            warehouse=obj.warehouse,
            quantity=obj.quantity_on_hand,
            actor=request.user,
            backorder_allowed=obj.backorder_allowed,
            low_stock_threshold=obj.low_stock_threshold,
        )
        obj.pk = created.pk


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    list_display = ["stock", "delta", "quantity_after", "reason", "actor", "created_at"]
    list_filter = ["reason"]
    list_select_related = ["stock", "actor"]
    raw_id_fields = ["stock", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StockReservation)
class StockReservationAdmin(admin.ModelAdmin):
    """Read-only: reservations are taken and closed by the order flow."""

    list_display = [
        "reference",
        "stock",
        "quantity",
        "quantity_backordered",
        "status",
        "expires_at",
        "closed_at",
    ]
    list_filter = ["status"]
    search_fields = ["reference", "stock__offer__sku"]
    list_select_related = ["stock"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
