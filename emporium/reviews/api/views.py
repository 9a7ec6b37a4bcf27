"""REST endpoints of reviews (/api/v1/): the published reviews of a product
or shop, writing one's own, and staff moderation.

Anyone may read published reviews; writing needs a signed-in user (401
otherwise). A review is the author's alone: another user's review answers
404 `review_not_found`, like one that does not exist. Moderation is for
staff (403 for others). Each handler validates with a serializer and calls
one service or selector; `DomainError`s are rendered by the API exception
handler as `{"code", "detail", "fields"}`.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from emporium.core.api.serializers import ErrorSerializer
from emporium.reviews import selectors, services
from emporium.reviews.api import serializers as s
from emporium.reviews.api.permissions import IsStaff
from emporium.reviews.models import Review

REVIEW_TAGS = ["reviews"]
STAFF_TAGS = ["staff"]


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in sorted(spec.items())
    }


AUTH = {401: "`not_authenticated`, `token_not_valid`"}
WRITE = {**AUTH, 403: "`permission_denied` (session without CSRF token)"}
INVALID = {400: "`invalid`, `invalid_review`"}
PAGE = {404: "`not_found` (a page past the last)"}
STAFF_ONLY = {**AUTH, 403: "`permission_denied` (not staff)"}
CREATE_DESCRIPTION = (
    "One review per author and subject: a second answers 409 `review_exists` "
    "(edit the first with `PATCH /api/v1/reviews/{id}/`). Published at once "
    "or after moderation (`status`), as the shop is configured; "
    "`is_verified_purchase` when the author bought it in a paid order."
)


class SubjectReviewsApi(GenericAPIView):
    # Published reviews of one product or shop (GET, anyone), and the signed-in
    # user's new review of it (POST). A comment, not a docstring: the schema
    # would show it as every subclass's description.
    permission_classes = (IsAuthenticatedOrReadOnly,)
    serializer_class = s.ReviewSerializer
    filter_backends = ()
    subject = ""  # "product" or "shop"

    def subject_id(self, slug: str) -> int:
        if self.subject == "product":
            return selectors.get_reviewable_product(slug=slug).pk
        return selectors.get_reviewable_shop(slug=slug).pk

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Review.objects.none()
        subject_id = self.subject_id(self.kwargs["slug"])
        if self.subject == "product":
            return selectors.list_product_reviews(product_id=subject_id)
        return selectors.list_shop_reviews(shop_id=subject_id)

    def list_reviews(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.ReviewSerializer(page, many=True).data)

    def create_review(self, request: Request, slug: str) -> Response:
        serializer = s.ReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.create_review(
            author=request.user,
            **{f"{self.subject}_id": self.subject_id(slug)},
            **serializer.validated_data,
        )
        data = s.OwnReviewSerializer(review).data
        return Response(data, status=status.HTTP_201_CREATED)


class ProductReviewsApi(SubjectReviewsApi):
    subject = "product"

    @extend_schema(
        summary="Published reviews of a product, newest first",
        tags=REVIEW_TAGS,
        responses={
            200: s.ReviewSerializer(many=True),
            **errors({**AUTH, **PAGE, 404: "`product_not_found`, `not_found`"}),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        return self.list_reviews(request)

    @extend_schema(
        summary="Review a product",
        description=CREATE_DESCRIPTION,
        tags=REVIEW_TAGS,
        request=s.ReviewWriteSerializer,
        responses={
            201: s.OwnReviewSerializer,
            **errors(
                {
                    **INVALID,
                    **WRITE,
                    404: "`product_not_found`",
                    409: "`review_exists`",
                }
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        return self.create_review(request, slug)


class ShopReviewsApi(SubjectReviewsApi):
    subject = "shop"

    @extend_schema(
        summary="Published reviews of a shop, newest first",
        tags=REVIEW_TAGS,
        responses={
            200: s.ReviewSerializer(many=True),
            **errors({**AUTH, 404: "`shop_not_found`, `not_found`"}),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        return self.list_reviews(request)

    @extend_schema(
        summary="Review a shop",
        description=CREATE_DESCRIPTION.replace("bought it", "bought from it"),
        tags=REVIEW_TAGS,
        request=s.ReviewWriteSerializer,
        responses={
            201: s.OwnReviewSerializer,
            **errors(
                {**INVALID, **WRITE, 404: "`shop_not_found`", 409: "`review_exists`"}
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        return self.create_review(request, slug)


NOT_YOURS = {404: "`review_not_found` (also for another user's review)"}


class ReviewDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="One of your reviews, whatever its status",
        tags=REVIEW_TAGS,
        responses={200: s.OwnReviewSerializer, **errors({**AUTH, **NOT_YOURS})},
    )
    def get(self, request: Request, id: int) -> Response:
        review = selectors.get_own_review(review_id=id, author=request.user)
        return Response(s.OwnReviewSerializer(review).data)

    @extend_schema(
        summary="Change your review",
        description="Send only what changes. The purchase badge is checked "
        "again; a hidden review stays hidden, and when reviews are moderated "
        "first a published one waits for moderation again.",
        tags=REVIEW_TAGS,
        request=s.ReviewUpdateSerializer,
        responses={
            200: s.OwnReviewSerializer,
            **errors({**INVALID, **WRITE, **NOT_YOURS}),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.ReviewUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.update_review(
            review_id=id, author=request.user, **serializer.validated_data
        )
        review = selectors.get_own_review(review_id=id, author=request.user)
        return Response(s.OwnReviewSerializer(review).data)

    @extend_schema(
        summary="Delete your review",
        tags=REVIEW_TAGS,
        responses={204: None, **errors({**WRITE, **NOT_YOURS})},
    )
    def delete(self, request: Request, id: int) -> Response:
        services.delete_review(review_id=id, author=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Staff moderation ---------------------------------------------------------


class StaffReviewListApi(GenericAPIView):
    permission_classes = (IsStaff,)
    serializer_class = s.StaffReviewSerializer
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Review.objects.none()
        params = s.StaffReviewListParamsSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.list_reviews_for_staff(status=params.validated_data["status"])

    @extend_schema(
        summary="Every review, newest first (the moderation queue: ?status=pending)",
        tags=STAFF_TAGS,
        parameters=[s.StaffReviewListParamsSerializer],
        responses={
            200: s.StaffReviewSerializer(many=True),
            **errors({400: "`invalid`", **STAFF_ONLY, **PAGE}),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        data = s.StaffReviewSerializer(page, many=True).data
        return self.get_paginated_response(data)


MODERATION_ERRORS = {
    400: "`invalid`",
    **STAFF_ONLY,
    404: "`review_not_found`",
    409: "`invalid_transition` (already in that status)",
}


class StaffReviewHideApi(APIView):
    permission_classes = (IsStaff,)

    @extend_schema(
        summary="Hide a review: off every page and out of the ratings",
        tags=STAFF_TAGS,
        request=s.ModerationSerializer,
        responses={200: s.StaffReviewSerializer, **errors(MODERATION_ERRORS)},
    )
    def post(self, request: Request, id: int) -> Response:
        serializer = s.ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.hide_review(
            review_id=id, actor=request.user, **serializer.validated_data
        )
        return Response(s.StaffReviewSerializer(review).data)


class StaffReviewPublishApi(APIView):
    permission_classes = (IsStaff,)

    @extend_schema(
        summary="Publish a pending review, or show a hidden one again",
        tags=STAFF_TAGS,
        request=s.ModerationSerializer,
        responses={200: s.StaffReviewSerializer, **errors(MODERATION_ERRORS)},
    )
    def post(self, request: Request, id: int) -> Response:
        serializer = s.ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.publish_review(
            review_id=id, actor=request.user, **serializer.validated_data
        )
        return Response(s.StaffReviewSerializer(review).data)
