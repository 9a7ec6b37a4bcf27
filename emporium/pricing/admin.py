"""Staff admin for tax rates and vouchers; redemptions are read-only.

A voucher's use count is not editable: it moves only in `redeem_voucher`,
with a redemption row for each use.
"""

from django import forms
from django.contrib import admin

from emporium.pricing.models import TaxRate, Voucher, VoucherRedemption
from emporium.pricing.vouchers import normalize_voucher_code


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ["country", "region", "tax_class", "rate", "name"]
    list_filter = ["tax_class", "country"]
    search_fields = ["country", "region", "name"]


class VoucherRedemptionInline(admin.TabularInline):
    model = VoucherRedemption
    extra = 0
    can_delete = False
    fields = ["created_at", "order_ref", "email", "customer"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("customer")


class VoucherAdminForm(forms.ModelForm):
    class Meta:
        model = Voucher
        fields = [
            "code",
            "name",
            "kind",
            "value",
            "currency",
            "min_subtotal_amount",
            "starts_at",
            "ends_at",
            "usage_limit",
            "per_customer_limit",
            "products",
            "categories",
            "shops",
            "is_active",
        ]

    def clean_code(self) -> str:
        # Codes match case-blind because they are stored in one case.
        return normalize_voucher_code(self.cleaned_data["code"])


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    form = VoucherAdminForm
    list_display = [
        "code",
        "kind",
        "value",
        "currency",
        "is_active",
        "times_used",
        "usage_limit",
        "starts_at",
        "ends_at",
    ]
    list_filter = ["kind", "is_active", "currency"]
    search_fields = ["code", "name"]
    raw_id_fields = ["products"]
    filter_horizontal = ["categories", "shops"]
    readonly_fields = ["times_used", "created_at", "updated_at"]
    inlines = [VoucherRedemptionInline]
