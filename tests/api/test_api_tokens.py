"""API tokens through the services: the secret is shown once and only its hash is kept; revoking;
expiry; who may revoke whose token; bad input."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from herald.api import services
from herald.api.models import ApiToken
from herald.api.selectors import access_api_token_by_id, api_token_for_secret
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from herald.records.events import EventType
from herald.records.models import AuditEvent

pytestmark = pytest.mark.django_db


def create(rep, name="Newsletter script", expires_at=None):
    return services.api_token_create(acting_user=rep.user, representative=rep, name=name, expires_at=expires_at)


def test_the_secret_is_returned_once_and_only_its_hash_is_kept(people):
    token, secret = create(people.member)
    assert secret.startswith("herald_") and len(secret) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:len(stored.prefix)] and len(stored.prefix) < len(secret) - 30
    assert secret not in [str(v) for v in ApiToken.objects.values().get(pk=token.pk).values()]
    event = AuditEvent.objects.get(event_type=EventType.API_TOKEN_CREATED)
    assert event.actor_id == people.member.user.pk and event.target_id == str(token.pk)
    assert secret not in str(event.data) and event.data["after"]["name"] == "Newsletter script"
    assert api_token_for_secret(secret) == token
    other, other_secret = create(people.member, name="Another")
    assert other_secret != secret and other.secret_hash != token.secret_hash


def test_revoked_tokens_stop_working_and_the_revocation_is_audited(people):
    token, secret = create(people.member)
    services.api_token_revoke(acting_user=people.member.user, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == people.member.user
    assert api_token_for_secret(secret) is None
    event = AuditEvent.objects.get(event_type=EventType.API_TOKEN_REVOKED)
    assert event.data["by_owner"] is True
    with pytest.raises(Conflict, match="already revoked"):
        services.api_token_revoke(acting_user=people.member.user, token=token)


def test_expired_tokens_stop_working(people, monkeypatch):
    token, secret = create(people.member, expires_at=clock.now() + dt.timedelta(days=30))
    assert api_token_for_secret(secret) == token
    later = clock.now() + dt.timedelta(days=30, seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert api_token_for_secret(secret) is None
    assert token.status_at(later) == "expired"


def test_the_clerk_may_revoke_anyones_token_in_the_council_but_nobody_else_may(people, other_people):
    token, _ = create(people.member)
    with pytest.raises(NotFound):
        services.api_token_revoke(acting_user=people.member2.user, token=token)
    with pytest.raises(NotFound):
        services.api_token_revoke(acting_user=people.chair.user, token=token)
    with pytest.raises(NotFound):
        services.api_token_revoke(acting_user=other_people.clerk.user, token=token)
    with pytest.raises(NotFound):
        access_api_token_by_id(people.member2.user, token.pk)
    assert access_api_token_by_id(people.clerk.user, token.pk) == token
    services.api_token_revoke(acting_user=people.clerk.user, token=token)
    assert AuditEvent.objects.get(event_type=EventType.API_TOKEN_REVOKED).data["by_owner"] is False


def test_nobody_makes_a_token_for_someone_else(people):
    with pytest.raises(NotFound):
        services.api_token_create(acting_user=people.clerk.user, representative=people.member, name="Sneaky")
    assert not ApiToken.objects.exists()


def test_a_deactivated_representative_cannot_make_tokens(people):
    from herald.people.services import representative_deactivate

    representative_deactivate(acting_user=people.clerk.user, representative=people.member, reason="Left")
    people.member.user.refresh_from_db()
    with pytest.raises(NotAllowed):
        create(people.member)


@pytest.mark.parametrize("name, message", [
    ("", "Enter a name"), ("   ", "Enter a name"), ("x" * 101, "100 characters"), ("bell\x07", "letters"),
])
def test_bad_names_are_refused(people, name, message):
    with pytest.raises(ValidationFailed, match=message) as caught:
        create(people.member, name=name)
    assert caught.value.field == "name" and not ApiToken.objects.exists()


@pytest.mark.parametrize("delta, message", [
    (dt.timedelta(seconds=-1), "in the future"), (dt.timedelta(days=400), "a year at most"),
])
def test_bad_expiry_is_refused(people, delta, message):
    with pytest.raises(ValidationFailed, match=message):
        create(people.member, expires_at=clock.now() + delta)
    with pytest.raises(ValidationFailed, match="time zone"):
        create(people.member, expires_at=dt.datetime(2030, 1, 1))
    assert not ApiToken.objects.exists()


def test_at_most_ten_active_tokens(people):
    tokens = [create(people.member, name=f"Script {i}")[0] for i in range(services.MAX_ACTIVE_TOKENS)]
    with pytest.raises(Conflict, match="Revoke one"):
        create(people.member, name="One too many")
    services.api_token_revoke(acting_user=people.member.user, token=tokens[0])
    create(people.member, name="Now there is room")


@pytest.mark.parametrize("secret", ["", "herald_", "Bearer", "herald_" + "a" * 300, "not-a-herald-token",
                                    "herald_\x00"])
def test_unknown_secrets_find_nothing(people, secret):
    create(people.member)
    assert api_token_for_secret(secret) is None


def test_last_use_is_recorded_at_most_once_a_minute(people, monkeypatch):
    token, _ = create(people.member)
    services.api_token_mark_used(token=token)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    services.api_token_mark_used(token=token)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    later = first + dt.timedelta(minutes=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    services.api_token_mark_used(token=token)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later
