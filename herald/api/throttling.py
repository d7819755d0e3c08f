"""Rate limits per API token (docs/api.md). Counted in Django's cache: in each web process, so the
limits are approximate when several processes serve the API."""

from __future__ import annotations

from ninja.throttling import SimpleRateThrottle

#: Every request with one token.
API_RATE = "300/min"
#: Screening is the heaviest call: it has its own, lower limit.
SCREEN_RATE = "60/min"


class TokenRateThrottle(SimpleRateThrottle):
    scope = "herald-token"

    def __init__(self, rate: str, scope: str = "herald-token"):
        self.scope = scope
        super().__init__(rate)

    def get_cache_key(self, request) -> str | None:
        token = getattr(request, "auth", None)
        if token is None:
            return None  # unauthenticated requests never get this far
        return self.cache_format % {"scope": self.scope, "ident": token.secret_hash[:32]}
