"""Staff admin for orders: read-only figures and timeline, and the moves
staff make, each through its service: cancel, ship a fulfilment with its
tracking, mark delivered.

Nothing on an order is edited as a field: money is frozen, statuses move
only through `orders.states`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from emporium.core.admin_actions import apply_to_each
from emporium.core.errors import DomainError, InvalidInput
from emporium.orders import services
from emporium.orders.constants import FulfilmentStatus
from emporium.orders.models import Fulfilment, Order, OrderEvent, OrderLine

STAFF_CANCEL_REASON = "Cancelled by staff."


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = [
        "product_title",
        "variant_name",
        "sku",
        "shop",
        "quantity",
        "unit_price_amount",
        "tax_rate",
        "discount_amount",
        "net_amount",
        "tax_amount",
        "gross_amount",
        "commission_rate",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("shop")


class FulfilmentInline(ReadOnlyInline):
    model = Fulfilment
    fields = [
        "shop",
        "status",
        "carrier",
        "tracking_number",
        "tracking_url",
        "shipping_amount",
        "refunded_amount",
        "shipped_at",
        "delivered_at",
        "ship_link",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("shop")

    @admin.display(description="action")
    def ship_link(self, obj: Fulfilment) -> str:
        if obj.status != FulfilmentStatus.PENDING:
            return "-"
        url = reverse("admin:orders_order_ship", args=[obj.order_id, obj.pk])
        return format_html('<a class="button" href="{}">Mark shipped</a>', url)


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["created_at", "type", "from_status", "to_status", "actor", "message"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ShipFulfilmentForm(forms.Form):
    carrier = forms.CharField(max_length=60, required=False)
    tracking_number = forms.CharField(max_length=100, required=False)
    tracking_url = forms.URLField(max_length=500, required=False, assume_scheme="https")


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "email",
        "status",
        "total_amount",
        "currency",
        "placed_at",
    ]
    list_filter = ["status", "currency"]
    search_fields = ["number", "email", "customer__email"]
    date_hierarchy = "placed_at"
    list_select_related = ["customer"]
    inlines = [OrderLineInline, FulfilmentInline, OrderEventInline]
    actions = ["cancel_orders", "mark_shipments_delivered"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Order._meta.fields] + ["payments_link"]

    @admin.display(description="payments and refunds")
    def payments_link(self, obj: Order) -> str:
        # Payments sit above orders: linked by URL name, never imported.
        url = reverse("admin:payments_payment_changelist")
        return format_html(
            '<a class="button" href="{}?order__id__exact={}">'
            "Payments of this order (refund from there)</a>",
            url,
            obj.pk,
        )

    def has_add_permission(self, request) -> bool:
        return False  # orders are placed through checkout

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an order is cancelled, never deleted

    @admin.action(description="Cancel selected orders (stock goes back)")
    def cancel_orders(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda order_id: services.cancel_order(
                order_id=order_id,
                actor=request.user,
                reason=STAFF_CANCEL_REASON,
                by_staff=True,
            ),
            done="order(s) cancelled",
        )

    @admin.action(description="Mark shipped parcels of selected orders delivered")
    def mark_shipments_delivered(
        self, request: HttpRequest, queryset: QuerySet[Order]
    ) -> None:
        shipped = Fulfilment.objects.filter(
            order__in=queryset, status=FulfilmentStatus.SHIPPED
        ).values_list("pk", flat=True)
        apply_to_each(
            self,
            request,
            shipped,
            lambda fulfilment_id: services.mark_fulfilment_delivered(
                fulfilment_id=fulfilment_id, actor=request.user
            ),
            done="shipment(s) marked delivered",
        )

    def get_urls(self):
        ship = path(
            "<int:order_id>/fulfilments/<int:fulfilment_id>/ship/",
            self.admin_site.admin_view(self.ship_view),
            name="orders_order_ship",
        )
        return [ship, *super().get_urls()]

    def ship_view(
        self, request: HttpRequest, order_id: int, fulfilment_id: int
    ) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        fulfilment = get_object_or_404(
            Fulfilment.objects.select_related("order", "shop"),
            pk=fulfilment_id,
            order_id=order_id,
        )
        form = ShipFulfilmentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.mark_fulfilment_shipped(
                    fulfilment_id=fulfilment.pk, actor=request.user, **form.cleaned_data
                )
            except InvalidInput as exc:
                for field, errors in exc.fields.items():
                    form.add_error(field if field in form.fields else None, errors)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"Shipment of {fulfilment.shop} marked shipped."
                )
                return redirect("admin:orders_order_change", order_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ship order {fulfilment.order.number} from {fulfilment.shop}",
            "opts": self.model._meta,
            "original": fulfilment.order,
            "form": form,
        }
        return TemplateResponse(request, "admin/orders/order/ship_form.html", context)
