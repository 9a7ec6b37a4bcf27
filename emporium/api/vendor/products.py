"""Vendor endpoints of the shop's own products: the list, create, edit,
archive, attribute values, variants and images.

Every handler reads through `catalog.shop_selectors` and writes through
`catalog.services.shop_catalog`, both scoped to `request.vendor_shop`: a
product, variant or image of another shop is a 404, like a missing one.
`DomainError`s are rendered by the API exception handler as
`{"code", "detail", "fields"}`.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
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
from emporium.catalog import shop_selectors as selectors
from emporium.catalog.services import AttributeInput
from emporium.catalog.services import shop_catalog as services

INVALID = "`invalid`"
PRODUCT_NOT_FOUND = {404: "`product_not_found`"}
VARIANT_NOT_FOUND = {404: "`variant_not_found`"}
IMAGE_NOT_FOUND = {404: "`image_not_found`"}


def render_product(request: Request, product_id: int, *, http_status=200) -> Response:
    product = selectors.get_shop_product(
        shop=request.vendor_shop, product_id=product_id
    )
    return Response(s.VendorProductDetailSerializer(product).data, status=http_status)


def render_variant(request: Request, variant_id: int, *, http_status=200) -> Response:
    variant = selectors.get_shop_variant(
        shop=request.vendor_shop, variant_id=variant_id
    )
    return Response(s.VendorVariantSerializer(variant).data, status=http_status)


def render_image(request: Request, image_id: int, *, http_status=200) -> Response:
    image = selectors.get_shop_image(shop=request.vendor_shop, image_id=image_id)
    return Response(s.VendorImageSerializer(image).data, status=http_status)


# --- Products -------------------------------------------------------------------


class ProductListApi(VendorListApi):
    serializer_class = s.VendorProductWriteSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="The shop's products, in every status",
        operation_id="vendor_products_list",
        tags=VENDOR_TAGS,
        parameters=[s.VendorProductListParamsSerializer],
        responses={
            200: s.VendorProductRowSerializer(many=True),
            **errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        params = s.VendorProductListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        products = selectors.list_shop_products(
            shop=request.vendor_shop,
            text=params.validated_data.get("q", "").strip(),
            status=params.validated_data.get("status", ""),
        )
        page = self.paginate_queryset(products)
        return self.get_paginated_response(
            s.VendorProductRowSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Create a product of the shop (with its default variant)",
        description="The slug is made from the title. New products are drafts "
        "unless `status` says otherwise, and closed to other sellers (staff "
        "open them).",
        tags=VENDOR_TAGS,
        request=s.VendorProductWriteSerializer,
        responses={
            201: s.VendorProductDetailSerializer,
            **errors({400: INVALID, 409: "`slug_taken`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VendorProductWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = services.create_shop_product(
            shop=request.vendor_shop, **serializer.validated_data
        )
        return render_product(request, product.pk, http_status=status.HTTP_201_CREATED)


class ProductDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's products, with attributes, variants, the "
        "shop's offers and images",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorProductDetailSerializer,
            **errors(PRODUCT_NOT_FOUND),
        },
    )
    def get(self, request: Request, id: int) -> Response:
        return render_product(request, id)

    @extend_schema(
        summary="Change a product's fields (those sent)",
        description="`status: archived` takes it off sale, like DELETE. The "
        "shop, slug and opening to other sellers are staff's to change.",
        tags=VENDOR_TAGS,
        request=s.VendorProductWriteSerializer,
        responses={
            200: s.VendorProductDetailSerializer,
            **errors({400: INVALID, **PRODUCT_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.VendorProductWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_shop_product(
            shop=request.vendor_shop, product_id=id, **serializer.validated_data
        )
        return render_product(request, id)

    @extend_schema(
        summary="Archive a product (never deletes it)",
        description="It leaves the storefront, the public API and search; its "
        "data stays for the orders that refer to it. Answers the archived "
        "product.",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorProductDetailSerializer,
            **errors(PRODUCT_NOT_FOUND),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.archive_shop_product(shop=request.vendor_shop, product_id=id)
        return render_product(request, id)


class ProductAttributesApi(VendorApi):
    @extend_schema(
        summary="Replace a product's attribute values",
        description="Values not sent are removed. A choice attribute takes a "
        "choice's value or slug, or a list of them.",
        tags=VENDOR_TAGS,
        request=s.VendorAttributesSerializer,
        responses={
            200: s.VendorProductDetailSerializer,
            **errors(
                {400: f"{INVALID}, `invalid_attribute_value`", **PRODUCT_NOT_FOUND}
            ),
        },
    )
    def put(self, request: Request, id: int) -> Response:
        serializer = s.VendorAttributesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = [
            AttributeInput(code=item["code"], value=item["value"])
            for item in serializer.validated_data["attributes"]
        ]
        services.set_shop_product_attributes(
            shop=request.vendor_shop, product_id=id, values=values
        )
        return render_product(request, id)


# --- Variants -------------------------------------------------------------------


class ProductVariantsApi(VendorApi):
    @extend_schema(
        summary="Add a variant to one of the shop's products",
        description='Options by code and value (`{"size": "M"}`); a value '
        "new to an option is added to it. Without a `name` it is made from "
        "the option values.",
        tags=VENDOR_TAGS,
        request=s.VendorVariantCreateSerializer,
        responses={
            201: s.VendorVariantSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_variant`",
                    **PRODUCT_NOT_FOUND,
                    409: "`duplicate_variant`",
                }
            ),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        serializer = s.VendorVariantCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        variant = services.create_shop_variant(
            shop=request.vendor_shop, product_id=id, **serializer.validated_data
        )
        return render_variant(request, variant.pk, http_status=201)


class VariantDetailApi(VendorApi):
    @extend_schema(
        summary="A variant of one of the shop's products",
        tags=VENDOR_TAGS,
        responses={200: s.VendorVariantSerializer, **errors(VARIANT_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_variant(request, id)

    @extend_schema(
        summary="Change a variant's options and fields (those sent)",
        description="`is_active: false` archives it, `true` restores it.",
        tags=VENDOR_TAGS,
        request=s.VendorVariantPatchSerializer,
        responses={
            200: s.VendorVariantSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_variant`",
                    **VARIANT_NOT_FOUND,
                    409: "`duplicate_variant`, `last_active_variant`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.VendorVariantPatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_shop_variant(
            shop=request.vendor_shop, variant_id=id, **serializer.validated_data
        )
        return render_variant(request, id)

    @extend_schema(
        summary="Archive a variant",
        description="Its offers leave the storefront; orders keep it. The "
        "product's last active variant cannot be archived: archive the product.",
        tags=VENDOR_TAGS,
        responses={
            200: s.VendorVariantSerializer,
            **errors({**VARIANT_NOT_FOUND, 409: "`last_active_variant`"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.archive_shop_variant(shop=request.vendor_shop, variant_id=id)
        return render_variant(request, id)


# --- Images ---------------------------------------------------------------------


class ProductImagesApi(VendorApi):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        summary="Upload an image of one of the shop's products",
        description="multipart/form-data. Thumbnails (WebP) are made after "
        "the upload, in the background; `thumbnails` fills in then.",
        tags=VENDOR_TAGS,
        request={"multipart/form-data": s.VendorImageUploadSerializer},
        responses={
            201: s.VendorImageSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_image`, `invalid_variant`",
                    **PRODUCT_NOT_FOUND,
                }
            ),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        serializer = s.VendorImageUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        image = services.add_shop_product_image(
            shop=request.vendor_shop,
            product_id=id,
            file=data["file"],
            alt_text=data["alt_text"],
            variant_id=data["variant"],
            position=data["position"],
        )
        return render_image(request, image.pk, http_status=201)


class ImageDetailApi(VendorApi):
    @extend_schema(
        summary="An image of one of the shop's products",
        tags=VENDOR_TAGS,
        responses={200: s.VendorImageSerializer, **errors(IMAGE_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_image(request, id)

    @extend_schema(
        summary="Change an image's alt text, position or variant",
        tags=VENDOR_TAGS,
        request=s.VendorImageUpdateSerializer,
        responses={
            200: s.VendorImageSerializer,
            **errors({400: f"{INVALID}, `invalid_variant`", **IMAGE_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.VendorImageUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "variant" in changes:
            changes["variant_id"] = changes.pop("variant")
        services.update_shop_product_image(
            shop=request.vendor_shop, image_id=id, **changes
        )
        return render_image(request, id)

    @extend_schema(
        summary="Delete an image (and its files)",
        tags=VENDOR_TAGS,
        responses={204: None, **errors(IMAGE_NOT_FOUND)},
    )
    def delete(self, request: Request, id: int) -> Response:
        services.remove_shop_product_image(shop=request.vendor_shop, image_id=id)
        return Response(status=status.HTTP_204_NO_CONTENT)
