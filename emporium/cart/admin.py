"""Carts in the staff admin, read-only: support looks, never edits.

Lines change only through `cart.services` (stock and price checks), so
neither carts nor lines can be added or changed here.
"""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from emporium.cart.models import Cart, CartLine


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class CartLineInline(ReadOnlyMixin, admin.TabularInline):
    model = CartLine
    extra = 0
    fields = [
        "offer",
        "quantity",
        "price_seen_amount",
        "currency",
        "is_available",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[CartLine]:
        return super().get_queryset(request).select_related("offer")


@admin.register(Cart)
class CartAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "pk",
        "user",
        "line_count",
        "currency",
        "voucher_code",
        "created_at",
        "updated_at",
    ]
    list_filter = [("user", admin.EmptyFieldListFilter), "currency"]
    search_fields = ["=token", "user__email", "voucher_code"]
    list_select_related = ["user"]
    fields = [
        "token",
        "user",
        "currency",
        "voucher_code",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [CartLineInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Cart]:
        return super().get_queryset(request).annotate(line_count=Count("lines"))

    @admin.display(description="lines", ordering="line_count")
    def line_count(self, cart: Cart) -> int:
        return cart.line_count
