"""Staff admin for the payout ledger (read-only) and payouts: staff mark a
payout paid once the transfer went out, or failed (its amount goes back on
the shop's balance), each through `payouts.services`."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from emporium.core.admin_actions import apply_to_each
from emporium.payouts import services
from emporium.payouts.models import LedgerEntry, Payout, PayoutEvent

STAFF_FAILED_REASON = "Marked failed by staff."


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "shop",
        "kind",
        "amount",
        "currency",
        "order",
        "payout",
        "description",
    ]
    list_filter = ["kind", "currency"]
    search_fields = ["order__number", "shop__name", "shop__slug", "key"]
    list_select_related = ["shop", "order", "payout"]
    date_hierarchy = "created_at"


class PayoutEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PayoutEvent
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields


class SettledEntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LedgerEntry
    extra = 0
    verbose_name_plural = "settled ledger entries"
    fields = ["created_at", "kind", "amount", "order", "description"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order")


@admin.register(Payout)
class PayoutAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "shop",
        "amount",
        "currency",
        "status",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "currency"]
    search_fields = ["shop__name", "shop__slug", "reference"]
    list_select_related = ["shop"]
    inlines = [PayoutEventInline, SettledEntryInline]
    actions = ["mark_paid", "mark_failed"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Payout._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # payouts come from run_payouts

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Mark selected payouts paid (the transfer went out)")
    def mark_paid(self, request: HttpRequest, queryset: QuerySet[Payout]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda payout_id: services.mark_payout_paid(
                payout_id=payout_id, actor=request.user
            ),
            done="payout(s) marked paid",
        )

    @admin.action(description="Mark selected payouts failed (amount back on balance)")
    def mark_failed(self, request: HttpRequest, queryset: QuerySet[Payout]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda payout_id: services.mark_payout_failed(
                payout_id=payout_id, actor=request.user, reason=STAFF_FAILED_REASON
            ),
            done="payout(s) marked failed",
        )
