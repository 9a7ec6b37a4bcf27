"""The OpenAPI schema and the docs UIs under /api/."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from openapi_spec_validator import validate

from emporium.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROUTES = {
    "/api/v1/auth/register/": {"post"},
    "/api/v1/auth/verify-email/": {"post"},
    "/api/v1/auth/verify-email/resend/": {"post"},
    "/api/v1/auth/token/": {"post"},
    "/api/v1/auth/token/refresh/": {"post"},
    "/api/v1/auth/logout/": {"post"},
    "/api/v1/auth/password-reset/": {"post"},
    "/api/v1/auth/password-reset/confirm/": {"post"},
    "/api/v1/me/": {"get", "patch"},
    "/api/v1/me/addresses/": {"get", "post"},
    "/api/v1/me/addresses/{id}/": {"get", "patch", "delete"},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def schema(api_client) -> dict:
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_schema_is_valid_openapi(schema):
    validate(schema)


def test_schema_generates_without_warnings(tmp_path):
    # Warnings (an unresolvable enum name, a view it cannot read) would
    # otherwise only show on stderr while the schema quietly degrades.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml"
    )


def test_schema_is_served_as_yaml_by_default(api_client):
    response = api_client.get("/api/schema/")

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


def test_schema_lists_every_accounts_route_with_its_methods(schema):
    listed = {
        path: {method for method in item if method in HTTP_METHODS}
        for path, item in schema["paths"].items()
        if path in ROUTES
    }

    assert listed == ROUTES


def test_every_operation_has_a_summary_a_tag_and_a_unique_id(schema):
    ids = []
    for path, method, operation in operations(schema):
        assert operation.get("summary"), (path, method)
        assert operation.get("tags"), (path, method)
        ids.append(operation["operationId"])

    assert len(ids) == len(set(ids))


def test_every_error_response_is_documented_with_the_error_body(schema):
    error_ref = "#/components/schemas/Error"
    for path, method, operation in operations(schema):
        errors = {
            code: r for code, r in operation["responses"].items() if code[0] in "45"
        }
        assert errors, (path, method)
        for code, response in errors.items():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            assert ref == error_ref, (path, method, code)


def test_error_body_schema_has_code_detail_and_fields(schema):
    error = schema["components"]["schemas"]["Error"]

    assert set(error["properties"]) == {"code", "detail", "fields"}
    assert set(error["required"]) == {"code", "detail"}


# Public catalog reads never read credentials (PublicApi): they declare none.
PUBLIC_READS = {
    "/api/v1/categories/",
    "/api/v1/categories/{slug}/",
    "/api/v1/products/",
    "/api/v1/products/{slug}/",
    "/api/v1/search/suggest/",
    "/api/v1/shops/",
    "/api/v1/shops/{slug}/",
    "/api/v1/shops/{slug}/branches/",
    "/api/v1/payments/webhooks/stripe/",  # no login: Stripe's signature
}


def test_signed_in_routes_declare_jwt_and_public_ones_none(schema):
    for path, method, operation in operations(schema):
        schemes = {name for item in operation["security"] for name in item}
        if path.startswith("/api/v1/auth/") or path in PUBLIC_READS:
            assert schemes == set(), (path, method)
        else:
            assert "jwtAuth" in schemes, (path, method)


def test_address_list_is_documented_as_paginated(schema):
    operation = schema["paths"]["/api/v1/me/addresses/"]["get"]

    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ref["$ref"] == "#/components/schemas/PaginatedAddressList"
    assert {p["name"] for p in operation["parameters"]} == {"page", "page_size"}


ASSET = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_page_loads_only_local_assets(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "https://" not in html
    assert "http://" not in html
    assets = ASSET.findall(html)
    assert assets
    for url in assets:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"missing asset {url}"


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_options_on_every_route_answers_without_a_server_error(
    api_client, schema, signed_in
):
    if signed_in:
        api_client.force_authenticate(UserFactory())
    paths = [re.sub(r"\{[^}]+\}", "1", path) for path in schema["paths"]]

    statuses = {path: api_client.options(path).status_code for path in paths}

    assert {path: code for path, code in statuses.items() if code >= 500} == {}
