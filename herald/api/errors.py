"""Every API error is JSON `{"code", "message", "details"}` with a plain-English message.

herald.core.errors map to 422 (ValidationFailed), 409 (Conflict), 403 (NotAllowed) and 404
(NotFound); malformed requests are 400 with a message per field; anything unexpected is a 500
in the same shape, with the details in the log only.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from herald.core.errors import Conflict, HeraldError, NotAllowed, NotFound, ValidationFailed
from herald.screening import InvalidInput

log = logging.getLogger(__name__)

STATUS = {ValidationFailed: 422, Conflict: 409, NotAllowed: 403, NotFound: 404}
CODES = {400: "invalid_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 429: "rate_limited", 500: "server_error"}
MESSAGES = {
    400: "The request is not valid. Check the details for each field.",
    401: "Send a valid API token in the Authorization header: 'Authorization: Bearer herald_…'. Unknown, "
         "revoked and expired tokens are refused.",
    403: "You do not have permission to do this.",
    404: "Not found.",
    405: "This address does not accept that method.",
    429: "Too many requests. Wait a little and try again.",
    500: "Something went wrong in Herald. The problem has been logged; try again later.",
}


def body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or {}}


def error_response(api: NinjaAPI, request: HttpRequest, status: int, message: str | None = None,
                   details: dict[str, Any] | None = None, code: str | None = None) -> HttpResponse:
    return api.create_response(request, body(code or CODES.get(status, "error"), message or MESSAGES[status],
                                             details), status=status)


def _field_name(loc: tuple) -> tuple[str, str]:
    source = str(loc[0]) if loc else "body"
    rest = [str(p) for p in loc[1:]]
    if source == "body" and len(rest) > 1 and rest[0] in ("data", "payload"):
        rest = rest[1:]  # ninja names the whole body after the parameter: drop it
    return source, ".".join(rest) or source


def _plain(error: dict) -> str:
    kind, message = error.get("type", ""), str(error.get("msg", "Invalid value"))
    if kind == "missing":
        return "This field is required."
    if kind == "json_invalid":
        return "The body is not valid JSON."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "Send a JSON object."
    if kind == "extra_forbidden":
        return "This field is not allowed here."
    message = message.removeprefix("Value error, ")
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")


def validation_details(errors: list[dict]) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        source, name = _field_name(tuple(error.get("loc", ())))
        key = name if source == "body" else f"{source}.{name}" if name != source else source
        fields.setdefault(key, []).append(_plain(error))
    return {"fields": fields}


def install(api: NinjaAPI) -> None:
    def herald_error(request, exc: HeraldError):
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        details = dict(exc.details)
        details.pop("stale", None)
        if exc.field:
            details["field"] = exc.field
        return error_response(api, request, status, exc.message, details, code=exc.code)

    def invalid_input(request, exc: InvalidInput):
        return error_response(api, request, 422, exc.message[0].upper() + exc.message[1:] + ".",
                              {"field": "text", "reason": exc.code}, code="invalid")

    def validation(request, exc: ValidationError):
        return error_response(api, request, 400, details=validation_details(exc.errors))

    def authentication(request, exc: AuthenticationError):
        response = error_response(api, request, 401)
        response["WWW-Authenticate"] = 'Bearer realm="herald"'
        return response

    def throttled(request, exc: Throttled):
        return error_response(api, request, 429, details={"retry_after": exc.wait and int(exc.wait + 0.999)})

    def http_error(request, exc: HttpError):
        status = exc.status_code if 400 <= exc.status_code < 600 else 500
        message = MESSAGES.get(status) or str(exc.message)
        if status == 400:
            message = "The request body is not valid JSON."
        return error_response(api, request, status, message)

    def not_found(request, exc: Http404):
        return error_response(api, request, 404)

    def unexpected(request, exc: Exception):
        log.exception("API error on %s %s", request.method, request.path)
        return error_response(api, request, 500)

    api.add_exception_handler(HeraldError, herald_error)
    api.add_exception_handler(InvalidInput, invalid_input)
    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(AuthenticationError, authentication)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Exception, unexpected)
