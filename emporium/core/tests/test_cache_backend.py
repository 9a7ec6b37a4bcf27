"""The Redis cache backend reuses one client per pool and behaves as Django's."""

import pytest
from django.conf import settings
from django.core.cache import caches

from emporium.core.cache import RedisCache

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    if not settings.CACHES["default"]["BACKEND"].endswith("core.cache.RedisCache"):
        pytest.skip("needs Redis: set REDIS_URL=redis://...")
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.clear()
    return cache


def test_operations_reuse_one_client(redis_cache):
    redis_cache.set("a", 1)
    first = redis_cache._cache.get_client()

    redis_cache.get("a")

    assert redis_cache._cache.get_client() is first


def test_it_stores_reads_and_deletes_like_djangos_backend(redis_cache):
    redis_cache.set_many({"a": 1, "b": [2, 3]})

    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": [2, 3]}
    assert redis_cache.add("a", 9) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None
