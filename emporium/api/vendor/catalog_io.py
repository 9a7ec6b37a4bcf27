"""Vendor endpoints of CSV import and export of the shop's own catalogue,
offers and stock (the format of docs/catalog-import.md).

An import is limited to `request.vendor_shop`: lines of another shop, or
changes to another shop's product, are line-numbered errors and nothing
is imported. Every upload is kept in the shop's import history.
"""

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
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
from emporium.catalog_io import selectors
from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.errors import InvalidCatalogFile, RowError
from emporium.catalog_io.export import iter_catalog_csv
from emporium.catalog_io.services import run_catalog_import
from emporium.core.api.exceptions import error_body


class CsvRenderer(BaseRenderer):
    """Names text/csv for the schema; the export streams its own body."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class JsonErrorsNegotiation(BaseContentNegotiation):
    # The download is CSV whatever the client accepts; errors stay JSON.
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CatalogImportApi(VendorApi):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        summary="Import a CSV of the shop's catalogue, offers and stock",
        description="multipart/form-data with `file` and `dry_run`. Every line "
        "is checked first; a file with any error imports nothing and answers "
        "400 `invalid_catalog_file` with each error as `line N, column: "
        "message` under `fields.file`. A valid file is imported in one "
        "transaction (a dry run only counts). Either way the upload is kept "
        "in the shop's import history.",
        tags=VENDOR_TAGS,
        request={"multipart/form-data": s.VendorImportRequestSerializer},
        responses={
            201: s.VendorImportSerializer,
            **errors({400: "`invalid`, `invalid_catalog_file`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VendorImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = run_catalog_import(
            upload=serializer.validated_data["file"],
            actor=request.user,
            dry_run=serializer.validated_data["dry_run"],
            shop=request.vendor_shop,
        )
        if record.status == ImportStatus.FAILED:
            refusal = InvalidCatalogFile(RowError(**error) for error in record.errors)
            lines = [str(error) for error in refusal.errors]
            body = error_body(refusal.code, refusal.message, {"file": lines})
            return Response(body, status=refusal.status_code)
        return Response(s.VendorImportSerializer(record).data, status=201)


class CatalogImportListApi(VendorListApi):
    serializer_class = s.VendorImportSerializer

    @extend_schema(
        summary="The shop's import history, newest first",
        operation_id="vendor_catalog_imports_list",
        tags=VENDOR_TAGS,
        responses={200: s.VendorImportSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        records = selectors.list_shop_imports(shop=request.vendor_shop)
        page = self.paginate_queryset(records)
        return self.get_paginated_response(
            s.VendorImportSerializer(page, many=True).data
        )


class CatalogImportDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's imports, with its counts or errors",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorImportSerializer,
            **errors({404: "`import_not_found`"}),
        },
    )
    def get(self, request: Request, id: int) -> Response:
        record = selectors.get_shop_import(shop=request.vendor_shop, import_id=id)
        return Response(s.VendorImportSerializer(record).data)


class CatalogExportApi(VendorApi):
    renderer_classes = (JSONRenderer, CsvRenderer)
    content_negotiation_class = JsonErrorsNegotiation

    @extend_schema(
        summary="Download the shop's catalogue, offers and stock as CSV",
        description="One line per offer of the shop, in the import format "
        "(UTF-8 with a byte order mark); the stock columns are the shop's "
        "warehouses. Edit and import it again.",
        tags=VENDOR_TAGS,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV"),
            **errors({}),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        shop = request.vendor_shop
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        name = f"catalog-{shop.slug}-{stamp}.csv"
        return StreamingHttpResponse(
            iter_catalog_csv(shop=shop),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
