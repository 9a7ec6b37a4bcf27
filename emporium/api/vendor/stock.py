"""Vendor endpoints of the shop's warehouses, stock rows, adjustments and
ledger.

Quantities only move through `inventory.services.adjust_stock` (via
`inventory.shop_stock`), so every change has its ledger row naming who made
it. Reads go through `inventory.shop_selectors`; everything is scoped to
`request.vendor_shop` (another shop's warehouse or stock row is a 404).
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
from emporium.inventory import shop_selectors as selectors
from emporium.inventory import shop_stock, warehouses

INVALID = "`invalid`"
STOCK_NOT_FOUND = {404: "`stock_not_found`"}
WAREHOUSE_NOT_FOUND = {404: "`warehouse_not_found`"}


def render_stock(request: Request, stock_id: int, *, http_status=200) -> Response:
    stock = selectors.get_shop_stock(shop=request.vendor_shop, stock_id=stock_id)
    return Response(s.VendorStockDetailSerializer(stock).data, status=http_status)


def render_warehouse(request: Request, warehouse_id: int, *, http_status=200):
    warehouse = selectors.get_shop_warehouse(
        shop=request.vendor_shop, warehouse_id=warehouse_id
    )
    return Response(s.VendorWarehouseSerializer(warehouse).data, status=http_status)


# --- Warehouses -----------------------------------------------------------------


class WarehouseListApi(VendorListApi):
    serializer_class = s.VendorWarehouseWriteSerializer  # describes POST

    @extend_schema(
        summary="The shop's warehouses",
        operation_id="vendor_warehouses_list",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorWarehouseSerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        rows = selectors.list_shop_warehouses(shop=request.vendor_shop)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            s.VendorWarehouseSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Open a warehouse of the shop",
        tags=VENDOR_TAGS,
        request=s.VendorWarehouseWriteSerializer,
        responses={
            201: s.VendorWarehouseSerializer,
            **errors(
                {400: f"{INVALID}, `invalid_warehouse`", 409: "`warehouse_code_taken`"}
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VendorWarehouseWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        warehouse = warehouses.create_warehouse(
            shop=request.vendor_shop, **serializer.validated_data
        )
        return render_warehouse(request, warehouse.pk, http_status=201)


class WarehouseDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's warehouses",
        tags=VENDOR_TAGS,
        responses={200: s.VendorWarehouseSerializer, **errors(WAREHOUSE_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_warehouse(request, id)

    @extend_schema(
        summary="Change a warehouse's fields (those sent)",
        description="`is_active: false` closes it: its stock rows and ledger "
        "stay, but their units no longer count as available.",
        tags=VENDOR_TAGS,
        request=s.VendorWarehouseWriteSerializer,
        responses={
            200: s.VendorWarehouseSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_warehouse`",
                    **WAREHOUSE_NOT_FOUND,
                    409: "`warehouse_code_taken`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.VendorWarehouseWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        warehouses.update_warehouse(
            shop=request.vendor_shop, warehouse_id=id, **serializer.validated_data
        )
        return render_warehouse(request, id)

    @extend_schema(
        summary="Close a warehouse (never deletes it)",
        description="Sets `is_active` to false; PATCH `is_active: true` reopens it.",
        tags=VENDOR_TAGS,
        responses={200: s.VendorWarehouseSerializer, **errors(WAREHOUSE_NOT_FOUND)},
    )
    def delete(self, request: Request, id: int) -> Response:
        warehouses.update_warehouse(
            shop=request.vendor_shop, warehouse_id=id, is_active=False
        )
        return render_warehouse(request, id)


# --- Stock rows -----------------------------------------------------------------


class StockListApi(VendorListApi):
    serializer_class = s.VendorStockCreateSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="The shop's stock rows: on hand, reserved, available",
        operation_id="vendor_stock_list",
        tags=VENDOR_TAGS,
        parameters=[s.VendorStockListParamsSerializer],
        responses={200: s.VendorStockSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = s.VendorStockListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        rows = selectors.list_shop_stock(
            shop=request.vendor_shop,
            warehouse_id=data.get("warehouse"),
            offer_id=data.get("offer"),
            is_low=data["is_low"],
            text=data.get("q", "").strip(),
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            s.VendorStockSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Start stocking one of the shop's offers in one of its warehouses",
        description="The opening `quantity` is booked as a receipt in the ledger.",
        tags=VENDOR_TAGS,
        request=s.VendorStockCreateSerializer,
        responses={
            201: s.VendorStockDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_quantity`",
                    404: "`offer_not_found`, `warehouse_not_found`",
                    409: "`stock_exists`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VendorStockCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        stock = shop_stock.create_shop_stock(
            shop=request.vendor_shop,
            offer_id=data.pop("offer"),
            warehouse_id=data.pop("warehouse"),
            actor=request.user,
            **data,
        )
        return render_stock(request, stock.pk, http_status=status.HTTP_201_CREATED)


class StockDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's stock rows with its latest movements",
        tags=VENDOR_TAGS,
        responses={200: s.VendorStockDetailSerializer, **errors(STOCK_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_stock(request, id)

    @extend_schema(
        summary="Change a stock row's backorder flag or low-stock threshold",
        description="Quantities change through adjustments only. The shop's "
        "people get an email when the available units fall to the threshold "
        "or below (once per crossing).",
        tags=VENDOR_TAGS,
        request=s.VendorStockUpdateSerializer,
        responses={
            200: s.VendorStockDetailSerializer,
            **errors({400: f"{INVALID}, `invalid_quantity`", **STOCK_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.VendorStockUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        shop_stock.update_shop_stock_settings(
            shop=request.vendor_shop, stock_id=id, **serializer.validated_data
        )
        return render_stock(request, id)


class StockAdjustmentApi(VendorApi):
    @extend_schema(
        summary="Add or remove units (a ledger entry); answers the stock row",
        description="`reason` is `receipt`, `adjustment` or `return`; sales and "
        "reservations are booked by orders, imports by the importer. On hand "
        "never drops below what is reserved.",
        tags=VENDOR_TAGS,
        request=s.VendorAdjustmentSerializer,
        responses={
            200: s.VendorStockDetailSerializer,
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
        serializer = s.VendorAdjustmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        shop_stock.adjust_shop_stock(
            shop=request.vendor_shop,
            stock_id=id,
            actor=request.user,
            **serializer.validated_data,
        )
        return render_stock(request, id)


class StockMovementListApi(VendorListApi):
    serializer_class = s.VendorMovementSerializer

    @extend_schema(
        summary="The ledger of one of the shop's stock rows, newest first",
        operation_id="vendor_stock_movements_list",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorMovementSerializer(many=True),
            **errors({**LIST_ERRORS, 404: "`not_found`, `stock_not_found`"}),
        },
    )
    def get(self, request: Request, id: int) -> Response:
        movements = selectors.list_shop_stock_movements(
            shop=request.vendor_shop, stock_id=id
        )
        page = self.paginate_queryset(movements)
        return self.get_paginated_response(
            s.VendorMovementSerializer(page, many=True).data
        )
