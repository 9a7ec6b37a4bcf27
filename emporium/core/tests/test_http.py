"""The client address used by rate limits, behind zero, one or two proxies."""

import pytest
from django.test import RequestFactory

from emporium.core.http import client_ip


@pytest.mark.parametrize(
    ("header", "proxies", "forwarded", "expected"),
    [
        ("", 1, "203.0.113.9", "192.0.2.1"),  # no proxy configured: REMOTE_ADDR
        ("HTTP_X_FORWARDED_FOR", 1, "203.0.113.9", "203.0.113.9"),
        # A client forging the left part is ignored: our proxy appended the
        # address it really saw.
        ("HTTP_X_FORWARDED_FOR", 1, "10.6.6.6, 203.0.113.9", "203.0.113.9"),
        (
            "HTTP_X_FORWARDED_FOR",
            2,
            "10.6.6.6, 203.0.113.9, 198.51.100.2",
            "203.0.113.9",
        ),
        # Fewer hops than proxies: the leftmost one we have.
        ("HTTP_X_FORWARDED_FOR", 3, "203.0.113.9", "203.0.113.9"),
        ("HTTP_X_FORWARDED_FOR", 1, "", "192.0.2.1"),
        ("HTTP_X_FORWARDED_FOR", 1, " , ", "192.0.2.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(
    settings, header, proxies, forwarded, expected
):
    settings.CLIENT_IP_HEADER = header
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded
    )

    assert client_ip(request) == expected
