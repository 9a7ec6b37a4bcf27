"""What every page's header needs to know about vendors: whether the visitor
runs a shop (for the "Your shop" link). Lazy: the query runs only when a
template asks, which the header does for signed-in visitors only."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from emporium.vendors.selectors import list_member_shops


def vendor(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)

    def runs_a_shop() -> bool:
        return bool(user and list_member_shops(user=user).exists())

    return {"RUNS_A_SHOP": SimpleLazyObject(runs_a_shop)}
