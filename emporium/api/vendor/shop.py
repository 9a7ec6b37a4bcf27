"""Vendor endpoints of the shop itself: applications (any signed-in user),
the profile, the team and branches (the vendor's shop only).

Each handler validates with a serializer, calls one vendors service or
selector and renders. Another shop's invitation, member or branch is 404,
like one that does not exist; owner-only actions are 403 for staff.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.api.catalog.branches import BranchSerializer
from emporium.api.staff.base import errors as signed_in_errors
from emporium.api.vendor import shop_serializers as s
from emporium.api.vendor.base import (
    LIST_ERRORS,
    VENDOR_TAGS,
    VendorApi,
    VendorListApi,
    errors,
)
from emporium.api.vendor.permissions import IsShopMember, IsShopOwner
from emporium.core.api.parsers import JSONParser
from emporium.vendors import selectors, services
from emporium.vendors.models import Shop

INVALID = "`invalid`"
UPLOAD_PARSERS = (JSONParser, MultiPartParser, FormParser)
OWNER_ONLY = {403: "`permission_denied` (staff of the shop, not an owner)"}


def application_errors(spec: dict[int, str]) -> dict:
    # Signed in, no shop needed: 401 and 403 as the staff API words them.
    return signed_in_errors(spec)


# --- Applications ---------------------------------------------------------------


class ShopApplicationListApi(GenericAPIView):
    # Any signed-in user (applying is how one becomes a vendor): no shop
    # parameter, unlike VendorListApi.
    permission_classes = (IsAuthenticated,)
    filter_backends = ()
    parser_classes = UPLOAD_PARSERS
    serializer_class = s.ShopApplicationSerializer  # describes POST for OPTIONS

    @extend_schema(
        summary="The shops the caller owns, with their status",
        operation_id="vendor_shop_applications_list",
        tags=VENDOR_TAGS,
        responses={
            200: s.ShopApplicationStatusSerializer(many=True),
            **application_errors(LIST_ERRORS),
        },
    )
    def get(self, request: Request) -> Response:
        shops = selectors.list_shop_applications(user=request.user)
        page = self.paginate_queryset(shops)
        return self.get_paginated_response(
            s.ShopApplicationStatusSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Apply to open a shop",
        description="The caller (with a verified email) becomes the owner of a "
        "`pending` shop at the platform's commission rate, which "
        "`accept_commission` must accept. One pending application at a time. "
        "Send multipart/form-data to include a logo.",
        tags=VENDOR_TAGS,
        request={
            "application/json": s.ShopApplicationSerializer,
            "multipart/form-data": s.ShopApplicationSerializer,
        },
        responses={
            201: s.ShopApplicationStatusSerializer,
            **application_errors(
                {
                    400: f"{INVALID}, `commission_not_accepted`, `invalid_logo`, "
                    "`invalid_shop_profile`, `shop_name_taken`",
                    403: "`permission_denied`, `email_not_verified`",
                    409: "`application_pending`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.ShopApplicationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        accepts = data.pop("accept_commission")
        shop = services.apply_for_shop(
            user=request.user,
            profile=services.ShopProfile(**data),
            accepts_commission=accepts,
        )
        return _render_application(request, shop, status.HTTP_201_CREATED)


def _render_application(request: Request, shop: Shop, http_status: int = 200):
    shop = selectors.get_shop_application(user=request.user, slug=shop.slug)
    return Response(s.ShopApplicationStatusSerializer(shop).data, status=http_status)


class ShopApplicationResubmitApi(APIView):
    permission_classes = (IsAuthenticated,)
    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        summary="Change a rejected application and send it again",
        description="Only the owner of a `rejected` shop; it becomes `pending`. "
        "Fields not sent stay as they are; `accept_commission` must be true.",
        tags=VENDOR_TAGS,
        request={
            "application/json": s.ShopResubmitSerializer,
            "multipart/form-data": s.ShopResubmitSerializer,
        },
        responses={
            200: s.ShopApplicationStatusSerializer,
            **application_errors(
                {
                    400: f"{INVALID}, `commission_not_accepted`, `invalid_logo`, "
                    "`invalid_shop_profile`",
                    403: "`permission_denied`, `email_not_verified`",
                    404: "`shop_not_found`",
                    409: "`invalid_transition`, `application_pending`",
                }
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        shop = selectors.get_shop_application(user=request.user, slug=slug)
        serializer = s.ShopResubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        accepts = data.pop("accept_commission")
        shop = services.resubmit_shop_application(
            shop_id=shop.pk,
            user=request.user,
            profile=services.ShopProfile(**data),
            accepts_commission=accepts,
        )
        return _render_application(request, shop)


# --- Profile --------------------------------------------------------------------


class VendorShopApi(VendorApi):
    parser_classes = UPLOAD_PARSERS

    def get_permissions(self):
        owner_only = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return [IsShopOwner() if owner_only else IsShopMember()]

    @extend_schema(
        summary="The vendor's shop profile",
        tags=VENDOR_TAGS,
        responses={200: s.VendorShopSerializer, **errors({})},
    )
    def get(self, request: Request) -> Response:
        return Response(s.VendorShopSerializer(request.vendor_shop).data)

    @extend_schema(
        summary="Change the shop profile (the fields sent; owners only)",
        description="The name can change only before approval (`is_name_editable`). "
        "Send multipart/form-data to upload a logo; `logo: null` removes it.",
        tags=VENDOR_TAGS,
        request={
            "application/json": s.VendorShopUpdateSerializer,
            "multipart/form-data": s.VendorShopUpdateSerializer,
        },
        responses={
            200: s.VendorShopSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_shop_profile`, `invalid_logo`",
                    **OWNER_ONLY,
                    409: "`shop_name_locked`",
                }
            ),
        },
    )
    def patch(self, request: Request) -> Response:
        serializer = s.VendorShopUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        shop = services.update_shop_profile(
            shop_id=request.vendor_shop.pk,
            profile=services.ShopProfile(**serializer.profile_changes()),
        )
        return Response(s.VendorShopSerializer(shop).data)


# --- Team -----------------------------------------------------------------------


class TeamApi(VendorApi):
    @extend_schema(
        summary="The shop's members and open invitations",
        tags=VENDOR_TAGS,
        responses={200: s.TeamSerializer, **errors({})},
    )
    def get(self, request: Request) -> Response:
        shop = request.vendor_shop
        team = {
            "members": selectors.list_shop_members(shop=shop),
            "invitations": selectors.list_open_invitations(shop=shop),
        }
        return Response(s.TeamSerializer(team).data)


class InvitationListApi(VendorApi):
    permission_classes = (IsShopOwner,)

    @extend_schema(
        summary="Invite someone by email to join as staff (owners only)",
        description="The invitee gets an email with a link, valid 7 days, to "
        "open signed in with that address. Inviting an address again replaces "
        "its open invitation (the earlier link stops working).",
        tags=VENDOR_TAGS,
        request=s.InvitationCreateSerializer,
        responses={
            201: s.InvitationSerializer,
            **errors(
                {
                    400: f"{INVALID}, `invalid_shop_profile`",
                    **OWNER_ONLY,
                    409: "`already_member`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.InvitationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invite_shop_staff(
            shop_id=request.vendor_shop.pk,
            email=serializer.validated_data["email"],
            invited_by=request.user,
        )
        return Response(s.InvitationSerializer(invitation).data, status=201)


class InvitationDetailApi(VendorApi):
    permission_classes = (IsShopOwner,)

    @extend_schema(
        summary="Withdraw an invitation (owners only)",
        tags=VENDOR_TAGS,
        responses={
            204: None,
            **errors(
                {
                    **OWNER_ONLY,
                    404: "`invitation_not_found`",
                    409: "`invitation_used`",
                }
            ),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.revoke_shop_invitation(
            shop_id=request.vendor_shop.pk, invitation_id=id, actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberDetailApi(VendorApi):
    permission_classes = (IsShopOwner,)

    @extend_schema(
        summary="Remove someone from the team (owners only)",
        description="Never the shop's last owner.",
        tags=VENDOR_TAGS,
        responses={
            204: None,
            **errors({**OWNER_ONLY, 404: "`member_not_found`", 409: "`last_owner`"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.remove_shop_member(
            shop_id=request.vendor_shop.pk, member_id=id, actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Branches -------------------------------------------------------------------

BRANCH_INVALID = {400: f"{INVALID}, `invalid_branch`"}
BRANCH_NOT_FOUND = {404: "`branch_not_found`"}


class BranchListApi(VendorListApi):
    serializer_class = BranchSerializer  # describes POST for OPTIONS

    def get_queryset(self) -> QuerySet:
        return selectors.list_shop_branches(shop=self.request.vendor_shop)

    @extend_schema(
        summary="The shop's branches",
        operation_id="vendor_branches_list",
        tags=VENDOR_TAGS,
        responses={200: BranchSerializer(many=True), **errors(LIST_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(BranchSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a branch",
        tags=VENDOR_TAGS,
        request=BranchSerializer,
        responses={
            201: BranchSerializer,
            **errors({**BRANCH_INVALID, 409: "`branch_limit_reached`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = BranchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        branch = services.create_branch(
            shop_id=request.vendor_shop.pk,
            data=services.BranchData(**serializer.validated_data),
        )
        return Response(BranchSerializer(branch).data, status=201)


class BranchDetailApi(VendorApi):
    @extend_schema(
        summary="One of the shop's branches",
        tags=VENDOR_TAGS,
        responses={200: BranchSerializer, **errors(BRANCH_NOT_FOUND)},
    )
    def get(self, request: Request, id: int) -> Response:
        branch = selectors.get_shop_branch(shop=request.vendor_shop, branch_id=id)
        return Response(BranchSerializer(branch).data)

    @extend_schema(
        summary="Change a branch (the fields sent)",
        tags=VENDOR_TAGS,
        request=BranchSerializer,
        responses={
            200: BranchSerializer,
            **errors({**BRANCH_INVALID, **BRANCH_NOT_FOUND}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = BranchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        branch = services.update_branch(
            shop_id=request.vendor_shop.pk,
            branch_id=id,
            changes=dict(serializer.validated_data),
        )
        return Response(BranchSerializer(branch).data)

    @extend_schema(
        summary="Remove a branch",
        tags=VENDOR_TAGS,
        responses={204: None, **errors(BRANCH_NOT_FOUND)},
    )
    def delete(self, request: Request, id: int) -> Response:
        services.delete_branch(shop_id=request.vendor_shop.pk, branch_id=id)
        return Response(status=status.HTTP_204_NO_CONTENT)
