"""Who may use the vendor API, and on which shop."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from emporium.vendors.selectors import find_membership, get_member_shop

SHOP_HEADER = "X-Shop"


class IsShopMember(BasePermission):
    """Signed in, and running the shop the request works on.

    The shop is `?shop=<slug>` or the `X-Shop: <slug>` header, else the
    user's only shop; it is put on `request.vendor_shop` (and the user's
    role on `request.vendor_membership`). Anonymous callers get 401; a user
    who runs no shop 403 `not_a_vendor`; one who runs several and named none
    400 `shop_required`; a shop the user does not run 404 `shop_not_found`
    (the errors of `vendors.selectors.get_member_shop`).
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        slug = request.query_params.get("shop") or request.headers.get(SHOP_HEADER, "")
        shop = get_member_shop(user=user, slug=slug.strip())
        request.vendor_shop = shop
        request.vendor_membership = find_membership(user=user, shop=shop)
        return True


class IsShopOwner(IsShopMember):
    """`IsShopMember`, and an owner of that shop (403 for its staff)."""

    message = "Only the shop's owners may do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not super().has_permission(request, view):
            return False
        membership = request.vendor_membership
        return bool(membership and membership.is_owner)
