"""The OpenAPI schema is valid, documents every operation (with its errors and the bearer token),
and the docs page lists every endpoint."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    from openapi_spec_validator import validate

    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_operation_is_documented_with_its_errors_and_the_token(schema):
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    operations = [(path, method, op) for path, item in schema["paths"].items()
                  for method, op in item.items() if method in METHODS]
    assert len(operations) == 15
    for path, method, op in operations:
        label = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("description"), label
        assert op["security"] == [{"TokenAuth": []}], label
        for status in ("400", "401", "403", "429"):
            assert op["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut"), \
                (label, status)
        if "{post_id}" in path:
            assert "404" in op["responses"], label
        if method in ("post", "patch") and path != "/api/screen":
            assert {"409", "422"} <= set(op["responses"]), label
        if "requestBody" in op:
            body = op["requestBody"]["content"]["application/json"]["schema"]
            ref = (body.get("allOf") or [body])[0]["$ref"].rsplit("/", 1)[-1]
            assert schema["components"]["schemas"][ref].get("additionalProperties") is False, label
    assert sum("requestBody" in op for _path, _method, op in operations) == 9
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"code", "message", "details"}


def test_every_api_route_is_in_the_schema(schema):
    from herald.api.urls import operations

    documented = {path.removeprefix("/api/") for path in schema["paths"]}
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern)) for p in operations[0]
              if isinstance(p, URLPattern) and p.name not in (None, "api-root", "openapi-json")}
    assert routes == documented


def test_the_docs_page_lists_every_endpoint_and_runs_no_script(client, schema):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert f"<code>{path}</code>" in page and op["summary"] in page, (method, path)
    assert "/api/openapi.json" in page
    assert "cdn" not in page.lower() and "<script>" not in page and "swagger" not in page.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_api_root_points_to_the_docs(client):
    assert client.get("/api/").json() == {"name": "Herald API", "version": "1.0.0", "docs": "/api/docs",
                                          "openapi": "/api/openapi.json"}
