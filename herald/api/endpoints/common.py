"""Shared pieces of the endpoints: capability checks, documented error responses, the post id."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path

from herald.api.auth import api_rep
from herald.api.schemas import MAX_ID, ErrorOut
from herald.core.errors import NotAllowed
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import Representative

#: Every endpoint can answer these.
ALWAYS = (400, 401, 403, 429)


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    return {code: ErrorOut for code in sorted(set(ALWAYS + codes))}


def need(request: HttpRequest, capability: Capability) -> Representative:
    """The token's representative, if they have `capability` (and may use the API): 403 otherwise."""
    rep = api_rep(request)
    caps = capabilities_for(rep.roles)
    if Capability.USE_API not in caps or capability not in caps:
        raise NotAllowed("You do not have permission to do this.")
    return rep


def post_id():
    """The `{post_id}` path parameter (a fresh one for each endpoint)."""
    return Path(..., ge=1, le=MAX_ID, description="The post's id")
