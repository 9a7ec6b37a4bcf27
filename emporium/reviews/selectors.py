"""Reads of reviews: ratings (from the summaries, one row), pages of
published reviews, an author's own review, and the vendor and staff lists.

Buyers only ever see published reviews; an author sees their own review
whatever its status, and another author's review is "not found".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from emporium.accounts.models import User
from emporium.catalog.errors import ProductNotFound
from emporium.catalog.models import Offer, Product
from emporium.catalog.selectors import list_visible_products
from emporium.reviews.constants import PAGE_SIZE, ReviewStatus, ReviewSubject
from emporium.reviews.errors import ReviewNotFound
from emporium.reviews.models import ProductRating, RatingSummary, Review, ShopRating
from emporium.vendors.models import Shop
from emporium.vendors.selectors import get_visible_shop


@dataclass(frozen=True, slots=True)
class RatingBar:
    stars: int
    count: int
    percent: int  # of all published reviews, rounded


@dataclass(frozen=True, slots=True)
class Rating:
    """A subject's published reviews counted: `average` to one decimal (None
    without reviews), `bars` from 5 stars down to 1."""

    count: int
    average: Decimal | None
    bars: tuple[RatingBar, ...]

    @property
    def has_reviews(self) -> bool:
        return self.count > 0


def _rating(summary: RatingSummary | None) -> Rating:
    distribution = summary.distribution() if summary else {}
    count = summary.review_count if summary else 0
    bars = tuple(
        RatingBar(
            stars=stars,
            count=distribution.get(stars, 0),
            percent=round(100 * distribution.get(stars, 0) / count) if count else 0,
        )
        for stars in range(5, 0, -1)
    )
    return Rating(count=count, average=summary.average if summary else None, bars=bars)


def get_product_rating(*, product_id: int) -> Rating:
    """The product's rating (one query; no reviews: count 0)."""
    return _rating(ProductRating.objects.filter(product_id=product_id).first())


def get_shop_rating(*, shop_id: int) -> Rating:
    """The shop's rating (one query; no reviews: count 0)."""
    return _rating(ShopRating.objects.filter(shop_id=shop_id).first())


def with_product_ratings(products: QuerySet[Product]) -> QuerySet[Product]:
    """Annotate `rating_average` (None without reviews) and `rating_count`
    from the summaries: a join, no query more, for any number of cards."""
    return products.annotate(
        rating_average=F("rating_summary__average"),
        rating_count=Coalesce(F("rating_summary__review_count"), Value(0)),
    )


def with_shop_ratings(shops: QuerySet[Shop]) -> QuerySet[Shop]:
    """As `with_product_ratings`, for shops."""
    return shops.annotate(
        rating_average=F("rating_summary__average"),
        rating_count=Coalesce(F("rating_summary__review_count"), Value(0)),
    )


def list_product_reviews(*, product_id: int) -> QuerySet[Review]:
    """The product's published reviews, newest first, with their authors."""
    return (
        Review.objects.published()
        .filter(product_id=product_id)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def list_shop_reviews(*, shop_id: int) -> QuerySet[Review]:
    """The shop's published reviews, newest first, with their authors."""
    return (
        Review.objects.published()
        .filter(shop_id=shop_id)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


class _CountedPaginator(Paginator):
    """A paginator told its count (the summary's): no COUNT query."""

    def __init__(self, object_list, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass(frozen=True, slots=True)
class ReviewSection:
    """What a product or shop page shows of its reviews: the rating and one
    page of published reviews."""

    subject: ReviewSubject
    slug: str
    rating: Rating
    page: Page


def get_review_section(
    *,
    product: Product | None = None,
    shop: Shop | None = None,
    page: int | str | None = 1,
    per_page: int = PAGE_SIZE,
) -> ReviewSection:
    """The rating and page `page` of the published reviews of `product` or
    `shop` (two queries: the summary, the page; a page out of range is the
    nearest one)."""
    if product is not None:
        rating = get_product_rating(product_id=product.pk)
        reviews = list_product_reviews(product_id=product.pk)
        subject, slug = ReviewSubject.PRODUCT, product.slug
    else:
        rating = get_shop_rating(shop_id=shop.pk)
        reviews = list_shop_reviews(shop_id=shop.pk)
        subject, slug = ReviewSubject.SHOP, shop.slug
    paginator = _CountedPaginator(reviews, per_page, count=rating.count)
    return ReviewSection(
        subject=subject, slug=slug, rating=rating, page=paginator.get_page(page)
    )


def get_reviewable_product(*, slug: str) -> Product:
    """A visible product by slug (one query), to review or list reviews of.

    Raises:
        ProductNotFound.
    """
    product = list_visible_products().filter(slug=slug).first()
    if product is None:
        raise ProductNotFound("Product not found.")
    return product


def get_reviewable_shop(*, slug: str) -> Shop:
    """A visible shop by slug (one query).

    Raises:
        ShopNotFound.
    """
    return get_visible_shop(slug=slug)


def get_own_review(*, review_id: int, author: User) -> Review:
    """The author's review, whatever its status.

    Raises:
        ReviewNotFound: no such review, or another author's (the same answer).
    """
    review = None
    if author.is_authenticated:
        review = (
            Review.objects.filter(pk=review_id, author=author)
            .select_related("product", "shop", "author")
            .first()
        )
    if review is None:
        raise ReviewNotFound("Review not found.")
    return review


def find_own_review(
    *, author: User, product_id: int | None = None, shop_id: int | None = None
) -> Review | None:
    """The author's review of the product (or shop), if they wrote one."""
    if not author.is_authenticated:
        return None
    subject = {"product_id": product_id} if product_id else {"shop_id": shop_id}
    return Review.objects.filter(author=author, **subject).first()


def list_reviews_for_vendor(*, shop: Shop, about: ReviewSubject) -> QuerySet[Review]:
    """Published reviews a shop's team may read, newest first: of the shop
    itself, or of the products it created or offers."""
    reviews = Review.objects.published().select_related("author", "product")
    if about == ReviewSubject.SHOP:
        reviews = reviews.filter(shop=shop)
    else:
        offered = Offer.objects.filter(shop=shop, variant__product=OuterRef("product"))
        reviews = reviews.filter(product__isnull=False).filter(
            Q(product__shop=shop) | Exists(offered)
        )
    return reviews.order_by("-created_at", "-pk")


def list_reviews_for_staff(*, status: str = "") -> QuerySet[Review]:
    """Every review, newest first, optionally of one status (moderation)."""
    reviews = Review.objects.select_related("author", "product", "shop")
    if status:
        reviews = reviews.filter(status=ReviewStatus(status))
    return reviews.order_by("-created_at", "-pk")
