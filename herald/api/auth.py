"""Bearer-token authentication for the API. Cookies and sessions are never used, so a browser's
signed-in session cannot call the API (and CSRF does not arise)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from herald.api.models import ApiToken
from herald.api.selectors import api_token_for_secret
from herald.api.services import api_token_mark_used
from herald.core.errors import NotAllowed
from herald.people.access import representative_for_user
from herald.people.models import Representative


class TokenAuth(HttpBearer):
    """`Authorization: Bearer herald_…`. Unknown, revoked and expired tokens get 401."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = api_token_for_secret(token.strip())
        if found is None:
            return None
        api_token_mark_used(token=found)
        return found


def api_user(request: HttpRequest):
    return request.auth.user


def api_rep(request: HttpRequest) -> Representative:
    """The representative the token speaks for. A deactivated representative's token still
    authenticates, but every action is refused, as on the web."""
    rep = representative_for_user(request.auth.user)
    if rep is None or rep.council_id != request.auth.council_id:
        raise NotAllowed("This token's owner is no longer an active representative of the council, so it can "
                         "do nothing.")
    return rep
