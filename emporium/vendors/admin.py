"""Staff admin for shops: profile edits, status history, approval actions."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from emporium.core.errors import DomainError
from emporium.core.html import sanitize_html
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop, ShopMember, ShopStatusEvent
from emporium.vendors.states import transition_shop


class ShopStatusEventInline(admin.TabularInline):
    model = ShopStatusEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ShopMemberInline(admin.TabularInline):
    model = ShopMember
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]


class ShopAdminForm(forms.ModelForm):
    class Meta:
        model = Shop
        fields = [
            "name",
            "slug",
            "owner",
            "logo",
            "description",
            "commission_rate",
            "prices_include_tax",
            "default_currency",
        ]

    def clean_description(self) -> str:
        return sanitize_html(self.cleaned_data["description"])


def _transition_action(to: ShopStatus, label: str):
    def action(modeladmin, request: HttpRequest, queryset: QuerySet[Shop]) -> None:
        moved = 0
        for shop_id in queryset.values_list("pk", flat=True):
            try:
                transition_shop(shop_id=shop_id, to=to, actor=request.user)
            except DomainError as exc:
                modeladmin.message_user(request, exc.message, messages.WARNING)
            else:
                moved += 1
        if moved:
            modeladmin.message_user(request, f"{moved} shop(s) {to.label.lower()}.")

    action.__name__ = f"mark_{to.value}"
    return admin.action(description=label)(action)


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    form = ShopAdminForm
    list_display = ["name", "slug", "status", "owner", "commission_rate", "created_at"]
    list_filter = ["status", "prices_include_tax"]
    search_fields = ["name", "slug", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [ShopMemberInline, ShopStatusEventInline]
    actions = [
        _transition_action(ShopStatus.APPROVED, "Approve selected shops"),
        _transition_action(ShopStatus.REJECTED, "Reject selected shops"),
        _transition_action(ShopStatus.SUSPENDED, "Suspend selected shops"),
    ]
