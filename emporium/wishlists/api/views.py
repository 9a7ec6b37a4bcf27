"""REST endpoints of the wishlist (/api/v1/me/wishlist/): the signed-in
user's saved products and shops.

Signed-in users only (401 otherwise). Saving twice keeps one item (200 with
it, 201 when new). Another user's item answers 404
`wishlist_item_not_found`, like one that does not exist. Archived products
and suspended shops stay saved but are not listed.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.core.api.serializers import ErrorSerializer
from emporium.wishlists import selectors, services
from emporium.wishlists.api import serializers as s
from emporium.wishlists.models import WishlistItem

WISHLIST_TAGS = ["wishlist"]


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in sorted(spec.items())
    }


AUTH = {401: "`not_authenticated`, `token_not_valid`"}
WRITE = {**AUTH, 403: "`permission_denied` (session without CSRF token)"}


class WishlistApi(GenericAPIView):
    serializer_class = s.WishlistItemSerializer
    filter_backends = ()

    def get_queryset(self) -> QuerySet[WishlistItem]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return WishlistItem.objects.none()
        return selectors.list_wishlist_items(user=self.request.user)

    @extend_schema(
        summary="Your wishlist: saved products and shops, newest first",
        tags=WISHLIST_TAGS,
        responses={
            200: s.WishlistItemSerializer(many=True),
            **errors({**AUTH, 404: "`not_found` (a page past the last)"}),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        data = s.WishlistItemSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="Save a product or a shop to your wishlist",
        description="Send `product` or `shop` (a slug). Saving what is saved "
        "already changes nothing and answers 200 with the item.",
        tags=WISHLIST_TAGS,
        request=s.WishlistAddSerializer,
        responses={
            200: s.WishlistItemSerializer,
            201: s.WishlistItemSerializer,
            **errors(
                {
                    400: "`invalid`",
                    **WRITE,
                    404: "`product_not_found`, `shop_not_found`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.WishlistAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subject = selectors.resolve_subject(**serializer.validated_data)
        saved = services.save_to_wishlist(user=request.user, **subject)
        item = self.get_queryset().get(pk=saved.item.pk)
        code = status.HTTP_201_CREATED if saved.created else status.HTTP_200_OK
        return Response(s.WishlistItemSerializer(item).data, status=code)


class WishlistItemApi(APIView):
    @extend_schema(
        summary="Remove an item from your wishlist",
        tags=WISHLIST_TAGS,
        responses={
            204: None,
            **errors({**WRITE, 404: "`wishlist_item_not_found` (also another user's)"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.remove_from_wishlist(user=request.user, item_id=id)
        return Response(status=status.HTTP_204_NO_CONTENT)
