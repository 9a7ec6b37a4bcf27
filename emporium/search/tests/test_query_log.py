import pytest

from emporium.search.models import SearchQueryLog
from emporium.search.services import log_search
from emporium.search.types import SearchQuery

pytestmark = pytest.mark.django_db


def test_log_search_records_normalised_text_filters_and_count():
    log_search(
        query=SearchQuery(text="  Red   SHIRT ", category="shirts"), result_count=0
    )

    entry = SearchQueryLog.objects.get()
    assert entry.query == "  Red   SHIRT "
    assert entry.normalized_query == "red shirt"
    assert entry.filters == {"category": "shirts", "sort": "relevance"}
    assert entry.result_count == 0


def test_admin_lists_zero_result_queries(admin_client):
    log_search(query=SearchQuery(text="nothing here"), result_count=0)
    log_search(query=SearchQuery(text="shirt"), result_count=4)

    response = admin_client.get("/admin/search/searchquerylog/", {"results": "zero"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "nothing here" in body
    assert ">shirt<" not in body
