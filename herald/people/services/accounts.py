"""Sign-in accounts: creation, passwords, two-factor authentication, throttling records."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import pyotp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.people.models import RecoveryCode, Representative, SignInAttempt, TotpDevice, User
from herald.records.audit import audit_record
from herald.records.events import EventType

RECOVERY_CODE_COUNT = 10


def _council_of(user):
    rep = getattr(user, "representative", None)
    return rep.council if rep else None


def _audit(user, actor, event_type, **kwargs):
    council = _council_of(user)
    if council is not None:
        audit_record(council=council, actor=actor, event_type=event_type, target=user.representative, **kwargs)


@transaction.atomic
def account_create(*, acting_user, representative: Representative) -> tuple[User, str]:
    """Create a sign-in account for a representative. Returns the user and a one-time link
    (valid until used or for three days) where they choose their password."""
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    if rep.user_id:
        raise Conflict("This person already has a sign-in account.")
    if not rep.active:
        raise Conflict("Reactivate this person before creating a sign-in account.")
    if User.objects.filter(email=rep.official_email).exists():
        raise Conflict("A sign-in account already uses this email address.", field="official_email")
    user = User.objects.create_user(rep.official_email, full_name=rep.name)
    rep.user = user
    rep.save(update_fields=["user"])
    audit_record(council=rep.council, actor=acting_user, event_type=EventType.ACCOUNT_CREATED, target=rep,
                 after={"email": user.email})
    return user, password_link(user)


def password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{settings.HERALD_BASE_URL}/account/set-password/{uid}/{default_token_generator.make_token(user)}"


@transaction.atomic
def password_set(*, acting_user, user: User, password: str, confirm: str) -> User:
    if password != confirm:
        raise ValidationFailed("The two passwords do not match.", field="confirm")
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), field="password") from None
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    _audit(user, acting_user, EventType.PASSWORD_SET)
    return user


def sign_in_record(*, email: str, ip_address: str | None, succeeded: bool, user: User | None = None,
                   locked_out: bool = False) -> None:
    """Record an attempt (for throttling) and, for known people, the audit event."""
    with transaction.atomic():
        SignInAttempt.objects.create(email=email.strip().lower()[:254], ip_address=ip_address, at=clock.now(),
                                     succeeded=succeeded)
        if user is not None and succeeded:
            _audit(user, user, EventType.SIGNED_IN, data={"ip_address": ip_address})
        elif user is not None and locked_out:
            _audit(user, None, EventType.SIGN_IN_LOCKED_OUT, data={"ip_address": ip_address})


# Failures from one address (across any email addresses) before it is locked out too.
IP_FAILURE_FACTOR = 10


def sign_in_locked(*, email: str, ip_address: str | None = None, now: dt.datetime | None = None) -> bool:
    """Too many recent failures for this email address, or from this network address."""
    now = now or clock.now()
    since = now - dt.timedelta(minutes=settings.HERALD_LOGIN_LOCKOUT_MINUTES)
    recent = SignInAttempt.objects.filter(at__gte=since, succeeded=False)
    if recent.filter(email=email.strip().lower()).count() >= settings.HERALD_LOGIN_MAX_FAILURES:
        return True
    limit = settings.HERALD_LOGIN_MAX_FAILURES * IP_FAILURE_FACTOR
    return ip_address is not None and recent.filter(ip_address=ip_address).count() >= limit


@transaction.atomic
def sign_out_record(*, user: User) -> None:
    _audit(user, user, EventType.SIGNED_OUT)


@transaction.atomic
def two_factor_begin(*, acting_user, user: User) -> TotpDevice:
    """Start (or restart, while unconfirmed) setting up an authenticator app."""
    device = TotpDevice.objects.filter(user=user).first()
    if device and device.confirmed_at:
        raise Conflict("Two-factor authentication is already set up.")
    if device is None:
        device = TotpDevice.objects.create(user=user, secret=pyotp.random_base32())
    return device


def _matching_step(device: TotpDevice, code: str) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(device.secret)
    now = clock.now().timestamp()
    for drift in (-1, 0, 1):  # allow one 30-second step either side for clock drift
        at = now + drift * totp.interval
        if hmac.compare_digest(totp.at(at), code):
            return int(at // totp.interval)
    return None


def _hash_code(code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code.replace('-', '').strip().lower()}".encode()).hexdigest()


@transaction.atomic
def two_factor_confirm(*, acting_user, user: User, code: str) -> list[str]:
    """Confirm the authenticator with a code from it; returns fresh recovery codes (shown once)."""
    device = TotpDevice.objects.select_for_update().get(user=user)
    if device.confirmed_at:
        raise Conflict("Two-factor authentication is already set up.")
    step = _matching_step(device, code)
    if step is None:
        raise ValidationFailed("The code is not right. Enter the 6-digit code your authenticator app shows now.",
                               field="code")
    device.confirmed_at, device.last_used_step = clock.now(), step
    device.save(update_fields=["confirmed_at", "last_used_step"])
    _audit(user, acting_user, EventType.TWO_FACTOR_ENABLED)
    return _new_recovery_codes(user)


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash_code(c)) for c in codes)
    return codes


@transaction.atomic
def recovery_codes_generate(*, acting_user, user: User) -> list[str]:
    if not TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
        raise Conflict("Set up two-factor authentication first.")
    codes = _new_recovery_codes(user)
    _audit(user, acting_user, EventType.RECOVERY_CODES_GENERATED)
    return codes


@transaction.atomic
def two_factor_verify(*, user: User, code: str, ip_address: str | None = None) -> bool:
    """Check a TOTP code (each usable once) or an unused recovery code. Failures are recorded."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = _matching_step(device, code)
    if step is not None and step > device.last_used_step:
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
        return True
    recovery = RecoveryCode.objects.select_for_update().filter(user=user, code_hash=_hash_code(code),
                                                               used_at__isnull=True).first()
    if recovery is not None:
        recovery.used_at = clock.now()
        recovery.save(update_fields=["used_at"])
        _audit(user, user, EventType.RECOVERY_CODE_USED)
        return True
    SignInAttempt.objects.create(email=user.email, ip_address=ip_address, at=clock.now(), succeeded=False)
    _audit(user, None, EventType.TWO_FACTOR_FAILED, data={"ip_address": ip_address})
    return False


@transaction.atomic
def two_factor_reset(*, acting_user, user: User) -> None:
    """For a person who lost their phone and codes: the Clerk clears it; they set it up again."""
    if acting_user is not None and acting_user.pk == user.pk:
        raise Conflict("Ask another Clerk or the host to reset your own two-factor authentication.")
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    _audit(user, acting_user, EventType.TWO_FACTOR_RESET)
