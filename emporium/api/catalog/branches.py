"""The public branches of a shop: GET /api/v1/shops/{slug}/branches/,
nearest first with `?near=lat,lon`.

Read only and open to anyone, like the rest of the catalog API; an unknown
or not approved shop is 404 `shop_not_found`, a malformed `near` 400
`invalid_near`.
"""

import math

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from emporium.api.catalog.views import SHOP_TAGS, errors
from emporium.core.errors import InvalidInput
from emporium.vendors.constants import WEEKDAYS
from emporium.vendors.selectors import list_visible_shop_branches

OPENING_HOURS_SCHEMA = {
    "type": "object",
    "description": "Intervals per weekday (`mon` ... `sun`), each "
    '`["HH:MM", "HH:MM"]`; a missing or empty day is closed. `24:00` closes '
    "at midnight.",
    "properties": {
        day: {
            "type": "array",
            "items": {
                "type": "array",
                "items": {"type": "string", "example": "09:00"},
                "minItems": 2,
                "maxItems": 2,
            },
        }
        for day in WEEKDAYS
    },
    "additionalProperties": False,
    "example": {"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": []},
}


@extend_schema_field(OPENING_HOURS_SCHEMA)
class OpeningHoursField(serializers.JSONField):
    """Opening hours as the service stores them (it checks the shape)."""


class BranchSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=120)
    line1 = serializers.CharField(max_length=255)
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    city = serializers.CharField(max_length=120)
    country = serializers.CharField(
        max_length=2, help_text="ISO 3166-1 alpha-2 country code, e.g. `DE`."
    )
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    opening_hours = OpeningHoursField(required=False)
    latitude = serializers.FloatField(help_text="-90 to 90 (WGS 84).")
    longitude = serializers.FloatField(help_text="-180 to 180 (WGS 84).")

    def to_representation(self, branch) -> dict:
        data = super().to_representation(branch)
        data["country"] = branch.country.code
        return data


class PublicBranchSerializer(BranchSerializer):
    distance_km = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="Great-circle distance from `near`, in km (null without `near`).",
    )

    def to_representation(self, branch) -> dict:
        data = super().to_representation(branch)
        distance = getattr(branch, "distance_km", None)
        data["distance_km"] = float(distance) if distance is not None else None
        return data


NEAR_PARAMETER = OpenApiParameter(
    "near",
    OpenApiTypes.STR,
    description="`latitude,longitude` (e.g. `52.52,13.405`): nearest branch "
    "first, each with `distance_km`.",
)


def parse_near(value: str | None) -> tuple[float, float] | None:
    """`"lat,lon"` as two floats in range, None when not given.

    Raises:
        InvalidInput: `invalid_near`, anything else.
    """
    if value is None:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        lat = lon = math.nan
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (
        -90 <= lat <= 90 and -180 <= lon <= 180
    ):
        message = "Send near as latitude,longitude, e.g. 52.52,13.405."
        raise InvalidInput(message, code="invalid_near", fields={"near": [message]})
    return lat, lon


class ShopBranchListApi(GenericAPIView):
    # Public like PublicApi: credentials are not read.
    authentication_classes = ()
    permission_classes = (AllowAny,)
    filter_backends = ()

    @extend_schema(
        summary="An approved shop's branches, nearest first with `near`",
        operation_id="shop_branches_list",
        tags=SHOP_TAGS,
        parameters=[NEAR_PARAMETER],
        responses={
            200: PublicBranchSerializer(many=True),
            **errors(
                {
                    400: "`invalid_near`",
                    404: "`shop_not_found`, `not_found` (page)",
                }
            ),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        near = parse_near(request.query_params.get("near"))
        branches = list_visible_shop_branches(slug=slug, near=near)
        page = self.paginate_queryset(branches)
        return self.get_paginated_response(PublicBranchSerializer(page, many=True).data)
