"""Routes of the API (mounted by herald/urls.py): the token pages on the account page, the docs
page, and the django-ninja operations under /api/ (namespace `herald-api`)."""

from __future__ import annotations

import functools

from django.http import JsonResponse
from django.urls import URLPattern, path, re_path

from herald.api import views
from herald.api.errors import CODES, MESSAGES, body
from herald.api.main import api
from herald.web.views import account

app_name = "api"

urlpatterns = [
    path("account/api-tokens", account.api_tokens, name="api-tokens"),
    path("account/api-tokens/new", account.api_token_new, name="api-token-new"),
    path("account/api-tokens/created", account.api_token_created, name="api-token-created"),
    path("account/api-tokens/<int:token_pk>/revoke", account.api_token_revoke, name="api-token-revoke"),
    path("api/docs", views.api_docs, name="api-docs"),
]


def _json_405(view):
    """ninja answers a wrong method with a bare 405: give it the API's error shape."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = JsonResponse(body(CODES[405], MESSAGES[405], {"allowed": allowed}), status=405)
            response["Allow"] = allowed
        return response

    return wrapper


def _operations() -> list:
    patterns, _app, _namespace = api.urls
    made, seen = [], set()
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            made.append(pattern)
            continue
        route = str(pattern.pattern)
        if route in seen:
            continue  # ninja adds one pattern per operation; the first serves every method of its path
        seen.add(route)
        if pattern.name == "api-root":
            made.append(path("", views.api_index, name="api-root"))
        else:
            made.append(URLPattern(pattern.pattern, _json_405(pattern.callback), pattern.default_args, pattern.name))
    # Anything else under /api/ is a JSON 404, never the HTML page.
    made.append(re_path(r"^.*$", views.api_not_found))
    return made


#: Mounted at "api/" by herald/urls.py.
operations = (_operations(), "ninja", api.urls_namespace)
