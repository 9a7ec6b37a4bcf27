"""Staff endpoints of the catalog: products, their attributes and variants,
and offers. Products are addressed by id (slugs are public and may change).

Each handler validates with a serializer, calls one catalog service, then
renders the row as the staff selectors read it. `DomainError`s are left to
the API exception handler, which answers `{"code", "detail", "fields"}`.
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
from emporium.catalog import services
from emporium.catalog.services import AttributeInput

INVALID = "`invalid`"
PRODUCT_NOT_FOUND = {404: "`product_not_found`"}


def render_product(product_id: int, *, http_status: int = 200) -> Response:
    product = selectors.get_product(product_id=product_id)
    return Response(s.StaffProductDetailSerializer(product).data, status=http_status)


# --- Products -------------------------------------------------------------------


class ProductListApi(StaffListApi):
    serializer_class = s.StaffProductWriteSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="Every product, drafts and archived ones included",
        operation_id="staff_products_list",
        tags=STAFF_TAGS,
        parameters=[s.StaffProductListParamsSerializer],
        responses={200: s.StaffProductSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = s.StaffProductListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        products = selectors.list_products(
            status=data.get("status", ""),
            shop=data.get("shop"),
            category=data.get("category"),
            text=data.get("q", "").strip(),
        )
        page = self.paginate_queryset(products)
        return self.get_paginated_response(
            s.StaffProductSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Create a product (with its default variant)",
        tags=STAFF_TAGS,
        request=s.StaffProductWriteSerializer,
        responses={
            201: s.StaffProductDetailSerializer,
            **errors({400: INVALID, 409: "`slug_taken`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.StaffProductWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = services.create_product(**serializer.validated_data)
        return render_product(product.pk, http_status=status.HTTP_201_CREATED)


class ProductDetailApi(StaffApi):
    @extend_schema(
        summary="A product in any status, with attributes, variants and offers",
        tags=STAFF_TAGS,
        responses={200: s.StaffProductDetailSerializer, **errors(PRODUCT_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        return render_product(id)

    @extend_schema(
        summary="Change a product's fields (those sent)",
        description="Setting `status` to `archived` takes it off sale, like DELETE.",
        tags=STAFF_TAGS,
        request=s.StaffProductUpdateSerializer,
        responses={
            200: s.StaffProductDetailSerializer,
            **errors({400: INVALID, **PRODUCT_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.StaffProductUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_product(product_id=id, **serializer.validated_data)
        return render_product(id)

    @extend_schema(
        summary="Archive a product (never deletes it)",
        description="The product leaves the storefront, the public API and "
        "search; its data stays for the orders that refer to it. Answers the "
        "archived product.",
        tags=STAFF_TAGS,
        responses={200: s.StaffProductDetailSerializer, **errors(PRODUCT_NOT_FOUND)},
    )
    def delete(self, request: Request, id: int) -> Response:
        services.archive_product(product_id=id)
        return render_product(id)


class ProductAttributesApi(StaffApi):
    @extend_schema(
        summary="Replace a product's attribute values",
        description="Values not sent are removed. A choice attribute takes a "
        "choice's value or slug, or a list of them.",
        tags=STAFF_TAGS,
        request=s.StaffAttributesSerializer,
        responses={
            200: s.StaffProductDetailSerializer,
            **errors(
                {400: f"{INVALID}, `invalid_attribute_value`", **PRODUCT_NOT_FOUND}
            ),
        },
    )
    def put(self, request: Request, id: int) -> Response:
        serializer = s.StaffAttributesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = [
            AttributeInput(code=item["code"], value=item["value"])
            for item in serializer.validated_data["attributes"]
        ]
        services.set_product_attributes(product_id=id, values=values)
        return render_product(id)


# --- Variants -------------------------------------------------------------------


class ProductVariantsApi(StaffApi):
    @extend_schema(
        summary="Add a variant to a product",
        description="Without a `name` it is made from the option values.",
        tags=STAFF_TAGS,
        request=s.StaffVariantCreateSerializer,
        responses={
            201: s.StaffVariantSerializer,
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
        serializer = s.StaffVariantCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        variant = services.create_variant(product_id=id, **serializer.validated_data)
        variant = selectors.get_variant(variant_id=variant.pk)
        return Response(s.StaffVariantSerializer(variant).data, status=201)


class VariantDetailApi(StaffApi):
    @extend_schema(
        summary="A variant with its options and offers",
        tags=STAFF_TAGS,
        responses={
            200: s.StaffVariantSerializer,
            **errors({404: "`variant_not_found`"}),
        },
    )
    def get(self, request: Request, id: int) -> Response:
        variant = selectors.get_variant(variant_id=id)
        return Response(s.StaffVariantSerializer(variant).data)

    @extend_schema(
        summary="Change a variant's fields (those sent)",
        tags=STAFF_TAGS,
        request=s.StaffVariantPatchSerializer,
        responses={
            200: s.StaffVariantSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_variant`",
                    404: "`variant_not_found`",
                    409: "`last_active_variant`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.StaffVariantPatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_variant(variant_id=id, **serializer.validated_data)
        variant = selectors.get_variant(variant_id=id)
        return Response(s.StaffVariantSerializer(variant).data)

    @extend_schema(
        summary="Archive a variant",
        description="Its offers stop being visible (pages, API, search, carts); "
        "orders keep it. Restore with PATCH `is_active: true`. The product's "
        "last active variant cannot be archived: archive the product.",
        tags=STAFF_TAGS,
        responses={
            200: s.StaffVariantSerializer,
            **errors({404: "`variant_not_found`", 409: "`last_active_variant`"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.archive_variant(variant_id=id)
        variant = selectors.get_variant(variant_id=id)
        return Response(s.StaffVariantSerializer(variant).data)


# --- Offers ---------------------------------------------------------------------

OFFER_INVALID = (
    f"{INVALID}, `invalid_price`, `invalid_currency`, `product_not_open_to_shop`"
)


class OfferListApi(StaffApi):
    @extend_schema(
        summary="List a variant for sale by a shop",
        description='Amounts are decimal strings ("19.99") in `currency`; JSON '
        "numbers are refused.",
        tags=STAFF_TAGS,
        request=s.StaffOfferCreateSerializer,
        responses={
            201: s.StaffOfferSerializer,
            **errors({400: OFFER_INVALID, 409: "`duplicate_sku`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.StaffOfferCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        offer = services.create_offer(**serializer.validated_data)
        offer = selectors.get_offer(offer_id=offer.pk)
        return Response(s.StaffOfferSerializer(offer).data, status=201)


class OfferDetailApi(StaffApi):
    @extend_schema(
        summary="An offer, active or not",
        tags=STAFF_TAGS,
        responses={200: s.StaffOfferSerializer, **errors({404: "`offer_not_found`"})},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(s.StaffOfferSerializer(selectors.get_offer(offer_id=id)).data)

    @extend_schema(
        summary="Change an offer's price, compare-at price, SKU or activation",
        description="Amounts are decimal strings in the offer's currency; "
        "`compare_at_price: null` removes it.",
        tags=STAFF_TAGS,
        request=s.StaffOfferUpdateSerializer,
        responses={
            200: s.StaffOfferSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_price`",
                    404: "`offer_not_found`",
                    409: "`duplicate_sku`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        offer = selectors.get_offer(offer_id=id)
        serializer = s.StaffOfferUpdateSerializer(
            data=request.data, partial=True, context={"currency": offer.currency}
        )
        serializer.is_valid(raise_exception=True)
        services.update_offer(offer_id=id, **serializer.validated_data)
        return Response(s.StaffOfferSerializer(selectors.get_offer(offer_id=id)).data)
