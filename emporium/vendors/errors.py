"""Shop errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class ShopNotFound(NotFound):
    default_code = "shop_not_found"


class InvalidTransition(Conflict):
    """The requested status change is not an allowed move."""

    default_code = "invalid_transition"


class NotShopMember(Forbidden):
    """The user runs no shop (vendor pages and endpoints need one)."""

    default_code = "not_a_vendor"


class ShopRequired(InvalidInput):
    """The user runs several shops and did not say which one."""

    default_code = "shop_required"
