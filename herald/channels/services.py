"""Channel register services: proposals, the Clerk's decisions, details, credentials, checks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction

from herald.channels import crypto
from herald.channels.compliance import run_checks
from herald.channels.connect import CREDENTIAL_FIELDS
from herald.channels.models import (
    ApplicationKind,
    Audience,
    Channel,
    ComplianceCheck,
    LogoUse,
    Platform,
    Status,
    Use,
)
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.councils.models import Council
from herald.people.models import Representative
from herald.records.audit import audit_record
from herald.records.events import EventType

DETAILS = ("name", "platform", "kind", "use", "purpose", "audience", "handle", "account_email", "service_url",
           "logo_use")
REAPPROVAL_INTERVAL = dt.timedelta(days=365)

# action -> (states it may start from, state it leads to, audit event, reason required)
TRANSITIONS: dict[str, tuple[frozenset[str], str, EventType, bool]] = {
    "approve": (frozenset({Status.PROPOSED}), Status.APPROVED, EventType.CHANNEL_APPROVED, False),
    "reject": (frozenset({Status.PROPOSED}), Status.REJECTED, EventType.CHANNEL_REJECTED, True),
    "activate": (frozenset({Status.APPROVED}), Status.ACTIVE, EventType.CHANNEL_ACTIVATED, False),
    "suspend": (frozenset({Status.ACTIVE}), Status.SUSPENDED, EventType.CHANNEL_SUSPENDED, True),
    "close": (frozenset({Status.APPROVED, Status.ACTIVE, Status.SUSPENDED}), Status.CLOSED, EventType.CHANNEL_CLOSED, True),
    "reopen": (frozenset({Status.SUSPENDED, Status.CLOSED}), Status.ACTIVE, EventType.CHANNEL_REOPENED, True),
}


def _snapshot(channel: Channel) -> dict:
    data = {name: getattr(channel, name) for name in DETAILS}
    data["owner"] = channel.owner_id
    data["representatives"] = sorted(channel.representatives.values_list("pk", flat=True)) if channel.pk else []
    return data


def _clean(*, council: Council, data: dict, exclude_pk: int | None = None) -> dict:
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationFailed("Enter a name for the channel.", field="name")
    if len(name) > 120:
        raise ValidationFailed("The name must be 120 characters or fewer.", field="name")
    if Channel.objects.filter(council=council, name__iexact=name).exclude(pk=exclude_pk).exists():
        raise Conflict("The council already has a channel with this name.", field="name")
    checks = {"platform": Platform, "kind": ApplicationKind, "use": Use, "audience": Audience}
    for field, choices in checks.items():
        if data.get(field) not in choices.values:
            raise ValidationFailed(f"Select the channel's {field.replace('_', ' ')}.", field=field)
    if data.get("logo_use", "") not in LogoUse.values:
        raise ValidationFailed("Select whether the channel uses the Council's logo.", field="logo_use")
    purpose = (data.get("purpose") or "").strip()
    if not purpose:
        raise ValidationFailed("Say what the channel is for.", field="purpose")
    email = (data.get("account_email") or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            raise ValidationFailed("Enter the account email address in the correct format, like "
                                   "name@example.gov.uk.", field="account_email") from None
    service_url = (data.get("service_url") or "").strip()
    if service_url:
        try:
            URLValidator(schemes=["http", "https"])(service_url)
        except DjangoValidationError:
            raise ValidationFailed("Enter the server address as a web address, like https://bsky.social.",
                                   field="service_url") from None
    handle = (data.get("handle") or "").strip().lstrip("@")
    return {"name": name, "platform": data["platform"], "kind": data["kind"], "use": data["use"],
            "purpose": purpose, "audience": data["audience"], "handle": handle[:200], "account_email": email,
            "service_url": service_url, "logo_use": data.get("logo_use", "")}


def _representatives(council: Council, reps) -> list[Representative]:
    reps = list(reps or [])
    if any(r.council_id != council.pk or not r.active for r in reps):
        raise ValidationFailed("Choose active representatives of this council.", field="representatives")
    return reps


@transaction.atomic
def channel_propose(*, acting_user, council: Council, owner: Representative, representatives=(), **details) -> Channel:
    """Propose a channel. A council-service channel, or a kind the policy says to discuss with the
    Clerk (virtual worlds, RSS aggregation), waits for the Clerk's approval (approval.council_service);
    other non-council uses are registered straight away (approval.non_council)."""
    if owner.council_id != council.pk or not owner.active:
        raise ValidationFailed("The owner must be an active representative of this council.", field="owner")
    clean = _clean(council=council, data=details)
    channel = Channel(council=council, owner=owner, proposed_at=clock.now(), proposed_by=acting_user, **clean)
    channel.status = Status.PROPOSED if channel.needs_approval else Status.ACTIVE
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError:
        raise Conflict("The council already has a channel with this name.", field="name") from None
    channel.representatives.set(_representatives(council, representatives) or [owner])
    event = EventType.CHANNEL_PROPOSED if channel.needs_approval else EventType.CHANNEL_REGISTERED
    audit_record(council=council, actor=acting_user, event_type=event, target=channel, after=_snapshot(channel))
    return channel


@transaction.atomic
def channel_update(*, acting_user, channel: Channel, owner: Representative, representatives=(), **details) -> Channel:
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if channel.status in (Status.REJECTED, Status.CLOSED):
        raise Conflict("A rejected or closed channel cannot be changed. Reopen it first.")
    if owner.council_id != channel.council_id or not owner.active:
        raise ValidationFailed("The owner must be an active representative of this council.", field="owner")
    before = _snapshot(channel)
    clean = _clean(council=channel.council, data=details, exclude_pk=channel.pk)
    if clean["platform"] != channel.platform and channel.status != Status.PROPOSED:
        raise Conflict("The platform of an approved channel cannot change: propose a new channel.", field="platform")
    if clean["use"] != channel.use and channel.status != Status.PROPOSED:
        raise Conflict("Whether a channel is official cannot change after approval: propose a new channel.", field="use")
    for name, value in clean.items():
        setattr(channel, name, value)
    channel.owner = owner
    channel.save()
    channel.representatives.set(_representatives(channel.council, representatives) or [owner])
    after = _snapshot(channel)
    if after != before:
        audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_UPDATED, target=channel,
                     before={k: v for k, v in before.items() if after[k] != v},
                     after={k: v for k, v in after.items() if before[k] != v})
    return channel


@transaction.atomic
def channel_decide(*, acting_user, channel: Channel, action: str, reason: str = "") -> Channel:
    """The Clerk's decisions on a channel: approve, reject, activate, suspend, close, reopen."""
    if action not in TRANSITIONS:
        raise ValidationFailed(f"Unknown action {action!r}.")
    sources, target, event, needs_reason = TRANSITIONS[action]
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if channel.status not in sources:
        verb = {"approve": "approved", "reject": "rejected", "activate": "made active", "suspend": "suspended",
                "close": "closed", "reopen": "reopened"}[action]
        raise Conflict(f"A {channel.get_status_display().lower()} channel cannot be {verb}.")
    reason = (reason or "").strip()
    if needs_reason and not reason:
        raise ValidationFailed("Enter the reason. It is shown on the channel's record.", field="reason")
    if action == "activate" and channel.platform != Platform.OTHER and channel.platform != Platform.NEWSFEED \
            and not channel.handle:
        raise Conflict("Enter the channel's handle before making it active.", field="handle")
    before = channel.status
    now = clock.now()
    channel.status, channel.status_reason = target, reason
    channel.status_changed_at, channel.status_changed_by = now, acting_user
    if action == "approve":
        channel.approved_at, channel.approved_by = now, acting_user
    channel.save(update_fields=["status", "status_reason", "status_changed_at", "status_changed_by", "approved_at",
                                "approved_by"])
    audit_record(council=channel.council, actor=acting_user, event_type=event, target=channel,
                 before={"status": before}, after={"status": target}, data={"reason": reason} if reason else None)
    return channel


@transaction.atomic
def channel_reapprove(*, acting_user, channel: Channel) -> Channel:
    """The yearly re-approval of an official channel in use."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if channel.status not in (Status.APPROVED, Status.ACTIVE, Status.SUSPENDED) or not channel.needs_approval:
        raise Conflict("Only an approved official channel in use can be re-approved.")
    previous = channel.approved_at
    channel.approved_at, channel.approved_by = clock.now(), acting_user
    channel.save(update_fields=["approved_at", "approved_by"])
    audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_REAPPROVED, target=channel,
                 before={"approved_at": previous}, after={"approved_at": channel.approved_at})
    return channel


@transaction.atomic
def channel_set_credentials(*, acting_user, channel: Channel, values: dict[str, str]) -> Channel:
    """Store the channel's secrets encrypted. The audit event records which fields, never values."""
    fields = CREDENTIAL_FIELDS[channel.platform]
    if not fields:
        raise Conflict("This channel needs no credentials.")
    cleaned = {f: (values.get(f) or "").strip() for f in fields}
    missing = [f for f, v in cleaned.items() if not v]
    if missing:
        raise ValidationFailed("Enter the " + " and ".join(m.replace("_", " ") for m in missing) + ".", field=missing[0])
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    channel.credentials = crypto.encrypt(cleaned)
    channel.save(update_fields=["credentials"])
    audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_CREDENTIALS_SET,
                 target=channel, data={"fields": sorted(cleaned)})
    return channel


@transaction.atomic
def channel_confirm_complaints_info(*, acting_user, channel: Channel) -> Channel:
    """The Clerk confirms by hand that feedback and complaints information is published (ident.2)."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    channel.complaints_info_confirmed_at = clock.now()
    channel.save(update_fields=["complaints_info_confirmed_at"])
    audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_COMPLAINTS_INFO_CONFIRMED,
                 target=channel)
    return channel


def channel_check(*, acting_user, channel: Channel) -> ComplianceCheck:
    """Run the identification checklist (ident.1 to ident.4). The platform is asked outside the
    transaction, so a slow platform never holds the database."""
    channel = Channel.objects.select_related("council").get(pk=channel.pk)
    if not channel.official:
        raise NotAllowed("Only official channels are checked.")
    results = run_checks(channel)
    with transaction.atomic():
        check = ComplianceCheck.objects.create(council=channel.council, channel=channel, run_at=clock.now(),
                                               run_by=acting_user, passed=all(r.ok for r in results),
                                               results=[r.as_dict() for r in results])
        audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_CHECKED, target=channel,
                     data={"passed": check.passed, "failed": [r.clause for r in results if r.ok is not True]})
    return check


def channel_credentials_rotate(*, acting_user) -> int:
    """Re-encrypt every channel's credentials with the first key (after adding a new key first)."""
    count = 0
    for channel in Channel.objects.exclude(credentials="").select_related("council"):
        with transaction.atomic():
            Channel.objects.filter(pk=channel.pk).update(credentials=crypto.rotate(channel.credentials))
            audit_record(council=channel.council, actor=acting_user, event_type=EventType.CHANNEL_CREDENTIALS_SET,
                         target=channel, data={"rotated": True})
        count += 1
    return count
