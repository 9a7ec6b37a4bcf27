"""Review errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, InvalidInput, NotFound


class ReviewNotFound(NotFound):
    """No such review, or another author's (the same answer)."""

    default_code = "review_not_found"


class ReviewAlreadyExists(Conflict):
    """The author already reviewed this product or shop: edit that review."""

    default_code = "review_exists"


class InvalidReview(InvalidInput):
    """A rating outside 1-5, a title or text too long, no subject."""

    default_code = "invalid_review"


class InvalidTransition(Conflict):
    """The moderation move is not allowed from the review's status."""

    default_code = "invalid_transition"
