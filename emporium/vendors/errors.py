"""Shop errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, NotFound


class ShopNotFound(NotFound):
    default_code = "shop_not_found"


class InvalidTransition(Conflict):
    """The requested status change is not an allowed move."""

    default_code = "invalid_transition"
