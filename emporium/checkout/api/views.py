"""REST endpoints of checkout (/api/v1/checkout/): shipping methods, the
summary, and placing the order.

Guests name their cart with `X-Cart-Token` (as in the cart API); signed-in
buyers (JWT or session) use their own cart, a guest token merging into it.
`POST /checkout/` needs an `Idempotency-Key` header: the same key from the
same cart answers the same order, never a second one. Nothing here is
cached. `DomainError`s go to the API exception handler, which answers
`{"code", "detail", "fields"}`.
"""

from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.accounts.selectors import get_address
from emporium.cart.constants import CART_TOKEN_HEADER
from emporium.cart.services import resolve_cart
from emporium.cart.types import ResolvedCart
from emporium.checkout import services
from emporium.checkout.api import serializers as s
from emporium.checkout.constants import IDEMPOTENCY_KEY_HEADER
from emporium.core.api.serializers import ErrorSerializer
from emporium.orders.access import order_access_url
from emporium.orders.drafts import AddressSnapshot

TAGS = ["checkout"]

TOKEN_PARAMETER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.UUID,
    location=OpenApiParameter.HEADER,
    required=False,
    description="A guest cart's token (see the cart API).",
)
KEY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_KEY_HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="A unique key per order attempt (a UUID), 1 to 100 printable "
    "characters. Sent again (a retry after a timeout), it answers the order "
    "it placed, never a second one.",
)
REPLAYED_HEADER = OpenApiParameter(
    "Idempotent-Replayed",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[201],
    description="`true` when the key had placed this order before.",
)


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


AUTH = {401: "`authentication_failed`, `token_not_valid` (a bad JWT: refresh it)"}
WRITE = {**AUTH, 403: "`permission_denied` (session without CSRF token)"}
PRICING = (
    "`tax_rate_not_configured`, `voucher_expired`, `voucher_usage_exhausted`, "
    "`voucher_customer_limit_reached` and the other `voucher_*` codes"
)
PLACE_ERRORS = {
    400: "`invalid`, `idempotency_key_required`, `invalid_idempotency_key`, "
    "`cart_empty`, `email_required`, `invalid_country`, `invalid_card`, "
    "`card_not_accepted`",
    **WRITE,
    404: "`address_not_found`",
    409: "`cart_changed` (the detail says what), `cart_not_ready`, "
    "`idempotency_key_reused`, `out_of_stock`",
    422: f"`shipping_method_unavailable`, `payment_method_unavailable`, {PRICING}",
}


class CheckoutBaseApi(APIView):
    # Guests check out too: credentials are read (JWT or session) to find
    # a user's cart, but none is required.
    permission_classes = (AllowAny,)

    def resolve(self, request: Request) -> ResolvedCart:
        return resolve_cart(
            user=request.user, token=request.headers.get(CART_TOKEN_HEADER)
        )

    def customer(self, request: Request):
        return request.user if request.user.is_authenticated else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response


class CheckoutShippingMethodsApi(CheckoutBaseApi):
    @extend_schema(
        summary="The shipping methods for the cart to a country, priced",
        description="Each shop in the cart ships its own parcel: a method is "
        "listed when it ships every parcel, at the sum of their prices. "
        "Empty when the cart is empty or nothing ships there.",
        tags=TAGS,
        parameters=[
            TOKEN_PARAMETER,
            OpenApiParameter("country", OpenApiTypes.STR, required=True),
            OpenApiParameter("region", OpenApiTypes.STR),
        ],
        responses={
            200: s.ShippingOptionSerializer(many=True),
            **errors({400: "`invalid`, `invalid_country`", **AUTH}),
        },
    )
    def get(self, request: Request) -> Response:
        query = s.ShippingMethodsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = services.list_shipping_options(
            cart=self.resolve(request).cart,
            customer=self.customer(request),
            country=query.validated_data["country"],
            region=query.validated_data.get("region", ""),
        )
        return Response(s.ShippingOptionSerializer(options, many=True).data)


class CheckoutSummaryApi(CheckoutBaseApi):
    @extend_schema(
        summary="The order's figures for an address and a shipping method",
        description="Subtotal, discount, shipping, tax and total as placing "
        "the order now would freeze them. Without `country`, the cart's "
        "figures before tax and shipping. Places nothing.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER],
        request=s.CheckoutSummaryRequestSerializer,
        responses={
            200: s.CheckoutSummarySerializer,
            **errors({400: "`invalid`, `invalid_country`", **WRITE, 422: PRICING}),
        },
    )
    def post(self, request: Request) -> Response:
        body = s.CheckoutSummaryRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = services.summarize_checkout(
            cart=self.resolve(request).cart,
            customer=self.customer(request),
            country=body.validated_data.get("country", ""),
            region=body.validated_data.get("region", ""),
            shipping_method_id=body.validated_data.get("shipping_method"),
        )
        return Response(s.CheckoutSummarySerializer(summary).data)


class CheckoutApi(CheckoutBaseApi):
    @extend_schema(
        summary="Place the cart as an order and start paying it",
        description="Answers 201 with the order and the payment attempt: "
        "`payment.status` `succeeded` (paid), `requires_action` (follow "
        "`next_action`), `pending` (bank transfer, cash on delivery), or "
        "`failed` (declined: the order awaits payment; pay again with "
        "`POST /api/v1/orders/{number}/payments/`, signed in, or the "
        "storefront's payment page). The same `Idempotency-Key` from the same "
        "cart answers the same order (`replayed` true) and starts nothing.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER, KEY_PARAMETER, REPLAYED_HEADER],
        request=s.CheckoutRequestSerializer,
        responses={201: s.CheckoutResultSerializer, **errors(PLACE_ERRORS)},
    )
    def post(self, request: Request) -> Response:
        body = s.CheckoutRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data, customer = body.validated_data, self.customer(request)
        result = services.place_checkout(
            cart=self.resolve(request).cart,
            customer=customer,
            email=data.get("email", ""),
            shipping_address=self._address(request, data),
            billing_address=self._billing(data),
            shipping_method_id=data["shipping_method"],
            payment_method=data["payment_method"],
            card=body.card_details(),
            idempotency_key=request.headers.get(IDEMPOTENCY_KEY_HEADER, ""),
            return_url=data.get("return_url", ""),
            actor=customer,
            provider_payment_method=data.get("stripe_payment_method", ""),
        )
        is_guest = result.order.customer_id is None
        context = {"order_url": order_access_url(result.order) if is_guest else None}
        response = Response(
            s.CheckoutResultSerializer(result, context=context).data,
            status=status.HTTP_201_CREATED,
        )
        if result.is_replay:
            response["Idempotent-Replayed"] = "true"
        return response

    def _address(self, request: Request, data: dict) -> AddressSnapshot:
        if "shipping_address_id" in data:
            # A guest names no saved address: the same 404 as another's.
            address = get_address(
                user=request.user if request.user.is_authenticated else None,
                address_id=data["shipping_address_id"],
            )
            return AddressSnapshot.from_address(address)
        return s.CheckoutAddressSerializer().to_snapshot(data["shipping_address"])

    def _billing(self, data: dict) -> AddressSnapshot | None:
        billing = data.get("billing_address")
        return s.CheckoutAddressSerializer().to_snapshot(billing) if billing else None
