"""Liveness and readiness endpoints for probes and load balancers."""

from unittest import mock

import pytest
from django.db import OperationalError

from emporium.core import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_database():
    database = mock.MagicMock()
    database.cursor.side_effect = OperationalError("could not connect to server")
    connections = mock.MagicMock()
    connections.__iter__.return_value = iter(["default"])
    connections.__getitem__.return_value = database
    with mock.patch.object(health, "connections", connections):
        yield


@pytest.fixture
def broken_cache():
    cache = mock.MagicMock()
    cache.set.side_effect = ConnectionError("Error 111 connecting to redis:6379")
    with mock.patch.object(health, "cache", cache):
        yield


def test_live_answers_200_ok(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_live_answers_even_when_the_database_is_down(client, broken_database):
    response = client.get("/health/live")

    assert response.status_code == 200


def test_ready_answers_200_with_the_database_ok(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert "no-cache" in response["Cache-Control"]


def test_ready_answers_503_naming_a_broken_database(client, broken_database):
    response = client.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database"]
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError: could not connect to server",
    }


def test_ready_checks_the_cache_when_redis_is_configured(client, settings):
    settings.REDIS_URL = "redis://cache.internal:6379/0"

    response = client.get("/health/ready")

    assert response.json()["checks"]["cache"] == {"ok": True}


def test_ready_answers_503_naming_a_broken_cache(client, settings, broken_cache):
    settings.REDIS_URL = "redis://cache.internal:6379/0"

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_ready_skips_the_cache_without_redis(client, settings, broken_cache):
    settings.REDIS_URL = ""

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert "cache" not in response.json()["checks"]


@pytest.fixture
def broker_configured(settings):
    settings.CELERY_BROKER_URL = "redis://broker.internal:6379/1"
    settings.CELERY_TASK_ALWAYS_EAGER = False


def test_ready_reports_the_broker_when_configured_and_not_eager(
    client, broker_configured
):
    with mock.patch.object(health, "check_broker") as check_broker:
        response = client.get("/health/ready")

    check_broker.assert_called_once_with()
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == {"ok": True}


def test_ready_answers_503_naming_an_unreachable_broker(client, broker_configured):
    with mock.patch.object(
        health, "check_broker", side_effect=ConnectionRefusedError("refused")
    ):
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


def test_ready_does_not_check_the_broker_when_tasks_run_eagerly(client, settings):
    settings.CELERY_BROKER_URL = "redis://broker.internal:6379/1"
    settings.CELERY_TASK_ALWAYS_EAGER = True

    with mock.patch.object(health, "check_broker") as check_broker:
        response = client.get("/health/ready")

    check_broker.assert_not_called()
    assert "broker" not in response.json()["checks"]


def test_ready_names_every_failing_service(
    client, settings, broken_database, broken_cache, broker_configured
):
    settings.REDIS_URL = "redis://cache.internal:6379/0"

    with mock.patch.object(health, "check_broker", side_effect=TimeoutError()):
        response = client.get("/health/ready")

    assert response.json()["failing"] == ["broker", "cache", "database"]


@pytest.mark.redis
def test_ready_checks_the_real_cache_and_broker(client, settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": {"ok": True},
        "cache": {"ok": True},
        "broker": {"ok": True},
    }


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_health_endpoints_only_answer_get(client, method):
    response = getattr(client, method)("/health/ready")

    assert response.status_code == 405
