"""Request id: taken from a sane incoming `X-Request-ID` or made, echoed back."""

import re
import uuid

from django.middleware.common import CommonMiddleware as _CommonMiddleware

from emporium.core.request_context import request_id_var

HEADER = "X-Request-ID"
# fullmatch, not `^...$`: `$` also matches before a trailing newline.
_VALID = re.compile(r"[A-Za-z0-9._-]{8,128}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _VALID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


class CommonMiddleware(_CommonMiddleware):
    """Django's CommonMiddleware, but never slash-redirects API calls.

    A redirect would drop a POST body (and DEBUG raises on it); an API
    client that forgets the slash gets a clear JSON 404 instead.
    """

    def should_redirect_with_slash(self, request):
        if request.path_info.startswith("/api/"):
            return False
        return super().should_redirect_with_slash(request)
