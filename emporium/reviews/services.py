"""Writing reviews: create, edit, delete, moderate, and the purchase badge.

Every write locks the subject's rating summary first, changes the review,
recounts the summary and publishes an event, in one transaction (see
`reviews.summaries`). The storefront, the API and the admin all come here.
"""

import re

from django.conf import settings
from django.db import IntegrityError, transaction

from emporium.accounts.models import User
from emporium.catalog.errors import ProductNotFound
from emporium.catalog.selectors import list_visible_products
from emporium.core.events import publish
from emporium.orders.selectors import list_purchases
from emporium.reviews.constants import (
    BODY_MAX_LENGTH,
    MAX_RATING,
    MIN_RATING,
    REVIEW_DELETED,
    REVIEW_PUBLISHED,
    REVIEW_SUBMITTED,
    REVIEW_UPDATED,
    TITLE_MAX_LENGTH,
    ReviewStatus,
)
from emporium.reviews.errors import InvalidReview, ReviewAlreadyExists, ReviewNotFound
from emporium.reviews.models import Review
from emporium.reviews.states import event_payload, transition_review
from emporium.reviews.summaries import Summary, lock_summary, refresh_summary
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.selectors import list_visible_shops

# Control characters other than tab and newline never belong in a review.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
EDITED_REASON = "Edited by the author: to be moderated again."


def create_review(
    *,
    author: User,
    rating: int,
    title: str = "",
    body: str = "",
    product_id: int | None = None,
    shop_id: int | None = None,
) -> Review:
    """Write `author`'s review of a visible product or shop (give one).

    Published at once, or pending for staff, as REVIEWS_PUBLISH_IMMEDIATELY
    says; marked a verified purchase when the author bought the product (or
    from the shop). Locks the subject's summary; publishes
    `review.published` or `review.submitted`.

    Raises:
        InvalidReview: no subject or both, a rating outside 1-5, a title or
            text too long (`fields` names them).
        ProductNotFound, ShopNotFound: the subject is not visible.
        ReviewAlreadyExists: the author reviewed it already (edit that one).
    """
    if (product_id is None) == (shop_id is None):
        raise InvalidReview("Review either a product or a shop.")
    content = _clean(rating=rating, title=title, body=body)
    _check_visible(product_id=product_id, shop_id=shop_id)
    status = (
        ReviewStatus.PUBLISHED
        if settings.REVIEWS_PUBLISH_IMMEDIATELY
        else ReviewStatus.PENDING
    )
    with transaction.atomic():
        summary = lock_summary(product_id=product_id, shop_id=shop_id)
        _refuse_second(author=author, product_id=product_id, shop_id=shop_id)
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    author=author,
                    product_id=product_id,
                    shop_id=shop_id,
                    status=status,
                    is_verified_purchase=_has_bought(
                        author, product_id=product_id, shop_id=shop_id
                    ),
                    **content,
                )
        except IntegrityError:  # a concurrent first review, where locks are not
            _refuse_second(author=author, product_id=product_id, shop_id=shop_id)
            raise
        refresh_summary(summary)
        event = REVIEW_PUBLISHED if review.is_published else REVIEW_SUBMITTED
        publish(event, event_payload(review))
    return review


def update_review(
    *,
    review_id: int,
    author: User,
    rating: int | None = None,
    title: str | None = None,
    body: str | None = None,
) -> Review:
    """Change the author's own review (what is None stays as it was).

    The purchase badge is checked again. A hidden review stays hidden; a
    published one goes back to pending when reviews are moderated first.
    Publishes `review.updated`.

    Raises:
        ReviewNotFound: no such review, or another author's.
        InvalidReview: as `create_review`.
    """
    with transaction.atomic():
        review, summary = _lock_own(review_id=review_id, author=author)
        content = _clean(
            rating=review.rating if rating is None else rating,
            title=review.title if title is None else title,
            body=review.body if body is None else body,
        )
        for name, value in content.items():
            setattr(review, name, value)
        review.is_verified_purchase = _has_bought(
            author, product_id=review.product_id, shop_id=review.shop_id
        )
        review.save()
        if review.is_published and not settings.REVIEWS_PUBLISH_IMMEDIATELY:
            # The move recounts the summary and publishes `review.updated`.
            return transition_review(
                review_id=review.pk,
                to=ReviewStatus.PENDING,
                actor=author,
                reason=EDITED_REASON,
            )
        refresh_summary(summary)
        publish(REVIEW_UPDATED, event_payload(review))
    return review


def delete_review(*, review_id: int, author: User) -> None:
    """Delete the author's own review; publishes `review.deleted`.

    Raises:
        ReviewNotFound: no such review, or another author's.
    """
    with transaction.atomic():
        review, summary = _lock_own(review_id=review_id, author=author)
        payload = event_payload(review)
        review.delete()
        refresh_summary(summary)
        publish(REVIEW_DELETED, payload)


def hide_review(*, review_id: int, actor: User | None, reason: str = "") -> Review:
    """Staff: take a review off every page and out of the ratings.

    Raises:
        ReviewNotFound, InvalidTransition: as `states.transition_review`.
    """
    return transition_review(
        review_id=review_id, to=ReviewStatus.HIDDEN, actor=actor, reason=reason
    )


def publish_review(*, review_id: int, actor: User | None, reason: str = "") -> Review:
    """Staff: publish a pending review, or show a hidden one again.

    Raises:
        ReviewNotFound, InvalidTransition: as `states.transition_review`.
    """
    return transition_review(
        review_id=review_id, to=ReviewStatus.PUBLISHED, actor=actor, reason=reason
    )


def refresh_verified_purchases(*, user_id) -> int:
    """Check the purchase badge of every review of the user again (after
    one of their orders was paid, cancelled or refunded); returns how many
    changed, each publishing `review.updated`."""
    with transaction.atomic():
        reviews = list(
            Review.objects.select_for_update()
            .filter(author_id=user_id)
            .select_related("author")
        )
        if not reviews:
            return 0
        bought = list_purchases(
            user=reviews[0].author,
            product_ids={r.product_id for r in reviews if r.product_id},
            shop_ids={r.shop_id for r in reviews if r.shop_id},
        )
        changed = []
        for review in reviews:
            verified = (
                review.product_id in bought.product_ids
                if review.product_id
                else review.shop_id in bought.shop_ids
            )
            if verified != review.is_verified_purchase:
                review.is_verified_purchase = verified
                changed.append(review)
        Review.objects.bulk_update(changed, ["is_verified_purchase"])
        for review in changed:
            publish(REVIEW_UPDATED, event_payload(review))
    return len(changed)


# --- Helpers ------------------------------------------------------------------


def _clean(*, rating: int, title: str, body: str) -> dict:
    """The review's fields, checked, as stored: plain text, trimmed, newlines
    normalised, no control characters (HTML stays text, escaped on output).

    Raises:
        InvalidReview: naming each field that is wrong.
    """
    fields: dict[str, list[str]] = {}
    if not isinstance(rating, int) or not MIN_RATING <= rating <= MAX_RATING:
        fields["rating"] = [f"Choose a rating from {MIN_RATING} to {MAX_RATING}."]
    title = _plain(title)
    body = _plain(body)
    if len(title) > TITLE_MAX_LENGTH:
        fields["title"] = [f"At most {TITLE_MAX_LENGTH} characters."]
    if len(body) > BODY_MAX_LENGTH:
        fields["body"] = [f"At most {BODY_MAX_LENGTH} characters."]
    if fields:
        raise InvalidReview("Please correct the review.", fields=fields)
    return {"rating": rating, "title": " ".join(title.split()), "body": body}


def _plain(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _check_visible(*, product_id: int | None, shop_id: int | None) -> None:
    if product_id is not None:
        if not list_visible_products().filter(pk=product_id).exists():
            raise ProductNotFound("Product not found.")
    elif not list_visible_shops().filter(pk=shop_id).exists():
        raise ShopNotFound("Shop not found.")


def _refuse_second(
    *, author: User, product_id: int | None, shop_id: int | None
) -> None:
    subject = {"product_id": product_id} if product_id else {"shop_id": shop_id}
    existing = (
        Review.objects.filter(author=author, **subject)
        .values_list("pk", flat=True)
        .first()
    )
    if existing is not None:
        noun = "product" if product_id else "shop"
        raise ReviewAlreadyExists(
            f"You have already reviewed this {noun}: edit your review "
            f"(number {existing}) instead.",
            extra={"review_id": existing},
        )


def _has_bought(author: User, *, product_id: int | None, shop_id: int | None) -> bool:
    bought = list_purchases(
        user=author,
        product_ids=[product_id] if product_id else [],
        shop_ids=[shop_id] if shop_id else [],
    )
    return (
        product_id in bought.product_ids if product_id else shop_id in bought.shop_ids
    )


def _lock_own(*, review_id: int, author: User) -> tuple[Review, Summary]:
    """The author's review and its subject's summary, both locked (the
    summary first, as every review write does).

    Raises:
        ReviewNotFound: no such review, or another author's.
    """
    if not author.is_authenticated:
        raise ReviewNotFound("Review not found.")
    subject = (
        Review.objects.filter(pk=review_id, author=author)
        .values("product_id", "shop_id")
        .first()
    )
    if subject is None:
        raise ReviewNotFound("Review not found.")
    summary = lock_summary(**subject)
    return Review.objects.select_for_update().get(pk=review_id), summary
