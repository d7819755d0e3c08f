"""The NinjaAPI instance: token auth and rate limits on every operation, one error shape."""

from __future__ import annotations

from ninja import NinjaAPI

from herald.api import errors
from herald.api.auth import TokenAuth
from herald.api.endpoints import channels, posts, review, screen
from herald.api.throttling import API_RATE, SCREEN_RATE, TokenRateThrottle

VERSION = "1.0.0"


class HeraldAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # post_submit, not herald_api_endpoints_posts_post_submit


api = HeraldAPI(
    title="Herald API",
    version=VERSION,
    description="Screen texts, write and submit posts, review them and follow their publication, with the same "
                "rights as on Herald's web pages. Authenticate with `Authorization: Bearer <token>` (make a token "
                "on your account page). Every error is JSON `{code, message, details}`. See docs/api.md.",
    urls_namespace="herald-api",
    docs_url=None,  # /api/docs is Herald's own page (herald.api.views): works offline under the strict CSP
    openapi_url="/openapi.json",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle(API_RATE)],
)
errors.install(api)
api.add_router("", screen.router, throttle=[TokenRateThrottle(API_RATE), TokenRateThrottle(SCREEN_RATE, "screen")])
api.add_router("", posts.router)
api.add_router("", review.router)
api.add_router("", channels.router)
