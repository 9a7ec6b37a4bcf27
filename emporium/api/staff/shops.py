"""Staff endpoints of shops: the review queue, one shop with its history,
and the decisions (approve, which also reinstates a suspended shop; reject
and suspend, each with a reason the owner reads).

Each decision calls one `vendors.services.decisions` function and answers
the shop as staff see it; the owner's email, the page caches and the
search index follow from the `shop.status_changed` event.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from emporium.api.staff.base import (
    LIST_ERRORS,
    STAFF_TAGS,
    StaffApi,
    StaffListApi,
    errors,
)
from emporium.vendors import selectors, services
from emporium.vendors.constants import MAX_REASON_LENGTH, ShopMemberRole, ShopStatus

SHOP_NOT_FOUND = {404: "`shop_not_found`"}


class StaffShopOwnerSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()


class StaffShopSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=ShopStatus.choices)
    status_reason = serializers.CharField(allow_null=True)
    status_changed_at = serializers.DateTimeField(allow_null=True)
    owner = StaffShopOwnerSerializer(allow_null=True)
    contact_email = serializers.EmailField()
    commission_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    commission_accepted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class StaffShopEventSerializer(serializers.Serializer):
    from_status = serializers.ChoiceField(choices=ShopStatus.choices)
    to_status = serializers.ChoiceField(choices=ShopStatus.choices)
    reason = serializers.CharField()
    actor = serializers.EmailField(source="actor.email", allow_null=True)
    created_at = serializers.DateTimeField()


class StaffShopMemberSerializer(serializers.Serializer):
    email = serializers.EmailField(source="user.email")
    role = serializers.ChoiceField(choices=ShopMemberRole.choices)
    created_at = serializers.DateTimeField()


class StaffShopDetailSerializer(StaffShopSerializer):
    description = serializers.CharField()
    contact_phone = serializers.CharField()
    returns_policy = serializers.CharField()
    shipping_policy = serializers.CharField()
    social_links = serializers.DictField(child=serializers.URLField())
    logo = serializers.SerializerMethodField()
    members = StaffShopMemberSerializer(many=True, source="members.all")
    history = StaffShopEventSerializer(many=True, source="status_events.all")

    def get_logo(self, shop) -> str | None:
        return shop.logo.url if shop.logo else None


class StaffShopListParamsSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ShopStatus.choices, required=False)


class StaffShopDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why (required to reject or suspend); the owner reads it.",
    )


def render_shop(slug: str) -> Response:
    return Response(StaffShopDetailSerializer(selectors.get_staff_shop(slug=slug)).data)


class StaffShopListApi(StaffListApi):
    @extend_schema(
        summary="Every shop, oldest first, narrowed by status",
        operation_id="staff_shops_list",
        tags=STAFF_TAGS,
        parameters=[StaffShopListParamsSerializer],
        responses={200: StaffShopSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = StaffShopListParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        shops = selectors.list_staff_shops(status=params.validated_data.get("status"))
        page = self.paginate_queryset(shops)
        return self.get_paginated_response(StaffShopSerializer(page, many=True).data)


class StaffShopDetailApi(StaffApi):
    @extend_schema(
        summary="A shop in any status, with its team and status history",
        tags=STAFF_TAGS,
        responses={200: StaffShopDetailSerializer, **errors(SHOP_NOT_FOUND)},
    )
    def get(self, request: Request, slug: str) -> Response:
        return render_shop(slug)


def _decision_view(decide, summary: str, description: str, codes: dict):
    class DecisionApi(StaffApi):
        @extend_schema(
            summary=summary,
            description=description,
            tags=STAFF_TAGS,
            request=StaffShopDecisionSerializer,
            responses={
                200: StaffShopDetailSerializer,
                **errors({**SHOP_NOT_FOUND, 409: "`invalid_transition`", **codes}),
            },
        )
        def post(self, request: Request, slug: str) -> Response:
            serializer = StaffShopDecisionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            shop = selectors.get_staff_shop(slug=slug)
            decide(
                shop_id=shop.pk,
                actor=request.user,
                reason=serializer.validated_data["reason"],
            )
            return render_shop(slug)

    DecisionApi.__name__ = DecisionApi.__qualname__ = (
        f"StaffShop{decide.__name__.split('_')[0].capitalize()}Api"
    )
    return DecisionApi


REASON_CODES = {400: "`invalid`, `reason_required`"}

StaffShopApproveApi = _decision_view(
    services.approve_shop,
    "Approve a pending shop, or reinstate a suspended one",
    "Its products on sale appear at once; the owner gets an email.",
    {400: "`invalid`"},
)
StaffShopRejectApi = _decision_view(
    services.reject_shop,
    "Reject a pending application (reason required)",
    "The owner gets an email with the reason and may change the application "
    "and resubmit it.",
    REASON_CODES,
)
StaffShopSuspendApi = _decision_view(
    services.suspend_shop,
    "Suspend an approved shop (reason required)",
    "Its products leave the storefront, the public API, search and the "
    "sitemap at once; orders already placed stay visible to their buyers. "
    "The owner gets an email with the reason.",
    REASON_CODES,
)
