"""REST endpoints of the catalog (/api/v1/): categories, products, search
suggestions and shops. Read only and open to anyone.

Each handler validates its query parameters with a serializer, calls the
search backend or one selector and renders. `DomainError`s (unknown slugs)
are left to the API exception handler, which answers `{"code", "detail",
"fields"}`.
"""

from dataclasses import asdict
from math import ceil

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from emporium.api.catalog import selectors
from emporium.api.catalog import serializers as s
from emporium.core.api.serializers import ErrorSerializer
from emporium.search.backends import get_backend
from emporium.search.services import log_search
from emporium.search.types import SearchQuery
from emporium.vendors.selectors import get_visible_shop, list_visible_shops

CATALOG_TAGS = ["catalog"]
SHOP_TAGS = ["shops"]


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


INVALID = {400: "`invalid`"}


class PublicApi(APIView):
    # Anyone may read the catalog, and the answer is the same for everyone:
    # credentials are not read at all, so an expired or invalid token (or a
    # session) never turns a public read into a 401. No view here needs the
    # user; one that does will want a lenient authentication instead.
    # (A comment, not a docstring: the schema would show it as every
    # subclass's description.)
    authentication_classes = ()
    permission_classes = (AllowAny,)


# --- Categories ---------------------------------------------------------------


class CategoryTreeApi(PublicApi):
    @extend_schema(
        summary="The active category tree",
        tags=CATALOG_TAGS,
        # No parameter to refuse; content negotiation is the only failure.
        responses={
            200: s.CategoryTreeSerializer(many=True),
            **errors({406: "`not_acceptable`"}),
        },
    )
    def get(self, request: Request) -> Response:
        tree = selectors.list_category_tree()
        return Response(s.CategoryTreeSerializer(tree, many=True).data)


class CategoryDetailApi(PublicApi):
    @extend_schema(
        summary="An active category with its breadcrumb and children",
        tags=CATALOG_TAGS,
        responses={
            200: s.CategoryDetailSerializer,
            **errors({404: "`category_not_found`"}),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        detail = selectors.get_category_detail(slug=slug)
        return Response(s.CategoryDetailSerializer(detail).data)


# --- Products -----------------------------------------------------------------

ATTRIBUTE_PARAMETER = OpenApiParameter(
    "attr_<code>",
    OpenApiTypes.STR,
    description="Filter by an attribute value slug, e.g. `attr_colour=red`; "
    "repeat to match any of several values.",
)


def page_link(request: Request, page: int, last_page: int) -> str | None:
    if page < 1 or page > last_page:
        return None
    url = request.build_absolute_uri()
    if page == 1:
        return remove_query_param(url, "page")
    return replace_query_param(url, "page", page)


class ProductListApi(PublicApi):
    @extend_schema(
        summary="Search and filter visible products, with facets",
        operation_id="products_list",
        tags=CATALOG_TAGS,
        parameters=[s.ProductListParamsSerializer, ATTRIBUTE_PARAMETER],
        responses={200: s.ProductPageSerializer, **errors(INVALID)},
    )
    def get(self, request: Request) -> Response:
        params = s.ProductListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        query = SearchQuery(
            text=data.pop("q", ""),
            attributes=s.attribute_filters(request.query_params),
            **data,
        )
        found = get_backend().search(query)
        if query.text:
            log_search(query=query, result_count=found.total)
        last_page = max(ceil(found.total / query.limit), 1)
        page = {
            "count": found.total,
            "next": page_link(request, query.page + 1, last_page),
            "previous": page_link(request, query.page - 1, last_page),
            "results": selectors.list_product_cards_by_ids(found.product_ids),
            "facets": asdict(found.facets),
        }
        return Response(s.ProductPageSerializer(page).data)


class ProductDetailApi(PublicApi):
    @extend_schema(
        summary="A visible product with its variants, offers and images",
        description="Each variant's offers are listed best first: in stock, "
        "then the lowest price.",
        tags=CATALOG_TAGS,
        responses={
            200: s.ProductDetailSerializer,
            **errors({404: "`product_not_found`"}),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        detail = selectors.get_product_detail(slug=slug)
        return Response(s.ProductDetailSerializer(detail).data)


class SearchSuggestApi(PublicApi):
    @extend_schema(
        summary="Autocomplete suggestions for a search prefix",
        tags=CATALOG_TAGS,
        parameters=[s.SuggestParamsSerializer],
        responses={200: s.SuggestionsSerializer, **errors(INVALID)},
    )
    def get(self, request: Request) -> Response:
        params = s.SuggestParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        prefix = params.validated_data["q"].strip()
        suggestions = get_backend().suggest(prefix) if prefix else []
        return Response({"suggestions": suggestions})


# --- Shops --------------------------------------------------------------------


class ShopListApi(ListAPIView):
    # A list view (pagination), public like PublicApi: credentials unread.
    authentication_classes = ()
    permission_classes = (AllowAny,)
    serializer_class = s.ShopSerializer

    def get_queryset(self):
        return list_visible_shops()

    @extend_schema(
        summary="Approved shops",
        tags=SHOP_TAGS,
        responses={200: s.ShopSerializer(many=True), **errors({404: "`not_found`"})},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ShopDetailApi(PublicApi):
    @extend_schema(
        summary="An approved shop",
        tags=SHOP_TAGS,
        responses={200: s.ShopSerializer, **errors({404: "`shop_not_found`"})},
    )
    def get(self, request: Request, slug: str) -> Response:
        return Response(s.ShopSerializer(get_visible_shop(slug=slug)).data)
