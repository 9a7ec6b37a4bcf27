"""The vendor sales routes in the OpenAPI schema: each listed with its
methods, tagged "vendor", taking the shop, answering the error body."""

import pytest

pytestmark = pytest.mark.django_db

V = "/api/v1/vendor"
ROUTES = {
    f"{V}/overview/": {"get"},
    f"{V}/fulfilments/": {"get"},
    f"{V}/fulfilments/{{id}}/": {"get"},
    f"{V}/fulfilments/{{id}}/ship/": {"post"},
    f"{V}/fulfilments/{{id}}/deliver/": {"post"},
    f"{V}/balance/": {"get"},
    f"{V}/ledger/": {"get"},
    f"{V}/payouts/": {"get"},
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def _operations(schema):
    for route in ROUTES:
        for method, operation in schema["paths"][route].items():
            if method in HTTP_METHODS:
                yield route, method, operation


def test_every_sales_route_is_in_the_schema_with_its_methods(schema):
    listed = {
        route: {m for m in schema["paths"].get(route, {}) if m in HTTP_METHODS}
        for route in ROUTES
    }

    assert listed == ROUTES


def test_every_sales_operation_is_tagged_vendor_and_takes_the_shop(schema):
    for route, method, operation in _operations(schema):
        assert operation["tags"] == ["vendor"], (route, method)
        names = {p["name"] for p in operation.get("parameters", [])}
        assert "shop" in names, (route, method)
        for status in ("401", "403"):
            assert status in operation["responses"], (route, method, status)


def test_the_ranges_and_filters_are_documented(schema):
    overview = schema["paths"][f"{V}/overview/"]["get"]
    fulfilments = schema["paths"][f"{V}/fulfilments/"]["get"]
    ledger = schema["paths"][f"{V}/ledger/"]["get"]

    assert {"from", "to"} <= {p["name"] for p in overview["parameters"]}
    assert {"status", "from", "to", "page"} <= {
        p["name"] for p in fulfilments["parameters"]
    }
    assert "kind" in {p["name"] for p in ledger["parameters"]}
    ship = schema["paths"][f"{V}/fulfilments/{{id}}/ship/"]["post"]
    assert {"400", "404", "409"} <= set(ship["responses"])
