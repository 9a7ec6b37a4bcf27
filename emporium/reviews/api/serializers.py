"""Serializers of the reviews API: what a review looks like, and what a
write may send. They shape and check input; the services decide."""

from rest_framework import serializers

from emporium.reviews.constants import (
    BODY_MAX_LENGTH,
    MAX_RATING,
    MIN_RATING,
    TITLE_MAX_LENGTH,
    ReviewStatus,
)


class ReviewSerializer(serializers.Serializer):
    """A published review as anyone sees it. `title` and `body` are plain
    text: escape them wherever they are shown."""

    id = serializers.IntegerField()
    rating = serializers.IntegerField(min_value=MIN_RATING, max_value=MAX_RATING)
    title = serializers.CharField()
    body = serializers.CharField()
    author_name = serializers.CharField(
        help_text="First name and last initial; never the email."
    )
    is_verified_purchase = serializers.BooleanField(
        help_text="The author bought the product (from the shop) in a paid order."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class OwnReviewSerializer(ReviewSerializer):
    """The author's own review: also its status and what it is about."""

    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    product = serializers.SlugField(
        source="product.slug", allow_null=True, help_text="The product reviewed."
    )
    shop = serializers.SlugField(
        source="shop.slug", allow_null=True, help_text="The shop reviewed."
    )


class StaffReviewSerializer(OwnReviewSerializer):
    author_email = serializers.EmailField(source="author.email", allow_null=True)


class ReviewWriteSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=MIN_RATING, max_value=MAX_RATING)
    title = serializers.CharField(
        max_length=TITLE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    body = serializers.CharField(
        max_length=BODY_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="Plain text; HTML is kept as text, never rendered.",
    )


class ReviewUpdateSerializer(serializers.Serializer):
    """A partial change: what is left out stays as it was."""

    rating = serializers.IntegerField(
        min_value=MIN_RATING, max_value=MAX_RATING, required=False
    )
    title = serializers.CharField(
        max_length=TITLE_MAX_LENGTH, required=False, allow_blank=True
    )
    body = serializers.CharField(
        max_length=BODY_MAX_LENGTH,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
    )


class ModerationSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text="Kept in the review's moderation history.",
    )


class StaffReviewListParamsSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ReviewStatus.choices, required=False, allow_blank=True, default=""
    )
