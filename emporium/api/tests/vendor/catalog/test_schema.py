"""The vendor catalogue routes in the OpenAPI schema: every one listed with
its methods under the tag "vendor", generated without a warning."""

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS, reset_generator_stats
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

V = "/api/v1/vendor"
ROUTES = {
    f"{V}/products/": {"get", "post"},
    f"{V}/products/{{id}}/": {"get", "patch", "delete"},
    f"{V}/products/{{id}}/attributes/": {"put"},
    f"{V}/products/{{id}}/variants/": {"post"},
    f"{V}/products/{{id}}/images/": {"post"},
    f"{V}/variants/{{id}}/": {"get", "patch", "delete"},
    f"{V}/images/{{id}}/": {"get", "patch", "delete"},
    f"{V}/offers/": {"get", "post"},
    f"{V}/offers/{{id}}/": {"get", "patch", "delete"},
    f"{V}/open-products/": {"get"},
    f"{V}/warehouses/": {"get", "post"},
    f"{V}/warehouses/{{id}}/": {"get", "patch", "delete"},
    f"{V}/stock/": {"get", "post"},
    f"{V}/stock/{{id}}/": {"get", "patch"},
    f"{V}/stock/{{id}}/adjustments/": {"post"},
    f"{V}/stock/{{id}}/movements/": {"get"},
    f"{V}/catalog/import/": {"post"},
    f"{V}/catalog/imports/": {"get"},
    f"{V}/catalog/imports/{{id}}/": {"get"},
    f"{V}/catalog/export/": {"get"},
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture
def schema(api_client) -> dict:
    return api_client.get("/api/schema/", {"format": "json"}).json()


def test_every_catalogue_route_is_in_the_schema_with_its_methods(schema):
    listed = {
        route: {
            method
            for method in schema["paths"].get(route, {})
            if method in HTTP_METHODS
        }
        for route in ROUTES
    }

    assert listed == ROUTES


def test_every_catalogue_operation_is_tagged_vendor_and_takes_the_shop(schema):
    for route in ROUTES:
        for method, operation in schema["paths"][route].items():
            if method not in HTTP_METHODS:
                continue
            assert operation["tags"] == ["vendor"], (route, method)
            names = {p["name"] for p in operation.get("parameters", [])}
            assert "shop" in names, (route, method)
            assert {"401", "403"} <= set(operation["responses"]), (route, method)


def test_uploads_are_documented_as_multipart(schema):
    for route in (f"{V}/products/{{id}}/images/", f"{V}/catalog/import/"):
        body = schema["paths"][route]["post"]["requestBody"]["content"]
        assert set(body) == {"multipart/form-data"}


def test_the_export_is_documented_as_csv(schema):
    responses = schema["paths"][f"{V}/catalog/export/"]["get"]["responses"]

    assert set(responses["200"]["content"]) == {"text/csv"}


def test_the_catalogue_routes_generate_without_warnings():
    reset_generator_stats()
    patterns = [path("api/v1/vendor/", include("emporium.api.vendor.catalog_urls"))]

    generated = SchemaGenerator(patterns=patterns).get_schema(public=True)

    assert set(generated["paths"]) == set(ROUTES)
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}
