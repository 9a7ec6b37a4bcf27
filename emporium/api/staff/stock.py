"""Staff endpoints of inventory: stock rows, their adjustments, warehouses.

Quantities only move through `inventory.services.adjust_stock`, so every
change has its ledger row (`movements`) naming the staff user who made it.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from emporium.api.staff import selectors
from emporium.api.staff import serializers as s
from emporium.api.staff.base import (
    LIST_ERRORS,
    STAFF_TAGS,
    StaffApi,
    StaffListApi,
    errors,
)
from emporium.inventory import services

INVALID = "`invalid`"
STOCK_NOT_FOUND = {404: "`stock_not_found`"}


def render_stock(stock_id: int, *, http_status: int = 200) -> Response:
    stock = selectors.get_stock(stock_id=stock_id)
    return Response(s.StaffStockDetailSerializer(stock).data, status=http_status)


class StockListApi(StaffListApi):
    serializer_class = s.StaffStockCreateSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="Stock rows of every shop, with filters",
        operation_id="staff_stock_list",
        tags=STAFF_TAGS,
        parameters=[s.StaffStockListParamsSerializer],
        responses={200: s.StaffStockSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = s.StaffStockListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = selectors.list_stock(**params.validated_data)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.StaffStockSerializer(page, many=True).data)

    @extend_schema(
        summary="Start stocking an offer in a warehouse of its shop",
        description="The opening `quantity` is booked as a receipt in the ledger.",
        tags=STAFF_TAGS,
        request=s.StaffStockCreateSerializer,
        responses={
            201: s.StaffStockDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_quantity`, `warehouse_of_other_shop`",
                    409: "`stock_exists`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.StaffStockCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stock = services.create_stock(actor=request.user, **serializer.validated_data)
        return render_stock(stock.pk, http_status=status.HTTP_201_CREATED)


class StockDetailApi(StaffApi):
    @extend_schema(
        summary="A stock row with its latest movements",
        tags=STAFF_TAGS,
        responses={200: s.StaffStockDetailSerializer, **errors(STOCK_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_stock(id)

    @extend_schema(
        summary="Change a stock row's backorder flag or low-stock threshold",
        description="Quantities change through adjustments only.",
        tags=STAFF_TAGS,
        request=s.StaffStockUpdateSerializer,
        responses={
            200: s.StaffStockDetailSerializer,
            **errors({400: f"{INVALID}, `invalid_quantity`", **STOCK_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.StaffStockUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.update_stock_settings(stock_id=id, **serializer.validated_data)
        return render_stock(id)


class StockAdjustmentApi(StaffApi):
    @extend_schema(
        summary="Add or remove units (a ledger entry); answers the stock row",
        description="`reason` is `receipt`, `adjustment` or `return`; sales and "
        "reservations are booked by orders. On hand never drops below what is "
        "reserved.",
        tags=STAFF_TAGS,
        request=s.StaffAdjustmentSerializer,
        responses={
            200: s.StaffStockDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_quantity`",
                    **STOCK_NOT_FOUND,
                    409: "`insufficient_stock`",
                }
            ),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        serializer = s.StaffAdjustmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.adjust_stock(
            stock_id=id, actor=request.user, **serializer.validated_data
        )
        return render_stock(id)


class WarehouseListApi(StaffListApi):
    serializer_class = s.StaffWarehouseSerializer

    @extend_schema(
        summary="Warehouses of every shop (ids for new stock rows)",
        tags=STAFF_TAGS,
        parameters=[s.StaffWarehouseListParamsSerializer],
        responses={
            200: s.StaffWarehouseSerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        params = s.StaffWarehouseListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        warehouses = selectors.list_warehouses(**params.validated_data)
        page = self.paginate_queryset(warehouses)
        return self.get_paginated_response(
            s.StaffWarehouseSerializer(page, many=True).data
        )
