"""Search results are cached until the index changes."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from emporium.search.backends import get_backend
from emporium.search.tests.factories import index, make_product
from emporium.search.types import SearchQuery

pytestmark = pytest.mark.django_db


def test_a_repeated_search_is_answered_without_queries(django_assert_num_queries):
    index(make_product(title="Harbour Lantern"))
    first = get_backend().search(SearchQuery(text="lantern"))

    with django_assert_num_queries(0):
        again = get_backend().search(SearchQuery(text="lantern"))

    assert again == first
    assert again.total == 1


def test_an_index_change_makes_cached_results_stale(
    django_capture_on_commit_callbacks,
):
    index(make_product(title="Harbour Lantern"))
    assert get_backend().search(SearchQuery(text="lantern")).total == 1

    with django_capture_on_commit_callbacks(execute=True):
        index(make_product(title="Garden Lantern"))

    assert get_backend().search(SearchQuery(text="lantern")).total == 2


def test_different_filters_are_different_entries():
    index(make_product(title="Harbour Lantern", quantity=0))

    assert get_backend().search(SearchQuery(text="lantern")).total == 1
    assert get_backend().search(SearchQuery(text="lantern", in_stock=True)).total == 0


@override_settings(SEARCH_RESULT_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off():
    index(make_product(title="Harbour Lantern"))
    get_backend().search(SearchQuery(text="lantern"))

    with CaptureQueriesContext(connection) as queries:
        get_backend().search(SearchQuery(text="lantern"))

    assert len(queries) > 0
