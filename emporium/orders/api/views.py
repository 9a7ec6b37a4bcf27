"""REST endpoints of orders (/api/v1/orders/): a buyer's own orders.

Signed-in buyers only (401 otherwise). Another buyer's order answers 404
like a missing one, so numbers cannot be probed. Each handler calls one
selector or service; `DomainError`s are rendered by the API exception
handler as `{"code", "detail", "fields"}`.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.core.api.serializers import ErrorSerializer
from emporium.orders import selectors, services
from emporium.orders.api import serializers as s
from emporium.orders.models import Order

ORDER_TAGS = ["orders"]
BUYER_CANCEL_REASON = "Cancelled by the buyer."


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


NOT_AUTHENTICATED = {401: "`not_authenticated`, `token_not_valid`"}
NOT_FOUND = {404: "`order_not_found` (also for another buyer's order)"}


class OrderListApi(ListAPIView):
    serializer_class = s.OrderSummarySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Order.objects.none()
        return selectors.list_orders_for_customer(user=self.request.user)

    @extend_schema(
        summary="Your orders, newest first",
        tags=ORDER_TAGS,
        responses={
            200: s.OrderSummarySerializer(many=True),
            **errors(NOT_AUTHENTICATED),
        },
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class OrderDetailApi(APIView):
    @extend_schema(
        summary="One of your orders: lines, totals, shipments and timeline",
        tags=ORDER_TAGS,
        responses={
            200: s.OrderDetailSerializer,
            **errors({**NOT_AUTHENTICATED, **NOT_FOUND}),
        },
    )
    def get(self, request: Request, number: str) -> Response:
        order = selectors.get_order_for_customer(number=number, user=request.user)
        return Response(s.OrderDetailSerializer(order).data)


class OrderCancelApi(APIView):
    @extend_schema(
        summary="Cancel one of your orders",
        description="Allowed while the order is pending or awaiting payment; "
        "the items go back to stock. A paid order is cancelled by the shop.",
        tags=ORDER_TAGS,
        request=None,
        responses={
            200: s.OrderDetailSerializer,
            **errors(
                {
                    **NOT_AUTHENTICATED,
                    **NOT_FOUND,
                    409: "`invalid_transition` (the order can no longer be cancelled)",
                }
            ),
        },
    )
    def post(self, request: Request, number: str) -> Response:
        order = selectors.get_order_for_customer(number=number, user=request.user)
        services.cancel_order(
            order_id=order.pk, actor=request.user, reason=BUYER_CANCEL_REASON
        )
        order = selectors.get_order_for_customer(number=number, user=request.user)
        return Response(s.OrderDetailSerializer(order).data)
