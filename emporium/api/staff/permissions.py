"""Who may use the staff API."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class IsStaff(BasePermission):
    """Signed in as a staff user (`user.is_staff`).

    Anonymous callers get 401 `not_authenticated` (DRF answers so when no
    authenticator succeeded); signed-in users without staff rights 403
    `permission_denied`.
    """

    message = "Only staff may use the staff API."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
