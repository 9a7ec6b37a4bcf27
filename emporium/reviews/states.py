"""The review moderation state machine: allowed moves and the one function.

| from | to |
| --- | --- |
| pending | published, hidden |
| published | hidden, pending (an edit, when reviews are moderated first) |
| hidden | published |

Only published reviews count in the rating summaries and show on pages.
"""

from django.db import transaction

from emporium.accounts.models import User
from emporium.core.events import publish
from emporium.reviews.constants import (
    REVIEW_HIDDEN,
    REVIEW_PUBLISHED,
    REVIEW_UPDATED,
    ReviewStatus,
)
from emporium.reviews.errors import InvalidTransition, ReviewNotFound
from emporium.reviews.models import Review, ReviewStatusEvent
from emporium.reviews.summaries import lock_summary, refresh_summary

S = ReviewStatus
ALLOWED: dict[ReviewStatus, frozenset[ReviewStatus]] = {
    S.PENDING: frozenset({S.PUBLISHED, S.HIDDEN}),
    S.PUBLISHED: frozenset({S.HIDDEN, S.PENDING}),
    S.HIDDEN: frozenset({S.PUBLISHED}),
}
EVENT_ON_ENTERING = {
    S.PUBLISHED: REVIEW_PUBLISHED,
    S.HIDDEN: REVIEW_HIDDEN,
    S.PENDING: REVIEW_UPDATED,
}


def can_transition(from_status: str, to: str) -> bool:
    return ReviewStatus(to) in ALLOWED[ReviewStatus(from_status)]


def event_payload(review: Review) -> dict:
    return {
        "review_id": review.pk,
        "product_id": review.product_id,
        "shop_id": review.shop_id,
        "rating": review.rating,
        "status": review.status,
    }


def transition_review(
    *, review_id: int, to: ReviewStatus | str, actor: User | None, reason: str = ""
) -> Review:
    """Move a review to `to`; lock it, check the move, record who and why.

    Runs in its own transaction (or the caller's). Locks the subject's rating
    summary, then the review (the order every review write takes), writes a
    `ReviewStatusEvent`, recomputes the summary and publishes
    `review.published`, `review.hidden` or `review.updated` (cached pages
    go stale after commit).

    Raises:
        ReviewNotFound: no review with this id.
        InvalidTransition: `to` is not an allowed move from the current
            status; the message names both.
    """
    target = ReviewStatus(to)
    with transaction.atomic():
        subject = Review.objects.filter(pk=review_id).values("product_id", "shop_id")
        found = subject.first()
        if found is None:
            raise ReviewNotFound("Review not found.")
        summary = lock_summary(**found)
        review = Review.objects.select_for_update().get(pk=review_id)
        previous = ReviewStatus(review.status)
        if target not in ALLOWED[previous]:
            raise InvalidTransition(
                f"Review {review.pk} cannot move from {previous.value} "
                f"to {target.value}.",
                extra={"review_id": review.pk, "from": previous, "to": target},
            )
        review.status = target
        review.save(update_fields=["status", "updated_at"])
        ReviewStatusEvent.objects.create(
            review=review,
            actor=actor,
            from_status=previous,
            to_status=target,
            reason=reason,
        )
        refresh_summary(summary)
        publish(EVENT_ON_ENTERING[target], event_payload(review))
    return review
