"""REST endpoints of payments: a buyer pays their own order; Stripe posts
its webhooks.

`/api/v1/orders/{number}/payments/`: signed-in buyers only (401), another
buyer's order answers 404 like a missing one. `/api/v1/payments/webhooks/
stripe/`: no authentication, no CSRF; the Stripe signature is the proof.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.core.api.serializers import ErrorSerializer
from emporium.orders import selectors as order_selectors
from emporium.payments import selectors, services
from emporium.payments.api import serializers as s
from emporium.payments.constants import PROVIDER_STRIPE

PAYMENT_TAGS = ["payments"]


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


BUYER_ERRORS = {
    401: "`not_authenticated`, `token_not_valid`",
    404: "`order_not_found` (also for another buyer's order)",
}


class OrderPaymentsApi(APIView):
    @extend_schema(
        summary="The payment attempts of one of your orders, newest first",
        tags=PAYMENT_TAGS,
        responses={200: s.PaymentSerializer(many=True), **errors(BUYER_ERRORS)},
    )
    def get(self, request: Request, number: str) -> Response:
        order = order_selectors.get_order_for_customer(number=number, user=request.user)
        payments = selectors.list_payments_for_order(order_id=order.pk)
        return Response(s.PaymentSerializer(payments, many=True).data)

    @extend_schema(
        summary="Pay one of your orders (or retry after a failure)",
        description="Each call is a new attempt. `status` says what next: "
        "`succeeded` (the order is paid), `requires_action` (follow "
        "`next_action`), `pending` (bank transfer or cash on delivery: "
        "`next_action.instructions`), `processing` (wait), `failed` "
        "(`failure_code`, e.g. `card_declined`; the order still awaits "
        "payment, so try again).",
        tags=PAYMENT_TAGS,
        request=s.PaymentStartSerializer,
        responses={
            201: s.PaymentSerializer,
            **errors(
                {
                    400: "`invalid` (the request), `invalid_card` (number, expiry "
                    "or CVC), `card_not_accepted`, `amount_mismatch`",
                    **BUYER_ERRORS,
                    409: "`order_not_payable` (paid, cancelled), `payment_in_progress`",
                    422: "`payment_method_unavailable`",
                    502: "`payment_provider_error`",
                }
            ),
        },
    )
    def post(self, request: Request, number: str) -> Response:
        order = order_selectors.get_order_for_customer(number=number, user=request.user)
        body = s.PaymentStartSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = services.start_payment(
            order=order,
            method=body.validated_data["method"],
            card=body.card_details(),
            payment_method=body.validated_data.get("payment_method", ""),
            return_url=body.validated_data.get("return_url", ""),
            actor=request.user,
        )
        return Response(s.PaymentSerializer(result.payment).data, status=201)


class StripeWebhookApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Stripe webhook endpoint",
        description="Point a Stripe webhook endpoint here (events "
        "`payment_intent.succeeded`, `payment_intent.payment_failed`, "
        "`payment_intent.canceled`, `charge.refunded`) and set its signing "
        "secret as `STRIPE_WEBHOOK_SECRET`. The same event twice changes "
        "nothing the second time.",
        tags=PAYMENT_TAGS,
        request={"application/json": {"type": "object"}},
        responses={
            200: s.WebhookReceiptSerializer,
            **errors(
                {
                    400: "`invalid_signature` (signature, timestamp older than "
                    "300 s, body), `amount_mismatch` (not the order's total; "
                    "nothing changes)"
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        event = services.handle_webhook(
            provider=PROVIDER_STRIPE, body=request.body, headers=request.headers
        )
        return Response({"received": True, "outcome": event.outcome})
