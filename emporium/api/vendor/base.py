"""What every vendor endpoint shares: the permission, the shop parameter,
tags and error specs. Every queryset a vendor view reads is filtered by
`request.vendor_shop`, so another shop's object is a 404."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from emporium.api.vendor.permissions import SHOP_HEADER, IsShopMember
from emporium.core.api.serializers import ErrorSerializer

VENDOR_TAGS = ["vendor"]

SHOP_PARAMETER = OpenApiParameter(
    "shop",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description=(
        "Slug of the shop to work on, for people who run several "
        f"(or the `{SHOP_HEADER}` header). Default: the user's only shop."
    ),
)

VENDOR_ONLY = {
    400: "`shop_required`",
    401: "`not_authenticated`, `token_not_valid`",
    403: "`not_a_vendor`, `permission_denied`",
    404: "`shop_not_found`",
}

# A page past the last one answers 404 `not_found` (the project pagination).
LIST_ERRORS = {400: "`invalid`", 404: "`not_found`"}


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for an operation's error statuses and their codes;
    the vendor refusals (400, 401, 403, 404 of the shop) are always added."""
    merged = dict(VENDOR_ONLY)
    for status, codes in spec.items():
        merged[status] = f"{merged[status]}, {codes}" if status in merged else codes
    return {
        status: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for status, codes in sorted(merged.items())
    }


@extend_schema(parameters=[SHOP_PARAMETER])
class VendorApi(APIView):
    # The signed-in vendor's shop only; a comment, not a docstring, which
    # the schema would show as every subclass's description.
    permission_classes = (IsShopMember,)


@extend_schema(parameters=[SHOP_PARAMETER])
class VendorListApi(GenericAPIView):
    # A paginated list (`?page=&page_size=`), the vendor's shop only.
    permission_classes = (IsShopMember,)
    filter_backends = ()
