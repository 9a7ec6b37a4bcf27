"""Suite-wide fixtures: engine markers, a clean cache per test, the API client."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _skip_without_engine(request: pytest.FixtureRequest) -> None:
    """Tests marked `redis` / `postgres` need that engine; say so and skip."""
    if request.node.get_closest_marker("redis") and not settings.REDIS_URL:
        pytest.skip("needs a real Redis server: set REDIS_URL")
    if (
        request.node.get_closest_marker("postgres")
        and connection.vendor != "postgresql"
    ):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
