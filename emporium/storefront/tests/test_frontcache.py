"""The WSGI front cache: cached anonymous pages answered before Django."""

import gzip
from decimal import Decimal
from io import BytesIO
from unittest import mock

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from emporium.catalog.services import change_offer_price
from emporium.core.money import Money
from emporium.storefront.frontcache import FrontCache
from emporium.storefront.tests.builders import first_offer, listed_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    # As Django's test client does: the handler's signals would close the
    # test's connection, which holds the test transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield FrontCache(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(app, path, *, method="GET", query="", **headers):
    """Run one request through the WSGI app: (status, headers dict, body)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": BytesIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    return started["status"], dict(started["headers"]), body


def test_second_anonymous_request_is_answered_by_the_front_cache(app):
    url = reverse("storefront:product", args=[listed_product().slug])

    _, first_headers, first_body = call(app, url)
    status, headers, body = call(app, url)

    assert first_headers["X-Page-Cache"] == "miss"
    assert status.startswith("200")
    assert headers["X-Page-Cache"] == "hit"
    assert body == first_body
    # The final headers Django's middleware added are replayed...
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" in headers["Vary"]
    # ...but each response has its own request id.
    assert headers["X-Request-ID"] != first_headers["X-Request-ID"]


def test_a_hit_skips_django_entirely(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    call(app, url)

    with mock.patch.object(WSGIHandler, "__call__") as django:
        _, headers, _ = call(app, url)

    django.assert_not_called()
    assert headers["X-Page-Cache"] == "hit"


def test_a_sane_incoming_request_id_is_echoed_on_a_hit(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    call(app, url)

    _, headers, _ = call(app, url, x_request_id="trace-1234abcd")

    assert headers["X-Request-ID"] == "trace-1234abcd"


def test_a_hit_is_sent_gzipped_to_clients_that_accept_it(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    _, _, plain = call(app, url)

    _, headers, body = call(app, url, accept_encoding="gzip, deflate, br")

    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain
    assert headers["Content-Length"] == str(len(body))
    assert "Accept-Encoding" in headers["Vary"]


def test_a_hit_is_plain_for_clients_without_gzip(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    _, _, first = call(app, url)

    _, headers, body = call(app, url)

    assert "Content-Encoding" not in headers
    assert body == first
    assert headers["Content-Length"] == str(len(body))


def test_head_on_a_cached_page_has_headers_and_no_body(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    call(app, url)

    _, headers, body = call(app, url, method="HEAD")

    assert headers["X-Page-Cache"] == "hit"
    assert body == b""


def test_visitors_with_a_session_cookie_always_go_through_django(app):
    url = reverse("storefront:product", args=[listed_product().slug])
    call(app, url)

    _, headers, _ = call(app, url, cookie="sessionid=abc")

    assert "X-Page-Cache" not in headers


def test_the_front_cache_follows_a_price_change(
    app, django_capture_on_commit_callbacks
):
    product = listed_product(price="10.00")
    url = reverse("storefront:product", args=[product.slug])
    call(app, url)
    call(app, url)

    with django_capture_on_commit_callbacks(execute=True):
        change_offer_price(
            offer_id=first_offer(product).pk, price=Money(Decimal("12.50"), "EUR")
        )
    _, headers, body = call(app, url)

    assert headers["X-Page-Cache"] == "miss"
    assert "€12.50" in body.decode()


def test_pages_the_page_cache_does_not_mark_are_never_stored(app):
    call(app, reverse("accounts:login"))

    _, headers, _ = call(app, reverse("accounts:login"))

    assert "X-Page-Cache" not in headers


def test_a_response_that_sets_a_cookie_is_not_stored(app, monkeypatch):
    url = reverse("storefront:product", args=[listed_product().slug])
    real = WSGIHandler.__call__

    def with_cookie(handler, environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [*headers, ("Set-Cookie", "a=b")])

        return real(handler, environ, start)

    monkeypatch.setattr(WSGIHandler, "__call__", with_cookie)
    call(app, url)
    monkeypatch.setattr(WSGIHandler, "__call__", real)

    _, headers, _ = call(app, url)

    assert headers["X-Page-Cache"] == "miss"


def test_a_failing_cache_serves_through_django(app):
    product = listed_product(title="Harbour Parka")
    url = reverse("storefront:product", args=[product.slug])
    broken = mock.Mock(get_many=mock.Mock(side_effect=ConnectionError))

    with mock.patch("emporium.storefront.frontcache.cache", broken):
        status, _, body = call(app, url)

    assert status.startswith("200")
    assert "Harbour Parka" in body.decode()
