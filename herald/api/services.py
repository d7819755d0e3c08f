"""API token services: the only write path for API tokens.

A token is `herald_` followed by 43 random URL-safe characters. Herald keeps only its SHA-256
hash and a short prefix; the whole token is returned once, by api_token_create, and never again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction

from herald.api.models import ApiToken
from herald.core import clock
from herald.core.errors import Conflict, NotFound, ValidationFailed
from herald.people.access import require_capability
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import Representative
from herald.records.audit import audit_record
from herald.records.events import EventType

TOKEN_START = "herald_"
PREFIX_LENGTH = len(TOKEN_START) + 6
MAX_NAME = 100
MAX_ACTIVE_TOKENS = 10
MAX_LIFETIME = dt.timedelta(days=366)
#: How often last_used_at is brought up to date (it is bookkeeping, not an audit record).
USE_RESOLUTION = dt.timedelta(minutes=1)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed("Enter a name for the token, like the program that will use it.", field="name")
    if len(name) > MAX_NAME:
        raise ValidationFailed(f"The name must be {MAX_NAME} characters or fewer.", field="name")
    if not name.isprintable():
        raise ValidationFailed("The name can only contain letters, numbers, spaces and punctuation.", field="name")
    return name


def _snapshot(token: ApiToken) -> dict:
    return {"name": token.name, "prefix": token.prefix, "owner": token.representative.name,
            "expires_at": token.expires_at}


@transaction.atomic
def api_token_create(*, acting_user, representative: Representative, name: str,
                     expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new API token for the signed-in representative (nobody makes tokens for someone else).
    Returns the token and its secret: show the secret once, it is not kept."""
    rep = require_capability(acting_user, Capability.USE_API)
    if rep.pk != representative.pk:
        raise NotFound("Page not found.")
    name = _clean_name(name)
    now = clock.now()
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise ValidationFailed("The expiry time must include its time zone.", field="expires_at")
        if expires_at <= now:
            raise ValidationFailed("The expiry date must be in the future.", field="expires_at")
        if expires_at > now + MAX_LIFETIME:
            raise ValidationFailed("A token can last a year at most.", field="expires_at")
    Representative.objects.select_for_update().get(pk=rep.pk)  # one token at a time per person: the count holds
    active = ApiToken.objects.filter(user=acting_user, revoked_at__isnull=True).exclude(expires_at__lte=now)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise Conflict(f"You already have {MAX_ACTIVE_TOKENS} active API tokens. Revoke one you no longer use "
                       "first.")
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(council=rep.council, user=acting_user, representative=rep, name=name,
                     prefix=secret[:PREFIX_LENGTH], secret_hash=secret_hash(secret), created_at=now,
                     created_by=acting_user, expires_at=expires_at)
    token.full_clean()
    token.save(force_insert=True)
    audit_record(council=rep.council, actor=acting_user, event_type=EventType.API_TOKEN_CREATED, target=token,
                 after=_snapshot(token))
    return token, secret


@transaction.atomic
def api_token_revoke(*, acting_user, token: ApiToken) -> ApiToken:
    """Revoke a token at once. Its owner may revoke it, and so may whoever manages the council's
    people (the Clerk). A revoked token never works again."""
    rep = require_capability(acting_user, Capability.USE_API)
    token = ApiToken.objects.select_for_update().select_related("representative", "council").get(pk=token.pk)
    own = token.user_id == acting_user.pk
    if token.council_id != rep.council_id or not (own or Capability.MANAGE_PEOPLE in capabilities_for(rep.roles)):
        raise NotFound("Page not found.")
    if token.revoked_at is not None:
        raise Conflict("This token is already revoked.")
    token.revoked_at, token.revoked_by = clock.now(), acting_user
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(council=token.council, actor=acting_user, event_type=EventType.API_TOKEN_REVOKED, target=token,
                 data={**_snapshot(token), "by_owner": own})
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Record when a token was last used (at most once a minute). Bookkeeping like the sign-in
    throttle records: no audit event, and no other field changes."""
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
