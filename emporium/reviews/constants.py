"""Review statuses, events, limits."""

from django.db import models


class ReviewStatus(models.TextChoices):
    # Waiting for staff when new reviews are moderated before they show
    # (REVIEWS_PUBLISH_IMMEDIATELY=false).
    PENDING = "pending", "Awaiting moderation"
    PUBLISHED = "published", "Published"
    HIDDEN = "hidden", "Hidden"


class ReviewSubject(models.TextChoices):
    PRODUCT = "product", "Product"
    SHOP = "shop", "Shop"


MIN_RATING = 1
MAX_RATING = 5
RATINGS = tuple(range(MIN_RATING, MAX_RATING + 1))
TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 5000
# Reviews per page on product and shop pages (and their list pages).
PAGE_SIZE = 10

# Events, payload {"review_id", "product_id", "shop_id", "rating", "status"}.
REVIEW_SUBMITTED = "review.submitted"  # new, waiting for moderation
REVIEW_PUBLISHED = "review.published"  # new and published, or re-published
REVIEW_UPDATED = "review.updated"  # the author edited it, or its badge changed
REVIEW_HIDDEN = "review.hidden"
REVIEW_DELETED = "review.deleted"
# Events after which product and shop pages may show something else: cached
# pages must go (storefront.cache).
PAGE_CHANGING_EVENTS = (
    REVIEW_PUBLISHED,
    REVIEW_UPDATED,
    REVIEW_HIDDEN,
    REVIEW_DELETED,
)
