"""Keeping the rating summaries exact: lock, change, recount from the rows.

Every write of a review (create, edit, delete, moderation) runs
`lock_summary` first, in its transaction, and `refresh_summary` after its
change. The row lock queues concurrent writers on one subject, and each
recounts the published reviews it can then see, so two reviews written at
once both count and nothing drifts.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from emporium.reviews.constants import RATINGS
from emporium.reviews.models import ProductRating, Review, ShopRating

ONE_DECIMAL = Decimal("0.1")

Summary = ProductRating | ShopRating


def lock_summary(
    *, product_id: int | None = None, shop_id: int | None = None
) -> Summary:
    """The subject's summary row, created if missing, locked (`SELECT ...
    FOR UPDATE`) until the transaction ends. Needs a transaction."""
    if product_id is not None:
        ProductRating.objects.get_or_create(product_id=product_id)
        return ProductRating.objects.select_for_update().get(product_id=product_id)
    ShopRating.objects.get_or_create(shop_id=shop_id)
    return ShopRating.objects.select_for_update().get(shop_id=shop_id)


def refresh_summary(summary: Summary) -> Summary:
    """Recount the subject's published reviews into `summary` (one query and
    one update)."""
    reviews = Review.objects.published()
    if isinstance(summary, ProductRating):
        reviews = reviews.filter(product_id=summary.product_id)
    else:
        reviews = reviews.filter(shop_id=summary.shop_id)
    counts = dict(
        reviews.order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    total = sum(counts.values())
    for stars in RATINGS:
        setattr(summary, f"stars_{stars}", counts.get(stars, 0))
    summary.review_count = total
    summary.average = average_rating(counts)
    summary.save()
    return summary


def average_rating(counts: dict[int, int]) -> Decimal | None:
    """The mean of ratings counted as {stars: reviews}, half up to one
    decimal (4.45 -> 4.5); None without reviews."""
    total = sum(counts.values())
    if not total:
        return None
    points = sum(stars * n for stars, n in counts.items())
    return (Decimal(points) / Decimal(total)).quantize(ONE_DECIMAL, ROUND_HALF_UP)
