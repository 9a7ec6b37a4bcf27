"""Vendor endpoints of the shop's sales: the overview, its orders (its
fulfilments, with its own lines only: shipped and delivered through the
orders services) and its money (balance, ledger, payouts).

Everything is scoped to `request.vendor_shop`: another shop's fulfilment
is a 404 `fulfilment_not_found` like a missing one, and another shop's
ledger entries and payouts are never listed.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from emporium.api.vendor import sales_serializers as s
from emporium.api.vendor.base import (
    LIST_ERRORS,
    VENDOR_TAGS,
    VendorApi,
    VendorListApi,
    errors,
)
from emporium.orders import selectors as orders
from emporium.orders.constants import FulfilmentStatus
from emporium.orders.sales import sales_range, summarize_shop_sales
from emporium.orders.services import mark_fulfilment_delivered, mark_fulfilment_shipped
from emporium.payouts import selectors as payouts

INVALID = "`invalid`"
NOT_FOUND = {404: "`fulfilment_not_found` (also another shop's)"}


def _date_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description, required=False)


def render_fulfilment(request: Request, fulfilment_id: int) -> Response:
    part = orders.get_fulfilment_for_shop(
        shop=request.vendor_shop, fulfilment_id=fulfilment_id
    )
    return Response(s.VendorFulfilmentDetailSerializer(part).data)


# --- Overview -------------------------------------------------------------------


class OverviewApi(VendorApi):
    @extend_schema(
        summary="The shop's sales over a date range, per day",
        description="Revenue (the shop's lines of paid orders, gross, without "
        "shipping), orders, units, average order value, the top 5 products "
        "and a row per day; per currency. Default range: the last 30 days; "
        "at most 366 days.",
        operation_id="vendor_overview",
        tags=VENDOR_TAGS,
        parameters=[s.SalesRangeSerializer],
        responses={
            200: s.OverviewSerializer,
            **errors({400: f"{INVALID}, `invalid_date_range`"}),
        },
    )
    def get(self, request: Request) -> Response:
        query = s.SalesRangeSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = sales_range(**query.validated_data)
        sales = summarize_shop_sales(shop=request.vendor_shop, period=period)
        return Response(s.OverviewSerializer({"period": period, "sales": sales}).data)


# --- Orders ---------------------------------------------------------------------


class FulfilmentListApi(VendorListApi):
    serializer_class = s.VendorFulfilmentSerializer

    @extend_schema(
        summary="The shop's orders: its part of each, newest first",
        operation_id="vendor_fulfilments_list",
        tags=VENDOR_TAGS,
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=FulfilmentStatus.values,
                description="Only parts in this shipment status.",
            ),
            _date_param("from", "Orders placed on or after this day (YYYY-MM-DD)."),
            _date_param("to", "Orders placed on or before this day (YYYY-MM-DD)."),
        ],
        responses={
            200: s.VendorFulfilmentSerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        query = s.FulfilmentFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = orders.list_fulfilments_for_shop(
            shop=request.vendor_shop, **query.validated_data
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            s.VendorFulfilmentSerializer(page, many=True).data
        )


class FulfilmentDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's orders: its lines, where to ship",
        operation_id="vendor_fulfilments_retrieve",
        tags=VENDOR_TAGS,
        responses={200: s.VendorFulfilmentDetailSerializer, **errors(NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_fulfilment(request, id)


class FulfilmentShipApi(VendorApi):
    @extend_schema(
        summary="Mark the shop's part shipped, with its tracking",
        description="Only a paid order ships. The buyer gets an email with the "
        "tracking link.",
        operation_id="vendor_fulfilments_ship",
        tags=VENDOR_TAGS,
        request=s.ShipSerializer,
        responses={
            200: s.VendorFulfilmentDetailSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_tracking_url`",
                    **NOT_FOUND,
                    409: "`invalid_transition` (not paid, or not pending)",
                }
            ),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        part = orders.get_fulfilment_for_shop(
            shop=request.vendor_shop, fulfilment_id=id
        )
        body = s.ShipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mark_fulfilment_shipped(
            fulfilment_id=part.fulfilment.pk, actor=request.user, **body.validated_data
        )
        return render_fulfilment(request, id)


class FulfilmentDeliverApi(VendorApi):
    @extend_schema(
        summary="Mark the shop's shipped part delivered",
        operation_id="vendor_fulfilments_deliver",
        tags=VENDOR_TAGS,
        request=None,
        responses={
            200: s.VendorFulfilmentDetailSerializer,
            **errors({**NOT_FOUND, 409: "`invalid_transition` (not shipped)"}),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        part = orders.get_fulfilment_for_shop(
            shop=request.vendor_shop, fulfilment_id=id
        )
        mark_fulfilment_delivered(fulfilment_id=part.fulfilment.pk, actor=request.user)
        return render_fulfilment(request, id)


# --- Money ----------------------------------------------------------------------


class BalanceApi(VendorApi):
    @extend_schema(
        summary="The shop's balance per currency",
        description="`available`: due and not paid out; `pending`: held until "
        "the parcel is delivered or `hold_days` after it shipped; `in_payout`: "
        "payouts being paid; `paid_out`.",
        operation_id="vendor_balance",
        tags=VENDOR_TAGS,
        responses={200: s.BalancesSerializer, **errors({})},
    )
    def get(self, request: Request) -> Response:
        balances = payouts.get_balances(shop=request.vendor_shop)
        data = {"hold_days": payouts.hold_days(), "balances": balances}
        return Response(s.BalancesSerializer(data).data)


class LedgerApi(VendorListApi):
    serializer_class = s.LedgerEntrySerializer

    @extend_schema(
        summary="The shop's ledger, newest first",
        description="Sales, commissions, refunds clawed back, commission "
        "returned, payouts and failed payouts returned; signed amounts.",
        operation_id="vendor_ledger_list",
        tags=VENDOR_TAGS,
        parameters=[s.LedgerFilterSerializer],
        responses={
            200: s.LedgerEntrySerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        query = s.LedgerFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = payouts.list_ledger_entries(
            shop=request.vendor_shop, kind=query.validated_data.get("kind", "")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            s.LedgerEntrySerializer(page, many=True).data
        )


class PayoutListApi(VendorListApi):
    serializer_class = s.PayoutSerializer

    @extend_schema(
        summary="The shop's payouts, newest first",
        operation_id="vendor_payouts_list",
        tags=VENDOR_TAGS,
        responses={200: s.PayoutSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        rows = payouts.list_payouts_for_shop(shop=request.vendor_shop)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.PayoutSerializer(page, many=True).data)
