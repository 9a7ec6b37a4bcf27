"""What every page's header needs to know about vendors: whether the visitor
runs a shop (for the "Your shop" link). Lazy, and cached per user by
`vendors.selectors.runs_a_shop`: pages make no query for it."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from emporium.vendors.selectors import runs_a_shop


def vendor(request: HttpRequest) -> dict:
    def answer() -> bool:
        if getattr(request, "vendor_shop", None) is not None:
            return True  # a dashboard page: its shop is already known
        user = getattr(request, "user", None)
        return bool(user and runs_a_shop(user=user))

    return {"RUNS_A_SHOP": SimpleLazyObject(answer)}
