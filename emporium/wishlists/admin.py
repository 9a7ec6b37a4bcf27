"""Staff admin for wishlists: read only (buyers keep their own)."""

from django.contrib import admin

from emporium.wishlists.models import WishlistItem


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "product", "shop", "created_at"]
    list_select_related = ["user", "product", "shop"]
    search_fields = ["user__email", "product__title", "shop__name"]
    readonly_fields = ["user", "product", "shop", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
