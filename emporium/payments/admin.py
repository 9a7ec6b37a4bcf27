"""Staff admin for payments: read-only attempts with their transactions,
received webhooks, and the moves staff make, each through its service:
mark a bank transfer or cash on delivery received, refund in full, refund
an amount (an intermediate form).

Nothing on a payment is edited as a field: statuses move only through
`payments.states`.
"""

from decimal import Decimal

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
from emporium.core.errors import DomainError
from emporium.core.money import Money
from emporium.payments import services
from emporium.payments.constants import REFUNDABLE
from emporium.payments.models import Payment, PaymentTransaction, WebhookEvent

STAFF_REFUND_REASON = "Refunded by staff."


class TransactionInline(admin.TabularInline):
    model = PaymentTransaction
    extra = 0
    can_delete = False
    fields = [
        "created_at",
        "kind",
        "status",
        "amount",
        "currency",
        "provider_reference",
        "error_code",
        "error_message",
        "raw_response",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RefundForm(forms.Form):
    amount = forms.DecimalField(min_value=Decimal("0.001"), decimal_places=3)
    reason = forms.CharField(max_length=200, required=False)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "order",
        "method",
        "provider",
        "status",
        "amount",
        "refunded_amount",
        "currency",
        "created_at",
        "refund_link",
    ]
    list_filter = ["status", "method", "provider"]
    search_fields = ["order__number", "order__email", "provider_reference"]
    list_select_related = ["order"]
    date_hierarchy = "created_at"
    inlines = [TransactionInline]
    actions = ["mark_received", "refund_in_full"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Payment._meta.fields] + ["refund_link"]

    def has_add_permission(self, request) -> bool:
        return False  # payments are started by the buyer

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the record of money stays

    @admin.display(description="refund")
    def refund_link(self, obj: Payment) -> str:
        if obj.status not in REFUNDABLE:
            return "-"
        url = reverse("admin:payments_payment_refund", args=[obj.pk])
        return format_html('<a class="button" href="{}">Refund an amount</a>', url)

    @admin.action(
        description="Mark payment received (bank transfer / cash on delivery)"
    )
    def mark_received(self, request: HttpRequest, queryset: QuerySet[Payment]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda payment_id: services.mark_payment_received(
                payment_id=payment_id, actor=request.user
            ),
            done="payment(s) marked received; their orders are paid",
        )

    @admin.action(description="Refund selected payments in full")
    def refund_in_full(self, request: HttpRequest, queryset: QuerySet[Payment]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda payment_id: services.refund_payment(
                payment_id=payment_id,
                amount=None,
                actor=request.user,
                reason=STAFF_REFUND_REASON,
            ),
            done="payment(s) refunded",
        )

    def get_urls(self):
        refund = path(
            "<int:payment_id>/refund/",
            self.admin_site.admin_view(self.refund_view),
            name="payments_payment_refund",
        )
        return [refund, *super().get_urls()]

    def refund_view(self, request: HttpRequest, payment_id: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        payment = get_object_or_404(
            Payment.objects.select_related("order"), pk=payment_id
        )
        initial = {"amount": payment.refundable.quantize().amount}
        form = RefundForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.refund_payment(
                    payment_id=payment.pk,
                    amount=Money(form.cleaned_data["amount"], payment.currency),
                    actor=request.user,
                    reason=form.cleaned_data["reason"] or STAFF_REFUND_REASON,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Payment {payment.pk} refunded.")
                return redirect("admin:payments_payment_change", payment.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Refund payment {payment.pk} of order {payment.order.number}",
            "opts": self.model._meta,
            "original": payment,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/payments/payment/refund_form.html", context
        )


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "provider", "type", "outcome", "received_at"]
    list_filter = ["provider", "outcome", "type"]
    search_fields = ["event_id"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in WebhookEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
