"""What every staff endpoint shares: the permission, tags and error specs."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from emporium.api.staff.permissions import IsStaff
from emporium.core.api.serializers import ErrorSerializer

STAFF_TAGS = ["staff"]

STAFF_ONLY = {
    401: "`not_authenticated`, `token_not_valid`",
    403: "`permission_denied`",
}

# A page past the last one answers 404 `not_found` (the project pagination).
LIST_ERRORS = {400: "`invalid`", 404: "`not_found`"}


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes;
    the staff-only refusals (401, 403) are always added."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in sorted({**STAFF_ONLY, **spec}.items())
    }


class StaffApi(APIView):
    # Staff only; a comment, not a docstring, which the schema would show
    # as every subclass's description.
    permission_classes = (IsStaff,)


class StaffListApi(GenericAPIView):
    # A paginated list (`?page=&page_size=`) plus a create, staff only.
    permission_classes = (IsStaff,)
    filter_backends = ()
