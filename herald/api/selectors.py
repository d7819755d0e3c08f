"""Reads of API tokens: the owner's list, the council's list for the Clerk, access by id, and
finding the token a request presents."""

from __future__ import annotations

from django.db.models import QuerySet

from herald.api.models import ApiToken
from herald.api.services import TOKEN_START, secret_hash
from herald.core import clock
from herald.core.errors import NotFound
from herald.councils.models import Council
from herald.people.access import representative_for_user
from herald.people.capabilities import Capability, capabilities_for

MAX_SECRET_LENGTH = 200


def api_token_list_for_user(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("representative").order_by("-created_at", "-pk")


def api_token_list_for_council(*, council: Council, exclude_user=None) -> QuerySet[ApiToken]:
    """Every active token in the council (for the Clerk, who may revoke them)."""
    now = clock.now()
    qs = (ApiToken.objects.filter(council=council, revoked_at__isnull=True).exclude(expires_at__lte=now)
          .select_related("representative").order_by("representative__name", "-created_at", "-pk"))
    return qs.exclude(user=exclude_user) if exclude_user is not None else qs


def access_api_token_by_id(user, token_id: int) -> ApiToken:
    """A token the user may see and revoke: their own, or any in their council when they manage
    people. NotFound for anything else."""
    rep = representative_for_user(user)
    token = ApiToken.objects.select_related("representative").filter(pk=token_id).first()
    if rep is None or token is None or token.council_id != rep.council_id:
        raise NotFound("Page not found.")
    if token.user_id != user.pk and Capability.MANAGE_PEOPLE not in capabilities_for(rep.roles):
        raise NotFound("Page not found.")
    return token


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, or None (unknown, revoked or expired)."""
    if not secret or not secret.startswith(TOKEN_START) or len(secret) > MAX_SECRET_LENGTH:
        return None
    token = (ApiToken.objects.select_related("user", "representative", "council")
             .filter(secret_hash=secret_hash(secret)).first())
    if token is None or token.status_at(clock.now()) != "active":
        return None
    return token
