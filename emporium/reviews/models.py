"""Reviews of products and shops, their moderation history, and the rating
summaries pages read instead of counting reviews.

A review is of exactly one subject: a product or a shop. Its text is plain
text, stored as written and escaped wherever it is shown. Status changes
only through `reviews.states`; summaries only through `reviews.services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from emporium.reviews.constants import (
    BODY_MAX_LENGTH,
    MAX_RATING,
    MIN_RATING,
    TITLE_MAX_LENGTH,
    ReviewStatus,
    ReviewSubject,
)


class ReviewQuerySet(models.QuerySet):
    def published(self) -> "ReviewQuerySet":
        return self.filter(status=ReviewStatus.PUBLISHED)


class Review(models.Model):
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    shop = models.ForeignKey(
        "vendors.Shop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    # A deleted account leaves its reviews (and the summaries) as they were.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True)
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    is_verified_purchase = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["product", "status", "-created_at"],
                name="review_product_list_idx",
            ),
            models.Index(
                fields=["shop", "status", "-created_at"], name="review_shop_list_idx"
            ),
            models.Index(fields=["status", "-created_at"], name="review_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=MIN_RATING) & Q(rating__lte=MAX_RATING),
                name="review_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False, shop__isnull=True)
                | Q(product__isnull=True, shop__isnull=False),
                name="review_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="review_status_valid"
            ),
            models.UniqueConstraint(
                fields=["author", "product"],
                condition=Q(product__isnull=False),
                name="review_one_per_author_product",
            ),
            models.UniqueConstraint(
                fields=["author", "shop"],
                condition=Q(shop__isnull=False),
                name="review_one_per_author_shop",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 on {self.subject} {self.subject_id}"

    @property
    def subject(self) -> ReviewSubject:
        return ReviewSubject.PRODUCT if self.product_id else ReviewSubject.SHOP

    @property
    def subject_id(self) -> int:
        return self.product_id or self.shop_id

    @property
    def author_name(self) -> str:
        """How the author is shown: first name and last initial, never the
        email ("Ada L."); "A customer" without a name or account."""
        author = self.author
        if author is None or not author.first_name:
            return "A customer"
        initial = f" {author.last_name[:1]}." if author.last_name else ""
        return f"{author.first_name}{initial}"

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class ReviewStatusEvent(models.Model):
    """One moderation step of a review: who, from, to, why and when."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="status_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=16, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReviewStatus.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.from_status} → {self.to_status}"


class RatingSummary(models.Model):
    """Published reviews of one subject, counted: kept exact by the services
    in the transaction of every change, so pages read one row."""

    review_count = models.PositiveIntegerField(default=0)
    # The mean rating, rounded half up to one decimal; null without reviews.
    average = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    stars_1 = models.PositiveIntegerField(default=0)
    stars_2 = models.PositiveIntegerField(default=0)
    stars_3 = models.PositiveIntegerField(default=0)
    stars_4 = models.PositiveIntegerField(default=0)
    stars_5 = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def distribution(self) -> dict[int, int]:
        """Published reviews by rating: {5: n, 4: n, ..., 1: n}."""
        return {stars: getattr(self, f"stars_{stars}") for stars in range(5, 0, -1)}


class ProductRating(RatingSummary):
    product = models.OneToOneField(
        "catalog.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
    )

    def __str__(self) -> str:
        return f"product {self.product_id}: {self.average} ({self.review_count})"


class ShopRating(RatingSummary):
    shop = models.OneToOneField(
        "vendors.Shop",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
    )

    def __str__(self) -> str:
        return f"shop {self.shop_id}: {self.average} ({self.review_count})"
