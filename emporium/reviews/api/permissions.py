"""Who may moderate reviews through the API: staff users.

The same rule as `emporium.api.staff.permissions.IsStaff`; a domain package
may not import the API layer, so it is stated here once more.
"""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class IsStaff(BasePermission):
    """Signed in as a staff user: anonymous callers get 401
    `not_authenticated`, other users 403 `permission_denied`."""

    message = "Only staff may moderate reviews."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
