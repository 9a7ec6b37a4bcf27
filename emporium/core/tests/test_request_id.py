"""Request ids: on every response, in every log line, in JSON logs."""

import json
import logging
import re
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils.module_loading import import_string

from emporium.core import health
from emporium.core.logging import RequestIdFilter
from emporium.core.request_context import get_request_id, request_id_var
from emporium.settings import base

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"^[0-9a-f]{32}$")


class Collect(logging.Handler):
    """Keep records after our filter ran on them, as the console handler does."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_records():
    handler = Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


@pytest.mark.parametrize("path", ["/health/live", "/no-such-page/", "/api/v1/nope"])
def test_every_response_carries_a_generated_request_id(client, path):
    response = client.get(path)

    assert GENERATED.match(response["X-Request-ID"])


def test_each_request_gets_its_own_id(client):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]

    assert first != second


@pytest.mark.parametrize(
    "incoming", ["abc12345", "req_2026-11-21.lb-7", "A" * 128, "f" * 32]
)
def test_a_sane_incoming_request_id_is_echoed(client, incoming):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=incoming)

    assert response.status_code == 200
    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        "has spaces 1234",
        "line\nbreak12345",
        "abcdefgh\n",
        "abcdefgh\r\nSet-Cookie: x=1",
        "A" * 129,
        "short",
        "<script>alert(1)</script>",
        "caf\u00e9-request-id",
    ],
    ids=[
        "spaces",
        "newline",
        "trailing-newline",
        "header-injection",
        "too-long",
        "too-short",
        "markup",
        "non-ascii",
    ],
)
def test_a_malicious_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=incoming)

    assert response.status_code == 200
    assert GENERATED.match(response["X-Request-ID"])


def test_log_records_written_during_a_request_carry_its_id(client, log_records):
    broken = mock.MagicMock()
    broken.__iter__.return_value = iter(["default"])
    broken.__getitem__.return_value.cursor.side_effect = OperationalError("down")

    with mock.patch.object(health, "connections", broken):
        response = client.get("/health/ready", HTTP_X_REQUEST_ID="probe-0001")

    assert response.status_code == 503
    loggers = {record.name for record in log_records}
    # Ours, in the view, and Django's "Service Unavailable" after the view.
    assert {"emporium.core.health", "django.request"} <= loggers
    assert {record.request_id for record in log_records} == {"probe-0001"}


def test_log_records_outside_a_request_carry_a_dash(client, log_records):
    client.get("/health/live", HTTP_X_REQUEST_ID="probe-0002")

    logging.getLogger("emporium.test").warning("after the request")

    assert log_records[-1].request_id == "-"
    assert get_request_id() == "-"


@pytest.fixture
def json_formatter() -> logging.Formatter:
    """The formatter of LOG_FORMAT=json (production's default), as configured."""
    config = dict(base.LOGGING["formatters"]["json"])
    return import_string(config.pop("()"))(**config)


def test_json_log_lines_are_valid_json_with_the_request_id(json_formatter):
    record = logging.LogRecord(
        "emporium.orders", logging.WARNING, __file__, 1, 'said "%s"', ("hi",), None
    )
    token = request_id_var.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = json_formatter.format(record)

    assert "\n" not in line
    assert json.loads(line) == {
        "time": mock.ANY,
        "level": "WARNING",
        "name": "emporium.orders",
        "message": 'said "hi"',
        "request_id": "req-12345678",
    }


def test_json_log_lines_keep_a_traceback_inside_the_one_line(json_formatter):
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        record = logging.LogRecord(
            "emporium.orders", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    RequestIdFilter().filter(record)

    line = json_formatter.format(record)

    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["request_id"] == "-"
    assert "ZeroDivisionError: division by zero" in parsed["exc_info"]
