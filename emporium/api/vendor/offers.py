"""Vendor endpoints of the shop's own offers, and of the products other
shops opened to other sellers (where the shop may add its own offer).

Reads go through `inventory.shop_selectors` and `catalog.shop_selectors`,
writes through `inventory.shop_stock.create_stocked_offer` and
`catalog.services.shop_catalog`, all scoped to `request.vendor_shop`.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from emporium.api.vendor import catalog_serializers as s
from emporium.api.vendor.base import (
    LIST_ERRORS,
    VENDOR_TAGS,
    VendorApi,
    VendorListApi,
    errors,
)
from emporium.catalog import shop_selectors
from emporium.catalog.services import shop_catalog
from emporium.inventory import shop_selectors as stock_selectors
from emporium.inventory.shop_stock import create_stocked_offer

INVALID = "`invalid`"
OFFER_NOT_FOUND = {404: "`offer_not_found`"}


def render_offer(request: Request, offer_id: int, *, http_status=200) -> Response:
    offer = stock_selectors.get_shop_offer(shop=request.vendor_shop, offer_id=offer_id)
    return Response(s.VendorOfferDetailSerializer(offer).data, status=http_status)


class OfferListApi(VendorListApi):
    serializer_class = s.VendorOfferCreateSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="The shop's offers with their available quantities",
        operation_id="vendor_offers_list",
        tags=VENDOR_TAGS,
        parameters=[s.VendorOfferListParamsSerializer],
        responses={200: s.VendorOfferSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = s.VendorOfferListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        offers = stock_selectors.list_shop_offers(
            shop=request.vendor_shop,
            text=params.validated_data.get("q", "").strip(),
            is_active=params.validated_data["is_active"],
        )
        page = self.paginate_queryset(offers)
        return self.get_paginated_response(
            s.VendorOfferSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Offer a variant for sale, with its opening stock",
        description="A variant of the shop's own product, or of another "
        "shop's product that staff opened to other sellers (see "
        "`/vendor/open-products/`). Amounts are decimal strings in "
        "`currency`. With `warehouse` (one of the shop's) the opening "
        "`quantity` is booked there as a receipt.",
        tags=VENDOR_TAGS,
        request=s.VendorOfferCreateSerializer,
        responses={
            201: s.VendorOfferDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_price`, `invalid_currency`, "
                    "`product_not_open_to_shop`, `invalid_quantity`",
                    404: "`variant_not_found`, `warehouse_not_found`",
                    409: "`variant_already_offered`, `duplicate_sku`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VendorOfferCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        offer = create_stocked_offer(
            shop=request.vendor_shop,
            variant_id=data["variant"],
            sku=data["sku"],
            price=data["price"],
            compare_at_price=data.get("compare_at_price"),
            warehouse_id=data["warehouse"],
            quantity=data["quantity"],
            actor=request.user,
        )
        return render_offer(request, offer.pk, http_status=status.HTTP_201_CREATED)


class OfferDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's offers, with its stock per warehouse",
        tags=VENDOR_TAGS,
        responses={200: s.VendorOfferDetailSerializer, **errors(OFFER_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_offer(request, id)

    @extend_schema(
        summary="Change an offer's price, compare-at price, SKU or activation",
        description="Amounts are decimal strings in the offer's currency; "
        "`compare_at_price: null` removes it.",
        tags=VENDOR_TAGS,
        request=s.VendorOfferUpdateSerializer,
        responses={
            200: s.VendorOfferDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_price`",
                    **OFFER_NOT_FOUND,
                    409: "`duplicate_sku`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        offer = stock_selectors.get_shop_offer(shop=request.vendor_shop, offer_id=id)
        serializer = s.VendorOfferUpdateSerializer(
            data=request.data, partial=True, context={"currency": offer.currency}
        )
        serializer.is_valid(raise_exception=True)
        shop_catalog.update_shop_offer(
            shop=request.vendor_shop, offer_id=id, **serializer.validated_data
        )
        return render_offer(request, id)

    @extend_schema(
        summary="Take an offer off sale (never deletes it)",
        description="Sets `is_active` to false; orders and stock keep it. "
        "PATCH `is_active: true` puts it back on sale.",
        tags=VENDOR_TAGS,
        responses={200: s.VendorOfferDetailSerializer, **errors(OFFER_NOT_FOUND)},
    )
    def delete(self, request: Request, id: int) -> Response:
        shop_catalog.update_shop_offer(
            shop=request.vendor_shop, offer_id=id, is_active=False
        )
        return render_offer(request, id)


class OpenProductListApi(VendorListApi):
    serializer_class = s.VendorOpenProductSerializer

    @extend_schema(
        summary="Other shops' products open to other sellers",
        description="Active products whose shop staff opened to other "
        "sellers, with their variants; `offered_as` names the shop's own "
        "offer of a variant. Offer one with POST `/vendor/offers/`.",
        tags=VENDOR_TAGS,
        parameters=[s.VendorOpenProductParamsSerializer],
        responses={
            200: s.VendorOpenProductSerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        params = s.VendorOpenProductParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        products = shop_selectors.list_open_products(
            shop=request.vendor_shop, text=params.validated_data.get("q", "").strip()
        )
        page = self.paginate_queryset(products)
        return self.get_paginated_response(
            s.VendorOpenProductSerializer(page, many=True).data
        )
