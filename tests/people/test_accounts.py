"""Sign-in accounts: Argon2, set-password links, TOTP with recovery codes, throttling."""

from __future__ import annotations

import pyotp
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import identify_hasher

from herald.core.errors import Conflict, ValidationFailed
from herald.people.models import RecoveryCode, SignInAttempt, TotpDevice
from herald.people.services import (
    account_create,
    password_set,
    recovery_codes_generate,
    representative_create,
    sign_in_record,
    two_factor_begin,
    two_factor_confirm,
    two_factor_reset,
    two_factor_verify,
)
from herald.people.services.accounts import sign_in_locked
from herald.records.events import EventType
from herald.records.models import AuditEvent


def test_passwords_are_argon2(people):
    assert identify_hasher(people.clerk.user.password).algorithm == "argon2"


def test_production_settings_use_argon2_only():
    from herald import settings as herald_settings

    assert herald_settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_account_creation_gives_a_one_time_link(people):
    rep = representative_create(acting_user=people.clerk.user, council=people.council, name="New", kind="member",
                                roles=["member"], official_email="new@stalbridgetowncouncil.gov.uk")
    user, link = account_create(acting_user=people.clerk.user, representative=rep)
    assert link.startswith(django_settings.HERALD_BASE_URL + "/account/set-password/")
    assert not user.has_usable_password()
    with pytest.raises(Conflict):
        account_create(acting_user=people.clerk.user, representative=rep)


@pytest.mark.parametrize("password, confirm, message", [
    ("short", "short", "too short"),
    ("password12345", "password12345", "too common"),
    ("a-long-enough-passphrase", "a-different-passphrase", "do not match"),
])
def test_weak_or_mismatched_passwords_are_refused(people, password, confirm, message):
    before = people.member.user.password
    with pytest.raises(ValidationFailed, match=message):
        password_set(acting_user=people.member.user, user=people.member.user, password=password, confirm=confirm)
    people.member.user.refresh_from_db()
    assert people.member.user.password == before


def _set_up_totp(user):
    device = two_factor_begin(acting_user=user, user=user)
    codes = two_factor_confirm(acting_user=user, user=user, code=pyotp.TOTP(device.secret).now())
    device.refresh_from_db()
    return device, codes


def test_totp_setup_needs_a_right_code(people):
    user = people.clerk.user
    device = two_factor_begin(acting_user=user, user=user)
    with pytest.raises(ValidationFailed, match="not right"):
        two_factor_confirm(acting_user=user, user=user, code="000000" if pyotp.TOTP(device.secret).now() != "000000" else "111111")
    device.refresh_from_db()
    assert device.confirmed_at is None
    assert two_factor_begin(acting_user=user, user=user).secret == device.secret  # same device until confirmed


def test_totp_codes_work_once_and_wrong_codes_are_recorded(people):
    user = people.clerk.user
    device, codes = _set_up_totp(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    totp = pyotp.TOTP(device.secret)
    # The code used to confirm the device cannot be replayed.
    assert not two_factor_verify(user=user, code=totp.now())
    assert AuditEvent.objects.filter(event_type=EventType.TWO_FACTOR_FAILED).count() == 1
    assert not two_factor_verify(user=user, code="12345")
    assert not two_factor_verify(user=user, code="not a code at all")


def test_recovery_codes_work_once(people):
    user = people.chair.user
    _device, codes = _set_up_totp(user)
    assert two_factor_verify(user=user, code=codes[0].upper())
    assert not two_factor_verify(user=user, code=codes[0])
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == 9
    new_codes = recovery_codes_generate(acting_user=user, user=user)
    assert not two_factor_verify(user=user, code=codes[1])
    assert two_factor_verify(user=user, code=new_codes[1])


def test_two_factor_reset_by_another_clerk(people):
    user = people.chair.user
    _set_up_totp(user)
    with pytest.raises(Conflict):
        two_factor_reset(acting_user=user, user=user)
    two_factor_reset(acting_user=people.clerk.user, user=user)
    assert not TotpDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()


def test_lock_out_after_repeated_failures(people, settings):
    settings.HERALD_LOGIN_MAX_FAILURES = 3
    email = people.member.user.email
    for _ in range(2):
        sign_in_record(email=email, ip_address="127.0.0.1", succeeded=False)
    assert not sign_in_locked(email=email)
    sign_in_record(email=email.upper(), ip_address="127.0.0.1", succeeded=False)
    assert sign_in_locked(email=email)
    assert SignInAttempt.objects.filter(email=email).count() == 3


def test_one_address_trying_many_emails_is_locked_out(people, settings):
    settings.HERALD_LOGIN_MAX_FAILURES = 2
    for n in range(20):
        sign_in_record(email=f"guess{n}@example.org", ip_address="203.0.113.9", succeeded=False)
    assert sign_in_locked(email="new@example.org", ip_address="203.0.113.9")
    assert not sign_in_locked(email="new@example.org", ip_address="198.51.100.1")
