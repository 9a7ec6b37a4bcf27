"""How a view tells an htmx fragment request from a full-page one."""

from django.http import HttpRequest


def wants_fragment(request: HttpRequest) -> bool:
    """True for an htmx swap; false for a history restore, which needs the
    whole page although htmx marks it `HX-Request` too."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
