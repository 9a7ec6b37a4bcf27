"""Small request helpers shared by every edge (storefront and API)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: from the trusted proxy header if configured."""
    header = settings.CLIENT_IP_HEADER
    if header:
        hops = [hop.strip() for hop in request.META.get(header, "").split(",")]
        hops = [hop for hop in hops if hop]
        if hops:
            # Each trusted proxy appends the address it saw; entries further
            # left were written by the client and can be forged.
            return hops[-min(settings.TRUSTED_PROXY_COUNT, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
