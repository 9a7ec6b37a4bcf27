"""REST endpoints of the cart (/api/v1/cart/): read, lines, voucher.

Guests and signed-in users (JWT, or the session) alike. A guest cart is
named by the `X-Cart-Token` header; the response that creates one returns
its token in the same header. A signed-in request that carries a guest
token merges that cart into the user's (`services.resolve_cart`). Every
answer is the cart as a fresh read sees it (`services.read_cart`), with
the messages of what changed. `DomainError`s are left to the API exception
handler, which answers `{"code", "detail", "fields"}`.
"""

import dataclasses

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.cart import services
from emporium.cart.api import serializers as s
from emporium.cart.constants import CART_TOKEN_HEADER
from emporium.cart.types import ResolvedCart
from emporium.core.api.serializers import ErrorSerializer

CART_TAGS = ["cart"]

TOKEN_PARAMETER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.UUID,
    location=OpenApiParameter.HEADER,
    required=False,
    description="A guest cart's token. Signed in, a guest token is merged "
    "into the user's cart and stops working. An unknown one is ignored.",
)
NEW_TOKEN_HEADER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.UUID,
    location=OpenApiParameter.HEADER,
    response=[201],
    description="Set when this request created a guest cart: its token.",
)


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


AUTH = {401: "`authentication_failed`, `token_not_valid` (a bad JWT: refresh it)"}
WRITE = {**AUTH, 403: "`permission_denied` (session without CSRF token)"}
VOUCHER_CODES = ", ".join(
    f"`voucher_{name}`"
    for name in (
        "not_found",
        "inactive",
        "not_yet_valid",
        "expired",
        "usage_exhausted",
        "customer_limit_reached",
        "currency_mismatch",
        "not_applicable",
        "minimum_not_met",
    )
)


class CartBaseApi(APIView):
    # Guests may use a cart: no permission needed. Credentials are still
    # read (JWT or session) to find a user's cart; a bad JWT is a 401 so a
    # client refreshes it rather than silently getting a guest cart.
    permission_classes = (AllowAny,)

    def resolve(self, request: Request) -> ResolvedCart:
        return services.resolve_cart(
            user=request.user, token=request.headers.get(CART_TOKEN_HEADER)
        )

    def render_cart(
        self, request: Request, resolved: ResolvedCart, http_status: int = 200
    ) -> Response:
        """The cart as a read finds it, with the merge's messages first."""
        user = request.user if request.user.is_authenticated else None
        view = services.read_cart(cart=resolved.cart, customer=user)
        view = dataclasses.replace(view, messages=resolved.messages + view.messages)
        return Response(s.CartSerializer(view).data, status=http_status)


class CartApi(CartBaseApi):
    @extend_schema(
        summary="The cart, every line checked against price and stock now",
        description="Reading creates no cart: without one the cart is empty. "
        "Lines whose price or stock changed say so once (`status`, "
        "`messages`), and the cart stores the change.",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER],
        responses={200: s.CartSerializer, **errors(AUTH)},
    )
    def get(self, request: Request) -> Response:
        return self.render_cart(request, self.resolve(request))


class CartItemsApi(CartBaseApi):
    @extend_schema(
        summary="Add an offer, or the best offer for a SKU, to the cart",
        description="An offer already in the cart grows by `quantity`. The "
        "first add of a guest creates the cart and returns its token in "
        "`X-Cart-Token`.",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER, NEW_TOKEN_HEADER],
        request=s.AddItemSerializer,
        responses={
            201: s.CartSerializer,
            **errors(
                {
                    400: "`invalid`, `invalid_quantity`",
                    **WRITE,
                    404: "`offer_not_found`, `sku_not_found`",
                    409: "`out_of_stock`, `insufficient_stock`, `ambiguous_sku`",
                    422: "`offer_currency_mismatch`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.AddItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        resolved = self.resolve(request)
        user = request.user if request.user.is_authenticated else None
        added = services.add_line(
            cart=resolved.cart,
            user=user,
            quantity=data["quantity"],
            offer_id=data.get("offer"),
            sku=data.get("sku"),
        )
        resolved = dataclasses.replace(resolved, cart=added.cart)
        response = self.render_cart(request, resolved, status.HTTP_201_CREATED)
        if added.created_cart and added.cart.is_guest:
            response[CART_TOKEN_HEADER] = str(added.cart.token)
        return response


class CartItemApi(CartBaseApi):
    @extend_schema(
        summary="Change the quantity of a cart item (0 removes it)",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER],
        request=s.UpdateItemSerializer,
        responses={
            200: s.CartSerializer,
            **errors(
                {
                    400: "`invalid`, `invalid_quantity`",
                    **WRITE,
                    404: "`cart_line_not_found`",
                    409: "`out_of_stock`, `insufficient_stock`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.UpdateItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resolved = self.resolve(request)
        services.update_line_quantity(
            cart=resolved.cart,
            line_id=id,
            quantity=serializer.validated_data["quantity"],
        )
        return self.render_cart(request, resolved)

    @extend_schema(
        summary="Remove an item from the cart",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER],
        responses={
            200: s.CartSerializer,
            **errors({**WRITE, 404: "`cart_line_not_found`"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        resolved = self.resolve(request)
        services.remove_line(cart=resolved.cart, line_id=id)
        return self.render_cart(request, resolved)


class CartVoucherApi(CartBaseApi):
    @extend_schema(
        summary="Apply a voucher code to the cart",
        description="The code must apply to the cart now; every read checks "
        "it again and drops it (with a message) once it no longer does.",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER],
        request=s.VoucherCodeSerializer,
        responses={
            200: s.CartSerializer,
            **errors({400: "`invalid`", **WRITE, 422: VOUCHER_CODES}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VoucherCodeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resolved = self.resolve(request)
        user = request.user if request.user.is_authenticated else None
        services.apply_voucher(
            cart=resolved.cart, code=serializer.validated_data["code"], customer=user
        )
        return self.render_cart(request, resolved)

    @extend_schema(
        summary="Remove the voucher from the cart",
        tags=CART_TAGS,
        parameters=[TOKEN_PARAMETER],
        responses={200: s.CartSerializer, **errors(WRITE)},
    )
    def delete(self, request: Request) -> Response:
        resolved = self.resolve(request)
        services.remove_voucher(cart=resolved.cart)
        return self.render_cart(request, resolved)
