"""The API's own pages: the documentation page (from the OpenAPI schema), the index and a JSON 404."""

from __future__ import annotations

import re

from django.http import JsonResponse
from django.shortcuts import render

from herald.api.errors import MESSAGES, body
from herald.api.main import api

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(ref: dict | None) -> str:
    if not ref:
        return ""
    return (ref.get("allOf") or [ref])[0].get("$ref", "").rsplit("/", 1)[-1]


def api_docs(request):
    """Every endpoint in the OpenAPI schema, server-rendered: no script, nothing from the internet."""
    schema = api.get_openapi_schema(path_prefix="/api")
    operations = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body_ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema"))
            operations.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tag": (op.get("tags") or [""])[0],
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "description": p.get("description", "") or p.get("schema", {}).get("description", "")}
                               for p in op.get("parameters", [])],
                "body": _schema_name(body_ref),
                "responses": sorted(op.get("responses", {})),
                "anchor": re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-"),
            })
    return render(request, "api/docs.html", {"operations": operations, "title": schema["info"]["title"],
                                             "version": schema["info"]["version"],
                                             "components": sorted(schema.get("components", {}).get("schemas", {}))})


def api_index(request, **kwargs):
    return JsonResponse({"name": "Herald API", "version": api.version, "docs": "/api/docs",
                         "openapi": "/api/openapi.json"})


def api_not_found(request, *args, **kwargs):
    return JsonResponse(body("not_found", MESSAGES[404], {"path": request.path[:200]}), status=404)
